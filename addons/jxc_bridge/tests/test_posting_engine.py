from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingRule(PostingCommon):
    def test_default_rules_exist_for_every_kind(self):
        rules = self.Rule.search([("company_id", "=", self.company.id)])
        kinds = set(rules.mapped("operation_kind"))
        self.assertEqual(len(kinds), 10)
        self.assertEqual(set(rules.mapped("grouping")), {"per_move"})
        company = self.env["res.company"].create({"name": "JXC Branch"})
        self.assertEqual(self.Rule.search_count([("company_id", "=", company.id)]), 10)

    def test_narration_placeholders_validated(self):
        rule = self.default_rule("receipt")
        rule.narration_template = "入库 {document} {partner} {product}"
        with self.assertRaisesRegex(ValidationError, r"\{customer\}"):
            rule.narration_template = "{customer} {document}"
        with self.assertRaisesRegex(ValidationError, "not a valid template"):
            rule.narration_template = "{document"

    def test_most_specific_rule_then_sequence_then_conflict(self):
        default = self.default_rule("receipt")
        by_categ = self.Rule.create(
            {
                "name": "Tea receipts",
                "operation_kind": "receipt",
                "categ_id": self.categ.id,
            }
        )
        by_wh = self.Rule.create(
            {
                "name": "WH receipts",
                "operation_kind": "receipt",
                "warehouse_id": self.warehouse.id,
            }
        )
        match = self.Rule._jxc_match
        self.assertEqual(
            match(self.company, "receipt", self.warehouse, self.categ)[0], by_wh
        )
        self.assertEqual(
            match(self.company, "receipt", self.env["stock.warehouse"], self.categ)[0],
            by_categ,
        )
        other_categ = self.env.ref("product.product_category_all")
        self.assertEqual(
            match(self.company, "receipt", self.env["stock.warehouse"], other_categ)[0],
            default,
        )
        # same specificity, same sequence: refused when saved
        with self.assertRaisesRegex(
            ValidationError,
            "Rules WH receipts bis and WH receipts match the same operations "
            r"\(same company, operation, warehouse and category\) with the same "
            "sequence 10",
        ):
            self.Rule.create(
                {
                    "name": "WH receipts bis",
                    "operation_kind": "receipt",
                    "warehouse_id": self.warehouse.id,
                    "sequence": by_wh.sequence,
                }
            )
        # the lowest sequence wins
        by_wh_first = self.Rule.create(
            {
                "name": "WH receipts first",
                "operation_kind": "receipt",
                "warehouse_id": self.warehouse.id,
                "sequence": by_wh.sequence - 1,
            }
        )
        self.assertEqual(
            match(self.company, "receipt", self.warehouse, self.categ)[0], by_wh_first
        )
        # a twin planted in the database (a bad import): found at posting time
        self.env.cr.execute(
            "UPDATE jxc_posting_rule SET sequence = %s WHERE id = %s",
            [by_wh_first.sequence, by_wh.id],
        )
        by_wh.invalidate_recordset(["sequence"])
        rule, error = match(self.company, "receipt", self.warehouse, self.categ)
        self.assertFalse(rule)
        self.assertIn("Rule conflict", error)


