# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, format_datetime

# set only by the close's own actions, never by hand
CONTROLLED_FIELDS = ("state", "date", "company_id", "checked_at")


class JxcPeriodClose(models.Model):
    """Month close (月结): lock stock up to a month end once valuation and
    ledger agree. Only accounting managers close and reopen."""

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
        default=lambda self: self._default_date(),
        tracking=True,
        help="Last day of the closed month, in the company's calendar: no stock "
        "move may be done or dated on or before it once closed.",
    )
    date_from = fields.Date(compute="_compute_name", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("closed", "Closed"), ("reopened", "Reopened")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    checked_at = fields.Datetime(
        string="Checked on",
        readonly=True,
        help="When valuation and ledger were last compared for this month.",
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
        help="Required to close a period that does not reconcile.",
    )

    _sql_constraints = (
        (
            "company_date_uniq",
            "UNIQUE(company_id, date)",
            "This period is already in the list: reopen or close that one.",
        ),
    )

    def _default_date(self):
        """The last month end before today, in the company's calendar."""
        Valuation = self.env["jxc.valuation"]
        today = Valuation._today(self.env.company)
        return Valuation._month_start(today) - timedelta(days=1)

    @api.depends("date")
    def _compute_name(self):
        for close in self:
            close.date_from = close.date and close.date.replace(day=1)
            close.name = close.date and close.date.strftime("%Y-%m")

    @api.constrains("date", "company_id")
    def _check_date(self):
        Valuation = self.env["jxc.valuation"]
        for close in self:
            today = Valuation._today(close.company_id)
            if close.date != Valuation._month_end(close.date):
                raise ValidationError(
                    self.env._(
                        "A month close ends on the last day of a month: choose "
                        "%(month_end)s instead of %(date)s.",
                        month_end=format_date(
                            self.env, Valuation._month_end(close.date)
                        ),
                        date=format_date(self.env, close.date),
                    )
                )
            if close.date >= today:
                raise ValidationError(
                    self.env._(
                        "The month ending %(date)s is not over yet in the "
                        "company's calendar (today is %(today)s): only a past "
                        "month can be closed.",
                        date=format_date(self.env, close.date),
                        today=format_date(self.env, today),
                    )
                )

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._jxc_check_manager()
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or vals.get("checked_at"):
                raise UserError(
                    self.env._("A month close starts as a draft: close it with Close.")
                )
        return super().create(vals_list)

    def write(self, vals):
        controlled = sorted(set(vals) & set(CONTROLLED_FIELDS))
        if controlled:
            labels = [
                self._fields[name].get_description(self.env)["string"]
                for name in controlled
            ]
            raise UserError(
                self.env._(
                    "%(fields)s of a month close change only through its buttons "
                    "(Close, Reopen); create a new close for another month.",
                    fields=", ".join(labels),
                )
            )
        return super().write(vals)

    def _jxc_audit_reason(self, vals):
        if vals.get("state") == "closed":
            return self[:1].override_reason
        if vals.get("state") == "reopened":
            # the reason the reopen wizard asked for, logged with the change
            return self.env.context.get("jxc_reopen_reason")
        return False

    def _jxc_write(self, vals):
        """Write the controlled fields: the close's own actions only."""
        return super().write(vals)

    # ------------------------------------------------------------- actions
    def _jxc_check_manager(self):
        if not self.env.su and not self.env.user.has_group(
            "account.group_account_manager"
        ):
            raise UserError(
                self.env._("Only an accounting manager can close or reopen a month.")
            )

    def _check_period(self):
        """Reconcile at the closing date; count what is still to post. Layers
        whose entry is no longer posted go back to the queue first."""
        self.ensure_one()
        Layer = self.env["stock.valuation.layer"].sudo()
        Layer._jxc_requeue_unposted(self.company_id)
        valuation = self.env["jxc.valuation"]
        result = valuation._reconcile(self.company_id, self.date)
        end = valuation._day_end(self.company_id, self.date)
        domain = [("company_id", "=", self.company_id.id), ("create_date", "<", end)]
        self._jxc_write(
            {
                "checked_at": fields.Datetime.now(),
                "unexplained": result["unexplained"],
                "queued_count": Layer.search_count(
                    domain + [("jxc_posting_state", "=", "to_post")]
                ),
                "failed_count": Layer.search_count(
                    domain + [("jxc_posting_state", "=", "failed")]
                ),
            }
        )
        return self._jxc_problems()

    def _jxc_problems(self):
        self.ensure_one()
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
        return problems

    def action_check(self):
        self.ensure_one()
        self._jxc_check_manager()
        problems = self._check_period()
        if problems:
            result = self.env._(
                "Checked on %(time)s: the month does not close yet (%(problems)s).",
                time=format_datetime(self.env, self.checked_at),
                problems="; ".join(problems),
            )
        else:
            result = self.env._(
                "Checked on %(time)s: valuation and ledger agree, nothing left "
                "to post. The month can be closed.",
                time=format_datetime(self.env, self.checked_at),
            )
        self.message_post(body=result)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Month close %(name)s", name=self.name),
                "message": result,
                "type": "warning" if problems else "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_close(self):
        self.ensure_one()
        self._jxc_check_manager()
        if self.state == "closed":
            raise UserError(self.env._("This month is already closed."))
        # the company's lock row, also written by stock validations dated in a
        # month that may be closing: one of the two waits for the other, and
        # the second to commit fails and is retried (see res.company)
        self.company_id._jxc_lock_stock_row()
        problems = self._check_period()
        if problems:
            if not self.override_reason:
                raise UserError(
                    self.env._(
                        "The period up to %(date)s cannot be closed: %(problems)s. "
                        "Post the queue and explain the differences in Valuation "
                        "vs Ledger, or write the reason of an override.",
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
            self.env["jxc.audit.log"]._jxc_log_override(
                self,
                "; ".join(problems),
                self.env._("Closed"),
                self.override_reason,
            )
        company = self.company_id.sudo()
        if not company.jxc_stock_lock_date or company.jxc_stock_lock_date < self.date:
            company.jxc_stock_lock_date = self.date
        self._jxc_write({"state": "closed"})
        return True

    def action_reopen(self):
        """Ask for the reason (the reopen wizard)."""
        self.ensure_one()
        self._jxc_check_manager()
        self._jxc_check_reopen()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen %(name)s", name=self.name),
            "res_model": "jxc.period.close.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"default_close_id": self.id},
        }

    def _jxc_check_reopen(self):
        self.ensure_one()
        if self.state != "closed":
            raise UserError(self.env._("Only a closed month can be reopened."))
        later = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "closed"),
                ("date", ">", self.date),
            ],
            order="date desc",
            limit=1,
        )
        if later:
            raise UserError(
                self.env._(
                    "%(later)s is closed: reopen it first, then %(name)s.",
                    later=later.name,
                    name=self.name,
                )
            )

    def _jxc_reopen(self, reason):
        """Reopen this month (the reopen wizard's action): the stock lock goes
        back to the previous closed month."""
        self.ensure_one()
        self._jxc_check_manager()
        self._jxc_check_reopen()
        if not (reason or "").strip():
            raise UserError(self.env._("Write why the month is reopened."))
        self.company_id._jxc_lock_stock_row()
        previous = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "closed"),
                ("date", "<", self.date),
            ],
            order="date desc",
            limit=1,
        )
        self.company_id.sudo().jxc_stock_lock_date = previous.date or False
        self.with_context(jxc_reopen_reason=reason)._jxc_write({"state": "reopened"})
        self.message_post(
            body=self.env._("Reopened. Reason: %(reason)s", reason=reason)
        )
        return True
