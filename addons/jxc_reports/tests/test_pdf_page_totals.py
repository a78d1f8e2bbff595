from datetime import date
from unittest.mock import patch

from odoo.tests import tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestPdfPageTotals(JxcReportsCommon):
    """Long PDFs add up page by page: each page of the summary and the stock
    card ends with its page total and the running total (累计)."""

    def _html(self, wizard):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            wizard._jxc_pdf_report, wizard.ids
        )
        return html.decode()

    def test_summary_pages(self):
        """February by warehouse, 2 rows a page: A@WH1 (closing 21, 231),
        A@WH2 (7, 77) | B@WH1 (5, 40)."""
        wizard = self._jxc_summary(
            date(2026, 2, 1), date(2026, 2, 28), group_by="warehouse"
        )
        with patch.object(type(wizard), "_jxc_pdf_page_rows", 2):
            table = wizard._jxc_table(pdf=True)
            pages = wizard._jxc_pdf_pages(table)
            html = self._html(wizard)
        names = [c["name"] for c in table["columns"]]
        qty, value = names.index("closing_qty"), names.index("closing_value")
        self.assertEqual([len(p["rows"]) for p in pages], [2, 1])
        first, last = pages
        page_qty = sorted(row[qty] for row in first["rows"])
        self.assertEqual(first["page_totals"][qty], sum(page_qty))
        self.assertEqual(
            (first["running"][qty], first["running"][value]),
            (first["page_totals"][qty], first["page_totals"][value]),
        )
        self.assertEqual((last["running"][qty], last["running"][value]), (33, 348))
        self.assertEqual(first["page_totals"][value] + last["page_totals"][value], 348)
        self.assertIsNone(first["page_totals"][names.index("product_id")])
        self.assertEqual(html.count("Page Total"), 2)
        self.assertEqual(html.count("Carried Forward"), 1)
        self.assertIn("348.00", html)
        self.assertEqual(html.count("page-break-after: always"), 1)

    def test_stock_card_pages(self):
        """B in WH1 for January-February, 3 rows a page: opening, +10 (50),
        +10 (80) | -15 (90), closing: ins 20 (130) on page 1, out 15 (90) on
        page 2, running 20 in and 15 out."""
        wizard = self.env["jxc.stock.card.wizard"].create(
            {
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 2, 28),
                "product_id": self.product_b.id,
                "warehouse_id": self.wh1.id,
            }
        )
        wizard._jxc_refresh()
        with patch.object(type(wizard), "_jxc_pdf_page_rows", 3):
            table = wizard._jxc_table(pdf=True)
            pages = wizard._jxc_pdf_pages(table)
            html = self._html(wizard)
        names = [c["name"] for c in table["columns"]]
        col = {name: names.index(name) for name in names}
        totals = [
            [
                p[key][col[name]]
                for name in ("in_qty", "in_value", "out_qty", "out_value")
            ]
            for p in pages
            for key in ("page_totals", "running")
        ]
        self.assertEqual(
            totals,
            [[20, 130, 0, 0], [20, 130, 0, 0], [0, 0, 15, 90], [20, 130, 15, 90]],
        )
        # the balance is no sum: no page total under it
        self.assertIsNone(pages[0]["page_totals"][col["balance_qty"]])
        self.assertEqual(html.count("Page Total"), 2)

    def test_short_report_one_table(self):
        wizard = self._jxc_summary(date(2026, 2, 1), date(2026, 2, 28))
        html = self._html(wizard)
        self.assertNotIn("Page Total", html)
        self.assertNotIn("page-break-after: always", html)
        self.assertIn("Total", html)