@tagged("post_install", "-at_install")
class TestPostingEngine(PostingCommon):
    def test_per_move_is_odoo_behaviour_with_rule_accounts(self):
        rule = self.default_rule("receipt")
        rule.write(
            {
                "credit_account_id": self.other_account.id,
                "narration_template": "入库 {document} {product}",
            }
        )
        picking = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        layers = self.layers(picking)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(len(layers.account_move_id), 2)
        self.assertEqual(picking.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 56.0)
        self.assertEqual(self.balance(self.other_account), -56.0)
        self.assertEqual(self.balance(self.input_account), 0.0)
        names = layers.account_move_id.line_ids.mapped("name")
        self.assertIn(f"入库 {picking.name} Tea", names)
        self.assertEqual(len(layers.jxc_link_ids), 2)
        self.assertEqual(picking.jxc_voucher_count, 2)

    def test_lines_built_by_odoo_outside_a_posting_carry_the_narration(self):
        """Odoo builds the anglo-saxon expense entry of a FIFO vacuum by calling
        ``_prepare_account_move_line`` itself, outside any jxc posting: the rule's
        narration applies there too instead of failing the receipt."""
        self.default_rule("receipt").narration_template = "入库 {document} {product}"
        picking = self.picking("in", [(self.product, 4, 5.0)])
        layer = self.layers(picking)
        lines = layer.stock_move_id._prepare_account_move_line(
            layer.quantity,
            20.0,
            self.output_account.id,
            self.loss_account.id,
            layer.id,
            "Expenses",
        )
        values = [vals for _command, _id, vals in lines]
        self.assertEqual(len(values), 2)
        self.assertEqual(
            {vals["name"] for vals in values}, {f"入库 {picking.name} Tea"}
        )
        self.assertEqual(sum(vals["balance"] for vals in values), 0.0)
        self.assertEqual(
            {vals["account_id"]: vals["balance"] for vals in values},
            {self.loss_account.id: 20.0, self.output_account.id: -20.0},
        )

    def test_per_picking_one_voucher(self):
        self.default_rule("receipt").grouping = "per_picking"
        picking = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        layers = self.layers(picking)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"to_post"})
        self.assertEqual(picking.jxc_posting_state, "to_post")
        self.assertFalse(layers.account_move_id)
        self.assertEqual(self.balance(self.stock_account), 0.0)
        self.run_cron()
        voucher = layers.account_move_id
        self.assertEqual(len(voucher), 1)
        self.assertEqual(voucher.state, "posted")
        self.assertEqual(voucher.journal_id, self.journal)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(picking.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 56.0)
        self.assertEqual(self.balance(self.input_account), -56.0)
        # lines merged per account and product; every layer linked to its items
        self.assertEqual(len(voucher.line_ids), 4)
        for layer in layers:
            self.assertEqual(layer.jxc_link_ids.account_move_id, voucher)
            self.assertEqual(layer.jxc_link_ids.line_ids.product_id, layer.product_id)
        # idempotent: the second run posts nothing
        self.assertFalse(self.run_cron())
        self.assertEqual(self.balance(self.stock_account), 56.0)

    def test_per_picking_narrations_of_a_batch(self):
        """Narrations rendered once for the cron's batch: each voucher's
        items carry their own picking, partner, product and day."""
        rule = self.default_rule("receipt")
        rule.write(
            {
                "grouping": "per_picking",
                "narration_template": "{document}|{partner}|{product}|{date}",
            }
        )
        other = self.env["res.partner"].create({"name": "Vendor Li"})
        tea = self.picking("in", [(self.product, 10, 5.0)])
        cup = self.picking("in", [(self.product2, 2, 3.0)], partner=other)
        self.run_cron()
        day = format_date(self.env, self.today())
        for picking, partner, product in (
            (tea, self.partner, self.product),
            (cup, other, self.product2),
        ):
            voucher = self.layers(picking).account_move_id
            self.assertEqual(voucher.state, "posted")
            self.assertEqual(
                set(voucher.line_ids.mapped("name")),
                {f"{picking.name}|{partner.name}|{product.name}|{day}"},
            )

    def test_per_picking_accounts_of_each_category(self):
        """One voucher of products of two categories: each product's items on
        its own category's accounts (Odoo's accounts, read once per product
        for the batch)."""
        self.default_rule("receipt").grouping = "per_picking"
        stock2 = self.account("JXC1407", "Stock Spare Parts")
        input2 = self.account("JXC2203", "Stock Input Spare Parts", reconcile=True)
        categ2 = self.categ.copy(
            {
                "name": "JXC Spare Parts",
                "property_stock_valuation_account_id": stock2.id,
                "property_stock_account_input_categ_id": input2.id,
            }
        )
        part = self.env["product.product"].create(
            {"name": "Valve", "is_storable": True, "categ_id": categ2.id}
        )
        picking = self.picking(
            "in", [(self.product, 10, 5.0), (part, 2, 3.0), (self.product2, 1, 4.0)]
        )
        self.run_cron()
        self.assertEqual(len(self.layers(picking).account_move_id), 1)
        self.assertEqual(self.balance(self.stock_account), 54.0)
        self.assertEqual(self.balance(self.input_account), -54.0)
        self.assertEqual(self.balance(stock2), 6.0)
        self.assertEqual(self.balance(input2), -6.0)

    def test_per_day_summary_after_day_closes(self):
        for kind in ("receipt", "delivery"):
            self.default_rule(kind).grouping = "per_day"
        today = self.today()
        receipt1 = self.picking("in", [(self.product, 10, 5.0)])
        receipt2 = self.picking("in", [(self.product, 10, 7.0)])
        delivery = self.picking("out", [(self.product, 15, 0.0)])
        layers = self.layers(receipt1 | receipt2 | delivery)
        self.assertEqual(set(layers.mapped("jxc_posting_date")), {today})
        self.assertFalse(self.run_cron(), "the day is not closed yet")
        with freeze_time(fields.Date.add(today, days=1)):
            self.run_cron()
        vouchers = layers.account_move_id
        self.assertEqual(len(vouchers), 2, "one per rule and day")
        self.assertEqual(set(vouchers.mapped("date")), {today})
        # FIFO: 10 x 5 + 5 x 7 = 85 delivered
        self.assertEqual(self.balance(self.stock_account), 120.0 - 85.0)
        self.assertEqual(self.balance(self.input_account), -120.0)
        self.assertEqual(self.balance(self.output_account), 85.0)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})


