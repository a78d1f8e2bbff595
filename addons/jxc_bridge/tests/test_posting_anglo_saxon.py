from odoo import Command, fields
from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingAngloSaxon(PostingCommon):
    """A voucher for many moves still matches the vendor bill on the interim account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_vendor_bills()

    def test_grouped_voucher_reconciles_with_bill(self):
        self.default_rule("receipt").grouping = "per_picking"
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_qty": 10,
                            "price_unit": 5.0,
                            "taxes_id": [Command.clear()],
                        }
                    ),
                    Command.create(
                        {
                            "product_id": self.product2.id,
                            "product_qty": 4,
                            "price_unit": 2.0,
                            "taxes_id": [Command.clear()],
                        }
                    ),
                ],
            }
        )
        picking = self.receive(order)
        self.assertEqual(picking.jxc_posting_state, "to_post")
        self.run_cron()
        voucher = self.layers(picking).account_move_id
        self.assertEqual(len(voucher), 1)
        self.assertEqual(self.balance(self.input_account), -58.0)

        order.action_create_invoice()
        bill = order.invoice_ids
        bill.invoice_date = fields.Date.today()
        bill.journal_id = self.purchase_journal
        bill.action_post()
        self.assertEqual(self.balance(self.input_account), 0.0)
        interim = (voucher | bill).line_ids.filtered(
            lambda line: line.account_id == self.input_account
        )
        self.assertEqual(len(interim), 4)
        self.assertTrue(all(interim.mapped("reconciled")))
        self.assertEqual(self.balance(self.stock_account), 58.0)
        self.assertEqual(self.balance(self.payable), -58.0)
