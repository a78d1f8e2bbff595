from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingFlows(PostingCommon):
    """Every kind of operation, exact balances, whatever the grouping."""

    def _flow(self, grouping):
        self.categ.property_cost_method = "average"
        rules = self.Rule.search([("company_id", "=", self.company.id)])
        rules.grouping = grouping
        self.default_rule("inventory_loss").debit_account_id = self.loss_account
        self.default_rule("inventory_gain").credit_account_id = self.loss_account
        p = self.product
        receipts = self.picking("in", [(p, 10, 5.0)]) | self.picking(
            "in", [(p, 10, 7.0)]
        )
        delivery = self.picking("out", [(p, 5, 0.0)])
        customer_return = self.picking("customer_return", [(p, 1, 0.0)])
        vendor_return = self.picking("vendor_return", [(p, 2, 0.0)])
        scrap = self.scrap(p, 1)
        loss = self.set_quantity(p, 12)
        gain = self.set_quantity(p, 14)
        kinds = {
            "receipt": receipts,
            "delivery": delivery,
            "customer_return": customer_return,
            "vendor_return": vendor_return,
        }
        for kind, pickings in kinds.items():
            self.assertEqual(
                set(self.layers(pickings).mapped("jxc_operation_kind")), {kind}
            )
        self.assertEqual(
            scrap.move_ids.stock_valuation_layer_ids.jxc_operation_kind, "scrap"
        )
        self.assertEqual(
            loss.stock_valuation_layer_ids.jxc_operation_kind, "inventory_loss"
        )
        self.assertEqual(
            gain.stock_valuation_layer_ids.jxc_operation_kind, "inventory_gain"
        )
        with freeze_time(fields.Date.add(self.today(), days=1)):
            self.run_cron()
        layers = self.Layer.search([("product_id", "=", p.id)])
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(scrap.jxc_posting_state, "posted")
        self.assertEqual(p.qty_available, 14)
        self.assertEqual(p.value_svl, 84.0)
        self.assertEqual(self.balance(self.stock_account), 84.0)
        self.assertEqual(self.balance(self.input_account), -120.0 + 12.0)
        self.assertEqual(self.balance(self.output_account), 30.0 - 6.0 + 6.0)
        self.assertEqual(self.balance(self.loss_account), 6.0 - 12.0)
        return layers

    def test_flow_per_move(self):
        layers = self._flow("per_move")
        self.assertEqual(len(layers.account_move_id), len(layers))

    def test_flow_per_picking(self):
        layers = self._flow("per_picking")
        # one voucher per document; inventory moves have none: one per move
        self.assertEqual(len(layers.account_move_id), 8)

    def test_flow_per_day(self):
        layers = self._flow("per_day")
        self.assertEqual(len(layers.account_move_id), 7, "one per rule")

    def test_standard_cost_and_price_change(self):
        self.categ.property_cost_method = "standard"
        self.product.standard_price = 4.0
        self.default_rule("receipt").grouping = "per_picking"
        self.default_rule("delivery").grouping = "per_day"
        self.picking("in", [(self.product, 10, 9.0)])
        self.picking("out", [(self.product, 3, 0.0)])
        self.run_cron()
        self.assertEqual(self.balance(self.stock_account), 40.0)
        self.assertEqual(self.balance(self.input_account), -40.0)
        with freeze_time(fields.Date.add(self.today(), days=1)):
            self.run_cron()
        self.assertEqual(self.balance(self.stock_account), 28.0)
        self.assertEqual(self.balance(self.output_account), 12.0)
        self.product.standard_price = 5.0  # Odoo's own revaluation entry
        self.assertEqual(self.balance(self.stock_account), 35.0)
        self.assertEqual(self.product.value_svl, 35.0)

    def test_exactly_once_even_if_a_second_server_takes_the_layer(self):
        self.default_rule("receipt").grouping = "per_picking"
        picking = self.picking("in", [(self.product, 4, 2.5)])
        self.run_cron()
        layer = self.layers(picking)
        voucher = layer.account_move_id
        self.assertEqual(len(voucher), 1)
        # a second server that missed the lock sees the layer as queued again
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_valuation_layer SET jxc_posting_state = 'to_post',"
            " account_move_id = NULL WHERE id = %s",
            [layer.id],
        )
        layer.invalidate_recordset()
        self.run_cron()
        self.assertEqual(len(layer.jxc_link_ids), 1)
        self.assertEqual(layer.jxc_link_ids.account_move_id, voucher)
        self.assertEqual(layer.account_move_id, voucher)
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 10.0)
        self.assertEqual(
            self.env["account.move"].search_count(
                [("stock_valuation_layer_ids", "in", layer.ids)]
            ),
            1,
            "no second voucher",
        )

    def test_queue_query_skips_locked_layers(self):
        query = self.Layer._jxc_queue_query(10)
        self.assertIn("SKIP LOCKED", query.code)

    def test_preview(self):
        picking = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        rule = self.default_rule("receipt")
        rule.write(
            {"grouping": "per_picking", "credit_account_id": self.other_account.id}
        )
        preview = self.env["jxc.posting.rule.preview"].create(
            {"rule_id": rule.id, "picking_id": picking.id}
        )
        preview.action_preview()
        credit = preview.line_ids.filtered(lambda x: x.account_id == self.other_account)
        self.assertEqual(sum(credit.mapped("credit")), 56.0)
        self.assertEqual(len(preview.line_ids), 4)
        # nothing changed on the layers
        self.assertEqual(len(self.layers(picking).account_move_id), 2)
        self.assertEqual(self.layers(picking).jxc_posting_rule_id, rule)
