from datetime import timedelta

from odoo import Command, fields

from .common import JxcCommon


class JxcAlertCommon(JxcCommon):
    """A warehouse, storable products with reordering rules, a vendor, and
    helpers that move stock the way the warehouse does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Alert = cls.env["jxc.stock.alert"]
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.categ = cls.env["product.category"].create({"name": "JXC Test Goods"})
        cls.vendor = cls.env["res.partner"].create({"name": "Vendor A"})
        cls.vendor_b = cls.env["res.partner"].create({"name": "Vendor B"})
        cls.customer = cls.env["res.partner"].create({"name": "Customer"})
        cls.product = cls.make_product("Widget")
        cls.other = cls.make_product("Gadget")

    @classmethod
    def make_product(cls, name, **vals):
        return cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "categ_id": cls.categ.id,
                "standard_price": 10.0,
                **vals,
            }
        )

    @classmethod
    def make_rule(cls, product, min_qty, max_qty, safety=0.0, overstock=0.0, wh=None):
        wh = wh or cls.warehouse
        return cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": product.id,
                "warehouse_id": wh.id,
                "company_id": wh.company_id.id,
                "location_id": wh.lot_stock_id.id,
                "product_min_qty": min_qty,
                "product_max_qty": max_qty,
                "jxc_safety_qty": safety,
                "jxc_overstock_qty": overstock,
                "trigger": "manual",
            }
        )

    def set_stock(self, product, qty, location=None, in_date=None):
        location = location or self.stock
        self.env["stock.quant"]._update_available_quantity(
            product, location, qty, in_date=in_date
        )

    def make_picking(self, product, qty, outgoing=True, wh=None, date=None):
        wh = wh or self.warehouse
        picking_type = wh.out_type_id if outgoing else wh.in_type_id
        src, dst = (
            (wh.lot_stock_id, self.customers)
            if outgoing
            else (self.suppliers, wh.lot_stock_id)
        )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": self.customer.id,
                "location_id": src.id,
                "location_dest_id": dst.id,
                "scheduled_date": date or fields.Datetime.now(),
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": src.id,
                            "location_dest_id": dst.id,
                            "date": date or fields.Datetime.now(),
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        return picking

    def validate(self, picking):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def scan(self, company=None, products=None):
        company = company or self.company
        return self.Alert._scan(company, products.ids if products else None)

    def alerts(self, product, kind=None, state=None, wh=None):
        domain = [
            ("product_id", "=", product.id),
            ("warehouse_id", "=", (wh or self.warehouse).id),
        ]
        if kind:
            domain.append(("kind", "=", kind))
        if state == "open":
            domain.append(("state", "!=", "resolved"))
        elif state:
            domain.append(("state", "=", state))
        return self.Alert.search(domain)

    def days_ago(self, days):
        return fields.Datetime.now() - timedelta(days=days)
