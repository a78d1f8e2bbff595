# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class JxcPostingLink(models.Model):
    """The posting of one valuation layer: at most one per layer, by database key."""

    _name = "jxc.posting.link"
    _description = "Valuation Layer Posting"
    _rec_name = "layer_id"

    layer_id = fields.Many2one(
        "stock.valuation.layer", required=True, readonly=True, ondelete="cascade"
    )
    account_move_id = fields.Many2one(
        "account.move",
        string="Journal Entry",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    line_ids = fields.Many2many(
        "account.move.line",
        string="Journal Items",
        readonly=True,
        help="The journal items this layer's value is part of.",
    )
    company_id = fields.Many2one(related="layer_id.company_id", store=True)

    _sql_constraints = (
        (
            "layer_uniq",
            "UNIQUE(layer_id)",
            "A valuation layer can be posted only once.",
        ),
    )
