# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals:
            # a journal restored: the postings it refused are retried
            self.env["jxc.posting.engine"].sudo()._wake_failed(self.company_id)
        return res
