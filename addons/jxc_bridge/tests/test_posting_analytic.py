from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingAnalytic(PostingCommon):
    """A rule's analytic distribution goes on the counterpart of the stock
    account (the cost, the expense), never on the stock account itself, and
    posting the entry books the analytic amounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["account.analytic.plan"].create({"name": "JXC Shops"})
        cls.shop = cls.env["account.analytic.account"].create(
            {"name": "Chengdu Shop", "plan_id": plan.id}
        )
        cls.distribution = {str(cls.shop.id): 100.0}

    def analytic_amount(self):
        return sum(
            self.env["account.analytic.line"]
            .search([("auto_account_id", "=", self.shop.id)])
            .mapped("amount")
        )

    def test_delivery_cost_carries_the_rule_distribution(self):
        self.default_rule("delivery").analytic_distribution = self.distribution
        self.picking("in", [(self.product, 10, 10.0)])
        delivery = self.picking("out", [(self.product, 4, 0.0)])
        entry = delivery.move_ids.stock_valuation_layer_ids.account_move_id
        self.assertEqual(entry.state, "posted")
        cost_line = entry.line_ids.filtered(
            lambda x: x.account_id == self.output_account
        )
        stock_line = entry.line_ids.filtered(
            lambda x: x.account_id == self.stock_account
        )
        self.assertEqual(cost_line.debit, 40.0)
        self.assertEqual(cost_line.analytic_distribution, self.distribution)
        self.assertFalse(stock_line.analytic_distribution)
        # a cost of 40 on the shop; the receipt (no distribution) books nothing
        self.assertEqual(self.analytic_amount(), -40.0)
