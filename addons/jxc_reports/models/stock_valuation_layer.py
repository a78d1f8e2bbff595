# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import create_index


class StockValuationLayer(models.Model):
    _inherit = "stock.valuation.layer"

    def init(self):
        """The reports read the layers of a period (dated by ``create_date``,
        as Odoo's valuation at a date): an index on the date keeps that
        proportional to the period, not to the history."""
        res = super().init()
        create_index(
            self.env.cr,
            "jxc_stock_valuation_layer_create_date_idx",
            self._table,
            ["create_date", "company_id"],
        )
        return res
