# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.jxc_report_facts import VALUE_GROUPS


class JxcGrossMarginLine(models.TransientModel):
    _name = "jxc.gross.margin.line"
    _inherit = "jxc.report.line.mixin"
    _description = "Gross Margin Line"
    _order = "margin desc"

    wizard_id = fields.Many2one(
        "jxc.gross.margin.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    qty = fields.Float(
        "Delivered Qty", digits="Product Unit of Measure", aggregator="sum"
    )
    revenue = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    cost = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    margin = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    margin_percent = fields.Float(
        "Margin (%)", digits=(16, 2), groups=VALUE_GROUPS, aggregator=None
    )