@tagged("post_install", "-at_install")
class TestPostingFailures(PostingCommon):
    def _activities(self, picking):
        return picking.activity_ids.filtered(
            lambda a: a.summary == "Stock valuation posting failed"
        )

    def test_missing_account_does_not_block_then_cron_posts_once(self):
        self.drop_input_account()
        picking = self.picking("in", [(self.product, 4, 2.5)])
        layer = self.layers(picking)
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertIn("stock input account", layer.jxc_posting_error)
        self.assertEqual(picking.jxc_posting_state, "failed")
        self.assertEqual(len(self._activities(picking)), 1)
        self.assertEqual(self.product.qty_available, 4)
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "failed", "not fixed yet")
        self.assertEqual(len(self._activities(picking)), 1, "one activity only")
        self.categ.property_stock_account_input_categ_id = self.input_account
        self.run_cron()
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(len(layer.account_move_id), 1)
        self.assertEqual(self.balance(self.stock_account), 10.0)
        self.assertEqual(self.balance(self.input_account), -10.0)
        self.assertFalse(self._activities(picking))

    def test_locked_period(self):
        self.company.fiscalyear_lock_date = self.today()
        picking = self.picking("in", [(self.product, 4, 2.5)])
        layer = self.layers(picking)
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertIn("Locked period", layer.jxc_posting_error)
        self.assertEqual(len(self._activities(picking)), 1)
        self.company.fiscalyear_lock_date = self.yesterday()
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 10.0)

    def test_archived_journal_grouped(self):
        self.default_rule("receipt").grouping = "per_picking"
        picking = self.picking("in", [(self.product, 4, 2.5), (self.product2, 1, 1.0)])
        self.journal.active = False
        self.run_cron()
        layers = self.layers(picking)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"failed"})
        self.assertIn("archived", layers[0].jxc_posting_error)
        self.assertEqual(len(self._activities(picking)), 1)
        self.assertFalse(layers.account_move_id)
        self.journal.active = True
        self.run_cron()
        self.assertEqual(len(layers.account_move_id), 1)
        self.assertEqual(self.balance(self.stock_account), 11.0)

    def test_rule_conflict(self):
        rule = self.default_rule("delivery")
        with self.assertRaisesRegex(ValidationError, "the same sequence 10"):
            rule.copy({"name": "Twin", "sequence": rule.sequence})
        # a copy comes after its original
        twin = rule.copy({"name": "Twin"})
        self.assertEqual(twin.sequence, rule.sequence + 1)
        # the same sequence planted in the database (a bad import): the
        # posting fails and says why, the delivery is done all the same
        self.env.cr.execute(
            "UPDATE jxc_posting_rule SET sequence = %s WHERE id = %s",
            [rule.sequence, twin.id],
        )
        twin.invalidate_recordset(["sequence"])
        self.picking("in", [(self.product, 4, 2.5)])
        delivery = self.picking("out", [(self.product, 1, 0.0)])
        layer = self.layers(delivery)
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertIn("Rule conflict", layer.jxc_posting_error)
        self.assertEqual(self.balance(self.output_account), 0.0)
        self.Rule.search([("name", "=", "Twin")]).active = False
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.output_account), 2.5)


@tagged("post_install", "-at_install")
class TestPostingRuleChecks(PostingCommon):
    def assert_refused(self, pattern, record, vals):
        with self.assertRaises(ValidationError) as caught:
            record.write(vals)
        self.assertRegex(caught.exception.args[0], pattern)

    def test_stock_side_is_a_stock_valuation_account(self):
        delivery = self.default_rule("delivery")
        receipt = self.default_rule("receipt")
        # a delivery credits the stock: the interim output account is not stock
        self.assert_refused(
            r"Rule .* puts JXC6401 Stock Output on the credit side",
            delivery,
            {"credit_account_id": self.output_account.id},
        )
        expense = self.account("JXC6602", "Expense", "expense")
        self.assert_refused(
            r"puts JXC6602 Expense on the debit side",
            receipt,
            {"debit_account_id": expense.id},
        )
        self.assertFalse(receipt.debit_account_id)
        # the counterpart may be any account in use
        delivery.write(
            {"debit_account_id": expense.id, "credit_account_id": self.other_account.id}
        )
        self.assertEqual(delivery._jxc_stock_account(), self.other_account)
        self.assertEqual(delivery._jxc_counterpart_account(), expense)
        # a product category's stock valuation account, whatever its type
        spare = self.account("JXC1408", "Spare Parts", "asset_non_current")
        self.assert_refused(
            "JXC1408 Spare Parts on the debit side",
            receipt,
            {"debit_account_id": spare.id},
        )
        self.categ.copy(
            {"name": "JXC Spare", "property_stock_valuation_account_id": spare.id}
        )
        receipt.debit_account_id = spare
        self.assertEqual(receipt._jxc_stock_account(), spare)

    def test_no_deprecated_account(self):
        old = self.account("JXC6603", "Old Expense", "expense")
        old.deprecated = True
        self.assert_refused(
            "uses the deprecated account JXC6603 Old Expense",
            self.default_rule("delivery"),
            {"debit_account_id": old.id},
        )
