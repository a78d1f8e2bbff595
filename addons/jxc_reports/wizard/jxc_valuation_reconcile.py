# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class JxcValuationReconcile(models.TransientModel):
    """The reconciliation screen of jxc_bridge prints and exports itself: its
    PDF and XLSX are the report "Valuation vs Ledger" of the same company and
    date, so there is one screen and one name for one thing."""

    _inherit = "jxc.valuation.reconcile"

    def _jxc_ledger_report(self):
        self.ensure_one()
        return self.env["jxc.valuation.ledger.wizard"].create(
            {"date": self.date, "company_id": self.company_id.id}
        )

    def action_print_pdf(self):
        self.ensure_one()
        return self._jxc_ledger_report().action_print_pdf()

    def action_export_xlsx(self):
        self.ensure_one()
        return self._jxc_ledger_report().action_export_xlsx()
