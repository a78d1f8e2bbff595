import io
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import JxcReportsCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None

TODAY = date(2026, 3, 10)  # "last month" is February 2026


@tagged("post_install", "-at_install")
class TestReportScheduleReports(JxcReportsCommon):
    """Every report can be scheduled: its filters reach the report, and the
    e-mail carries that report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "customer@example.com"

    def _send(self, **values):
        schedule = (
            self.env["jxc.report.schedule"]
            .with_context(force_report_rendering=True)
            .create(
                {
                    "name": "定时报表",
                    "partner_ids": [(6, 0, self.customer.ids)],
                    "allow_external": True,
                    "file_format": "xlsx",
                    **values,
                }
            )
        )
        mail = schedule._jxc_send(TODAY)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertEqual(len(mail.attachment_ids), 1)
        model = self.env[
            {
                "stock_card": "jxc.stock.card.wizard",
                "alerts": "jxc.stock.alert.report.wizard",
                "abc": "jxc.abc.report.wizard",
                "valuation": "jxc.valuation.ledger.wizard",
            }[schedule.report]
        ]
        wizard = model.search([], order="id desc", limit=1)
        return mail.attachment_ids, wizard

    def _rows(self, attachment):
        self.assertTrue(openpyxl, "openpyxl is needed to read the XLSX back")
        self.assertTrue(attachment.name.endswith(".xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).worksheets[0]
        return list(sheet.iter_rows(values_only=True))

    def test_stock_card(self):
        """February card of B in WH1: opening 10 (50), +10 (80), -15 (90),
        closing 5 (40)."""
        attachment, wizard = self._send(
            report="stock_card",
            product_ids=[(6, 0, self.product_b.ids)],
            warehouse_ids=[(6, 0, self.wh1.ids)],
        )
        self.assertEqual(wizard.product_id, self.product_b)
        self.assertEqual(wizard.warehouse_id, self.wh1)
        self.assertEqual(
            (wizard.date_from, wizard.date_to), (date(2026, 2, 1), date(2026, 2, 28))
        )
        rows = self._rows(attachment)
        self.assertEqual(rows[0][0], "Stock Card")
        self.assertTrue(attachment.name.startswith("Stock Card"))
        header = next(i for i, row in enumerate(rows) if "Balance Qty" in row)
        col = {name: rows[header].index(name) for name in rows[header] if name}
        data = rows[header + 1 : -1]
        self.assertEqual(
            [(r[col["In Qty"]], r[col["Out Qty"]]) for r in data],
            [(0, 0), (10, 0), (0, 15), (0, 0)],
        )
        closing = data[-1]
        self.assertEqual(
            (closing[col["Balance Qty"]], closing[col["Balance Value"]]), (5, 40)
        )

    def test_stock_alerts(self):
        Alert = self.env["jxc.stock.alert"]
        for product, state in [
            (self.product_a, "open"),
            (self.product_b, "acknowledged"),
        ]:
            Alert.create(
                {
                    "product_id": product.id,
                    "warehouse_id": self.wh2.id,
                    "kind": "stockout",
                    "state": state,
                }
            )
        attachment, wizard = self._send(
            report="alerts",
            warehouse_ids=[(6, 0, self.wh2.ids)],
            include_acknowledged=False,
        )
        self.assertEqual(wizard.warehouse_ids, self.wh2)
        self.assertFalse(wizard.include_acknowledged)
        rows = self._rows(attachment)
        self.assertEqual(rows[0][0], "Stock Alerts")
        header = next(i for i, row in enumerate(rows) if "Alerts" in row)
        col = rows[header].index("Alerts")
        self.assertEqual(rows[-1][col], 1)  # the open one only

    def _applied_run(self):
        profile = self.env["jxc.abc.profile"].create(
            {"name": "Scheduled Profile", "company_id": self.company.id}
        )
        run = self.env["jxc.abc.run"].create(
            {
                "profile_id": profile.id,
                "company_id": self.company.id,
                "date": date(2026, 2, 28),
                "date_from": date(2026, 1, 1),
                "criterion": "consumption_value",
            }
        )
        for product, value, abc_class in [
            (self.product_a, 300, "A"),
            (self.product_b, 100, "C"),
        ]:
            self.env["jxc.abc.run.line"].create(
                {
                    "run_id": run.id,
                    "company_id": self.company.id,
                    "product_id": product.id,
                    "value": value,
                    "abc_class": abc_class,
                }
            )
        return profile, run

    def test_abc(self):
        profile, run = self._applied_run()
        schedule_values = {"report": "abc", "abc_profile_id": profile.id}
        # refused when saved: the profile has no applied run yet
        with self.assertRaisesRegex(ValidationError, "no applied run"):
            self._send(**schedule_values)
        run.state = "applied"
        attachment, wizard = self._send(**schedule_values)
        self.assertEqual(wizard.run_id, run)
        rows = self._rows(attachment)
        self.assertEqual(rows[0][0], "ABC Analysis")
        header = next(i for i, row in enumerate(rows) if "Cumulative Share (%)" in row)
        col = {name: rows[header].index(name) for name in rows[header] if name}
        data = rows[header + 1 : -1]
        self.assertEqual(
            [(r[col["Product"]], r[col["Value"]]) for r in data],
            [(self.product_a.display_name, 300), (self.product_b.display_name, 100)],
        )

    def test_valuation_pdf(self):
        attachment, wizard = self._send(report="valuation", file_format="pdf")
        self.assertEqual(wizard.date, date(2026, 2, 28))
        self.assertTrue(attachment.name.endswith(".pdf"))
        self.assertTrue(attachment.raw.startswith(b"%PDF"))

    def test_report_filters_required(self):
        Schedule = self.env["jxc.report.schedule"].with_context(
            default_partner_ids=self.customer.ids, default_allow_external=True
        )
        with self.assertRaisesRegex(ValidationError, "exactly one product"):
            Schedule.create({"name": "Card", "report": "stock_card"})
        with self.assertRaisesRegex(ValidationError, "at most one warehouse"):
            Schedule.create(
                {
                    "name": "Card",
                    "report": "stock_card",
                    "product_ids": [(6, 0, self.product_a.ids)],
                    "warehouse_ids": [(6, 0, (self.wh1 | self.wh2).ids)],
                }
            )
        with self.assertRaisesRegex(ValidationError, "needs an ABC profile"):
            Schedule.create({"name": "ABC", "report": "abc"})
