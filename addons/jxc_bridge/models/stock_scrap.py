# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .stock_picking import aggregate_posting_state
from .stock_valuation_layer import POSTING_STATES


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    jxc_posting_state = fields.Selection(
        POSTING_STATES,
        string="Posting State",
        compute="_compute_jxc_posting_state",
        store=True,
    )

    @api.depends("move_ids.stock_valuation_layer_ids.jxc_posting_state")
    def _compute_jxc_posting_state(self):
        for scrap in self:
            scrap.jxc_posting_state = aggregate_posting_state(
                set(
                    scrap.move_ids.stock_valuation_layer_ids.mapped("jxc_posting_state")
                )
            )
