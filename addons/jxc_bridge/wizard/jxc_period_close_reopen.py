# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class JxcPeriodCloseReopen(models.TransientModel):
    """Why a closed month is reopened: asked before it is, logged on it."""

    _name = "jxc.period.close.reopen"
    _description = "Reopen a Month Close"

    close_id = fields.Many2one(
        "jxc.period.close", string="Month Close", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="close_id.company_id")
    reason = fields.Text(
        required=True,
        help="Logged in the month close's chatter, e.g. a supplier invoice of "
        "the month received late.",
    )

    def action_reopen(self):
        self.ensure_one()
        self.close_id._jxc_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
