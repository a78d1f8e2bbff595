from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import load_chinese
from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestAuditLog(PostingCommon):
    """访问审计: every change of a control is on record in the JXC audit log,
    with the user, the time, the old and the new value (and the reason of an
    override)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_manager = new_test_user(
            cls.env, "jxc_audit_whm", groups="stock.group_stock_manager"
        )
        cls.account_manager = new_test_user(
            cls.env,
            "jxc_audit_accm",
            groups="account.group_account_manager,stock.group_stock_user",
        )
        cls.warehouse_user = new_test_user(
            cls.env, "jxc_audit_wh", groups="stock.group_stock_user"
        )
        cls.Log = cls.env["jxc.audit.log"]

    def logs(self, record):
        return self.Log.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)],
            order="id",
        )

    def line(self, log):
        return (
            log.user_id,
            log.field_id.name,
            log.old_value,
            log.new_value,
            log.company_id,
        )

    def test_stock_limits(self):
        rule = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.product.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.stock_location.id,
                "product_min_qty": 10.0,
                "product_max_qty": 50.0,
            }
        )
        before = fields.Datetime.now()
        rule.with_user(self.stock_manager).write(
            {"product_min_qty": 20.0, "jxc_safety_qty": 5.0, "trigger": "manual"}
        )
        logs = self.logs(rule)
        self.assertEqual(
            [self.line(log) for log in logs],
            [
                (self.stock_manager, "product_min_qty", "10", "20", self.company),
                (self.stock_manager, "jxc_safety_qty", "0", "5", self.company),
            ],
        )
        self.assertGreaterEqual(logs[0].date, before.replace(microsecond=0))
        self.assertEqual(logs[0].record_name, rule.display_name)
        self.assertEqual(logs.model_id.model, "stock.warehouse.orderpoint")
        # the same value again is no change
        rule.with_user(self.stock_manager).product_min_qty = 20.0
        self.assertEqual(len(self.logs(rule)), 2)
        # in Chinese, the field says what it is
        load_chinese(self.env)
        safety = logs[1].with_context(lang="zh_CN").field_id.field_description
        self.assertEqual(safety, "安全库存")

    def test_policies_and_dead_stock_days(self):
        self.company.jxc_oversell_policy = "off"
        self.company.jxc_dead_stock_days = 90
        self.Log.search([]).unlink()
        # the settings write the company as the administrator
        self.company.write({"jxc_oversell_policy": "block", "jxc_dead_stock_days": 120})
        admin = self.env.user
        self.assertEqual(
            [self.line(log) for log in self.logs(self.company)],
            [
                (admin, "jxc_oversell_policy", "Off", "Block", self.company),
                (admin, "jxc_dead_stock_days", "90", "120", self.company),
            ],
        )
        self.categ.jxc_oversell_policy = "warn"
        self.assertEqual(self.logs(self.categ).new_value, "Warn")

    def test_posting_rule(self):
        rule = self.default_rule("receipt")
        rule.with_user(self.account_manager).grouping = "per_day"
        log = self.logs(rule)
        self.assertEqual(
            self.line(log),
            (
                self.account_manager,
                "grouping",
                "One Entry per Move (Odoo)",
                "Daily Summary Voucher",
                self.company,
            ),
        )

    def test_month_close_and_reopen(self):
        month_end = self.Valuation._month_start(self.today()) - relativedelta(days=1)
        self.picking("in", [(self.product, 10, 5.0)])
        period = (
            self.env["jxc.period.close"]
            .with_user(self.account_manager)
            .create({"date": month_end})
        )
        period.override_reason = "Voucher posted by hand in the old system"
        period.action_close()
        action = period.action_reopen()
        self.env[action["res_model"]].with_user(self.account_manager).with_context(
            **action["context"]
        ).create({"reason": "Late vendor bill"}).action_reopen()
        states = [
            (log.old_value, log.new_value, log.reason) for log in self.logs(period)
        ]
        self.assertEqual(
            [s[:2] for s in states], [("Draft", "Closed"), ("Closed", "Reopened")]
        )
        self.assertEqual(states[0][2], "Voucher posted by hand in the old system")
        self.assertEqual(states[1][2], "Late vendor bill")
        # the stock lock date moved with the close and back with the reopen
        lock = self.logs(self.company).filtered(
            lambda x: x.field_id.name == "jxc_stock_lock_date"
        )
        self.assertEqual(
            [(x.old_value, x.new_value) for x in lock],
            [
                ("", fields.Date.to_string(month_end)),
                (fields.Date.to_string(month_end), ""),
            ],
        )
        self.assertEqual(lock.user_id, self.account_manager)

    def test_read_only_and_not_for_warehouse_users(self):
        self.categ.jxc_oversell_policy = "warn"
        log = self.logs(self.categ)
        with self.assertRaises(AccessError):
            log.with_user(self.account_manager).write({"new_value": "Off"})
        with self.assertRaises(AccessError):
            log.with_user(self.account_manager).unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(self.warehouse_user).search([])
        self.assertEqual(
            self.Log.with_user(self.stock_manager).search([("id", "=", log.id)]), log
        )
