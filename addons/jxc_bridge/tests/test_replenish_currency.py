from odoo.tests import Form, tagged

from .common import foreign_currency
from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestReplenishCurrency(JxcAlertCommon):
    """Vendor prices in another currency than the company's reach the RFQ the
    way Odoo's own replenishment puts them there: the RFQ is in the supplier
    info's currency, at the supplier info's price."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.foreign = foreign_currency(cls.env, cls.company)
        cls.third = cls.make_product("Sprocket")
        (cls.product | cls.other | cls.third).supplier_taxes_id = False
        Info = cls.env["product.supplierinfo"]
        Info.create(
            [
                {
                    "partner_id": cls.vendor.id,
                    "product_tmpl_id": cls.product.product_tmpl_id.id,
                    "price": 30.0,
                    "discount": 10.0,
                    "currency_id": cls.foreign.id,
                    "delay": 5,
                },
                {
                    "partner_id": cls.vendor.id,
                    "product_tmpl_id": cls.other.product_tmpl_id.id,
                    "price": 7.0,
                    "currency_id": cls.company.currency_id.id,
                    "delay": 5,
                },
            ]
        )
        cls.vendor_b.property_purchase_currency_id = cls.foreign
        for product in (cls.product, cls.other, cls.third):
            cls.make_rule(product, 10, 20)

    def setUp(self):
        super().setUp()
        for product in (self.product, self.other, self.third):
            self.set_stock(product, 5)
        self.scan()
        self.shortages = self.Alert.search([("state", "=", "open")])

    def wizard_form(self):
        return Form(
            self.env["jxc.replenish.wizard"].with_context(
                active_model="jxc.stock.alert", active_ids=self.shortages.ids
            )
        )

    def test_rfq_in_the_supplier_info_currency(self):
        wizard = self.wizard_form().save()
        lines = {line.product_id: line for line in wizard.line_ids}
        self.assertRecordValues(
            lines[self.product] | lines[self.other],
            [
                {
                    "partner_id": self.vendor.id,
                    "product_qty": 15.0,
                    "price_unit": 30.0,
                    "discount": 10.0,
                    "currency_id": self.foreign.id,
                },
                {
                    "partner_id": self.vendor.id,
                    "product_qty": 15.0,
                    "price_unit": 7.0,
                    "discount": 0.0,
                    "currency_id": self.company.currency_id.id,
                },
            ],
        )
        lines[self.third].unlink()  # no vendor
        orders = self.env["purchase.order"].search(
            wizard.action_create_rfqs()["domain"]
        )
        # one vendor, two currencies: two RFQs, as Odoo's replenishment makes them
        self.assertEqual(len(orders), 2)
        by_currency = {order.currency_id: order for order in orders}
        foreign = by_currency[self.foreign]
        self.assertEqual(foreign.partner_id, self.vendor)
        self.assertRecordValues(
            foreign.order_line,
            [
                {
                    "product_id": self.product.id,
                    "price_unit": 30.0,
                    "discount": 10.0,
                    "price_subtotal": 405.0,
                }
            ],
        )
        # 405 in the foreign currency = 202.50 in the company's
        self.assertAlmostEqual(foreign.amount_total_cc, 202.5)
        local = by_currency[self.company.currency_id]
        self.assertEqual(local.order_line.price_unit, 7.0)
        self.assertAlmostEqual(local.amount_total, 105.0)

    def test_another_vendor_brings_its_price_and_currency(self):
        form = self.wizard_form()
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                if line.product_id == self.product:
                    # no supplier info: the cost, in the vendor's purchase currency
                    line.partner_id = self.vendor_b
                    self.assertEqual(line.price_unit, 20.0)
                    self.assertEqual(line.currency_id, self.foreign)
                    self.assertEqual(line.discount, 0.0)
                elif line.product_id == self.third:
                    # no supplier info, no purchase currency: the company's
                    line.partner_id = self.vendor
                    self.assertEqual(line.price_unit, 10.0)
                    self.assertEqual(line.currency_id, self.company.currency_id)
                elif line.product_id == self.other:
                    # back to a vendor with supplier info: its price
                    line.partner_id = self.vendor_b
                    line.partner_id = self.vendor
                    self.assertEqual(line.price_unit, 7.0)
        wizard = form.save()
        orders = self.env["purchase.order"].search(
            wizard.action_create_rfqs()["domain"]
        )
        order_b = orders.filtered(lambda o: o.partner_id == self.vendor_b)
        self.assertEqual(order_b.currency_id, self.foreign)
        self.assertEqual(order_b.order_line.price_unit, 20.0)
        order_a = orders.filtered(lambda o: o.partner_id == self.vendor)
        self.assertEqual(order_a.currency_id, self.company.currency_id)
        self.assertEqual(sorted(order_a.order_line.mapped("price_unit")), [7.0, 10.0])
