from odoo.tests import tagged

from odoo.addons.jxc_bridge.tests.common import JxcCommon


@tagged("post_install", "-at_install")
class TestJxcReportsMenus(JxcCommon):
    def test_report_menus_under_jxc_roots(self):
        stock_reports = self.env.ref("jxc_reports.jxc_reports_menu_stock")
        account_reports = self.env.ref("jxc_reports.jxc_reports_menu_account")
        self.assertEqual(
            stock_reports.parent_id, self.env.ref("jxc_bridge.jxc_bridge_menu_stock")
        )
        self.assertEqual(
            account_reports.parent_id,
            self.env.ref("jxc_bridge.jxc_bridge_menu_account"),
        )

    def test_report_menus_visible_by_role(self):
        moves = self.env.ref("jxc_reports.jxc_reports_menu_stock_moves")
        valuation = self.env.ref("jxc_reports.jxc_reports_menu_account_valuation")
        self.assertIn(moves, self.visible_menus(self.warehouse_user))
        self.assertIn(valuation, self.visible_menus(self.accountant))
        self.assertNotIn(moves, self.visible_menus(self.salesman))
        self.assertNotIn(valuation, self.visible_menus(self.salesman))
