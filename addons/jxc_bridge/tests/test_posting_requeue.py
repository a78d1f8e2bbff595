from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingRequeue(PostingCommon):
    """A layer whose entry is no longer posted goes back to the queue."""

    def test_deleted_entry_requeued_and_posted_again(self):
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        layer = self.layers(receipt)
        entry = layer.account_move_id
        self.assertEqual(self.balance(self.stock_account), 50.0)
        entry.button_draft()
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertEqual(
            layer.jxc_posting_error,
            f"The entry {entry.display_name} of this layer was reset to draft: post "
            "it again, or delete it so that the layer is posted anew.",
        )
        entry.unlink()
        self.assertEqual(layer.jxc_posting_state, "to_post")
        self.assertFalse(layer.jxc_posting_error)
        self.assertFalse(layer.account_move_id)
        self.assertEqual(self.balance(self.stock_account), 0.0)
        self.assertEqual(self.run_cron(), layer)
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(layer.account_move_id.state, "posted")
        self.assertEqual(layer.account_move_id.date, layer.jxc_posting_date)
        self.assertEqual(self.balance(self.stock_account), 50.0)
        self.assertEqual(self.balance(self.input_account), -50.0)
        self.assertEqual(len(layer.jxc_link_ids), 1)

    def test_draft_entry_posted_again(self):
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        layer = self.layers(receipt)
        entry = layer.account_move_id
        entry.button_draft()
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertFalse(self.run_cron(), "a draft entry is not posted twice")
        self.assertEqual(
            self.env["account.move"].search_count(
                [("stock_valuation_layer_ids", "in", layer.ids)]
            ),
            1,
        )
        entry.action_post()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertFalse(layer.jxc_posting_error)
        self.assertEqual(self.balance(self.stock_account), 50.0)

    def test_cancelled_grouped_voucher_requeued(self):
        self.default_rule("receipt").grouping = "per_picking"
        receipt = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        self.run_cron()
        layers = self.layers(receipt)
        voucher = layers.account_move_id
        self.assertEqual(len(voucher), 1)
        self.assertEqual(self.balance(self.stock_account), 56.0)
        voucher.button_cancel()
        self.assertEqual(voucher.state, "cancel")
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"to_post"})
        self.assertFalse(layers.account_move_id)
        self.assertFalse(layers.jxc_link_ids)
        self.assertEqual(self.balance(self.stock_account), 0.0)
        self.run_cron()
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(len(layers.account_move_id), 1)
        self.assertNotEqual(layers.account_move_id, voucher)
        self.assertEqual(self.balance(self.stock_account), 56.0)

    def test_safety_net_finds_entries_deleted_in_the_database(self):
        """An entry removed behind the ORM's back (a script, a bad module):
        the cron's safety net queues its layer again."""
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        layer = self.layers(receipt)
        entry = layer.account_move_id
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM account_move WHERE id = %s", [entry.id])
        self.env.invalidate_all()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(self.Layer._jxc_requeue_unposted(self.company), layer)
        self.assertEqual(layer.jxc_posting_state, "to_post")
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 50.0)
