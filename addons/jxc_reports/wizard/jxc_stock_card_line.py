# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.jxc_report_facts import KIND_SELECTION, VALUE_GROUPS

QTY = "Product Unit of Measure"


class JxcStockCardLine(models.TransientModel):
    _name = "jxc.stock.card.line"
    _inherit = "jxc.report.line.mixin"
    _description = "Stock Card Line"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "jxc.stock.card.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="wizard_id.company_id")
    currency_id = fields.Many2one(related="wizard_id.company_id.currency_id")
    sequence = fields.Integer()
    date = fields.Datetime(readonly=True)
    move_id = fields.Many2one("stock.move", readonly=True)
    reference = fields.Char(readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    kind = fields.Selection(KIND_SELECTION, readonly=True)
    in_qty = fields.Float(digits=QTY, aggregator="sum")
    in_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    out_qty = fields.Float(digits=QTY, aggregator="sum")
    out_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    balance_qty = fields.Float(digits=QTY, aggregator=None)
    balance_value = fields.Monetary(groups=VALUE_GROUPS, aggregator=None)

    def action_open_document(self):
        self.ensure_one()
        move = self.move_id
        if move.picking_id:
            return move.picking_id.get_formview_action()
        return move.get_formview_action()
