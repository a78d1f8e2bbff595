from odoo import Command, fields
from odoo.tests import tagged

from ..models import voucher
from .common import foreign_currency
from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingCurrency(PostingCommon):
    """A receipt from a vendor in a foreign currency posts in the company's
    currency at the layer's value; the vendor bill still matches the interim
    account to zero, in both currencies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.foreign = foreign_currency(cls.env, cls.company)
        cls.setup_vendor_bills()

    def _receive_order(self):
        """10 tea at 10.00 and 5 tea at 12.00 in the foreign currency, on one
        order (two moves of the same product in one receipt)."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.partner.id,
                "currency_id": self.foreign.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "taxes_id": [Command.clear()],
                        }
                    )
                    for qty, price in ((10, 10.0), (5, 12.0))
                ],
            }
        )
        picking = self.receive(order)
        return order, picking

    def _bill(self, order):
        order.action_create_invoice()
        bill = order.invoice_ids
        bill.invoice_date = fields.Date.today()
        bill.journal_id = self.purchase_journal
        bill.action_post()
        return bill

    def _check_posted_and_billed(self, order, picking):
        layers = self.layers(picking)
        self.assertEqual(sorted(layers.mapped("value")), [30.0, 50.0])
        voucher_move = layers.account_move_id
        self.assertEqual(len(voucher_move), 1)
        self.assertEqual(voucher_move.currency_id, self.company.currency_id)
        interim = voucher_move.line_ids.filtered(
            lambda line: line.account_id == self.input_account
        )
        self.assertEqual(len(interim), 1, "the two moves merged into one line")
        self.assertEqual(interim.balance, -80.0)
        self.assertEqual(interim.currency_id, self.foreign)
        self.assertEqual(interim.amount_currency, -160.0)
        self.assertEqual(self.balance(self.stock_account), 80.0)
        self.assertEqual(self.balance(self.input_account), -80.0)

        bill = self._bill(order)
        self.assertEqual(bill.currency_id, self.foreign)
        self.assertEqual(bill.amount_total, 160.0)
        self.assertEqual(self.balance(self.input_account), 0.0)
        bill_interim = bill.line_ids.filtered(
            lambda line: line.account_id == self.input_account
        )
        self.assertEqual(sum(bill_interim.mapped("amount_currency")), 160.0)
        self.assertTrue(all((interim | bill_interim).mapped("reconciled")))
        self.assertEqual(self.balance(self.stock_account), 80.0)
        self.assertEqual(self.balance(self.payable), -80.0)

    def test_per_picking_voucher_in_company_currency(self):
        self.default_rule("receipt").grouping = "per_picking"
        order, picking = self._receive_order()
        self.assertEqual(picking.jxc_posting_state, "to_post")
        self.run_cron()
        self._check_posted_and_billed(order, picking)

    def test_bill_before_the_voucher(self):
        """The bill is posted first; the queue's voucher matches it."""
        self.default_rule("receipt").grouping = "per_picking"
        order, picking = self._receive_order()
        bill = self._bill(order)
        self.assertEqual(self.balance(self.input_account), 80.0)
        self.run_cron()
        self.assertEqual(self.balance(self.input_account), 0.0)
        self.assertEqual(self.balance(self.stock_account), 80.0)
        interim = (self.layers(picking).account_move_id | bill).line_ids.filtered(
            lambda line: line.account_id == self.input_account
        )
        self.assertEqual(sum(interim.mapped("amount_currency")), 0.0)
        self.assertTrue(all(interim.mapped("reconciled")))

    def test_merge_adds_amounts_in_currency(self):
        lines = [
            {"account_id": 1, "product_id": 7, "balance": -50.0, "quantity": 10},
            {"account_id": 1, "product_id": 7, "balance": -30.0, "quantity": 5},
        ]
        for line, amount in zip(lines, (-100.0, -60.0), strict=True):
            line.update(currency_id=2, amount_currency=amount)
        usd = {"account_id": 1, "product_id": 7, "balance": -5.0, "quantity": 1}
        merged = voucher.merge_lines([*lines, usd])
        self.assertEqual(len(merged), 2, "the company-currency line stays apart")
        self.assertEqual(merged[0]["balance"], -80.0)
        self.assertEqual(merged[0]["amount_currency"], -160.0)
        self.assertEqual(merged[0]["quantity"], 15)
        self.assertNotIn("amount_currency", merged[1])
