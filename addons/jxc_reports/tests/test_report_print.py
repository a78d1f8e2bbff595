import json
import os
import shutil
import subprocess
import tempfile
from datetime import date
from urllib.parse import quote

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import JxcReportsCommon

REPORTS = [
    "stock_summary",
    "stock_card",
    "stock_aging",
    "gross_margin",
    "stock_turnover",
    "stock_alert",
    "abc",
    "valuation_ledger",
]


def pdf_text(content):
    """The text layer of a PDF, as a reader searching it would find it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            ["pdftotext", "-layout", pdf.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestReportPrint(JxcReportsCommon, HttpCase):
    """Every PDF prints through the route the web client downloads,
    /report/pdf/<report_name>/<id>: each report action has its own name, so
    the route finds its own action and record. wkhtmltopdf's requests for
    the web assets would wait on the test's transaction: they go to an
    unreachable address (the report carries its own styles)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        cls.env.user.groups_id = [
            Command.link(cls.env.ref("jxc_bridge.jxc_bridge_group_user").id),
            Command.link(cls.env.ref("stock.group_stock_user").id),
        ]
        cls.company.partner_id.name = "上海金鑫贸易有限公司"

    def _wizards(self):
        """One wizard per report, each with a figure its PDF must show."""
        alert = self.env["jxc.stock.alert"].create(
            {
                "product_id": self.product_a.id,
                "warehouse_id": self.wh1.id,
                "kind": "stockout",
            }
        )
        profile = self.env["jxc.abc.profile"].create(
            {"name": "Print Profile", "company_id": self.company.id}
        )
        run = self.env["jxc.abc.run"].create(
            {
                "profile_id": profile.id,
                "company_id": self.company.id,
                "date": date(2026, 3, 31),
                "date_from": date(2026, 1, 1),
                "criterion": "consumption_value",
            }
        )
        self.env["jxc.abc.run.line"].create(
            {
                "run_id": run.id,
                "company_id": self.company.id,
                "product_id": self.product_a.id,
                "value": 4321.5,
                "abc_class": "A",
            }
        )
        period = {"date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)}
        return {
            # closing value of February: 231 + 77 + 40
            "stock_summary": (
                self.env["jxc.stock.summary.wizard"].create(
                    dict(period, group_by="warehouse")
                ),
                "348.00",
            ),
            # B in WH1: 10 x 5 + 10 x 8 - 15 (90) = 5 units worth 40
            "stock_card": (
                self.env["jxc.stock.card.wizard"].create(
                    {
                        "product_id": self.product_b.id,
                        "warehouse_id": self.wh1.id,
                        "date_from": date(2026, 1, 1),
                        "date_to": date(2026, 2, 28),
                    }
                ),
                "130.00",
            ),
            # the company's stock on 1 March: 28 A worth 308, 5 B worth 40
            "stock_aging": (
                self.env["jxc.stock.aging.wizard"].create({"date": date(2026, 3, 1)}),
                "348.00",
            ),
            # January: 6 A sold at 20 (120) at a cost of 66, margin 54
            "gross_margin": (
                self.env["jxc.gross.margin.wizard"].create(
                    {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}
                ),
                "54.00",
            ),
            "stock_turnover": (
                self.env["jxc.stock.turnover.wizard"].create(period),
                self.product_b.display_name,
            ),
            "stock_alert": (
                self.env["jxc.stock.alert.report.wizard"].create({}),
                alert.warehouse_id.name,
            ),
            "abc": (
                self.env["jxc.abc.report.wizard"].create({"run_id": run.id}),
                "4,321.50",
            ),
            "valuation_ledger": (
                self.env["jxc.valuation.ledger.wizard"].create(
                    {"date": date(2026, 3, 1)}
                ),
                self.env._("Valuation vs Ledger"),
            ),
        }

    def _print(self, wizard):
        """What the web client does on 打印 PDF: run the wizard's button
        (it computes the lines and returns the report action), then download
        /report/pdf/<report_name>/<ids> of that action, a read-only request.
        In test mode Odoo renders HTML unless the route's context asks for
        the PDF."""
        action = wizard.action_print_pdf()
        self.assertEqual(action["type"], "ir.actions.report")
        ids = ",".join(map(str, action["context"]["active_ids"]))
        context = quote(json.dumps({"force_report_rendering": True}))
        response = self.url_open(
            f"/report/pdf/{action['report_name']}/{ids}?context={context}",
            timeout=120,
        )
        self.assertEqual(response.status_code, 200, action["report_name"])
        return action["report_name"], response.content

    def test_report_names_unique(self):
        actions = self.env["ir.actions.report"].search(
            [("model", "like", "jxc.%"), ("report_type", "=", "qweb-pdf")]
        )
        names = actions.mapped("report_name")
        self.assertEqual(len(names), 8)
        self.assertEqual(len(set(names)), 8, names)
        self.assertEqual(
            sorted(names), sorted(f"jxc_reports.report_jxc_{key}" for key in REPORTS)
        )

    def test_print_every_report_through_the_route(self):
        self.authenticate(self.env.user.login, self.env.user.login)
        for key, (wizard, figure) in self._wizards().items():
            action = self.env.ref(f"jxc_reports.action_report_jxc_{key}")
            self.assertEqual(action.model, wizard._name)
            report_name, content = self._print(wizard)
            self.assertEqual(report_name, action.report_name)
            self.assertTrue(content.startswith(b"%PDF"), key)
            if shutil.which("pdftotext"):
                text = pdf_text(content)
            else:  # the same template, as HTML through the same route
                text = self.url_open(f"/report/html/{report_name}/{wizard.id}").text
            self.assertIn(wizard._jxc_title(), text, key)
            self.assertIn(figure, text, key)
            self.assertIn("上海金鑫贸易有限公司", text, key)
            self.assertIn("Page 1 of 1", text, key)

    def test_print_action_skips_the_layout_dialog(self):
        """An administrator of a company without a document layout gets the
        PDF, not Odoo's "configure your document layout" dialog."""
        self.company.external_report_layout_id = False
        wizard = self.env["jxc.stock.summary.wizard"].create(
            {"date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)}
        )
        action = wizard.sudo().action_print_pdf()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "jxc_reports.report_jxc_stock_summary")

    def test_summary_text_layer_in_chinese(self):
        """The text layer holds the ideographs themselves (金, not the Kangxi
        radical ⾦ that the Noto CJK font maps it to): 金额 and the company's
        name are found in the PDF; every page says 第 x 页 共 y 页."""
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils is needed")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "jxc_reports")]
        )._update_translations(["zh_CN"])
        self.env.user.lang = "zh_CN"
        wizard = self.env["jxc.stock.summary.wizard"].create(
            {
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 2, 28),
                "group_by": "warehouse",
            }
        )
        self.authenticate(self.env.user.login, self.env.user.login)
        report_name, content = self._print(wizard)
        self.assertEqual(report_name, "jxc_reports.report_jxc_stock_summary")
        text = pdf_text(content)
        keep = os.environ.get("JXC_KEEP_PDF")
        if keep:
            with open(keep.replace(".pdf", "_route_zh.pdf"), "wb") as out:
                out.write(content)
        for term in (
            "进销存汇总表",
            "期末金额",
            "金额",
            "上海金鑫贸易有限公司",
            "打印日期",
            "制表人",
            "审核人",
            "合计",
            "348.00",
        ):
            self.assertIn(term, text)
        # pdftotext drops the spaces between ideographs
        self.assertIn("第1页共1页", "".join(text.split()))
        self.assertNotIn("\u2fa6", text)  # ⾦
