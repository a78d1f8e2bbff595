from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

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
        # the company's day (Asia/Shanghai), not the user's (UTC)
        self.assertEqual(wizard.date, self.today())
        self.assertEqual(self.account_line(wizard).valuation_value, 50.0)
        self.assertEqual(wizard.display_name, f"Valuation vs Ledger {self.today()}")

    def test_manual_entry_and_deleted_entry_are_found(self):
        """The deleted entry's layer goes back to the queue: its 50 is
        explained (to post) on the tea; the manual entry: 100 unexplained on
        the cup. The account's unexplained is 100, not their net difference
        of 50."""
        receipt, manual = self.plant_ledger_differences()
        self.assertEqual(self.layers(receipt).jxc_posting_state, "to_post")
        wizard = self.reconcile()
        line = self.account_line(wizard)
        self.assertEqual(line.valuation_value, 56.0)
        self.assertEqual(line.ledger_balance, 106.0)
        self.assertEqual(line.difference, 50.0)
        self.assertEqual(line.unposted_value, 50.0)
        self.assertEqual(line.missing_value, 0.0)
        self.assertEqual(line.manual_balance, 100.0)
        self.assertEqual(line.manual_explained, 0.0)
        self.assertEqual(line.unexplained, 100.0)
        self.assertEqual(wizard.unexplained, 100.0)
        self.assertEqual(wizard.state, "differences")
        self.assertFalse(wizard.product_message)
        per_product = wizard.line_ids.filtered("product_id")
        self.assertEqual(
            {(x.product_id, x.difference, x.unexplained) for x in per_product},
            {(self.product, -50.0, 0.0), (self.product2, 100.0, 100.0)},
        )
        missing = line.action_open_missing_layers()
        self.assertFalse(self.Layer.search(missing["domain"]))
        unposted = line.with_context(jxc_unposted=True).action_open_layers()
        self.assertEqual(self.Layer.search(unposted["domain"]), self.layers(receipt))
        items = line.with_context(jxc_manual=True).action_open_items()
        self.assertEqual(
            self.env["account.move.line"].search(items["domain"]).move_id, manual
        )

    def test_opposite_errors_do_not_cancel(self):
        """A deleted entry of 50 and a manual entry of 50 on the same product:
        ledger = valuation, yet 100 unexplained."""
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        layers = self.layers(receipt)
        layers.account_move_id.button_draft()
        self.env.flush_all()
        # the entry left behind the engine's back: the layer still says posted
        self.env.cr.execute(
            "UPDATE stock_valuation_layer SET account_move_id = NULL, "
            "jxc_posting_state = 'posted' WHERE id IN %s",
            [tuple(layers.ids)],
        )
        self.env.invalidate_all()
        self.manual_entry(50.0, self.product)
        wizard = self.reconcile()
        line = self.account_line(wizard)
        self.assertEqual((line.valuation_value, line.ledger_balance), (50.0, 50.0))
        self.assertEqual((line.missing_value, line.manual_balance), (50.0, 50.0))
        self.assertEqual(line.difference, 0.0)
        self.assertEqual(line.unexplained, 100.0)
        self.assertEqual(wizard.state, "differences")
        product_line = wizard.product_line_ids
        self.assertEqual(
            (product_line.product_id, product_line.unexplained), (self.product, 100.0)
        )

    def test_queued_layers_explain_only_inside_the_period(self):
        """A receipt queued for the day's voucher explains its 50 today; a
        layer marked posted whose entry is draft explains nothing."""
        self.default_rule("receipt").grouping = "per_day"
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        self.assertEqual(self.layers(receipt).jxc_posting_state, "to_post")
        wizard = self.reconcile()
        line = self.account_line(wizard)
        self.assertEqual(
            (line.valuation_value, line.ledger_balance, line.unposted_value),
            (50.0, 0.0, 50.0),
        )
        self.assertEqual(line.unexplained, 0.0)
        self.assertEqual(wizard.state, "balanced")
        # yesterday it did not exist: neither valuation nor explanation
        line = self.account_line(self.reconcile(self.yesterday()))
        self.assertEqual((line.valuation_value, line.unposted_value), (0.0, 0.0))

    def test_draft_entry_of_a_posted_layer_is_unexplained(self):
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        self.env.flush_all()
        entry = self.layers(receipt).account_move_id
        self.env.cr.execute(
            "UPDATE account_move SET state = 'draft' WHERE id = %s", [entry.id]
        )
        self.env.cr.execute(
            "UPDATE account_move_line SET parent_state = 'draft' WHERE move_id = %s",
            [entry.id],
        )
        self.env.invalidate_all()
        line = self.account_line(self.reconcile())
        self.assertEqual(
            (line.valuation_value, line.ledger_balance, line.missing_value),
            (50.0, 0.0, 50.0),
        )
        self.assertEqual(line.unexplained, 50.0)

    def manual_entry(self, amount, product=None):
        entry = self.env["account.move"].create(
            {
                "journal_id": self.journal.id,
                "date": self.today(),
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.stock_account.id,
                            "balance": amount,
                            "product_id": product.id if product else False,
                        }
                    ),
                    Command.create(
                        {"account_id": self.other_account.id, "balance": -amount}
                    ),
                ],
            }
        )
        entry.action_post()
        return entry

    def test_manual_entry_explained_by_an_accountant(self):
        """An opening balance of 100 on the stock account is unexplained until
        an accounting manager explains it, with a reason in the chatter."""
        self.picking("in", [(self.product, 10, 5.0)])
        opening = self.manual_entry(100.0)
        wizard = self.reconcile()
        line = self.account_line(wizard)
        self.assertEqual((line.difference, line.unexplained), (100.0, 100.0))
        self.assertEqual(wizard.state, "differences")

        billing = new_test_user(
            self.env, "jxc_billing", groups="account.group_account_invoice"
        )
        with self.assertRaises(AccessError):
            line.with_user(billing).action_explain_items()
        manager = new_test_user(
            self.env,
            "jxc_acc_manager",
            groups="account.group_account_manager",
            name="Accountant Li",
        )
        action = line.with_user(manager).action_explain_items()
        stock_item = opening.line_ids.filtered(
            lambda x: x.account_id == self.stock_account
        )
        explain = (
            self.env["jxc.stock.item.explain"]
            .with_user(manager)
            .with_context(**action["context"])
            .create({"reason": "期初余额 opening balance"})
        )
        self.assertEqual(explain.line_ids, stock_item)
        explain.action_apply()
        self.assertTrue(stock_item.jxc_stock_explained)
        self.assertEqual(stock_item.jxc_stock_explanation, "期初余额 opening balance")
        message = opening.message_ids[0]
        self.assertIn("Accountant Li", message.body)
        self.assertIn("期初余额 opening balance", message.body)
        self.assertEqual(message.author_id, manager.partner_id)

        wizard = self.reconcile()
        line = self.account_line(wizard)
        self.assertEqual(
            (line.difference, line.manual_balance, line.manual_explained),
            (100.0, 100.0, 100.0),
        )
        self.assertEqual(line.unexplained, 0.0)
        self.assertEqual(wizard.state, "balanced")
        self.assertIn("No product differs", wizard.product_message)

    def test_only_items_without_layer_are_explained(self):
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        manager = new_test_user(
            self.env, "jxc_acc_manager2", groups="account.group_account_manager"
        )
        items = self.layers(receipt).account_move_id.line_ids
        explain = (
            self.env["jxc.stock.item.explain"]
            .with_user(manager)
            .create({"reason": "no", "line_ids": [Command.set(items.ids)]})
        )
        with self.assertRaisesRegex(UserError, "without a valuation layer"):
            explain.action_apply()
        self.assertFalse(any(items.mapped("jxc_stock_explained")))
