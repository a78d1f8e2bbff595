# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import create_index

from .jxc_report_facts import VALUE_GROUPS


def create_company_month_index(model):
    """The index by company and month that every monthly table is read by."""
    create_index(
        model.env.cr,
        f"{model._table}_company_date_idx",
        model._table,
        ["company_id", "date"],
    )


class JxcStockMonthMixin(models.AbstractModel):
    """A row of a month per product and warehouse: a quantity and a value,
    read by company and month (the snapshots and their movements)."""

    _name = "jxc.stock.month.mixin"
    _description = "Monthly Stock Row"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    date = fields.Date("Month", required=True, readonly=True)
    qty = fields.Float("Quantity", digits="Product Unit of Measure", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    value = fields.Monetary(readonly=True, groups=VALUE_GROUPS)

    def init(self):
        res = super().init()
        if not self._abstract:
            create_company_month_index(self)
        return res
