from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.jxc_bridge.tests.posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingLandedCost(PostingCommon):
    """A landed cost posts Odoo's entry through the landed-cost rule: debit
    stock valuation, credit the landed cost's account, exact balances."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.anglo_saxon_accounting = True
        cls.freight_account = cls.env["account.account"].create(
            {
                "code": "JXC2241",
                "name": "Freight Clearing",
                "account_type": "liability_current",
            }
        )
        cls.expense_account = cls.env["account.account"].create(
            {"code": "JXC6402", "name": "Cost of Goods", "account_type": "expense"}
        )
        cls.categ.property_account_expense_categ_id = cls.expense_account
        cls.freight = cls.env["product.product"].create(
            {"name": "Freight", "type": "service", "landed_cost_ok": True}
        )
        cls.lc_journal = cls.env["account.journal"].create(
            {"name": "JXC Landed Costs", "code": "JXCL", "type": "general"}
        )
        cls.rule = cls.default_rule(cls, "landed_cost")

    def landed_cost(self, picking, amount, validate=True):
        """A freight of ``amount`` on ``picking``, split by quantity."""
        cost = self.env["stock.landed.cost"].create(
            {
                "picking_ids": [Command.set(picking.ids)],
                "account_journal_id": self.journal.id,
                "cost_lines": [
                    Command.create(
                        {
                            "product_id": self.freight.id,
                            "name": "Freight",
                            "price_unit": amount,
                            "split_method": "by_quantity",
                            "account_id": self.freight_account.id,
                        }
                    )
                ],
            }
        )
        if validate:
            cost.button_validate()
            self.assertEqual(cost.state, "done")
        return cost

    def test_landed_cost_posts_through_rule(self):
        self.rule.write(
            {
                "journal_id": self.lc_journal.id,
                "narration_template": "{document} 运费 {product}",
                "grouping": "per_picking",
            }
        )
        receipt = self.picking(
            "in", [(self.product, 10, 10.0), (self.product2, 30, 1.0)]
        )
        self.picking("out", [(self.product, 4, 0.0)])
        cost = self.landed_cost(receipt, 80.0)

        # by quantity: 20 on the tea (4 of 10 already delivered), 60 on the cups
        layers = cost.stock_valuation_layer_ids
        self.assertEqual(sorted(layers.mapped("value")), [12.0, 60.0])
        self.assertEqual(set(layers.mapped("jxc_operation_kind")), {"landed_cost"})
        self.assertEqual(layers.jxc_posting_rule_id, self.rule)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        entry = cost.account_move_id
        self.assertEqual(entry.state, "posted")
        self.assertEqual(entry.journal_id, self.lc_journal)
        # the rule's journal is the landed cost's
        self.assertEqual(cost.account_journal_id, self.lc_journal)
        self.assertEqual(layers.account_move_id, entry)
        self.assertEqual(layers.jxc_link_ids.account_move_id, entry)
        self.assertEqual(len(layers.jxc_link_ids), 2)
        stock_lines = entry.line_ids.filtered(
            lambda line: line.account_id == self.stock_account and line.debit
        )
        self.assertEqual(
            sorted(stock_lines.mapped("name")),
            [f"{cost.name} 运费 Cup", f"{cost.name} 运费 Tea"],
        )
        # nothing waits in the queue, nothing is posted twice
        self.assertFalse(self.run_cron())
        self.assertEqual(len(cost.account_move_id), 1)

        self.assertEqual(self.product.value_svl + self.product2.value_svl, 162.0)
        self.assertEqual(self.balance(self.stock_account), 90.0 + 20.0 - 8.0 + 60.0)
        self.assertEqual(self.balance(self.freight_account), -80.0)
        # the tea already delivered: to the output account, then to the cost
        self.assertEqual(self.balance(self.output_account), 40.0 + 8.0 - 8.0)
        self.assertEqual(self.balance(self.expense_account), 8.0)
        self.assertEqual(self.balance(self.input_account), -130.0)

    def test_rule_accounts_replace_odoo_accounts(self):
        plan = self.env["account.analytic.plan"].create({"name": "JXC Shops"})
        shop = self.env["account.analytic.account"].create(
            {"name": "Chengdu Shop", "plan_id": plan.id}
        )
        self.rule.write(
            {
                "debit_account_id": self.other_account.id,
                "credit_account_id": self.input_account.id,
                "analytic_distribution": {str(shop.id): 100.0},
            }
        )
        receipt = self.picking("in", [(self.product, 10, 10.0)])
        cost = self.landed_cost(receipt, 30.0)
        self.assertEqual(cost.account_move_id.journal_id, self.journal)
        self.assertEqual(cost.stock_valuation_layer_ids.value, 30.0)
        self.assertEqual(self.balance(self.other_account), 30.0)
        self.assertEqual(self.balance(self.input_account), -130.0)
        self.assertEqual(self.balance(self.stock_account), 100.0)
        self.assertEqual(self.balance(self.freight_account), 0.0)
        # the distribution on the counterpart only: 30 credited to the shop
        lines = cost.account_move_id.line_ids
        self.assertEqual(
            lines.filtered(
                lambda x: x.account_id == self.input_account
            ).analytic_distribution,
            {str(shop.id): 100.0},
        )
        self.assertFalse(
            lines.filtered(
                lambda x: x.account_id == self.other_account
            ).analytic_distribution
        )
        analytic = self.env["account.analytic.line"].search(
            [("auto_account_id", "=", shop.id)]
        )
        self.assertEqual(analytic.mapped("amount"), [30.0])

    def test_rule_overrides_reconcile(self):
        """A landed-cost rule that debits its own stock account (goods in
        transit) and credits the interim account: the reconciliation reads the
        stock side from the rule (``_jxc_stock_side``), both accounts
        reconcile to the cent, nothing is unexplained."""
        self.rule.write(
            {
                "debit_account_id": self.other_account.id,
                "credit_account_id": self.input_account.id,
            }
        )
        receipt = self.picking(
            "in", [(self.product, 10, 10.0), (self.product2, 30, 1.0)]
        )
        self.picking("out", [(self.product, 4, 0.0)])
        self.landed_cost(receipt, 80.0)
        result = self.env["jxc.valuation"]._reconcile(
            self.company, self.env["jxc.valuation"]._today(self.company)
        )
        rows = {row["account_id"]: row for row in result["accounts"]}
        stock, transit = rows[self.stock_account.id], rows[self.other_account.id]
        # 100 + 30 received, 40 delivered; the freight: 12 on the tea still
        # in stock (8 to the output account), 60 on the cups
        self.assertEqual(
            (stock["valuation_value"], stock["ledger_balance"]), (90.0, 90.0)
        )
        self.assertEqual(
            (transit["valuation_value"], transit["ledger_balance"]), (72.0, 72.0)
        )
        self.assertEqual((stock["unexplained"], transit["unexplained"]), (0.0, 0.0))
        self.assertEqual(result["unexplained"], 0.0)
        self.assertTrue(result["balanced"])
        self.assertFalse(result["products"])

    def test_each_warehouse_through_its_rule(self):
        """The same product received in two warehouses, one of them with its
        own landed-cost rule (goods in transit): each adjustment line posts
        through the rule of its warehouse, in one entry."""
        chengdu = self.env["stock.warehouse"].create(
            {"name": "JXC Chengdu", "code": "JXCD"}
        )
        self.rule.copy(
            {"warehouse_id": chengdu.id, "debit_account_id": self.other_account.id}
        )
        first = self.picking("in", [(self.product, 10, 10.0)])
        self.warehouse, self.stock_location = chengdu, chengdu.lot_stock_id
        second = self.picking("in", [(self.product, 10, 10.0)])
        cost = self.landed_cost(first | second, 40.0)

        layers = cost.stock_valuation_layer_ids
        self.assertEqual(layers.mapped("value"), [20.0, 20.0])
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(layers.jxc_link_ids.account_move_id, cost.account_move_id)
        self.assertEqual(self.balance(self.stock_account), 200.0 + 20.0)
        self.assertEqual(self.balance(self.other_account), 20.0)
        self.assertEqual(self.balance(self.freight_account), -40.0)
        self.assertEqual(self.product.value_svl, 240.0)

    def test_without_a_rule_the_entry_is_odoos(self):
        self.rule.unlink()
        receipt = self.picking("in", [(self.product, 10, 10.0)])
        cost = self.landed_cost(receipt, 30.0)
        layer = cost.stock_valuation_layer_ids
        self.assertEqual(cost.account_move_id.journal_id, self.journal)
        self.assertEqual(self.balance(self.stock_account), 130.0)
        self.assertEqual(self.balance(self.freight_account), -30.0)
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertFalse(layer.jxc_posting_rule_id)
        self.assertEqual(layer.jxc_link_ids.account_move_id, cost.account_move_id)

    def test_rules_with_different_journals_refused(self):
        other_categ = self.categ.copy({"name": "JXC Other Goods"})
        self.product2.categ_id = other_categ
        self.rule.copy({"categ_id": other_categ.id, "journal_id": self.lc_journal.id})
        receipt = self.picking(
            "in", [(self.product, 10, 10.0), (self.product2, 10, 1.0)]
        )
        cost = self.landed_cost(receipt, 20.0, validate=False)
        # assertRaises (Odoo's) rolls back to a savepoint, as a failed request
        with self.assertRaises(UserError) as raised:
            cost.button_validate()
        self.assertIn("different journals", str(raised.exception))
        # the layers Odoo created before the entry are rolled back with it
        self.env.invalidate_all()
        self.assertEqual(cost.state, "draft")
        self.assertFalse(cost.stock_valuation_layer_ids)
        self.assertFalse(cost.account_move_id)

    def test_back_dated_landed_cost_in_closed_month_refused(self):
        receipt = self.picking("in", [(self.product, 10, 10.0)])
        month_end = self.Valuation._month_start(self.today()) - timedelta(days=1)
        self.company.jxc_stock_lock_date = month_end
        cost = self.landed_cost(receipt, 30.0, validate=False)
        cost.date = month_end
        with self.assertRaises(UserError) as caught:
            cost.button_validate()
        self.assertRegex(
            caught.exception.args[0],
            "Inventory is closed up to .* cannot post on JXC1405 Stock",
        )
        self.assertEqual(cost.state, "draft")
        self.assertEqual(self.product.value_svl, 100.0)
        cost.date = month_end + timedelta(days=1)
        cost.button_validate()
        self.assertEqual(cost.state, "done")
        self.assertEqual(cost.account_move_id.date, month_end + timedelta(days=1))
        self.assertEqual(self.product.value_svl, 130.0)
        self.assertEqual(self.balance(self.stock_account), 130.0)
