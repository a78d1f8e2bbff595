# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    jxc_alert_count = fields.Integer(
        string="Stock Alerts",
        compute="_compute_jxc_alert_count",
        help="Open stock alerts of this operation type's warehouse.",
    )

    def _compute_jxc_alert_count(self):
        Alert = self.env["jxc.stock.alert"]
        counts = {}
        if Alert.has_access("read"):
            counts = dict(
                Alert._read_group(
                    [
                        ("warehouse_id", "in", self.warehouse_id.ids),
                        ("state", "!=", "resolved"),
                    ],
                    ["warehouse_id"],
                    ["__count"],
                )
            )
        for picking_type in self:
            picking_type.jxc_alert_count = counts.get(picking_type.warehouse_id, 0)

    def action_jxc_stock_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.jxc_stock_alert_action"
        )
        action["domain"] = [("warehouse_id", "=", self.warehouse_id.id)]
        return action
