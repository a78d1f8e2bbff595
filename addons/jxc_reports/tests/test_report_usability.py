import io
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import JxcReportsCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestReportUsability(JxcReportsCommon):
    """Period shortcuts, files named after their period, and totals that are
    the same on screen (the list's footer), in the PDF and in the XLSX."""

    def test_period_shortcuts(self):
        """2026-05-01 00:30 in Shanghai is still 30 April in UTC: the periods
        follow the company's calendar. The default is last month, whole."""
        self.company.partner_id.tz = "Asia/Shanghai"
        with freeze_time(datetime(2026, 4, 30, 16, 30)):
            form = Form(self.env["jxc.stock.summary.wizard"])
            self.assertEqual(form.period, "last_month")
            self.assertEqual(
                (form.date_from, form.date_to), (date(2026, 4, 1), date(2026, 4, 30))
            )
            for period, dates in [
                ("this_month", (date(2026, 5, 1), date(2026, 5, 1))),
                ("this_quarter", (date(2026, 4, 1), date(2026, 5, 1))),
                ("this_year", (date(2026, 1, 1), date(2026, 5, 1))),
                ("last_month", (date(2026, 4, 1), date(2026, 4, 30))),
            ]:
                form.period = period
                self.assertEqual((form.date_from, form.date_to), dates, period)
            form.date_from = date(2026, 4, 2)
            self.assertEqual(form.period, "custom")
            wizard = form.save()
        self.assertEqual(wizard.date_from, date(2026, 4, 2))
        # the turnover, margin and card wizards have the same shortcuts
        with freeze_time(datetime(2026, 2, 10, 4)):
            margin = Form(self.env["jxc.gross.margin.wizard"])
            margin.period = "this_quarter"
            self.assertEqual(
                (margin.date_from, margin.date_to),
                (date(2026, 1, 1), date(2026, 2, 10)),
            )

    def test_file_named_after_period(self):
        wizard = self._jxc_summary(date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(
            wizard._jxc_file_name("xlsx"), "Stock Movement Summary-2026-02.xlsx"
        )
        wizard.date_to = date(2026, 2, 15)
        self.assertEqual(
            wizard._jxc_file_name("pdf"),
            "Stock Movement Summary-20260201-20260215.pdf",
        )
        aging = self.env["jxc.stock.aging.wizard"].create({"date": date(2026, 3, 1)})
        self.assertEqual(aging._jxc_file_name("pdf"), "Stock Aging-20260301.pdf")

    def test_totals_equal_on_screen_pdf_and_xlsx(self):
        """February by warehouse, 2 rows a page (the PDF's last page carries
        the grand total): the footer of the list (a sum over every line of the
        report, as the list view asks the server), the PDF's total row and the
        XLSX's total row agree, on every summed column."""
        wizard = self._jxc_summary(
            date(2026, 2, 1), date(2026, 2, 28), group_by="warehouse"
        )
        with patch.object(type(wizard), "_jxc_pdf_page_rows", 2):
            table = wizard._jxc_table(pdf=True)
            pages = wizard._jxc_pdf_pages(table)
        self.assertEqual(len(pages), 2)
        pdf_totals = {
            column["name"]: pages[-1]["carried"][index]
            for index, column in enumerate(table["columns"])
            if column["total"]
        }
        self.assertEqual(pdf_totals["closing_value"], 348)
        self.assertEqual(pdf_totals["closing_qty"], 33)
        lines = self.env["jxc.stock.summary.line"]
        names = list(pdf_totals)
        [screen] = lines._read_group(
            [("wizard_id", "=", wizard.id)], [], [f"{name}:sum" for name in names]
        )
        self.assertEqual(dict(zip(names, screen, strict=True)), pdf_totals)
        self.assertTrue(openpyxl, "openpyxl is needed to read the XLSX back")
        _name, content = wizard._jxc_render("xlsx")
        rows = list(
            openpyxl.load_workbook(io.BytesIO(content))
            .worksheets[0]
            .iter_rows(values_only=True)
        )
        header_index = next(
            i for i, row in enumerate(rows) if row and "Closing Qty" in row
        )
        labels = {
            column["label"]: column["name"]
            for column in wizard._jxc_columns()
            if column["total"]
        }
        xlsx_totals = {
            labels[label]: rows[-1][index]
            for index, label in enumerate(rows[header_index])
            if label in labels
        }
        self.assertEqual(rows[-1][0], "Total")
        for name, total in pdf_totals.items():
            self.assertAlmostEqual(xlsx_totals[name], total, places=6, msg=name)

    def test_stock_card_carries_balance_over_pages(self):
        """B in WH1 for January-February, 2 rows a page: opening (0), +10 (50)
        | +10 (130), -15 (40) | closing. Page 2 brings forward the balance of
        page 1 (10 units, 50) and carries its own (5 units, 40)."""
        wizard = self.env["jxc.stock.card.wizard"].create(
            {
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 2, 28),
                "product_id": self.product_b.id,
                "warehouse_id": self.wh1.id,
            }
        )
        wizard._jxc_refresh()
        with patch.object(type(wizard), "_jxc_pdf_page_rows", 2):
            table = wizard._jxc_table(pdf=True)
            pages = wizard._jxc_pdf_pages(table)
            html = (
                self.env["ir.actions.report"]
                ._render_qweb_html(wizard._jxc_pdf_report, wizard.ids)[0]
                .decode()
            )
        col = {c["name"]: i for i, c in enumerate(table["columns"])}
        self.assertEqual(len(pages), 3)
        second = pages[1]

        def pick(values):
            return [
                values[col[name]]
                for name in ("in_qty", "in_value", "balance_qty", "balance_value")
            ]

        self.assertEqual(pick(second["brought"]), [10, 50, 10, 50])
        self.assertEqual(pick(second["carried"]), [20, 130, 5, 40])
        self.assertEqual(second["carried"][col["out_value"]], 90)
        # the balance is no sum: no page total under it
        self.assertIsNone(second["page_totals"][col["balance_qty"]])
        self.assertEqual(html.count("Brought Forward"), 2)
        self.assertEqual(html.count("Carried Forward"), 2)
        self.assertEqual(html.count("Page 2 of 3"), 2)  # header and footer
