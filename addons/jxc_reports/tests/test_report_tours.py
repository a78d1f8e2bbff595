from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.jxc_bridge.tests.common import load_chinese

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestReportTours(JxcReportsCommon, HttpCase):
    """Each role, in Chinese, in a headless browser: every jxc menu it sees
    opens its screen without an error; the warehouse user and the accountant
    run the stock movement summary of last month, print it and read its
    total. wkhtmltopdf's requests for the web assets go to an unreachable
    address (they would wait on the test's transaction)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        load_chinese(
            cls.env,
            ("base", "web", "stock", "account", "sale", "jxc_bridge", "jxc_reports"),
        )
        company = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.users = {
            "warehouse": new_test_user(
                cls.env,
                "jxc_tour_wh",
                groups="stock.group_stock_user",
                lang="zh_CN",
                **company,
            ),
            "accountant": new_test_user(
                cls.env,
                "jxc_tour_acc",
                groups="account.group_account_manager",
                lang="zh_CN",
                **company,
            ),
            "sales": new_test_user(
                cls.env,
                "jxc_tour_sales",
                groups="sales_team.group_sale_salesman",
                lang="zh_CN",
                **company,
            ),
        }

    def _jxc_menus(self, user):
        """The menus with an action that ``user`` reaches under jxc's roots."""
        Menu = self.env["ir.ui.menu"].with_user(user)
        visible = set(Menu._visible_menu_ids())
        roots = [
            self.env.ref("jxc_bridge.jxc_bridge_menu_stock"),
            self.env.ref("jxc_bridge.jxc_bridge_menu_account"),
        ]
        menus = self.env["ir.ui.menu"].search(
            [("id", "child_of", [root.id for root in roots]), ("action", "!=", False)]
        )
        return menus.filtered(
            lambda m: all(
                int(i) in visible for i in m.parent_path.strip("/").split("/")
            )
        )

    def _open_every_menu(self, role):
        user = self.users[role]
        menus = self._jxc_menus(user)
        for menu in menus:
            action = menu.action
            with self.subTest(menu=menu.complete_name):
                self.start_tour(
                    f"/odoo/action-{action.id}?menu_id={menu.id}",
                    "jxc_screen_opens_tour",
                    login=user.login,
                )
        return menus

    def test_warehouse_user(self):
        menus = self._open_every_menu("warehouse")
        self.assertIn(self.env.ref("jxc_reports.jxc_stock_summary_wizard_menu"), menus)
        self.start_tour(
            "/odoo/action-jxc_reports.jxc_stock_summary_wizard_action",
            "jxc_summary_last_month_tour",
            login=self.users["warehouse"].login,
        )

    def test_accountant(self):
        menus = self._open_every_menu("accountant")
        self.assertIn(
            self.env.ref("jxc_reports.jxc_stock_card_wizard_menu_account"), menus
        )
        self.start_tour(
            "/odoo/action-jxc_reports.jxc_stock_summary_wizard_action",
            "jxc_summary_last_month_tour",
            login=self.users["accountant"].login,
        )

    def test_sales_user(self):
        """Sales staff have no jxc menu: availability and the oversell guard
        live on the quotation, which opens."""
        self.assertFalse(self._open_every_menu("sales"))
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "jxc_screen_opens_tour",
            login=self.users["sales"].login,
        )
