from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingQueueAccess(PostingCommon):
    """Accountants post their queue with "Post now" without any stock right;
    the layers' values stay out of their reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            "jxc_queue_acc",
            groups="account.group_account_invoice",
            name="Queue Accountant",
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            "jxc_queue_wh",
            groups="stock.group_stock_user",
            name="Queue Warehouse User",
        )

    def _queued_receipt(self):
        self.default_rule("receipt").grouping = "per_picking"
        picking = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        layers = self.layers(picking)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"to_post"})
        return picking, layers

    def test_accountant_posts_now(self):
        _picking, layers = self._queued_receipt()
        self.assertFalse(self.accountant.has_group("stock.group_stock_user"))
        self.assertIs(layers.with_user(self.accountant).action_jxc_post_now(), True)
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        voucher = layers.account_move_id
        self.assertEqual(len(voucher), 1)
        self.assertEqual(voucher.state, "posted")
        self.assertEqual(self.balance(self.stock_account), 56.0)
        self.assertEqual(self.balance(self.input_account), -56.0)
        # posting is not writing: the layers' values stay read-only for them
        with self.assertRaises(AccessError):
            layers[0].with_user(self.accountant).write({"value": 1.0})

    def test_users_without_posting_right(self):
        _picking, layers = self._queued_receipt()
        salesman = new_test_user(
            self.env,
            "jxc_queue_sales",
            groups="sales_team.group_sale_salesman",
            name="Queue Salesman",
        )
        for user in (self.warehouse_user, salesman):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                layers.with_user(user).action_jxc_post_now()
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"to_post"})
        self.assertFalse(layers.account_move_id)
