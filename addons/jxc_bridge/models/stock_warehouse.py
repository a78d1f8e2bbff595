# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    jxc_alert_user_id = fields.Many2one(
        "res.users",
        string="Alert Responsible",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Gets the activity of the warehouse's stock alerts when the product "
        "has no responsible; when empty, the company's alert responsible does.",
    )
