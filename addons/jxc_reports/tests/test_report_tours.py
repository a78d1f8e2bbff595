import io
from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.jxc_bridge.tests.common import load_chinese

from .common import JxcReportsCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestReportTours(JxcReportsCommon, HttpCase):
    """Each role, in Chinese, in a headless browser: every jxc menu it sees
    opens its screen without an error; the warehouse user and the accountant
    run the stock movement summary of last month, print it, export its
    Excel file and read its total. wkhtmltopdf's requests for the web assets
    go to an unreachable address (they would wait on the test's
    transaction)."""

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

    def _assert_summary_exported(self, user):
        """The Excel file the tour's click exported: one attachment of the
        user, named after last month (the company's calendar), in Chinese,
        whose total row holds the total of the list's footer (33 units at the
        opening of last month: 28 A + 5 B)."""
        self.assertTrue(openpyxl, "openpyxl is needed to read the XLSX back")
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "jxc.stock.summary.wizard"),
                ("create_uid", "=", user.id),
                ("name", "=like", "%.xlsx"),
            ]
        )
        self.assertEqual(len(attachment), 1)
        valuation = self.env["jxc.valuation"]
        this_month = valuation._month_start(valuation._today(self.company))
        last_month = valuation._month_start(this_month - timedelta(days=1))
        self.assertEqual(attachment.name, f"进销存汇总表-{last_month:%Y-%m}.xlsx")
        wizard = self.env["jxc.stock.summary.wizard"].browse(attachment.res_id)
        self.assertEqual((wizard.date_from, wizard.create_uid), (last_month, user))
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "进销存汇总表")
        header = next(row for row in rows if row and "期初数量" in row)
        total = rows[-1]
        self.assertEqual(total[0], "合计")
        self.assertEqual(total[header.index("期初数量")], 33)
        self.assertEqual(total[header.index("期末数量")], 33)

    def test_warehouse_user(self):
        menus = self._open_every_menu("warehouse")
        self.assertIn(self.env.ref("jxc_reports.jxc_stock_summary_wizard_menu"), menus)
        self.start_tour(
            "/odoo/action-jxc_reports.jxc_stock_summary_wizard_action",
            "jxc_summary_last_month_tour",
            login=self.users["warehouse"].login,
        )
        self._assert_summary_exported(self.users["warehouse"])

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
        self._assert_summary_exported(self.users["accountant"])

    def test_sales_user(self):
        """Sales staff have no jxc menu: availability and the oversell guard
        live on the quotation, which opens."""
        self.assertFalse(self._open_every_menu("sales"))
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "jxc_screen_opens_tour",
            login=self.users["sales"].login,
        )
