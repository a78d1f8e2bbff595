from datetime import datetime

from odoo import Command
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.jxc_bridge.tests.common import done_move


class JxcReportsCommon(AccountTestInvoicingCommon):
    """A year of stock history, hand-computable (see the numbers in the tests).

    Product A (AVCO, category ``categ_avco``), product B (FIFO, ``categ_fifo``);
    warehouses WH1 (the company's) and WH2. Dates are moved back after each
    operation (moves and their valuation layers) to 12:00 UTC, 20:00 in the
    company's time zone, Asia/Shanghai: the same local day.

    2026-01-05  PO: 2 dozen A at 120/dozen into WH1        +24 A   +240
    2026-01-08  receipt 10 B at 5 into WH1                  +10 B   +50
    2026-01-10  receipt 12 A at 13 into WH1                 +12 A   +156  (avg 11)
    2026-01-15  SO delivery 6 A from WH1 (sold at 20)       -6 A    -66
    2026-02-03  customer return 2 A into WH1                +2 A    +22
    2026-02-05  vendor return 4 A from WH1                  -4 A    -44
    2026-02-08  receipt 10 B at 8 into WH1                  +10 B   +80
    2026-02-10  transfer 10 A WH1 -> WH2                    (no layer; 110 at avg 11)
    2026-02-12  scrap 1 A from WH2                          -1 A    -11
    2026-02-15  inventory count A in WH1 18 -> 21           +3 A    +33
    2026-02-18  delivery 15 B from WH1 (FIFO 10x5 + 5x8)    -15 B   -90
    2026-02-20  inventory count A in WH2 9 -> 7             -2 A    -22
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.wh1 = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.wh2 = cls.env["stock.warehouse"].create(
            {"name": "Second Warehouse", "code": "WH2", "company_id": cls.company.id}
        )
        cls.stock1 = cls.wh1.lot_stock_id
        cls.stock2 = cls.wh2.lot_stock_id
        cls.supplier_loc = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_loc = cls.env.ref("stock.stock_location_customers")
        cls.scrap_loc = cls.env["stock.location"].search(
            [
                ("scrap_location", "=", True),
                ("company_id", "in", [cls.company.id, False]),
            ],
            limit=1,
        )
        cls.categ_avco = cls.env["product.category"].create(
            {
                "name": "JXC AVCO",
                "property_cost_method": "average",
                "property_valuation": "manual_periodic",
            }
        )
        cls.categ_fifo = cls.env["product.category"].create(
            {
                "name": "JXC FIFO",
                "property_cost_method": "fifo",
                "property_valuation": "manual_periodic",
            }
        )
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_dozen = cls.env.ref("uom.product_uom_dozen")
        cls.product_a = cls._jxc_product("JXC 产品 A", cls.categ_avco)
        cls.product_b = cls._jxc_product("JXC Product B", cls.categ_fifo)
        cls.vendor = cls.env["res.partner"].create({"name": "供应商 Vendor"})
        cls.customer = cls.env["res.partner"].create({"name": "客户 Customer"})
        cls._jxc_history()

    @classmethod
    def _jxc_product(cls, name, categ):
        return cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "categ_id": categ.id,
                "uom_id": cls.uom_unit.id,
                "uom_po_id": cls.uom_dozen.id,
                "list_price": 20.0,
                "property_account_income_id": cls.company_data[
                    "default_account_revenue"
                ].id,
                "property_account_expense_id": cls.company_data[
                    "default_account_expense"
                ].id,
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )

    # ---------------------------------------------------------------- helpers
    @classmethod
    def _jxc_backdate(cls, moves, when):
        moves = moves.filtered(lambda m: m.state == "done")
        moves.write({"date": when})
        moves.move_line_ids.write({"date": when})
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE stock_valuation_layer SET create_date = %s "
                "WHERE stock_move_id IN %s",
                when,
                tuple(moves.ids),
            )
        )
        cls.env["stock.valuation.layer"].invalidate_model()

    @classmethod
    def _jxc_move(cls, product, src, dst, qty, when, price_unit=0.0, company=None):
        move = done_move(
            cls.env, product, qty, src, dst, price_unit, company or cls.company
        )
        cls._jxc_backdate(move, when)
        return move

    @classmethod
    def _jxc_count(cls, product, location, counted, when):
        quant = (
            cls.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": product.id,
                    "location_id": location.id,
                    "inventory_quantity": counted,
                }
            )
        )
        last = cls.env["stock.move"].search([], order="id desc", limit=1)
        quant.action_apply_inventory()
        moves = cls.env["stock.move"].search([("id", ">", last.id)])
        cls._jxc_backdate(moves, when)
        return moves

    @classmethod
    def _jxc_history(cls):
        a, b = cls.product_a, cls.product_b
        po = cls.env["purchase.order"].create(
            {
                "partner_id": cls.vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": a.id,
                            "product_qty": 2,
                            "product_uom": cls.uom_dozen.id,
                            "price_unit": 120.0,
                        }
                    )
                ],
            }
        )
        po.button_confirm()
        cls.po_moves = po.picking_ids.move_ids
        for move in cls.po_moves:
            move.quantity = move.product_uom_qty
            move.picked = True
        po.picking_ids._action_done()
        cls._jxc_backdate(cls.po_moves, datetime(2026, 1, 5, 12))
        cls._jxc_move(
            b, cls.supplier_loc, cls.stock1, 10, datetime(2026, 1, 8, 12), 5.0
        )
        cls._jxc_move(
            a, cls.supplier_loc, cls.stock1, 12, datetime(2026, 1, 10, 12), 13.0
        )
        cls.sale_order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.env.user.id,
                "warehouse_id": cls.wh1.id,
                "order_line": [
                    Command.create(
                        {"product_id": a.id, "product_uom_qty": 6, "price_unit": 20.0}
                    )
                ],
            }
        )
        cls.sale_order.action_confirm()
        cls.so_moves = cls.sale_order.picking_ids.move_ids
        for move in cls.so_moves:
            move.quantity = move.product_uom_qty
            move.picked = True
        cls.sale_order.picking_ids._action_done()
        cls._jxc_backdate(cls.so_moves, datetime(2026, 1, 15, 12))
        cls.invoice = cls.sale_order._create_invoices()
        cls.invoice.invoice_date = "2026-01-20"
        cls.invoice.action_post()
        cls._jxc_move(a, cls.customer_loc, cls.stock1, 2, datetime(2026, 2, 3, 12))
        cls._jxc_move(a, cls.stock1, cls.supplier_loc, 4, datetime(2026, 2, 5, 12))
        cls._jxc_move(
            b, cls.supplier_loc, cls.stock1, 10, datetime(2026, 2, 8, 12), 8.0
        )
        cls._jxc_move(a, cls.stock1, cls.stock2, 10, datetime(2026, 2, 10, 12))
        cls._jxc_move(a, cls.stock2, cls.scrap_loc, 1, datetime(2026, 2, 12, 12))
        cls._jxc_count(a, cls.stock1, 21, datetime(2026, 2, 15, 12))
        cls._jxc_move(b, cls.stock1, cls.customer_loc, 15, datetime(2026, 2, 18, 12))
        cls._jxc_count(a, cls.stock2, 7, datetime(2026, 2, 20, 12))

    def _jxc_summary(self, date_from, date_to, **values):
        wizard = self.env["jxc.stock.summary.wizard"].create(
            {"date_from": date_from, "date_to": date_to, **values}
        )
        wizard._jxc_refresh()
        return wizard

    @staticmethod
    def _jxc_row(lines, product=None, warehouse=None):
        found = lines.filtered(
            lambda line: (
                (not product or line.product_id == product)
                and (not warehouse or line.warehouse_id == warehouse)
            )
        )
        assert len(found) == 1, f"{len(found)} rows for {product} {warehouse}"
        return found
