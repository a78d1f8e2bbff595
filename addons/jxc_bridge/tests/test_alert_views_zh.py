from odoo.tests import tagged

from .common import load_chinese
from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestAlertViewsChinese(JxcAlertCommon):
    """The screens of alerts, limits and the wizards load, in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def arch(self, model, view_type, xmlid=None):
        view_id = self.zh.ref(xmlid).id if xmlid else None
        return self.zh[model].get_view(view_id, view_type)["arch"]

    def test_alert_screens(self):
        views = self.zh["jxc.stock.alert"].get_views(
            [(False, t) for t in ("list", "kanban", "pivot", "graph", "form", "search")]
        )["views"]
        self.assertIn("确认知悉", views["list"]["arch"])
        self.assertIn("补货", views["form"]["arch"])
        self.assertIn("询价单明细", views["form"]["arch"])
        self.assertIn("我的预警", views["search"]["arch"])
        self.assertIn("呆滞库存", views["search"]["arch"])
        fields_ = self.zh["jxc.stock.alert"].fields_get(["kind", "qty_on_hand"])
        self.assertIn(("dead_stock", "呆滞库存"), fields_["kind"]["selection"])
        self.assertEqual(fields_["qty_on_hand"]["string"], "在手")
        self.assertEqual(
            self.zh.ref("jxc_bridge.jxc_stock_alert_menu").name, "库存预警"
        )

    def test_limits_and_wizard_screens(self):
        limits = self.arch(
            "stock.warehouse.orderpoint",
            "list",
            "jxc_bridge.stock_warehouse_orderpoint_view_list_limits",
        )
        self.assertIn("jxc_safety_qty", limits)
        fields_ = self.zh["stock.warehouse.orderpoint"].fields_get(
            ["jxc_safety_qty", "jxc_overstock_qty"]
        )
        self.assertEqual(fields_["jxc_safety_qty"]["string"], "安全库存")
        self.assertEqual(fields_["jxc_overstock_qty"]["string"], "超储上限")
        wizard = self.arch("jxc.replenish.wizard", "form")
        self.assertIn("创建询价单", wizard)
        oversell = self.arch("jxc.oversell.wizard", "form")
        self.assertIn("仍然确认", oversell)
        settings = self.arch("res.config.settings", "form")
        self.assertIn("库存预警（进销存）", settings)
        overview = self.arch(
            "stock.picking.type", "kanban", "stock.stock_picking_type_kanban"
        )
        self.assertIn("jxc_alert_count", overview)
