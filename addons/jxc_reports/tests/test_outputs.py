import io
import os
import shutil
import subprocess
import tempfile
from datetime import date

from odoo.tests import tagged

from .common import JxcReportsCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestOutputs(JxcReportsCommon):
    def _summary_wizard(self):
        return self.env["jxc.stock.summary.wizard"].create(
            {
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 2, 28),
                "group_by": "warehouse",
            }
        )

    def _sheet(self, content):
        self.assertTrue(openpyxl, "openpyxl is needed to read the XLSX back")
        book = openpyxl.load_workbook(io.BytesIO(content))
        return book.worksheets[0]

    def test_xlsx_summary_read_back(self):
        wizard = self._summary_wizard()
        action = wizard.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].endswith("?download=true"))
        self.assertTrue(attachment.name.endswith(".xlsx"))
        sheet = self._sheet(attachment.raw)
        rows = list(sheet.iter_rows(values_only=True))
        header_index = next(
            i for i, row in enumerate(rows) if row and "Closing Qty" in row
        )
        header = rows[header_index]
        data = rows[header_index + 1 : -1]
        total = rows[-1]
        self.assertEqual(len(data), 3)  # A@WH1, A@WH2, B@WH1
        col = {name: header.index(name) for name in header if name}
        by_key = {(r[col["Product"]], r[col["Warehouse"]]): r for r in data}
        a_wh2 = by_key[(self.product_a.display_name, self.wh2.display_name)]
        self.assertEqual(a_wh2[col["Transfer In Qty"]], 10)
        self.assertEqual(a_wh2[col["Closing Value"]], 77)
        self.assertIsInstance(a_wh2[col["Closing Value"]], float | int)
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[col["Closing Qty"]], 33)  # 21 + 7 + 5
        self.assertEqual(total[col["Closing Value"]], 348)  # 231 + 77 + 40
        cell = sheet.cell(row=header_index + 2, column=col["Closing Value"] + 1)
        self.assertEqual(cell.number_format, "#,##0.00")

    def test_xlsx_every_report(self):
        wizards = [
            self.env["jxc.stock.card.wizard"].create(
                {
                    "product_id": self.product_a.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 2, 28),
                }
            ),
            self.env["jxc.stock.aging.wizard"].create({"date": date(2026, 3, 1)}),
            self.env["jxc.gross.margin.wizard"].create(
                {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}
            ),
            self.env["jxc.stock.turnover.wizard"].create(
                {"date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)}
            ),
        ]
        for wizard in wizards:
            wizard._jxc_refresh()
            name, content = wizard._jxc_render("xlsx")
            rows = list(self._sheet(content).iter_rows(values_only=True))
            self.assertEqual(rows[0][0], wizard._jxc_title(), name)
            self.assertEqual(rows[-1][0], "Total", name)
        card_rows = list(self._sheet(wizards[0]._jxc_render("xlsx")[1]).iter_rows(
            values_only=True
        ))  # fmt: skip
        # the closing line of the card: 28 units worth 308
        self.assertEqual(card_rows[-2][-2:], (28, 308))
        margin_rows = list(self._sheet(wizards[2]._jxc_render("xlsx")[1]).iter_rows(
            values_only=True
        ))  # fmt: skip
        self.assertEqual(margin_rows[-1][-5:-1], (6, 120, 66, 54))

    def test_xlsx_user_text_is_never_a_formula(self):
        """Text typed by users (company, warehouse and product names, in the
        filters and the lines) that starts with =, +, - or @ is written as a
        text cell, never as a formula."""
        self.company.name = "=1+2"
        self.wh1.name = "-2+3"
        self.wh2.name = "@cmd"
        self.product_a.name = "+SUM(A1:A9)"
        wizard = self._summary_wizard()
        wizard.warehouse_ids = self.wh1 | self.wh2
        content = wizard._jxc_render("xlsx")[1]
        # loaded without computing: a formula cell keeps data type "f"
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [c for row in book.worksheets[0].iter_rows() for c in row]
        self.assertEqual([c.coordinate for c in cells if c.data_type == "f"], [])
        texts = {c.value for c in cells if c.data_type == "s"}
        self.assertIn("=1+2", texts)
        self.assertIn(", ".join(wizard.warehouse_ids.mapped("name")), texts)
        self.assertIn("+SUM(A1:A9)", texts)
        self.assertIn("@cmd", texts)


@tagged("post_install", "-at_install")
class TestPdfOutputs(JxcReportsCommon):
    """PDFs through wkhtmltopdf. Its requests for the report's assets would
    wait on the test's transaction: they go to an unreachable address instead
    (the PDF renders without the web stylesheets; the CJK font is local)."""

    _summary_wizard = TestOutputs._summary_wizard

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )

    def test_pdf_summary(self):
        wizard = self._summary_wizard()
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        content, kind = report._render_qweb_pdf(
            "jxc_reports.action_report_jxc_stock_summary", wizard.ids
        )
        if kind == "pdf":
            self.assertTrue(content.startswith(b"%PDF"))
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "jxc_reports.action_report_jxc_stock_summary", wizard.ids
        )
        html = html.decode()
        self.assertIn("Noto Sans CJK SC", html)
        self.assertIn(self.product_a.display_name, html)
        self.assertIn("348.00", html)  # total closing value
        self.assertIn(self.company.name, html)  # company header
        keep = os.environ.get("JXC_KEEP_PDF")
        if keep and kind == "pdf":
            with open(keep, "wb") as out:
                out.write(content)

    def test_pdf_every_report_renders(self):
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for xmlid, wizard in [
            (
                "jxc_reports.action_report_jxc_stock_card",
                self.env["jxc.stock.card.wizard"].create(
                    {
                        "product_id": self.product_b.id,
                        "date_from": date(2026, 1, 1),
                        "date_to": date(2026, 2, 28),
                    }
                ),
            ),
            (
                "jxc_reports.action_report_jxc_stock_aging",
                self.env["jxc.stock.aging.wizard"].create({"date": date(2026, 3, 1)}),
            ),
        ]:
            content, kind = report._render_qweb_pdf(xmlid, wizard.ids)
            if kind == "pdf":
                self.assertTrue(content.startswith(b"%PDF"), xmlid)
            if kind == "pdf" and shutil.which("pdftotext"):
                with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
                    pdf.write(content)
                    pdf.flush()
                    text = subprocess.run(
                        ["pdftotext", "-layout", pdf.name, "-"],
                        capture_output=True,
                        check=True,
                        text=True,
                    ).stdout
                self.assertIn(wizard._jxc_title(), text)

    def test_pdf_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "jxc_reports")]
        )._update_translations(["zh_CN"])
        wizard = self._summary_wizard().with_context(lang="zh_CN")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html(
                "jxc_reports.action_report_jxc_stock_summary", wizard.ids
            )
        )
        html = html.decode()
        for term in ("进销存汇总表", "期初数量", "期末金额", "入库数量", "合计"):
            self.assertIn(term, html)
        report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang="zh_CN"
        )
        content, kind = report._render_qweb_pdf(
            "jxc_reports.action_report_jxc_stock_summary", wizard.ids
        )
        keep = os.environ.get("JXC_KEEP_PDF")
        if keep and kind == "pdf":
            with open(keep.replace(".pdf", "_zh.pdf"), "wb") as out:
                out.write(content)
