import io
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import JxcReportsCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestAccess(JxcReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_user = new_test_user(
            cls.env,
            "jxc_reports_wh",
            groups="stock.group_stock_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.billing_user = new_test_user(
            cls.env,
            "jxc_reports_acc",
            groups="account.group_account_invoice,stock.group_stock_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def _wizard(self, user):
        wizard = (
            self.env["jxc.stock.summary.wizard"]
            .with_user(user)
            .create({"date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)})
        )
        wizard._jxc_refresh()
        return wizard

    def test_stock_user_sees_quantities_not_values(self):
        wizard = self._wizard(self.stock_user)
        lines = wizard.line_ids
        fields = lines.fields_get()
        self.assertIn("closing_qty", fields)
        self.assertNotIn("closing_value", fields)
        self.assertNotIn("opening_value", fields)
        self.assertEqual(
            self._jxc_row(lines, self.product_b).read(["closing_qty"])[0][
                "closing_qty"
            ],
            5,
        )
        with self.assertRaises(AccessError):
            lines.read(["closing_value"])
        for card_field in ("balance_value", "in_value"):
            self.assertNotIn(
                card_field,
                self.env["jxc.stock.card.line"].with_user(self.stock_user).fields_get(),
            )
        self.assertNotIn(
            "value",
            self.env["jxc.stock.snapshot"].with_user(self.stock_user).fields_get(),
        )
        # no value column in the exports either
        labels = [c["label"] for c in wizard._jxc_columns()]
        self.assertIn("Closing Qty", labels)
        self.assertNotIn("Closing Value", labels)
        if openpyxl:
            sheet = openpyxl.load_workbook(io.BytesIO(wizard._jxc_xlsx())).active
            header = next(
                r for r in sheet.iter_rows(values_only=True) if "Closing Qty" in r
            )
            self.assertNotIn("Closing Value", header)

    def test_billing_user_sees_values(self):
        wizard = self._wizard(self.billing_user)
        row = self._jxc_row(wizard.line_ids, self.product_b)
        self.assertEqual(row.closing_value, 40)
        self.assertIn("Closing Value", [c["label"] for c in wizard._jxc_columns()])

    def test_multi_company_rules(self):
        other = self.setup_other_company()["company"]
        wizard = self.env["jxc.stock.summary.wizard"].create(
            {
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 2, 28),
                "company_id": other.id,
            }
        )
        self.env["jxc.stock.snapshot"]._jxc_build(self.company)
        user = self.stock_user
        self.assertFalse(
            self.env["jxc.stock.summary.wizard"]
            .with_user(user)
            .search([("id", "=", wizard.id)])
        )
        snapshots = self.env["jxc.stock.snapshot"].with_user(user).search([])
        self.assertTrue(snapshots)
        self.assertEqual(snapshots.company_id, self.company)

    def _reachable(self, user, xmlid):
        """The menu is visible to ``user`` and so is every parent."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        menu = self.env.ref(xmlid)
        return all(int(i) in visible for i in menu.parent_path.strip("/").split("/"))

    def test_menus(self):
        summary = "jxc_reports.jxc_stock_summary_wizard_menu"
        margin = "jxc_reports.jxc_gross_margin_wizard_menu"
        self.assertTrue(self._reachable(self.stock_user, summary))
        self.assertFalse(self._reachable(self.stock_user, margin))
        self.assertTrue(self._reachable(self.billing_user, margin))
