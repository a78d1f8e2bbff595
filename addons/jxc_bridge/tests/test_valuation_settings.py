from odoo.exceptions import UserError
from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestValuationSettings(PostingCommon):
    def test_automatic_accounting_visible_and_kept_on(self):
        group = "stock_account.group_stock_accounting_automatic"
        self.assertTrue(self.env.ref("base.user_admin").has_group(group))
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.group_stock_accounting_automatic)
        settings.group_stock_accounting_automatic = False
        with self.assertRaisesRegex(UserError, "Automatic stock accounting is in use"):
            settings.execute()
        self.assertEqual(self.categ.property_valuation, "real_time")

    def test_switch_to_perpetual_posts_opening_entry(self):
        periodic = self.env["product.category"].create(
            {
                "name": "Periodic",
                "property_cost_method": "average",
                "property_stock_valuation_account_id": self.stock_account.id,
                "property_stock_account_input_categ_id": self.input_account.id,
                "property_stock_account_output_categ_id": self.output_account.id,
            }
        )
        self.assertEqual(periodic.property_valuation, "manual_periodic")
        product = self.env["product.product"].create(
            {"name": "Rice", "is_storable": True, "categ_id": periodic.id}
        )
        self.picking("in", [(product, 8, 2.5)])
        self.assertEqual(self.balance(self.stock_account), 0.0)
        wizard = self.env["jxc.valuation.switch"].create(
            {
                "categ_ids": [(6, 0, periodic.ids)],
                "journal_id": self.journal.id,
                "valuation_account_id": self.stock_account.id,
                "input_account_id": self.input_account.id,
                "output_account_id": self.output_account.id,
            }
        )
        self.assertEqual(wizard.stock_value, 20.0)
        action = wizard.action_apply()
        self.assertEqual(periodic.property_valuation, "real_time")
        self.assertEqual(self.balance(self.stock_account), 20.0)
        self.assertEqual(self.balance(self.input_account), -20.0)
        self.assertTrue(action["domain"][0][2])
