# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .stock_valuation_layer import POSTING_STATES


def aggregate_posting_state(states):
    """One state for a document from the states of its layers."""
    for state in ("failed", "to_post", "posted"):
        if state in states:
            return state
    return "not_needed"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    jxc_posting_state = fields.Selection(
        POSTING_STATES,
        string="Posting State",
        compute="_compute_jxc_posting_state",
        store=True,
        index=True,
        help="Accounting of the transfer's stock valuation: failed, still queued "
        "for a grouped voucher, posted, or nothing to post.",
    )
    jxc_posting_error = fields.Text(
        string="Posting Error", compute="_compute_jxc_posting_state", store=True
    )
    jxc_voucher_count = fields.Integer(
        string="Vouchers", compute="_compute_jxc_voucher_count"
    )

    @api.depends(
        "move_ids.stock_valuation_layer_ids.jxc_posting_state",
        "move_ids.stock_valuation_layer_ids.jxc_posting_error",
    )
    def _compute_jxc_posting_state(self):
        for picking in self:
            layers = picking.move_ids.stock_valuation_layer_ids
            picking.jxc_posting_state = aggregate_posting_state(
                set(layers.mapped("jxc_posting_state"))
            )
            picking.jxc_posting_error = "\n".join(
                sorted(set(filter(None, layers.mapped("jxc_posting_error"))))
            )

    def _compute_jxc_voucher_count(self):
        for picking in self:
            picking.jxc_voucher_count = len(picking._jxc_vouchers())

    def _jxc_vouchers(self):
        return self.move_ids.stock_valuation_layer_ids.account_move_id

    def action_jxc_view_vouchers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_journal_line"
        )
        action["domain"] = [("id", "in", self._jxc_vouchers().ids)]
        action["context"] = {"create": False}
        return action

    def action_jxc_view_layers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.stock_valuation_layer_action_jxc_queue"
        )
        action["domain"] = [("jxc_picking_id", "=", self.id)]
        action["context"] = {}
        return action
