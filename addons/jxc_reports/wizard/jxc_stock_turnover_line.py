# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.jxc_report_facts import VALUE_GROUPS


class JxcStockTurnoverLine(models.TransientModel):
    _name = "jxc.stock.turnover.line"
    _inherit = "jxc.report.line.mixin"
    _description = "Inventory Turnover Line"
    _order = "turnover desc nulls last, product_id"

    wizard_id = fields.Many2one(
        "jxc.stock.turnover.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    opening_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    closing_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    average_value = fields.Monetary(
        "Average Stock Value", groups=VALUE_GROUPS, aggregator="sum"
    )
    cogs = fields.Monetary("Cost of Goods Sold", groups=VALUE_GROUPS, aggregator="sum")
    turnover = fields.Float(
        "Period Turnover",
        digits=(16, 2),
        aggregator=None,
        help="Cost of goods sold of the period over its average stock value: how "
        "many times the stock turned in the period (not a yearly rate).",
    )
    annual_turnover = fields.Float(
        "Annualised Turnover",
        digits=(16, 2),
        compute="_compute_annual_turnover",
        help="The period's turnover scaled to a year of 365 days.",
    )
    days_on_hand = fields.Float(
        "Days on Hand",
        digits=(16, 1),
        aggregator=None,
        help="Days of the period over its turnover. Empty when nothing was sold "
        "in the period: the stock did not turn.",
    )

    @api.depends("turnover", "wizard_id.date_from", "wizard_id.date_to")
    def _compute_annual_turnover(self):
        for line in self:
            wizard = line.wizard_id
            days = (wizard.date_to - wizard.date_from).days + 1 if wizard else 0
            line.annual_turnover = line.turnover * 365 / days if days else 0.0
