# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.jxc_report_facts import VALUE_GROUPS

QTY = "Product Unit of Measure"


class JxcStockAgingLine(models.TransientModel):
    """Remaining stock of a product by age bucket (the wizard's limits)."""

    _name = "jxc.stock.aging.line"
    _inherit = "jxc.report.line.mixin"
    _description = "Stock Aging Line"
    _order = "avg_age desc, product_id"

    wizard_id = fields.Many2one(
        "jxc.stock.aging.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    qty = fields.Float("Quantity", digits=QTY, aggregator="sum")
    value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    avg_age = fields.Float("Average Age (days)", digits=(16, 1), aggregator=None)
    qty_1 = fields.Float("Age 1 Qty", digits=QTY, aggregator="sum")
    qty_2 = fields.Float("Age 2 Qty", digits=QTY, aggregator="sum")
    qty_3 = fields.Float("Age 3 Qty", digits=QTY, aggregator="sum")
    qty_4 = fields.Float("Age 4 Qty", digits=QTY, aggregator="sum")
    qty_5 = fields.Float("Age 5 Qty", digits=QTY, aggregator="sum")
    qty_6 = fields.Float("Age 6 Qty", digits=QTY, aggregator="sum")
    value_1 = fields.Monetary("Age 1 Value", groups=VALUE_GROUPS, aggregator="sum")
    value_2 = fields.Monetary("Age 2 Value", groups=VALUE_GROUPS, aggregator="sum")
    value_3 = fields.Monetary("Age 3 Value", groups=VALUE_GROUPS, aggregator="sum")
    value_4 = fields.Monetary("Age 4 Value", groups=VALUE_GROUPS, aggregator="sum")
    value_5 = fields.Monetary("Age 5 Value", groups=VALUE_GROUPS, aggregator="sum")
    value_6 = fields.Monetary("Age 6 Value", groups=VALUE_GROUPS, aggregator="sum")
