# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    jxc_atp_qty = fields.Float(
        string="Available to Promise",
        digits="Product Unit of Measure",
        compute="_compute_jxc_atp_qty",
        help="On hand in the order's warehouse, less what is reserved and what "
        "other orders need by this order's date.",
    )

    @api.depends("product_id", "order_id.warehouse_id", "order_id.commitment_date")
    def _compute_jxc_atp_qty(self):
        self.jxc_atp_qty = 0.0
        for order in self.order_id:
            lines = self.filtered(
                lambda ln, o=order: ln.order_id == o and ln.product_id.is_storable
            )
            atp = order._jxc_available_to_promise(lines.product_id)
            for line in lines:
                line.jxc_atp_qty = atp.get(line.product_id, 0.0)
