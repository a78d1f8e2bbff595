# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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

    # ------------------------------------------------- month close lock row
    # The month close and the stock side serialise on the company's row. The
    # close locks it (FOR NO KEY UPDATE) before it checks and writes the lock
    # date. A stock operation dated in a month that may be closing (a month
    # already over, or ending within the hour) writes the same row. Odoo runs
    # in REPEATABLE READ: whichever of the two commits second finds the row
    # changed under it, gets a serialization failure, and Odoo retries it; the
    # retried stock operation sees the new lock date and is refused, the
    # retried close sees the operation's layers. A move dated today, in a
    # month far from its end, is after any month that can be closed (a close
    # ends before today) and takes no lock: the warehouse never waits.
    def _jxc_lock_stock_row(self):
        """The close's side: lock these companies' rows until commit."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_company WHERE id IN %s FOR NO KEY UPDATE",
                tuple(self.ids),
            )
        )

    def _jxc_closing_from(self):
        """The first local day of the months that can no longer be closed: a
        day before it is in a month that is over, or ends within the hour."""
        self.ensure_one()
        Valuation = self.env["jxc.valuation"]
        soon = Valuation._local_date(self, fields.Datetime.now() + timedelta(hours=1))
        return Valuation._month_start(soon)

    def _jxc_guard_stock_days(self, days):
        """The stock side: before stock layers or entries dated ``days`` (local
        dates) are written, write the company's row if one of the days is in a
        month that may be closing; the lock date is read after it."""
        self.ensure_one()
        closing_from = self._jxc_closing_from()
        if any(day and day < closing_from for day in days):
            self.env.cr.execute(
                SQL(
                    "UPDATE res_company SET jxc_stock_lock_date = jxc_stock_lock_date"
                    " WHERE id = %s",
                    self.id,
                )
            )
            self.invalidate_recordset(["jxc_stock_lock_date"])

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._jxc_create_default_posting_rules()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if any("lock_date" in name for name in vals):
            # a period reopened: the postings it refused are retried
            self.env["jxc.posting.engine"].sudo()._wake_failed(self)
        return res

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
