# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .jxc_posting_rule import OPERATION_KINDS


class ResCompany(models.Model):
    _inherit = "res.company"

    jxc_stock_lock_date = fields.Date(
        string="Inventory Lock Date",
        help="Set by the month close (月结): no stock move may be done or dated "
        "on or before this date.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._jxc_create_default_posting_rules()
        return companies

    def _jxc_create_default_posting_rules(self):
        """One per-move rule per operation kind: by default jxc posts like Odoo."""
        Rule = self.env["jxc.posting.rule"].sudo()
        existing = {
            (r.company_id.id, r.operation_kind)
            for r in Rule.with_context(active_test=False).search(
                [("company_id", "in", self.ids)]
            )
        }
        labels = dict(Rule._fields["operation_kind"]._description_selection(self.env))
        vals_list = [
            {
                "name": self.env._("%(kind)s (default)", kind=labels[kind]),
                "operation_kind": kind,
                "company_id": company.id,
                "grouping": "per_move",
                "sequence": 100,
            }
            for company in self
            for kind, _label in OPERATION_KINDS
            if (company.id, kind) not in existing
        ]
        return Rule.create(vals_list)
