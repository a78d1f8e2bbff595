# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.jxc_bridge.models.jxc_stock_alert import ALERT_KINDS


class JxcStockAlertReportLine(models.TransientModel):
    """Number of unresolved alerts of a kind, warehouse and responsible."""

    _name = "jxc.stock.alert.report.line"
    _inherit = "jxc.report.line.mixin"
    _description = "Stock Alerts Report Line"
    _order = "alert_count desc, kind, warehouse_id, user_id"

    wizard_id = fields.Many2one(
        "jxc.stock.alert.report.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    kind = fields.Selection(ALERT_KINDS, readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    user_id = fields.Many2one("res.users", "Responsible", readonly=True)
    open_count = fields.Integer("Open", aggregator="sum")
    acknowledged_count = fields.Integer("Acknowledged", aggregator="sum")
    alert_count = fields.Integer("Alerts", aggregator="sum")

    def action_open_alerts(self):
        """The alerts counted in this line."""
        self.ensure_one()
        states = ["open"]
        if self.wizard_id.include_acknowledged:
            states.append("acknowledged")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Stock Alerts"),
            "res_model": "jxc.stock.alert",
            "view_mode": "list,form",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("kind", "=", self.kind),
                ("warehouse_id", "=", self.warehouse_id.id),
                ("user_id", "=", self.user_id.id),
                ("state", "in", states),
            ],
        }
