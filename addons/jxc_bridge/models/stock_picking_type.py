# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .jxc_stock_alert import SHORTAGE_KINDS


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    jxc_alert_count = fields.Integer(
        string="Stock Alerts",
        compute="_compute_jxc_alert_count",
        help="Open shortage alerts (stock-out, oversell, below safety stock or "
        "minimum, forecast shortage) of this receipt type's warehouse.",
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
                        ("kind", "in", SHORTAGE_KINDS),
                    ],
                    ["warehouse_id"],
                    ["__count"],
                )
            )
        # receipts cure shortages: the count is on their cards only, not
        # repeated on every operation type of the warehouse
        for picking_type in self:
            picking_type.jxc_alert_count = (
                counts.get(picking_type.warehouse_id, 0)
                if picking_type.code == "incoming"
                else 0
            )

    def action_jxc_stock_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.jxc_stock_alert_action"
        )
        action["domain"] = [
            ("warehouse_id", "=", self.warehouse_id.id),
            ("kind", "in", SHORTAGE_KINDS),
        ]
        return action
