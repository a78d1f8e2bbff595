from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools import switches
from .posting_common import PostingCommon

# every context key that used to switch one of jxc's controls off
CLIENT_SWITCHES = {
    "jxc_skip_entries": True,
    "jxc_posting_off": True,
    "jxc_skip_alert_scan": True,
}


@tagged("post_install", "-at_install")
class TestNoContextBypass(PostingCommon, HttpCase):
    """A switch that skips a control is never read from the context a client
    sends: a stock user who adds the old keys to his JSON-RPC request still
    gets the journal entry, the posted layer and the alert scan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_user = new_test_user(
            cls.env,
            "jxc_rpc_wh",
            groups="stock.group_stock_user",
            name="RPC Warehouse User",
        )
        cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": cls.product.id,
                "warehouse_id": cls.warehouse.id,
                "location_id": cls.stock_location.id,
                "product_min_qty": 100.0,
                "product_max_qty": 200.0,
                "trigger": "manual",
            }
        )

    def _receipt(self, qty, price):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.supplier_location.id,
                "location_dest_id": self.stock_location.id,
                "partner_id": self.partner.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.product.name,
                            "product_id": self.product.id,
                            "product_uom_qty": qty,
                            "product_uom": self.product.uom_id.id,
                            "location_id": self.supplier_location.id,
                            "location_dest_id": self.stock_location.id,
                            "price_unit": price,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.write({"quantity": qty, "picked": True})
        return picking

    def _alerts(self):
        return self.env["jxc.stock.alert"].search(
            [
                ("product_id", "=", self.product.id),
                ("kind", "=", "below_min"),
                ("state", "!=", "resolved"),
            ]
        )

    def test_rpc_context_keys_are_ignored(self):
        self.assertEqual(self.default_rule("receipt").grouping, "per_move")
        picking = self._receipt(10, 5.0)
        self.authenticate("jxc_rpc_wh", "jxc_rpc_wh")
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "stock.picking",
                "method": "button_validate",
                "args": [picking.ids],
                "kwargs": {"context": CLIENT_SWITCHES},
            },
        )
        self.assertIs(result, True)
        picking.invalidate_recordset()
        self.assertEqual(picking.state, "done")
        layer = self.layers(picking)
        self.assertEqual(layer.value, 50.0)
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(layer.jxc_link_ids.account_move_id, layer.account_move_id)
        self.assertEqual(layer.account_move_id.state, "posted")
        self.assertEqual(self.balance(self.stock_account), 50.0)
        self.assertEqual(self.balance(self.input_account), -50.0)
        # the scan after the validation ran: 10 in stock, minimum 100
        self.assertEqual(len(self._alerts()), 1)

    def test_with_context_from_user_is_ignored(self):
        picking = self._receipt(4, 2.5)
        picking.with_user(self.stock_user).with_context(
            **CLIENT_SWITCHES
        ).button_validate()
        layer = self.layers(picking)
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 10.0)
        self.assertEqual(len(self._alerts()), 1)

    def test_server_switches_still_work(self):
        """Server code keeps its switches: the alert scan off for a back-dated
        import, Odoo's own posting for the benchmark's baseline."""
        picking = self._receipt(4, 2.5)
        with (
            switches.switched_off(self.env, switches.ALERT_SCAN),
            switches.switched_off(self.env, switches.POSTING),
        ):
            picking.button_validate()
        self.assertFalse(switches.is_off(self.env, switches.ALERT_SCAN))
        layer = self.layers(picking)
        # Odoo's own entry, no jxc link, no alert
        self.assertEqual(layer.account_move_id.state, "posted")
        self.assertFalse(layer.jxc_link_ids)
        self.assertEqual(self.balance(self.stock_account), 10.0)
        self.assertFalse(self._alerts())
