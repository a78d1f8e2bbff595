from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingSummary(PostingCommon):
    """The summary voucher merged by account (按科目汇总凭证): one line per
    account and side; interim accounts (reconcilable, matched per product by
    Odoo) keep a line per product; every layer linked to the lines it is part
    of."""

    def test_summary_per_document(self):
        rule = self.default_rule("receipt")
        rule.grouping = "summary_picking"
        picking = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        layers = self.layers(picking)
        self.assertEqual(picking.jxc_posting_state, "to_post")
        self.run_cron()
        voucher = layers.account_move_id
        self.assertEqual(len(voucher), 1)
        self.assertEqual(voucher.state, "posted")
        self.assertEqual(self.balance(self.stock_account), 56.0)
        self.assertEqual(self.balance(self.input_account), -56.0)
        stock_lines = voucher.line_ids.filtered(
            lambda x: x.account_id == self.stock_account
        )
        interim = voucher.line_ids.filtered(
            lambda x: x.account_id == self.input_account
        )
        # one stock line for both products; the interim account per product
        self.assertEqual(len(stock_lines), 1)
        self.assertEqual(stock_lines.debit, 56.0)
        self.assertFalse(stock_lines.product_id)
        self.assertEqual(len(interim), 2)
        self.assertEqual(
            sorted(interim.mapped(lambda x: (x.product_id.name, x.credit))),
            [("Cup", 6.0), ("Tea", 50.0)],
        )
        for layer in layers:
            lines = layer.jxc_link_ids.line_ids
            self.assertEqual(layer.jxc_link_ids.account_move_id, voucher)
            self.assertEqual(lines & stock_lines, stock_lines)
            self.assertEqual((lines & interim).product_id, layer.product_id)
            self.assertEqual(len(lines), 2)

    def test_summary_per_day_merges_products_and_documents(self):
        """Two receipts and a delivery of the day: one voucher per rule, one
        line per account and side (no interim account on the rule)."""
        receipt = self.default_rule("receipt")
        receipt.write(
            {"grouping": "summary_day", "credit_account_id": self.other_account.id}
        )
        today = self.today()
        first = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        second = self.picking("in", [(self.product, 4, 6.0)])
        layers = self.layers(first | second)
        self.assertFalse(self.run_cron(), "the day is not over")
        with freeze_time(fields.Date.add(today, days=1)):
            self.run_cron()
        voucher = layers.account_move_id
        self.assertEqual(len(voucher), 1)
        self.assertEqual(voucher.date, today)
        self.assertEqual(len(voucher.line_ids), 2)
        self.assertEqual(self.balance(self.stock_account), 80.0)
        self.assertEqual(self.balance(self.other_account), -80.0)
        self.assertFalse(voucher.line_ids.product_id)
        self.assertEqual(len(layers.jxc_link_ids), 3)
        for layer in layers:
            self.assertEqual(layer.jxc_link_ids.line_ids, voucher.line_ids)
        # the reconciliation still explains every cent per product
        self.assertEqual(
            sum(
                layers.filtered(lambda x: x.product_id == self.product).mapped("value")
            ),
            74.0,
        )

    def test_summary_per_partner_only_when_asked(self):
        rule = self.default_rule("receipt")
        rule.write(
            {
                "grouping": "summary_day",
                "credit_account_id": self.other_account.id,
                "summary_by_partner": True,
            }
        )
        other = self.env["res.partner"].create({"name": "Vendor Li"})
        self.picking("in", [(self.product, 10, 5.0)])
        picking = self.picking("in", [(self.product2, 2, 3.0)], partner=other)
        with freeze_time(fields.Date.add(self.today(), days=1)):
            self.run_cron()
        voucher = self.layers(picking).account_move_id
        credits = voucher.line_ids.filtered(
            lambda x: x.account_id == self.other_account
        )
        self.assertEqual(
            sorted(credits.mapped(lambda x: (x.partner_id.name, x.credit))),
            [("Vendor Li", 6.0), ("Vendor Wang", 50.0)],
        )
        # the stock side per partner too: two lines on each account
        stock = voucher.line_ids.filtered(lambda x: x.account_id == self.stock_account)
        self.assertEqual(sorted(stock.mapped("debit")), [6.0, 50.0])
        self.assertEqual(len(voucher.line_ids), 4)

    def test_interim_lines_linked_with_an_analytic_model(self):
        """A distribution model on the interim account changes the lines'
        analytic distribution after they are built: the links are written
        from the builder's lines, not recomputed from the posted ones."""
        plan = self.env["account.analytic.plan"].create({"name": "JXC Projects"})
        project = self.env["account.analytic.account"].create(
            {"name": "Project Shenzhen", "plan_id": plan.id}
        )
        self.env["account.analytic.distribution.model"].create(
            {
                "account_prefix": self.input_account.code,
                "analytic_distribution": {str(project.id): 100.0},
                "company_id": self.company.id,
            }
        )
        for grouping in ("per_picking", "summary_picking"):
            self.default_rule("receipt").grouping = grouping
            picking = self.picking(
                "in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)]
            )
            self.run_cron()
            layers = self.layers(picking)
            voucher = layers.account_move_id
            interim = voucher.line_ids.filtered(
                lambda x: x.account_id == self.input_account
            )
            self.assertEqual(
                interim.mapped("analytic_distribution"),
                [{str(project.id): 100.0}] * 2,
                grouping,
            )
            for layer in layers:
                linked = layer.jxc_link_ids.line_ids
                self.assertEqual((linked & interim).product_id, layer.product_id)
                self.assertEqual(
                    sum((linked & interim).mapped("credit")), abs(layer.value), grouping
                )

    def test_summary_matches_the_vendor_bill(self):
        """Anglo-saxon: the summary keeps interim lines per product, so the
        vendor bill still matches them."""
        self.setup_vendor_bills()
        self.default_rule("receipt").grouping = "summary_picking"
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "taxes_id": [Command.clear()],
                        }
                    )
                    for product, qty, price in (
                        (self.product, 10, 5.0),
                        (self.product2, 4, 2.0),
                    )
                ],
            }
        )
        picking = self.receive(order)
        self.run_cron()
        voucher = self.layers(picking).account_move_id
        self.assertEqual(len(voucher.line_ids), 3)
        order.action_create_invoice()
        bill = order.invoice_ids
        bill.invoice_date = fields.Date.today()
        bill.journal_id = self.purchase_journal
        bill.action_post()
        self.assertEqual(self.balance(self.input_account), 0.0)
        interim = (voucher | bill).line_ids.filtered(
            lambda line: line.account_id == self.input_account
        )
        self.assertTrue(all(interim.mapped("reconciled")))
        self.assertEqual(self.balance(self.stock_account), 58.0)

    def test_preview_shows_the_summary_voucher(self):
        picking = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        rule = self.default_rule("receipt")
        rule.write(
            {"grouping": "summary_picking", "credit_account_id": self.other_account.id}
        )
        preview = self.env["jxc.posting.rule.preview"].create(
            {"rule_id": rule.id, "picking_id": picking.id}
        )
        preview.action_preview()
        self.assertEqual(len(preview.line_ids), 2)
        self.assertEqual(
            sorted(preview.line_ids.mapped(lambda x: (x.debit, x.credit))),
            [(0.0, 56.0), (56.0, 0.0)],
        )
        self.assertIn("account and side", rule.grouping_note)
