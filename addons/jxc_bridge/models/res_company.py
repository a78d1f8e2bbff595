# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .jxc_posting_rule import OPERATION_KINDS

OVERSELL_POLICIES = [
    ("off", "Off"),
    ("warn", "Warn"),
    ("block", "Block"),
]


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ("res.company", "jxc.audit.mixin")
    _jxc_audit_fields = (
        "jxc_oversell_policy",
        "jxc_dead_stock_days",
        "jxc_stock_lock_date",
    )

    jxc_dead_stock_days = fields.Integer(
        string="Dead Stock After (Days)",
        default=90,
        help="A product with stock on hand and no outgoing move for this many days "
        "raises a dead stock alert.",
    )
    jxc_dead_stock_activity = fields.Boolean(
        string="To-dos for Dead Stock",
        help="Give the responsible a to-do for each dead stock alert. Off: dead "
        "stock is reviewed in the alert list and the digest, and the to-do lists "
        "keep the shortages.",
    )
    jxc_alert_user_id = fields.Many2one(
        "res.users",
        string="Alert Responsible",
        help="Gets the activity of a stock alert when neither the product nor the "
        "warehouse has a responsible.",
    )
    jxc_digest_user_ids = fields.Many2many(
        "res.users",
        "jxc_company_digest_user_rel",
        "company_id",
        "user_id",
        string="Alert Digest Recipients",
        help="Users who receive the daily digest e-mail of open stock alerts.",
    )
    jxc_oversell_policy = fields.Selection(
        OVERSELL_POLICIES,
        string="Overselling Policy",
        default="off",
        required=True,
        help="What happens when a sales order is confirmed for more than is "
        "available to promise in its warehouse: nothing, a warning, or a block "
        "(a sales manager may override it with a reason).",
    )
    jxc_oversell_count_incoming = fields.Boolean(
        string="Promise Incoming Receipts",
        help="Available to promise also counts the open receipts into the "
        "warehouse due by the order's delivery date (its commitment date, else "
        "now). Off: only the stock on hand can be promised.",
    )

    @api.constrains("jxc_dead_stock_days")
    def _check_jxc_dead_stock_days(self):
        if any(company.jxc_dead_stock_days < 1 for company in self):
            raise ValidationError(
                self.env._("The dead stock period must be at least one day.")
            )

    def jxc_alert_digest_lines(self):
        """(kind label, count) of the company's open alerts, for the digest."""
        self.ensure_one()
        Alert = self.env["jxc.stock.alert"]
        counts = dict(
            Alert._read_group(
                [("company_id", "=", self.id), ("state", "!=", "resolved")],
                ["kind"],
                ["__count"],
            )
        )
        labels = dict(Alert._fields["kind"]._description_selection(self.env))
        return [(labels[kind], counts[kind]) for kind in labels if counts.get(kind)]

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
        """One per-move rule per operation kind: by default jxc posts like Odoo.

        Created without a "created" line in their chatter: it would be written
        once, in English, by the system; what accountants change is tracked.
        """
        Rule = (
            self.env["jxc.posting.rule"]
            .sudo()
            .with_context(lang="en_US", mail_create_nolog=True)
        )
        existing = {
            (r.company_id.id, r.operation_kind)
            for r in Rule.with_context(active_test=False).search(
                [("company_id", "in", self.ids)]
            )
        }
        vals_list = [
            {
                "name": Rule._jxc_default_name(kind),
                "operation_kind": kind,
                "company_id": company.id,
                "grouping": "per_move",
                "sequence": 100,
            }
            for company in self
            for kind, _label in OPERATION_KINDS
            if (company.id, kind) not in existing
        ]
        rules = Rule.create(vals_list)
        Rule._jxc_name_defaults(rules=rules)
        return rules
