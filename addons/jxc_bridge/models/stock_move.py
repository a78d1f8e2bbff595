# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves._jxc_scan_alerts()
        return moves

    def _jxc_scan_alerts(self):
        """Incremental alert scan: only the products these done moves touched."""
        storable = self.filtered(
            lambda m: m.state == "done" and m.product_id.is_storable
        )
        for company in storable.company_id:
            products = storable.filtered(lambda m, c=company: m.company_id == c)
            # the scan is a system process: it writes alerts whatever the rights of
            # the user who validated the picking, and shows that user nothing
            self.env["jxc.stock.alert"].sudo().with_company(company)._scan(
                company, product_ids=products.product_id.ids
            )
