import io
from datetime import date, datetime

import openpyxl

from odoo.tests import new_test_user, tagged

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


@tagged("post_install", "-at_install")
class TestStockCardTimeZone(JxcReportsCommon):
    """Times are stored in UTC; a user in Shanghai (UTC+8) reads them in
    Shanghai on screen, on paper and in Excel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_cn = new_test_user(
            cls.env,
            "jxc_reports_shanghai",
            groups="account.group_account_readonly,stock.group_stock_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
            tz="Asia/Shanghai",
        )
        # 20:00 UTC on 25 February is 04:00 on 26 February in Shanghai
        cls._jxc_move(
            cls.product_a,
            cls.supplier_loc,
            cls.stock1,
            5,
            datetime(2026, 2, 25, 20),
            price_unit=11.0,
        )

    def _card(self):
        wizard = (
            self.env["jxc.stock.card.wizard"]
            .with_user(self.user_cn)
            .with_context(tz=None)
            .create(
                {
                    "product_id": self.product_a.id,
                    "warehouse_id": self.wh1.id,
                    "date_from": date(2026, 2, 20),
                    "date_to": date(2026, 2, 28),
                }
            )
        )
        wizard._jxc_refresh()
        return wizard

    def test_printed_date_is_the_users_next_day(self):
        wizard = self._card()
        line = wizard.line_ids.filtered(lambda r: r.kind == "purchase")
        self.assertEqual(line.date, datetime(2026, 2, 25, 20))  # stored in UTC
        # on screen: the list groups (and the web client shows) local days
        groups = (
            self.env["jxc.stock.card.line"]
            .with_user(self.user_cn)
            .with_context(tz="Asia/Shanghai")
            ._read_group(
                [("wizard_id", "=", wizard.id), ("kind", "=", "purchase")],
                ["date:day"],
                ["in_qty:sum"],
            )
        )
        self.assertEqual(
            [(day.date(), qty) for day, qty in groups], [(date(2026, 2, 26), 5)]
        )
        # PDF
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_cn)
            ._render_qweb_html("jxc_reports.action_report_jxc_stock_card", wizard.ids)
        )
        self.assertIn("2026-02-26 04:00", html.decode())
        self.assertNotIn("2026-02-25 20:00", html.decode())
        # XLSX
        _name, content = wizard._jxc_render("xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        rows = list(sheet.iter_rows())
        kind_col = next(
            cell.column for row in rows for cell in row if cell.value == "Kind"
        )
        dates = [
            row[0] for row in rows if row[kind_col - 1].value == "Purchase Receipt"
        ]
        self.assertEqual([c.value for c in dates], [datetime(2026, 2, 26, 4)])
        self.assertEqual(dates[0].number_format, "yyyy-mm-dd hh:mm")
