from odoo.tests import HttpCase, tagged

from .common import load_chinese


@tagged("post_install", "-at_install")
class TestAbcTour(HttpCase):
    """The profile form, a run with its lines, the product badges and the
    ABC-XYZ matrix, in Chinese, in a real browser."""

    def test_abc_screens_in_chinese(self):
        load_chinese(self.env)
        self.env.ref("base.user_admin").lang = "zh_CN"
        category = self.env["product.category"].create({"name": "ABC tour"})
        product = self.env["product.product"].create(
            {
                "name": "ABC 产品",
                "is_storable": True,
                "standard_price": 10,
                "categ_id": category.id,
            }
        )
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        move = self.env["stock.move"].create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom_qty": 5,
                "product_uom": product.uom_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
            }
        )
        move._action_confirm()
        move.quantity = 5
        move.picked = True
        move._action_done()
        profile = self.env["jxc.abc.profile"].create(
            {"name": "ABC 测试方案", "categ_include_ids": [(6, 0, category.ids)]}
        )
        self.start_tour(
            f"/odoo/action-jxc_bridge.jxc_abc_profile_action/{profile.id}",
            "jxc_abc_profile_tour",
            login="admin",
        )
        self.assertEqual(profile.current_run_id.state, "applied")
        self.assertEqual(product.jxc_abc_class, "A")
        self.start_tour(
            "/odoo/action-stock.product_template_action_product/"
            f"{product.product_tmpl_id.id}",
            "jxc_abc_product_tour",
            login="admin",
        )
        self.start_tour(
            "/odoo/action-jxc_bridge.jxc_abc_run_line_action",
            "jxc_abc_matrix_tour",
            login="admin",
        )
