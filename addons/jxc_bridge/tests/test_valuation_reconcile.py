from odoo import fields
from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestValuationReconcile(PostingCommon):
    def reconcile(self, date=None):
        wizard = self.env["jxc.valuation.reconcile"].create(
            {"date": date or self.today(), "company_id": self.company.id}
        )
        wizard.action_compute()
        return wizard

    def account_line(self, wizard, account=None):
        return wizard.line_ids.filtered(
            lambda x: (
                x.account_id == (account or self.stock_account) and not x.product_id
            )
        )

    def test_balanced(self):
        self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        self.picking("out", [(self.product, 4, 0.0)])
        line = self.account_line(self.reconcile())
        self.assertEqual(line.valuation_value, 36.0)
        self.assertEqual(line.ledger_balance, 36.0)
        self.assertEqual(line.difference, 0.0)
        self.assertEqual(line.unexplained, 0.0)

    def test_menu_opens_today_computed(self):
        """The menu opens today's reconciliation of the user's company, already
        computed and named after its date."""
        self.picking("in", [(self.product, 10, 5.0)])
        action = (
            self.env["jxc.valuation.reconcile"]
            .with_company(self.company)
            .action_open_today()
        )
        wizard = self.env["jxc.valuation.reconcile"].browse(action["res_id"])
        self.assertEqual(wizard.company_id, self.company)
        self.assertEqual(wizard.date, fields.Date.context_today(wizard))
        self.assertEqual(self.account_line(wizard).valuation_value, 50.0)
        self.assertEqual(
            wizard.display_name, f"Valuation vs Ledger {fields.Date.today()}"
        )

    def test_manual_entry_and_deleted_entry_are_found(self):
        receipt, manual = self.plant_ledger_differences()
        wizard = self.reconcile()
        line = self.account_line(wizard)
        self.assertEqual(line.valuation_value, 56.0)
        self.assertEqual(line.ledger_balance, 106.0)
        self.assertEqual(line.difference, 50.0)
        self.assertEqual(line.unposted_value, 50.0)
        self.assertEqual(line.manual_balance, 100.0)
        self.assertEqual(line.unexplained, 0.0)
        per_product = wizard.line_ids.filtered("product_id")
        self.assertEqual(
            {(x.product_id, x.difference) for x in per_product},
            {(self.product, -50.0), (self.product2, 100.0)},
        )
        unposted = line.with_context(jxc_unposted=True).action_open_layers()
        self.assertEqual(self.Layer.search(unposted["domain"]), self.layers(receipt))
        items = line.with_context(jxc_manual=True).action_open_items()
        self.assertEqual(
            self.env["account.move.line"].search(items["domain"]).move_id, manual
        )
