from odoo import Command, fields

from .common import JxcAccountCommon


class PostingCommon(JxcAccountCommon):
    """A company valued in real time with its own accounts and journal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.Valuation = cls.env["jxc.valuation"]
        cls.stock_account = cls.account("JXC1405", "Stock")
        cls.input_account = cls.account("JXC2202", "Stock Input", reconcile=True)
        cls.output_account = cls.account("JXC6401", "Stock Output", reconcile=True)
        cls.loss_account = cls.account("JXC1901", "Inventory Loss")
        cls.other_account = cls.account("JXC1406", "Goods in Transit")
        cls.journal = cls.env["account.journal"].create(
            {"name": "JXC Stock", "code": "JXCS", "type": "general"}
        )
        cls.categ = cls.env["product.category"].create(
            {
                "name": "JXC Goods",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": cls.stock_account.id,
                "property_stock_account_input_categ_id": cls.input_account.id,
                "property_stock_account_output_categ_id": cls.output_account.id,
                "property_stock_journal": cls.journal.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Tea", "is_storable": True, "categ_id": cls.categ.id}
        )
        cls.product2 = cls.env["product.product"].create(
            {"name": "Cup", "is_storable": True, "categ_id": cls.categ.id}
        )
        cls.partner = cls.env["res.partner"].create({"name": "Vendor Wang"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.supplier_location = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        cls.Rule = cls.env["jxc.posting.rule"]
        cls.Layer = cls.env["stock.valuation.layer"]

    @classmethod
    def account(cls, code, name, account_type="asset_current", reconcile=False):
        return cls.env["account.account"].create(
            {
                "code": code,
                "name": name,
                "account_type": account_type,
                "reconcile": reconcile,
            }
        )

    @classmethod
    def setup_vendor_bills(cls):
        """Anglo-saxon accounting, a purchase journal and a payable account, for
        tests that match vendor bills with the interim account."""
        cls.company.anglo_saxon_accounting = True
        cls.purchase_journal = cls.env["account.journal"].create(
            {"name": "JXC Purchases", "code": "JXCP", "type": "purchase"}
        )
        cls.payable = cls.account(
            "JXC2202P", "Payable", "liability_payable", reconcile=True
        )
        cls.partner.property_account_payable_id = cls.payable

    def receive(self, order):
        """Confirm the purchase ``order`` and validate its whole receipt."""
        order.button_confirm()
        picking = order.picking_ids
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
        return picking

    def drop_input_account(self):
        """Lose the category's stock input account (as a bad import would):
        Odoo's own constraint forbids doing it through the ORM."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE product_category SET property_stock_account_input_categ_id"
            " = jsonb_build_object(%s::text, NULL) WHERE id = %s",
            [self.company.id, self.categ.id],
        )
        self.categ.invalidate_recordset()

    def plant_ledger_differences(self):
        """Receipts of 10 x 5 and 2 x 3 (valuation 56), the first one's entry
        deleted (50 without entry) and a manual entry of 100 planted on the
        stock account (ledger 106). Returns the receipt and the manual entry."""
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        self.picking("in", [(self.product2, 2, 3.0)])
        entry = self.layers(receipt).account_move_id
        entry.button_draft()
        entry.unlink()
        manual = self.env["account.move"].create(
            {
                "journal_id": self.journal.id,
                "date": self.today(),
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.stock_account.id,
                            "balance": 100.0,
                            "product_id": self.product2.id,
                        }
                    ),
                    Command.create(
                        {"account_id": self.other_account.id, "balance": -100.0}
                    ),
                ],
            }
        )
        manual.action_post()
        return receipt, manual

    def default_rule(self, kind):
        return self.Rule.search(
            [
                ("company_id", "=", self.company.id),
                ("operation_kind", "=", kind),
                ("warehouse_id", "=", False),
                ("categ_id", "=", False),
            ]
        )

    def picking(self, kind, lines, partner=None):
        """Create and validate a transfer; ``lines`` is [(product, qty, price)].
        ``kind``: in, out, customer_return, vendor_return."""
        stock = self.stock_location
        picking_type, src, dest = {
            "in": (self.warehouse.in_type_id, self.supplier_location, stock),
            "out": (self.warehouse.out_type_id, stock, self.customer_location),
            "customer_return": (
                self.warehouse.in_type_id,
                self.customer_location,
                stock,
            ),
            "vendor_return": (
                self.warehouse.out_type_id,
                stock,
                self.supplier_location,
            ),
        }[kind]
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": src.id,
                "location_dest_id": dest.id,
                "partner_id": (partner or self.partner).id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": src.id,
                            "location_dest_id": dest.id,
                            "price_unit": price,
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def set_quantity(self, product, quantity):
        """Inventory adjustment of ``product`` in stock to ``quantity``."""
        quant = (
            self.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": product.id,
                    "location_id": self.stock_location.id,
                    "inventory_quantity": quantity,
                }
            )
        )
        quant.action_apply_inventory()
        return self.env["stock.move"].search(
            [("product_id", "=", product.id), ("is_inventory", "=", True)],
            order="id desc",
            limit=1,
        )

    def scrap(self, product, quantity):
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": product.id,
                "scrap_qty": quantity,
                "location_id": self.stock_location.id,
            }
        )
        scrap.action_validate()
        return scrap

    def balance(self, account, date=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if date:
            domain.append(("date", "<=", date))
        lines = self.env["account.move.line"].search(domain)
        return self.company.currency_id.round(sum(lines.mapped("balance")))

    def layers(self, picking):
        return picking.move_ids.stock_valuation_layer_ids

    def run_cron(self):
        return self.Layer._cron_jxc_post_queue()

    def today(self):
        """Today in the company's calendar."""
        return self.Valuation._today(self.company)

    def yesterday(self):
        return fields.Date.subtract(self.today(), days=1)
