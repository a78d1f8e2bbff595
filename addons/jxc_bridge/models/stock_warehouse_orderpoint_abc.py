# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    jxc_abc_safety_factor = fields.Float(
        "ABC Safety Factor",
        default=1.0,
        readonly=True,
        digits=(16, 2),
        help="Factor of the product's ABC class last applied to the safety stock; "
        "the next run replaces it rather than multiplying again.",
    )
