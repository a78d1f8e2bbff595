import unittest

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import load_chinese


@tagged("post_install", "-at_install")
class TestAuditLogTour(HttpCase):
    """访问审计 in a headless browser, in Chinese: an accounting manager
    changes a stock limit, a category's overselling policy and a posting rule,
    closes a month and reopens it with a reason, then reads each change in the
    JXC audit log with his name, the time, the old and the new value."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.http_port():
            raise unittest.SkipTest("no HTTP server in this test run")
        load_chinese(cls.env, ("base", "web", "mail", "stock", "account", "jxc_bridge"))
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.manager = new_test_user(
            cls.env,
            "jxc_audit_tour",
            groups="account.group_account_manager,stock.group_stock_manager",
            name="审计经理",
            lang="zh_CN",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.category = cls.env["product.category"].create({"name": "JXC Audit Goods"})
        product = cls.env["product.product"].create(
            {
                "name": "JXC Audit Widget",
                "is_storable": True,
                "categ_id": cls.category.id,
            }
        )
        cls.limit = cls.env["stock.warehouse.orderpoint"].create(
            {
                "name": "JXC 审计限额",
                "product_id": product.id,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "product_min_qty": 10,
                "product_max_qty": 50,
                "trigger": "manual",
            }
        )
        cls.rule = cls.env["jxc.posting.rule"].search(
            [("company_id", "=", cls.company.id), ("operation_kind", "=", "receipt")],
            limit=1,
        )
        Valuation = cls.env["jxc.valuation"]
        cls.month_end = Valuation._month_start(
            Valuation._today(cls.company)
        ) - relativedelta(days=1)
        cls.close = cls.env["jxc.period.close"].create({"date": cls.month_end})

    def tour(self, url, name):
        self.start_tour(url, name, login=self.manager.login)

    def test_audit_log_in_chinese(self):
        self.assertEqual(self.rule.grouping, "per_move")
        self.tour(
            "/odoo/action-jxc_bridge.stock_warehouse_orderpoint_action_limits",
            "jxc_audit_limit_tour",
        )
        self.tour(
            f"/odoo/action-product.product_category_action_form/{self.category.id}",
            "jxc_audit_policy_tour",
        )
        self.tour(
            f"/odoo/action-jxc_bridge.jxc_posting_rule_action/{self.rule.id}",
            "jxc_audit_rule_tour",
        )
        self.tour(
            f"/odoo/action-jxc_bridge.jxc_period_close_action/{self.close.id}",
            "jxc_audit_close_tour",
        )
        self.assertEqual(self.limit.product_min_qty, 20)
        self.assertEqual(self.category.jxc_oversell_policy, "block")
        self.assertEqual(self.rule.grouping, "per_day")
        self.assertEqual(self.close.state, "reopened")
        logs = self.env["jxc.audit.log"].search(
            [("user_id", "=", self.manager.id)], order="id"
        )
        month_end = fields.Date.to_string(self.month_end)
        self.assertEqual(
            [
                (
                    log.res_model,
                    log.res_id,
                    log.field_id.name,
                    log.old_value,
                    log.new_value,
                    log.reason,
                    log.kind,
                )
                for log in logs
            ],
            [
                (
                    "stock.warehouse.orderpoint",
                    self.limit.id,
                    "product_min_qty",
                    "10",
                    "20",
                    False,
                    "change",
                ),
                (
                    "product.category",
                    self.category.id,
                    "jxc_oversell_policy",
                    "公司默认",
                    "禁止",
                    False,
                    "change",
                ),
                (
                    "jxc.posting.rule",
                    self.rule.id,
                    "grouping",
                    "每笔移动一张凭证（Odoo 默认）",
                    "按日汇总凭证",
                    False,
                    "change",
                ),
                (
                    "res.company",
                    self.company.id,
                    "jxc_stock_lock_date",
                    "",
                    month_end,
                    False,
                    "change",
                ),
                (
                    "jxc.period.close",
                    self.close.id,
                    "state",
                    "草稿",
                    "已结账",
                    False,
                    "change",
                ),
                (
                    "res.company",
                    self.company.id,
                    "jxc_stock_lock_date",
                    month_end,
                    "",
                    False,
                    "change",
                ),
                (
                    "jxc.period.close",
                    self.close.id,
                    "state",
                    "已结账",
                    "已重新打开",
                    "供应商发票迟到",
                    "change",
                ),
            ],
        )
        self.assertEqual(logs.company_id, self.company)
        self.tour("/odoo/action-jxc_bridge.jxc_audit_log_action", "jxc_audit_log_tour")
