from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestReplenishWizard(JxcAlertCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.third = cls.make_product("Sprocket")
        Info = cls.env["product.supplierinfo"]
        tmpl = cls.product.product_tmpl_id
        Info.create(
            [
                {
                    "partner_id": cls.vendor.id,
                    "product_tmpl_id": tmpl.id,
                    "min_qty": 12,
                    "price": 3.0,
                    "delay": 5,
                },
                {
                    "partner_id": cls.vendor.id,
                    "product_tmpl_id": tmpl.id,
                    "min_qty": 40,
                    "price": 2.5,
                    "delay": 5,
                },
                {
                    "partner_id": cls.vendor_b.id,
                    "product_tmpl_id": cls.other.product_tmpl_id.id,
                    "min_qty": 30,
                    "price": 7.5,
                    "delay": 10,
                },
                {
                    "partner_id": cls.vendor.id,
                    "product_tmpl_id": cls.third.product_tmpl_id.id,
                    "min_qty": 0,
                    "price": 1.25,
                    "delay": 3,
                },
            ]
        )
        cls.env["product.packaging"].create(
            {"name": "Box of 12", "product_id": cls.product.id, "qty": 12}
        )
        cls.make_rule(cls.product, 10, 50, safety=2)
        cls.make_rule(cls.other, 5, 20)
        cls.make_rule(cls.third, 4, 8)

    def setUp(self):
        super().setUp()
        self.set_stock(self.product, 4)
        self.set_stock(self.other, 1)
        self.set_stock(self.third, 1)
        self.scan()
        self.shortages = self.Alert.search([("state", "=", "open")])

    def wizard_form(self, records):
        return Form(
            self.env["jxc.replenish.wizard"].with_context(
                active_model=records._name, active_ids=records.ids
            )
        )

    def test_proposal_rounding_vendor_price_and_date(self):
        self.assertEqual(len(self.shortages), 3)
        wizard = self.wizard_form(self.shortages).save()
        lines = {line.product_id: line for line in wizard.line_ids}
        now = fields.Datetime.now()
        # 50 - 4 = 46, vendor minimum 40, box of 12: 48 at the price break 2.5
        self.assertRecordValues(
            lines[self.product],
            [
                {
                    "qty_forecast": 4,
                    "target_qty": 50,
                    "product_qty": 48,
                    "partner_id": self.vendor.id,
                    "price_unit": 2.5,
                }
            ],
        )
        # 20 - 1 = 19, raised to the vendor minimum of 30
        self.assertRecordValues(
            lines[self.other],
            [{"product_qty": 30, "partner_id": self.vendor_b.id, "price_unit": 7.5}],
        )
        self.assertRecordValues(
            lines[self.third],
            [{"product_qty": 7, "partner_id": self.vendor.id, "price_unit": 1.25}],
        )
        self.assertAlmostEqual(
            lines[self.other].date_planned,
            now + timedelta(days=10),
            delta=timedelta(minutes=1),
        )

    def test_create_rfqs_grouped_by_vendor_and_linked(self):
        form = self.wizard_form(self.shortages)
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                if line.product_id == self.third:
                    line.product_qty = 10  # the user adjusts a quantity
                    line.price_unit = 1.2
        wizard = form.save()
        action = wizard.action_create_rfqs()
        orders = self.env["purchase.order"].search(action["domain"])
        self.assertEqual(len(orders), 2)
        self.assertEqual(set(orders.mapped("state")), {"draft"})
        by_vendor = {order.partner_id: order for order in orders}
        order_a, order_b = by_vendor[self.vendor], by_vendor[self.vendor_b]
        self.assertEqual(
            sorted(
                (ln.product_id.name, ln.product_qty, ln.price_unit)
                for ln in order_a.order_line
            ),
            [("Sprocket", 10.0, 1.2), ("Widget", 48.0, 2.5)],
        )
        self.assertEqual(
            [
                (ln.product_id, ln.product_qty, ln.price_unit)
                for ln in order_b.order_line
            ],
            [(self.other, 30.0, 7.5)],
        )
        self.assertEqual(order_a.picking_type_id, self.warehouse.in_type_id)
        self.assertEqual(order_a.currency_id, self.company.currency_id)
        self.assertEqual(order_a.amount_untaxed, 10 * 1.2 + 48 * 2.5)
        alert = self.shortages.filtered(lambda a: a.product_id == self.product)
        self.assertEqual(alert.purchase_line_ids.order_id, order_a)
        self.assertEqual(alert.purchase_order_count, 1)
        self.assertEqual(
            self.env["purchase.order"].search(
                alert.action_view_purchase_orders()["domain"]
            ),
            order_a,
        )

    def test_from_products(self):
        wizard = self.wizard_form(self.product | self.other).save()
        self.assertEqual(wizard.line_ids.product_id, self.product | self.other)
        self.assertEqual(wizard.line_ids.warehouse_id, self.warehouse)
        self.assertFalse(wizard.line_ids.alert_ids)

    def test_invalid_input(self):
        overstock = self.Alert.create(
            {
                "product_id": self.product.id,
                "warehouse_id": self.warehouse.id,
                "kind": "overstock",
            }
        )
        with self.assertRaisesRegex(UserError, "Select open shortage alerts"):
            self.wizard_form(overstock)
        wizard = self.wizard_form(self.shortages).save()
        line = wizard.line_ids.filtered(lambda ln: ln.product_id == self.other)
        line.partner_id = False
        wizard.line_ids.filtered(lambda ln: ln.product_id == self.third).product_qty = 0
        with self.assertRaisesRegex(UserError, "Gadget has no vendor") as caught:
            wizard.action_create_rfqs()
        self.assertIn("Sprocket has no quantity to order", str(caught.exception))
        self.assertFalse(
            self.env["purchase.order"].search([("partner_id", "=", self.vendor.id)])
        )
        wizard.line_ids = False
        with self.assertRaisesRegex(UserError, "at least one product"):
            wizard.action_create_rfqs()

    def test_alert_form_opens_wizard(self):
        alert = self.shortages[:1]
        action = alert.action_open_replenish_wizard()
        self.assertEqual(action["res_model"], "jxc.replenish.wizard")
        self.assertEqual(action["context"]["active_ids"], alert.ids)
