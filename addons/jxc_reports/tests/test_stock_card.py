from datetime import date, datetime

from odoo.tests import tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestStockCard(JxcReportsCommon):
    def _card(self, product, date_from, date_to, warehouse=None):
        wizard = self.env["jxc.stock.card.wizard"].create(
            {
                "product_id": product.id,
                "warehouse_id": warehouse.id if warehouse else False,
                "date_from": date_from,
                "date_to": date_to,
            }
        )
        wizard._jxc_refresh()
        return wizard.line_ids

    def _rows(self, lines):
        return [
            (
                line.kind, line.in_qty, line.out_qty, line.in_value, line.out_value,
                line.balance_qty, line.balance_value,
            )
            for line in lines
        ]  # fmt: skip

    def test_card_product_a_wh1_february(self):
        lines = self._card(
            self.product_a, date(2026, 2, 1), date(2026, 2, 28), self.wh1
        )
        self.assertEqual(
            self._rows(lines),
            [
                ("opening", 0, 0, 0, 0, 30, 330),
                ("customer_return", 2, 0, 22, 0, 32, 352),
                ("vendor_return", 0, 4, 0, 44, 28, 308),
                ("transfer_out", 0, 10, 0, 110, 18, 198),
                ("inventory_gain", 3, 0, 33, 0, 21, 231),
                ("closing", 0, 0, 0, 0, 21, 231),
            ],
        )
        self.assertEqual(lines[1].date, datetime(2026, 2, 3, 12))

    def test_card_company_wide_with_partner(self):
        lines = self._card(self.product_a, date(2026, 1, 1), date(2026, 1, 31))
        self.assertEqual(
            self._rows(lines),
            [
                ("opening", 0, 0, 0, 0, 0, 0),
                ("purchase", 24, 0, 240, 0, 24, 240),
                ("purchase", 12, 0, 156, 0, 36, 396),
                ("sale", 0, 6, 0, 66, 30, 330),
                ("closing", 0, 0, 0, 0, 30, 330),
            ],
        )
        self.assertEqual(lines[1].partner_id, self.vendor)
        self.assertEqual(lines[1].reference, self.po_moves.picking_id.name)
        self.assertEqual(lines[3].partner_id, self.customer)
        # the transfer WH1 -> WH2 nets to nothing for the company
        feb = self._card(self.product_a, date(2026, 2, 1), date(2026, 2, 28))
        transfer = feb.filtered(lambda r: r.kind in ("transfer_in", "transfer_out"))
        self.assertEqual(self._rows(transfer)[0][1:5], (0, 0, 0, 0))
        self.assertEqual(feb[-1].balance_qty, 28)
        self.assertEqual(feb[-1].balance_value, 308)
