from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestOversell(JxcAlertCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = new_test_user(
            cls.env,
            "jxc_sales_mgr",
            groups="sales_team.group_sale_manager",
            name="Sales Manager",
        )

    def setUp(self):
        super().setUp()
        self.set_stock(self.product, 5)

    def make_order(self, qty, user=None, product=None, commitment_date=None):
        order = (
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "warehouse_id": self.warehouse.id,
                    "commitment_date": commitment_date,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": (product or self.product).id,
                                "product_uom_qty": qty,
                            }
                        )
                    ],
                }
            )
        )
        return order

    def test_policy_off_confirms(self):
        self.assertEqual(self.company.jxc_oversell_policy, "off")
        order = self.make_order(8)
        self.assertIs(order.action_confirm(), True)
        self.assertEqual(order.state, "sale")

    def test_enough_stock_confirms_whatever_the_policy(self):
        self.company.jxc_oversell_policy = "block"
        order = self.make_order(5)
        self.assertIs(order.action_confirm(), True)
        self.assertEqual(order.state, "sale")

    def test_warn_shows_missing_then_confirms_anyway(self):
        self.company.jxc_oversell_policy = "warn"
        order = self.make_order(8)
        action = order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(action["res_model"], "jxc.oversell.wizard")
        wizard = self.env["jxc.oversell.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.mode, "warn")
        self.assertRecordValues(
            wizard.line_ids,
            [
                {
                    "product_id": self.product.id,
                    "demand_qty": 8,
                    "available_qty": 5,
                    "missing_qty": 3,
                }
            ],
        )
        wizard.with_user(self.salesman).action_confirm_anyway()
        self.assertEqual(order.state, "sale")
        self.assertIn(
            "Confirmed despite the overselling warning", order.message_ids[0].body
        )
        alert = self.alerts(self.product, "oversell")
        self.assertEqual(alert.sale_order_id, order)
        self.assertEqual(alert.qty_forecast, -3)
        # the acknowledged warning is on record in the audit log
        self.assertRecordValues(
            self.override_logs(order),
            [
                {
                    "user_id": self.salesman.id,
                    "kind": "override",
                    "record_name": order.name,
                    "old_value": "Widget: 3.0 missing",
                    "new_value": "Confirmed despite the overselling warning.",
                    "reason": False,
                    "company_id": self.company.id,
                }
            ],
        )

    def override_logs(self, order):
        return self.env["jxc.audit.log"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )

    def test_block_refuses_salesman_with_the_lines(self):
        self.company.jxc_oversell_policy = "block"
        order = self.make_order(8)
        with self.assertRaisesRegex(
            UserError, r"Widget: 8.0 ordered, 5.0 available, 3.0 missing"
        ):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.alerts(self.product, "oversell"))

    def test_block_manager_override_needs_reason_logged(self):
        self.company.jxc_oversell_policy = "block"
        order = self.make_order(8, user=self.sales_manager)
        action = order.action_confirm()
        self.assertEqual(order.state, "draft")
        wizard = (
            self.env["jxc.oversell.wizard"]
            .with_user(self.sales_manager)
            .browse(action["res_id"])
        )
        self.assertEqual(wizard.mode, "block")
        with self.assertRaisesRegex(UserError, "Give the reason"):
            wizard.action_confirm_anyway()
        # a salesman cannot use the manager's wizard to get past the block
        with self.assertRaisesRegex(UserError, "Only a sales manager"):
            wizard.with_user(self.salesman).action_confirm_anyway()
        wizard.reason = "Key account, goods arrive tomorrow"
        wizard.action_confirm_anyway()
        self.assertEqual(order.state, "sale")
        body = order.message_ids[0].body
        self.assertIn("Key account, goods arrive tomorrow", body)
        self.assertIn("3.0 missing", body)
        self.assertRecordValues(
            self.override_logs(order),
            [
                {
                    "user_id": self.sales_manager.id,
                    "kind": "override",
                    "old_value": "Widget: 3.0 missing",
                    "new_value": "Confirmed despite the overselling block.",
                    "reason": "Key account, goods arrive tomorrow",
                }
            ],
        )
        alert = self.alerts(self.product, "oversell", state="open")
        self.assertEqual(alert.sale_order_id, order)
        # the oversell alert stays open while the forecast is negative
        self.Alert._scan(self.company)
        self.assertEqual(alert.state, "open")
        self.set_stock(self.product, 3)
        self.Alert._scan(self.company)
        self.assertEqual(alert.state, "resolved")

    def test_system_flows_are_not_stopped(self):
        """The portal and online payment confirm in superuser mode."""
        self.company.jxc_oversell_policy = "block"
        order = self.make_order(8)
        self.assertIs(order.sudo().action_confirm(), True)
        self.assertEqual(order.state, "sale")

    def test_category_refines_company_policy(self):
        self.company.jxc_oversell_policy = "warn"
        self.categ.jxc_oversell_policy = "block"
        with self.assertRaises(UserError):
            self.make_order(8).action_confirm()
        self.company.jxc_oversell_policy = "block"
        self.categ.jxc_oversell_policy = "off"
        order = self.make_order(8)
        self.assertIs(order.action_confirm(), True)
        self.categ.jxc_oversell_policy = "company"
        with self.assertRaises(UserError):
            self.make_order(8).action_confirm()

    def test_available_to_promise_counts_every_open_commitment(self):
        self.set_stock(self.product, 5)  # 10 on hand
        self.warehouse.out_type_id.reservation_method = "manual"
        reserved = self.make_picking(self.product, 3)
        reserved.action_assign()
        self.assertEqual(reserved.state, "assigned")
        self.make_picking(self.product, 2)  # confirmed, due now
        later = fields.Datetime.now() + timedelta(days=30)
        # due after this order's commitment date: promised all the same
        self.make_picking(self.product, 4, date=later + timedelta(days=5))
        order = self.make_order(9, commitment_date=later)
        atp = self.product._jxc_available_to_promise(self.warehouse)[self.product]
        self.assertEqual(atp, 1.0)  # 10 - 3 reserved - 2 - 4 other deliveries
        self.assertEqual(order.order_line.jxc_atp_qty, 1.0)
        self.assertEqual(order.order_line.jxc_missing_qty, 8.0)
        self.company.jxc_oversell_policy = "warn"
        wizard = self.env["jxc.oversell.wizard"].browse(
            order.action_confirm()["res_id"]
        )
        self.assertRecordValues(
            wizard.line_ids, [{"available_qty": 1.0, "missing_qty": 8.0}]
        )

    def test_salesman_sees_availability_not_costs(self):
        order = self.make_order(2)
        line = order.order_line.with_user(self.salesman)
        self.assertEqual(line.jxc_atp_qty, 5.0)
        for model in ("jxc.oversell.wizard", "jxc.oversell.wizard.line"):
            fields_ = self.env[model]._fields.values()
            self.assertFalse(
                [
                    f.name
                    for f in fields_
                    if f.type == "monetary" or "price" in f.name or "cost" in f.name
                ]
            )
        with self.assertRaises(AccessError):
            self.env["jxc.replenish.wizard.line"].with_user(self.salesman).search([])
        self.assertFalse(self.Alert.with_user(self.salesman).has_access("read"))
