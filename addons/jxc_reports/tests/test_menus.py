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

    def test_accountant_reaches_stock_card_and_alerts(self):
        """The accountant works in Invoicing only: the stock card and the
        alert report have a menu there too, and the accountant can run them."""
        visible = self.visible_menus(self.accountant)
        for xmlid in (
            "jxc_reports.jxc_stock_card_wizard_menu_account",
            "jxc_reports.jxc_stock_alert_report_wizard_menu_account",
        ):
            menu = self.env.ref(xmlid)
            self.assertIn(menu, visible, xmlid)
            self.assertEqual(
                menu.parent_id, self.env.ref("jxc_reports.jxc_reports_menu_account")
            )
        self.assertEqual(
            self.env.ref("jxc_reports.jxc_stock_card_wizard_menu_account").action,
            self.env.ref("jxc_reports.jxc_stock_card_wizard_action"),
        )
        wizard = (
            self.env["jxc.stock.alert.report.wizard"]
            .with_user(self.accountant)
            .create({})
        )
        self.assertEqual(
            wizard.action_view_lines()["res_model"], wizard._jxc_line_model
        )

    def test_menu_names_match_their_screens(self):
        """A menu opens a screen of its own name (the ABC-XYZ matrix menu
        opened a screen titled ABC Analysis)."""
        for xmlid in (
            "jxc_bridge.jxc_abc_run_line_menu",
            "jxc_bridge.jxc_abc_run_line_menu_jxc",
            "jxc_reports.jxc_reports_menu_stock_moves",
            "jxc_reports.jxc_stock_card_wizard_menu",
            "jxc_reports.jxc_stock_summary_wizard_menu",
        ):
            menu = self.env.ref(xmlid)
            self.assertEqual(menu.name, menu.action.name, xmlid)
