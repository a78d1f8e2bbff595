import unittest

from odoo.tests import HttpCase, tagged

from .common import load_chinese


@tagged("post_install", "-at_install")
class TestAlertTour(HttpCase):
    """The screens in a headless browser, in Chinese. They need Odoo's HTTP
    server: run through Odoo's test runner (``--test-tags /jxc_bridge``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.http_port():
            raise unittest.SkipTest("no HTTP server in this test run")
        load_chinese(cls.env, ("base", "web", "stock", "purchase", "jxc_bridge"))
        cls.env.ref("base.user_admin").lang = "zh_CN"
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        vendor = cls.env["res.partner"].create({"name": "JXC Tour Vendor"})
        product = cls.env["product.product"].create(
            {
                "name": "JXC Tour Widget",
                "is_storable": True,
                "seller_ids": [(0, 0, {"partner_id": vendor.id, "price": 3.0})],
            }
        )
        cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": product.id,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "product_min_qty": 10,
                "product_max_qty": 50,
                "jxc_safety_qty": 2,
                "jxc_overstock_qty": 80,
                "trigger": "manual",
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, 5
        )
        cls.env["jxc.stock.alert"]._scan(cls.env.company)
        cls.product = product
        cls.warehouse = warehouse

    def test_alert_list_form_and_wizard(self):
        self.start_tour(
            "/odoo/action-jxc_bridge.jxc_stock_alert_action",
            "jxc_stock_alert_tour",
            login="admin",
        )

    def test_limits_list(self):
        self.start_tour(
            "/odoo/action-jxc_bridge.stock_warehouse_orderpoint_action_limits",
            "jxc_stock_limits_tour",
            login="admin",
        )

    def test_inventory_overview(self):
        self.start_tour(
            "/odoo/action-stock.stock_picking_type_action",
            "jxc_stock_overview_tour",
            login="admin",
        )

    def test_settings(self):
        self.start_tour(
            "/odoo/action-stock.action_stock_config_settings",
            "jxc_stock_settings_tour",
            login="admin",
        )

    def test_oversell_warning(self):
        self.env.company.jxc_oversell_policy = "warn"
        order = self.env["sale.order"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Buyer"}).id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 8})
                ],
            }
        )
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "jxc_oversell_tour",
            login="admin",
        )
        self.assertEqual(order.state, "sale")
        self.assertTrue(
            order.message_ids.filtered(lambda m: "已忽略超卖警告确认订单" in m.body)
        )
