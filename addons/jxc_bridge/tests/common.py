from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


def load_chinese(env, modules=("jxc_bridge",)):
    """Activate Simplified Chinese and load the translations of ``modules``."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search(
        [("name", "in", list(modules))]
    )._update_translations(["zh_CN"])


class JxcCommon(BaseCommon):
    """Users of each kind that jxc serves, built on Odoo's own groups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse_user = new_test_user(
            cls.env, "jxc_wh", groups="stock.group_stock_user", name="Warehouse User"
        )
        cls.stock_manager = new_test_user(
            cls.env, "jxc_whm", groups="stock.group_stock_manager", name="Stock Manager"
        )
        cls.salesman = new_test_user(
            cls.env,
            "jxc_sales",
            groups="sales_team.group_sale_salesman",
            name="Salesman",
        )
        cls.accountant = new_test_user(
            cls.env,
            "jxc_acc",
            groups="account.group_account_manager",
            name="Accountant",
        )

    def visible_menus(self, user):
        """The menus ``user`` can reach: visible, and so is every parent."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        menus = self.env["ir.ui.menu"].browse(visible)
        return menus.filtered(
            lambda m: all(
                int(i) in visible for i in m.parent_path.strip("/").split("/")
            )
        )
