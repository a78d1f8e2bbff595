from odoo.tests import tagged

from .common import JxcCommon


@tagged("post_install", "-at_install")
class TestJxcGroups(JxcCommon):
    def test_groups_follow_odoo_roles(self):
        """Inventory and Invoicing users get jxc without any extra setting."""
        expected = {
            self.warehouse_user: (True, False),
            self.stock_manager: (True, True),
            self.accountant: (True, True),
            self.salesman: (False, False),
        }
        for user, (is_user, is_manager) in expected.items():
            with self.subTest(user=user.name):
                self.assertEqual(
                    user.has_group("jxc_bridge.jxc_bridge_group_user"), is_user
                )
                self.assertEqual(
                    user.has_group("jxc_bridge.jxc_bridge_group_manager"), is_manager
                )

    def test_manager_implies_user(self):
        manager = self.env.ref("jxc_bridge.jxc_bridge_group_manager")
        self.assertIn(
            self.env.ref("jxc_bridge.jxc_bridge_group_user"), manager.trans_implied_ids
        )
        self.assertIn(self.env.ref("base.user_admin"), manager.users)

    def test_inventory_menu(self):
        menu = self.env.ref("jxc_bridge.jxc_bridge_menu_stock")
        limits = self.env.ref("jxc_bridge.jxc_bridge_menu_stock_limits")
        self.assertEqual(menu.parent_id, self.env.ref("stock.menu_stock_root"))
        self.assertIn(limits, self.visible_menus(self.warehouse_user))
        self.assertNotIn(menu, self.visible_menus(self.salesman))

    def test_accounting_menu(self):
        """Accountants read valuation in Invoicing > JXC without stock rights."""
        menu = self.env.ref("jxc_bridge.jxc_bridge_menu_account")
        valuation = self.env.ref("jxc_bridge.jxc_bridge_menu_account_valuation")
        self.assertEqual(menu.parent_id, self.env.ref("account.menu_finance"))
        self.assertFalse(self.accountant.has_group("stock.group_stock_manager"))
        self.assertIn(valuation, self.visible_menus(self.accountant))
        self.assertNotIn(menu, self.visible_menus(self.warehouse_user))
        self.assertNotIn(menu, self.visible_menus(self.salesman))
        Layer = self.env["stock.valuation.layer"]
        self.assertTrue(Layer.with_user(self.accountant).has_access("read"))
        self.assertFalse(Layer.with_user(self.accountant).has_access("write"))
        self.assertFalse(Layer.with_user(self.salesman).has_access("read"))
