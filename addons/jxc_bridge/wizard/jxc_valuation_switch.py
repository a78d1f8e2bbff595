# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class JxcValuationSwitch(models.TransientModel):
    """Guided switch of product categories from periodic to perpetual valuation.

    Odoo itself posts the opening entry for the stock on hand (stock valuation
    debited, stock input credited) when a category becomes real time."""

    _name = "jxc.valuation.switch"
    _description = "Switch to Perpetual Valuation"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        default=lambda self: self._default_categ_ids(),
    )
    stock_value = fields.Monetary(
        string="Stock on Hand Value",
        compute="_compute_stock_value",
        help="Value of the stock on hand of these categories: the amount of the "
        "opening entry Odoo posts.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Stock Journal",
        domain="[('company_id', '=', company_id)]",
        help="Set on categories that have none.",
    )
    valuation_account_id = fields.Many2one(
        "account.account",
        string="Stock Valuation Account",
        help="Set on categories that have none (e.g. 1405 库存商品).",
    )
    input_account_id = fields.Many2one(
        "account.account",
        string="Stock Input Account",
        help="Set on categories that have none; counterpart of the opening entry.",
    )
    output_account_id = fields.Many2one(
        "account.account",
        string="Stock Output Account",
        help="Set on categories that have none.",
    )

    @api.model
    def _default_categ_ids(self):
        return (
            self.env["product.category"]
            .with_company(self.env.company)
            .search([("property_valuation", "=", "manual_periodic")])
        )

    @api.depends("categ_ids", "company_id")
    def _compute_stock_value(self):
        Layer = self.env["stock.valuation.layer"]
        for wizard in self:
            rows = Layer._read_group(
                [
                    ("company_id", "=", wizard.company_id.id),
                    ("categ_id", "in", wizard.categ_ids.ids),
                ],
                [],
                ["value:sum"],
            )
            wizard.stock_value = rows[0][0] if rows else 0.0

    def action_apply(self):
        self.ensure_one()
        if not self.categ_ids:
            raise UserError(self.env._("Choose the product categories to switch."))
        categories = self.categ_ids.with_company(self.company_id)
        defaults = {
            "property_stock_journal": self.journal_id,
            "property_stock_valuation_account_id": self.valuation_account_id,
            "property_stock_account_input_categ_id": self.input_account_id,
            "property_stock_account_output_categ_id": self.output_account_id,
        }
        for category in categories:
            vals = {
                fname: record.id
                for fname, record in defaults.items()
                if record and not category[fname]
            }
            vals["property_valuation"] = "real_time"
            category.write(vals)
        entries = self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("stock_valuation_layer_ids.categ_id", "in", categories.ids),
                ("stock_move_id", "=", False),
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_journal_line"
        )
        action["domain"] = [("id", "in", entries.ids)]
        return action
