# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    jxc_picking_count = fields.Integer(
        string="Transfers", compute="_compute_jxc_picking_count"
    )

    def _compute_jxc_picking_count(self):
        for move in self:
            move.jxc_picking_count = len(move._jxc_pickings())

    def _jxc_pickings(self):
        return self.sudo().stock_valuation_layer_ids.stock_move_id.picking_id

    def action_jxc_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", self._jxc_pickings().ids)]
        action["context"] = {"create": False}
        return action
