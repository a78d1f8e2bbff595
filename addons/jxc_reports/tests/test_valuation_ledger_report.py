import io

from odoo.tests import tagged

from odoo.addons.jxc_bridge.tests.posting_common import PostingCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestValuationLedgerReport(PostingCommon):
    def test_valuation_vs_ledger(self):
        """Receipts of 10 x 5 and 2 x 3 (valuation 56); the entry of the first
        deleted (its layer back in the queue: 50 to post, explained) and a
        manual entry of 100 on the stock account (100 unexplained): ledger 106,
        difference 50, unexplained 100."""
        self.plant_ledger_differences()
        wizard = self.env["jxc.valuation.ledger.wizard"].create(
            {"date": self.today(), "company_id": self.company.id}
        )
        wizard._jxc_refresh()
        lines = wizard.line_ids.filtered(lambda x: x.account_id == self.stock_account)
        total = lines.filtered("is_account")
        self.assertEqual(
            (
                total.valuation_value,
                total.ledger_balance,
                total.difference,
                total.unposted_value,
                total.manual_balance,
                total.unexplained,
            ),
            (56.0, 106.0, 50.0, 50.0, 100.0, 100.0),
        )
        self.assertFalse(total.product_id)
        self.assertEqual(
            {(x.product_id, x.difference, x.unexplained) for x in lines - total},
            {(self.product, -50.0, 0.0), (self.product2, 100.0, 100.0)},
        )
        self.assertTrue(openpyxl, "openpyxl is needed to read the XLSX back")
        _name, content = wizard._jxc_render("xlsx")
        rows = list(
            openpyxl.load_workbook(io.BytesIO(content))
            .worksheets[0]
            .iter_rows(values_only=True)
        )
        header_index = next(
            i for i, row in enumerate(rows) if row and "Unexplained" in row
        )
        header = rows[header_index]
        col = {name: header.index(name) for name in header if name}
        account_row = next(
            r
            for r in rows[header_index + 1 : -1]
            if r[col["Stock Account"]] == self.stock_account.display_name
            and not r[col["Product"]]
        )
        self.assertEqual(account_row[col["Ledger Balance"]], 106)
        self.assertEqual(account_row[col["Difference"]], 50)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "jxc_reports.action_report_jxc_valuation_ledger", wizard.ids
        )
        html = html.decode()
        self.assertIn("Valuation vs Ledger", html)
        self.assertIn("106.00", html)

    def test_reconciliation_prints_and_exports_the_report(self):
        """One screen for valuation vs ledger: the reconciliation of
        jxc_bridge prints and exports the report of its own date and company,
        with its figures; the report's released menu is archived and its
        released action opens the reconciliation."""
        self.plant_ledger_differences()
        reconcile = self.env["jxc.valuation.reconcile"].create(
            {"date": self.today(), "company_id": self.company.id}
        )
        reconcile.action_compute()
        Wizard = self.env["jxc.valuation.ledger.wizard"]
        before = Wizard.search([])
        action = reconcile.action_print_pdf()
        wizard = Wizard.search([]) - before
        self.assertEqual((wizard.date, wizard.company_id), (self.today(), self.company))
        self.assertEqual(
            (action["type"], action["report_name"], action["context"]["active_ids"]),
            (
                "ir.actions.report",
                "jxc_reports.report_jxc_valuation_ledger",
                wizard.ids,
            ),
        )
        total = wizard.line_ids.filtered(
            lambda x: x.is_account and x.account_id == self.stock_account
        )
        shown = reconcile.account_line_ids.filtered(
            lambda x: x.account_id == self.stock_account
        )
        self.assertEqual(
            (total.ledger_balance, total.difference, total.unexplained),
            (shown.ledger_balance, shown.difference, shown.unexplained),
        )
        self.assertEqual((shown.ledger_balance, shown.unexplained), (106.0, 100.0))
        before = Wizard.search([])
        action = reconcile.action_export_xlsx()
        wizard = Wizard.search([]) - before
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", wizard._name), ("res_id", "=", wizard.id)]
        )
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        self.assertEqual(
            attachment.name, f"Valuation vs Ledger-{self.today():%Y%m%d}.xlsx"
        )
        rows = list(
            openpyxl.load_workbook(io.BytesIO(attachment.raw))
            .worksheets[0]
            .iter_rows(values_only=True)
        )
        header = next(row for row in rows if row and "Unexplained" in row)
        account_row = next(
            row
            for row in rows
            if row[0] == self.stock_account.display_name and not row[1]
        )
        self.assertEqual(account_row[header.index("Unexplained")], 100)
        menu = self.env.ref("jxc_reports.jxc_valuation_ledger_wizard_menu")
        self.assertFalse(menu.active)
        released = self.env.ref("jxc_reports.jxc_valuation_ledger_wizard_action")
        self.assertEqual(released.res_model, "jxc.valuation.reconcile")
        self.assertEqual(
            self.env["ir.ui.menu"].search(
                [("action", "in", [f"ir.actions.act_window,{released.id}"])]
            ),
            self.env["ir.ui.menu"],
        )
