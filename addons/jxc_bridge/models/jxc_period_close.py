# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


def _last_month_end(today):
    return today.replace(day=1) - relativedelta(days=1)


class JxcPeriodClose(models.Model):
    """Month close (月结): lock stock up to a date once valuation and ledger agree."""

    _name = "jxc.period.close"
    _description = "Inventory Period Close"
    _inherit = ("mail.thread", "jxc.audit.mixin")
    _jxc_audit_fields = ("state",)
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="Close up to",
        required=True,
        default=lambda self: _last_month_end(fields.Date.context_today(self)),
        tracking=True,
        help="Last day of the closed period: no stock move may be done or dated "
        "on or before it once closed.",
    )
    date_from = fields.Date(compute="_compute_name", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("closed", "Closed"), ("reopened", "Reopened")],
        default="draft",
        required=True,
        tracking=True,
    )
    unexplained = fields.Monetary(
        string="Unexplained Difference",
        readonly=True,
        help="Valuation vs ledger difference that no queued layer or manual entry "
        "explains, at the closing date.",
    )
    queued_count = fields.Integer(string="Layers to Post", readonly=True)
    failed_count = fields.Integer(string="Failed Postings", readonly=True)
    override_reason = fields.Text(
        tracking=True,
        help="Required to close a period that does not reconcile (accounting "
        "managers only).",
    )

    _sql_constraints = (
        (
            "company_date_uniq",
            "UNIQUE(company_id, date)",
            "This period is already in the list: reopen or close that one.",
        ),
    )

    @api.depends("date")
    def _compute_name(self):
        for close in self:
            close.date_from = close.date and close.date.replace(day=1)
            close.name = close.date and close.date.strftime("%Y-%m")

    def _check_period(self):
        """Reconcile at the closing date; count what is still to post."""
        self.ensure_one()
        wizard = self.env["jxc.valuation.reconcile"].create(
            {"date": self.date, "company_id": self.company_id.id}
        )
        wizard.action_compute()
        end = datetime.combine(self.date, time.max)
        Layer = self.env["stock.valuation.layer"]
        domain = [("company_id", "=", self.company_id.id), ("create_date", "<=", end)]
        self.write(
            {
                "unexplained": wizard.unexplained,
                "queued_count": Layer.search_count(
                    domain + [("jxc_posting_state", "=", "to_post")]
                ),
                "failed_count": Layer.search_count(
                    domain + [("jxc_posting_state", "=", "failed")]
                ),
            }
        )
        wizard.unlink()

    def action_check(self):
        for close in self:
            close._check_period()
        return True

    def _jxc_audit_reason(self, vals):
        if vals.get("state") == "closed":
            return self[:1].override_reason
        return False

    def action_close(self):
        self.ensure_one()
        self._check_period()
        problems = []
        if not self.currency_id.is_zero(self.unexplained):
            problems.append(
                self.env._(
                    "valuation and ledger differ by %(amount)s unexplained",
                    amount=self.unexplained,
                )
            )
        if self.queued_count:
            problems.append(
                self.env._("%(count)s layers still to post", count=self.queued_count)
            )
        if self.failed_count:
            problems.append(
                self.env._("%(count)s failed postings", count=self.failed_count)
            )
        if problems:
            if not self.env.user.has_group("account.group_account_manager"):
                raise UserError(
                    self.env._(
                        "The period up to %(date)s cannot be closed: %(problems)s. "
                        "Post the queue and explain the differences in Valuation "
                        "vs Ledger, or ask an accounting manager to override.",
                        date=format_date(self.env, self.date),
                        problems="; ".join(problems),
                    )
                )
            if not self.override_reason:
                raise UserError(
                    self.env._(
                        "The period up to %(date)s does not reconcile (%(problems)s). "
                        "Write the reason of the override to close it anyway.",
                        date=format_date(self.env, self.date),
                        problems="; ".join(problems),
                    )
                )
            self.message_post(
                body=self.env._(
                    "Closed despite: %(problems)s. Reason: %(reason)s",
                    problems="; ".join(problems),
                    reason=self.override_reason,
                )
            )
        company = self.company_id.sudo()
        if not company.jxc_stock_lock_date or company.jxc_stock_lock_date < self.date:
            company.jxc_stock_lock_date = self.date
        self.state = "closed"
        return True

    def action_reopen(self):
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_manager"):
            raise UserError(
                self.env._("Only an accounting manager can reopen a closed period.")
            )
        previous = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "closed"),
                ("date", "<", self.date),
            ],
            limit=1,
        )
        self.company_id.sudo().jxc_stock_lock_date = previous.date or False
        self.state = "reopened"
        return True
