# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves.filtered(lambda m: m.state == "done")._jxc_snapshot_changed()
        return moves

    def write(self, vals):
        """``_action_done`` writes the date of the moves it validates, so this
        hook sees every move becoming done as well as every back-dating."""
        if "date" not in vals and "state" not in vals:
            return super().write(vals)
        before = self.filtered(lambda m: m.state == "done")
        old_dates = {(m.company_id, m.date) for m in before}
        res = super().write(vals)
        self.filtered(lambda m: m.state == "done")._jxc_snapshot_changed(old_dates)
        return res

    def _jxc_snapshot_changed(self, extra=()):
        earliest = {}
        for company, date in list(extra) + [(m.company_id, m.date) for m in self]:
            if date and (company not in earliest or date < earliest[company]):
                earliest[company] = date
        if not earliest:
            return
        latest = self.env["jxc.stock.snapshot"].sudo()
        for company, date in earliest.items():
            latest._jxc_invalidate(company, date)
