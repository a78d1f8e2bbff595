from odoo import Command
from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingMultiCompany(PostingCommon):
    def branch_receipt(self):
        """A branch with its own stock accounts, journal and per-picking
        receipt rule, and a validated receipt of Tea there (3 x 4.0)."""
        branch = self.env["res.company"].create({"name": "JXC Branch Guangzhou"})
        self.env.user.company_ids |= branch
        env_b = self.env(context=dict(self.env.context, allowed_company_ids=branch.ids))
        stock_b = env_b["account.account"].create(
            {"code": "GZ1405", "name": "Stock GZ", "account_type": "asset_current"}
        )
        input_b = env_b["account.account"].create(
            {
                "code": "GZ2202",
                "name": "Input GZ",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        journal_b = env_b["account.journal"].create(
            {"name": "Stock GZ", "code": "GZS", "type": "general"}
        )
        categ = self.categ.with_company(branch)
        categ.write(
            {
                "property_valuation": "real_time",
                "property_cost_method": "fifo",
                "property_stock_valuation_account_id": stock_b.id,
                "property_stock_account_input_categ_id": input_b.id,
                "property_stock_account_output_categ_id": input_b.id,
                "property_stock_journal": journal_b.id,
            }
        )
        rule_b = env_b["jxc.posting.rule"].search(
            [("company_id", "=", branch.id), ("operation_kind", "=", "receipt")]
        )
        rule_b.grouping = "per_picking"
        warehouse_b = env_b["stock.warehouse"].search([("company_id", "=", branch.id)])
        picking = env_b["stock.picking"].create(
            {
                "picking_type_id": warehouse_b.in_type_id.id,
                "location_id": self.supplier_location.id,
                "location_dest_id": warehouse_b.lot_stock_id.id,
                "partner_id": self.partner.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": "Tea",
                            "product_id": self.product.id,
                            "product_uom_qty": 3,
                            "product_uom": self.product.uom_id.id,
                            "location_id": self.supplier_location.id,
                            "location_dest_id": warehouse_b.lot_stock_id.id,
                            "price_unit": 4.0,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.quantity = 3
        picking.move_ids.picked = True
        picking.button_validate()
        layer = picking.move_ids.stock_valuation_layer_ids
        return branch, env_b, stock_b, journal_b, rule_b, layer

    def test_each_company_posts_with_its_own_rules(self):
        branch, env_b, stock_b, journal_b, rule_b, layer = self.branch_receipt()
        self.assertEqual(layer.company_id, branch)
        self.assertEqual(layer.jxc_posting_rule_id, rule_b)
        self.assertEqual(layer.jxc_posting_state, "to_post")
        # the main company's rule is untouched and per move
        self.picking("in", [(self.product, 1, 2.0)])
        self.assertEqual(self.balance(self.stock_account), 2.0)
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(layer.account_move_id.company_id, branch)
        self.assertEqual(layer.account_move_id.journal_id, journal_b)
        lines = env_b["account.move.line"].search([("account_id", "=", stock_b.id)])
        self.assertEqual(sum(lines.mapped("balance")), 12.0)

    def test_one_batch_of_two_companies(self):
        """One cron batch holds the same product's layers of two companies:
        each is posted on its own company's accounts."""
        branch, env_b, stock_b, journal_b, _rule_b, layer_b = self.branch_receipt()
        self.default_rule("receipt").grouping = "per_picking"
        picking = self.picking("in", [(self.product, 1, 2.0)])
        layer = self.layers(picking)
        self.assertEqual(layer.jxc_posting_state, "to_post")
        posted = self.run_cron()
        self.assertEqual(posted, layer | layer_b)
        self.assertEqual(layer.account_move_id.company_id, self.company)
        self.assertEqual(layer.account_move_id.journal_id, self.journal)
        self.assertEqual(self.balance(self.stock_account), 2.0)
        self.assertEqual(layer_b.account_move_id.company_id, branch)
        self.assertEqual(layer_b.account_move_id.journal_id, journal_b)
        lines = env_b["account.move.line"].search([("account_id", "=", stock_b.id)])
        self.assertEqual(sum(lines.mapped("balance")), 12.0)
