"""The posting workloads of the benchmark, on a tiny scale: they run, and each
checks what it measures (one entry per layer, every queued layer posted)."""

from unittest.mock import patch

import posting_workloads as pw

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestBenchPosting(TransactionCase):
    def run_workload(self, name):
        func = pw.WORKLOADS[name][2]
        with (
            patch.object(pw, "PICKINGS", 6),
            patch.object(pw, "QUEUED_PICKINGS", 4),
            patch.object(pw, "MOVES_PER_PICKING", 3),
        ):
            func.setup(self.env)
            return func(self.env)

    def test_validation_workloads(self):
        self.assertEqual(self.run_workload("odoo_perpetual_500"), 6)
        entries = self.env["account.move"].search([("journal_id.code", "=", "BSTK")])
        self.assertEqual(len(entries), 6)
        self.assertFalse(entries.stock_valuation_layer_ids.jxc_posting_rule_id)

    def test_validation_with_rules(self):
        self.assertEqual(self.run_workload("jxc_per_move_500"), 6)
        layers = self.env["stock.valuation.layer"].search(
            [("product_id.name", "=like", "Bench real-time%")]
        )
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(len(layers.account_move_id), 6)

    def assert_queue_posted(self, name, vouchers):
        self.assertEqual(self.run_workload(name), 12)
        layers = self.env["stock.valuation.layer"].browse(pw._STATE["layers"])
        self.assertEqual(len(layers.account_move_id), vouchers)
        self.assertEqual(
            sum(layers.account_move_id.line_ids.mapped("debit")),
            sum(abs(value) for value in layers.mapped("value")),
        )

    def test_odoo_entries_per_layer(self):
        self.assert_queue_posted("odoo_entries_per_layer", 12)

    def test_post_per_picking(self):
        self.assert_queue_posted("jxc_post_per_picking", 4)

    def test_post_daily(self):
        self.assert_queue_posted("jxc_post_daily", 2)
