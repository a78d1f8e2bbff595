# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    jxc_atp_qty = fields.Float(
        string="Available to Promise",
        digits="Product Unit of Measure",
        compute="_compute_jxc_atp",
        help="On hand in the order's warehouse less every open delivery and "
        "outgoing transfer from it, whatever its date (plus the receipts due by "
        "the delivery date where the company counts them), in the product's unit.",
    )
    jxc_missing_qty = fields.Float(
        string="Missing to Promise",
        digits="Product Unit of Measure",
        compute="_compute_jxc_atp",
        help="What this line asks beyond the available to promise left by the "
        "lines before it, in the product's unit.",
    )

    @api.depends(
        "product_id",
        "product_uom_qty",
        "product_uom",
        "order_id.warehouse_id",
        "order_id.commitment_date",
    )
    def _compute_jxc_atp(self):
        self.jxc_atp_qty = 0.0
        self.jxc_missing_qty = 0.0
        for order in self.order_id:
            for ln in order._jxc_oversell_lines():
                line = ln["line"]
                if line in self:
                    line.jxc_atp_qty = ln["atp"]
                    line.jxc_missing_qty = ln["missing"]
