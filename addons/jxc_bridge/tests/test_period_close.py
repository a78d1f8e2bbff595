from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPeriodClose(PostingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bookkeeper = new_test_user(
            cls.env,
            "jxc_bookkeeper",
            groups="account.group_account_invoice,stock.group_stock_user",
        )
        cls.month_end = fields.Date.today() + relativedelta(day=31)

    def close(self, user=None, **vals):
        period = self.env["jxc.period.close"].create({"date": self.month_end, **vals})
        return period.with_user(user or self.env.user)

    def test_close_locks_stock(self):
        self.picking("in", [(self.product, 10, 5.0)])
        period = self.close(user=self.bookkeeper)
        period.action_close()
        self.assertEqual(period.state, "closed")
        self.assertEqual(period.unexplained, 0.0)
        self.assertEqual(self.company.jxc_stock_lock_date, self.month_end)
        with self.assertRaisesRegex(UserError, "Inventory is closed up to"):
            self.picking("out", [(self.product, 1, 0.0)])
        period.with_user(self.env.user).action_reopen()
        self.assertFalse(self.company.jxc_stock_lock_date)
        self.picking("out", [(self.product, 1, 0.0)])

    def test_back_dated_move_refused(self):
        picking = self.picking("in", [(self.product, 10, 5.0)])
        self.company.jxc_stock_lock_date = fields.Date.today() - relativedelta(days=1)
        with self.assertRaisesRegex(UserError, "Inventory is closed up to"):
            picking.move_ids.date = fields.Datetime.now() - relativedelta(days=3)

    def test_refused_while_queue_not_posted_unless_manager_overrides(self):
        self.default_rule("receipt").grouping = "per_picking"
        self.picking("in", [(self.product, 10, 5.0)])
        period = self.close(user=self.bookkeeper)
        with self.assertRaisesRegex(UserError, "1 layers still to post"):
            period.action_close()
        self.assertFalse(self.company.jxc_stock_lock_date)
        manager_period = period.with_user(self.env.user)
        with self.assertRaisesRegex(UserError, "reason"):
            manager_period.action_close()
        manager_period.override_reason = "Voucher posted by hand in the old system"
        manager_period.action_close()
        self.assertEqual(period.state, "closed")
        self.assertIn(
            "Voucher posted by hand",
            period.message_ids[0].body,
        )
        self.assertEqual(self.company.jxc_stock_lock_date, self.month_end)
