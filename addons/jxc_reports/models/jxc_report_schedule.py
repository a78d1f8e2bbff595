# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from .jxc_report_facts import VALUE_GROUPS

_logger = logging.getLogger(__name__)

REPORTS = {
    "summary": "jxc.stock.summary.wizard",
    "stock_card": "jxc.stock.card.wizard",
    "aging": "jxc.stock.aging.wizard",
    "margin": "jxc.gross.margin.wizard",
    "turnover": "jxc.stock.turnover.wizard",
    "alerts": "jxc.stock.alert.report.wizard",
    "abc": "jxc.abc.report.wizard",
    "valuation": "jxc.valuation.ledger.wizard",
}
STEPS = {
    "daily": relativedelta(days=1),
    "weekly": relativedelta(weeks=1),
    "monthly": relativedelta(months=1),
}
BATCH = 20
# who may schedule a report for another owner or to outside addresses
MANAGER_GROUP = "account.group_account_manager"
# the reports whose figures hold no value: their files are read as the
# schedule is; the others only by the groups that may see values
QUANTITY_REPORTS = ("alerts",)


class JxcReportSchedule(models.Model):
    """报告生成与分享: a report, its filters and a relative period, sent by
    e-mail to recipients on a schedule. The report runs with the rights of the
    schedule's owner, so recipients get no more than the owner may see.

    The owner is the user who schedules; only an accounting manager may choose
    another (internal) owner, change a schedule of someone else, or allow
    recipients outside the company's users. A schedule that fails when it is
    due is marked failed, with an activity for its owner, and the others are
    sent."""

    _name = "jxc.report.schedule"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _description = "Scheduled Report"
    _order = "next_date, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        "Owner",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        tracking=True,
        help="The report is computed with this user's access rights. Only an "
        "accounting manager may choose another owner than themselves.",
    )
    report = fields.Selection(
        [
            ("summary", "Stock Movement Summary"),
            ("stock_card", "Stock Card"),
            ("aging", "Stock Aging"),
            ("margin", "Gross Margin"),
            ("turnover", "Inventory Turnover"),
            ("alerts", "Stock Alerts"),
            ("abc", "ABC Analysis"),
            ("valuation", "Valuation vs Ledger"),
        ],
        required=True,
        default="summary",
        tracking=True,
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Warehouses", check_company=True
    )
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        check_company=True,
        help="The products to report on; the stock card takes exactly one.",
    )
    abc_profile_id = fields.Many2one(
        "jxc.abc.profile",
        "ABC Profile",
        check_company=True,
        help="The ABC analysis sends the latest applied run of this profile.",
    )
    include_acknowledged = fields.Boolean(
        default=True, help="Stock alerts: count the acknowledged alerts too."
    )
    period = fields.Selection(
        [
            ("last_month", "Last Month"),
            ("this_month", "This Month"),
            ("last_7_days", "Last 7 Days"),
            ("yesterday", "Yesterday"),
        ],
        required=True,
        default="last_month",
        tracking=True,
    )
    file_format = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Excel (XLSX)")],
        "Format",
        required=True,
        default="xlsx",
        tracking=True,
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Recipients",
        help="Internal users of the company; addresses outside it only where an "
        "accounting manager allows them.",
    )
    allow_external = fields.Boolean(
        "Outside Recipients",
        tracking=True,
        help="Set by an accounting manager: the report may be sent to addresses "
        "that are not internal users.",
    )
    frequency = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        required=True,
        default="monthly",
        tracking=True,
    )
    next_date = fields.Date(
        "Next Sending", required=True, default=fields.Date.context_today, tracking=True
    )
    last_sent = fields.Datetime(readonly=True)
    send_state = fields.Selection(
        [("new", "Not Sent Yet"), ("sent", "Sent"), ("failed", "Failed")],
        "Sending",
        default="new",
        required=True,
        readonly=True,
        tracking=True,
    )
    last_error = fields.Text(readonly=True)
    file_ids = fields.One2many(
        "jxc.report.schedule.file",
        "schedule_id",
        string="Files Sent",
        readonly=True,
        groups=VALUE_GROUPS,
        help="The files sent of a report with values: like its values, readable "
        "only by the groups that may see costs, whoever may read the schedule.",
    )

    @api.constrains("report", "product_ids", "abc_profile_id", "warehouse_ids")
    def _check_report_filters(self):
        for schedule in self:
            if schedule.report == "stock_card" and len(schedule.product_ids) != 1:
                raise ValidationError(
                    self.env._(
                        "The scheduled stock card %(name)s needs exactly one "
                        "product: choose one product.",
                        name=schedule.name,
                    )
                )
            if schedule.report == "stock_card" and len(schedule.warehouse_ids) > 1:
                raise ValidationError(
                    self.env._(
                        "The scheduled stock card %(name)s is for one warehouse or "
                        "the whole company: choose at most one warehouse.",
                        name=schedule.name,
                    )
                )
            if schedule.report == "abc" and not schedule.abc_profile_id:
                raise ValidationError(
                    self.env._(
                        "The scheduled ABC analysis %(name)s needs an ABC profile: "
                        "choose the profile whose latest run is sent.",
                        name=schedule.name,
                    )
                )

    @api.constrains("user_id", "company_id")
    def _check_owner(self):
        for schedule in self:
            owner = schedule.user_id
            if owner.share or schedule.company_id not in owner.company_ids:
                raise ValidationError(
                    self.env._(
                        "The owner of the scheduled report %(name)s must be an "
                        "internal user of %(company)s: the report is computed "
                        "with the owner's rights.",
                        name=schedule.name,
                        company=schedule.company_id.name,
                    )
                )

    @api.constrains("partner_ids", "allow_external", "active")
    def _check_recipients(self):
        for schedule in self:
            if schedule.active and not schedule.partner_ids:
                raise ValidationError(
                    self.env._(
                        "The scheduled report %(name)s has no recipients: "
                        "add at least one recipient.",
                        name=schedule.name,
                    )
                )
            outside = schedule._jxc_outside_recipients()
            if outside and not schedule.allow_external:
                raise ValidationError(
                    self.env._(
                        "The scheduled report %(name)s may only be sent to "
                        "internal users; %(partners)s are not. Remove them, or "
                        "ask an accounting manager to allow outside recipients.",
                        name=schedule.name,
                        partners=", ".join(outside.mapped("display_name")),
                    )
                )

    @api.constrains("report", "abc_profile_id")
    def _check_abc_run(self):
        for schedule in self.filtered(lambda s: s.report == "abc"):
            if schedule.abc_profile_id:
                schedule._jxc_abc_run()

    def _jxc_outside_recipients(self):
        """The recipients who are not internal users of the schedule's
        company."""
        self.ensure_one()
        return self.partner_ids.filtered(
            lambda p: (
                not p.sudo().user_ids.filtered(
                    lambda u: not u.share and self.company_id in u.company_ids
                )
            )
        )

    @api.model
    def _jxc_is_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    def _jxc_check_change(self, vals):
        """Only an accounting manager chooses another owner, allows outside
        recipients or changes a schedule of someone else (its report is
        computed with that owner's rights)."""
        if self._jxc_is_manager():
            return
        user = self.env.user
        if vals.get("user_id", user.id) != user.id:
            raise AccessError(
                self.env._(
                    "Only an accounting manager may schedule a report for another "
                    "owner: leave yourself as the owner."
                )
            )
        if vals.get("allow_external"):
            raise AccessError(
                self.env._(
                    "Only an accounting manager may allow outside recipients: "
                    "send the report to internal users."
                )
            )
        if self.filtered(lambda s: s.user_id != user):
            raise AccessError(
                self.env._(
                    "Only its owner or an accounting manager may change the "
                    "scheduled report %(name)s.",
                    name=", ".join(
                        self.filtered(lambda s: s.user_id != user).mapped("name")
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._jxc_is_manager():
            # the owner and the outside recipients may also come from the
            # defaults a client sends (default_* in its context)
            defaults = self.default_get(["user_id", "allow_external"])
            for vals in vals_list:
                self.browse()._jxc_check_change({**defaults, **vals})
        return super().create(vals_list)

    def write(self, vals):
        self._jxc_check_change(vals)
        if "partner_ids" in vals and not self._jxc_is_manager():
            before = {s: s._jxc_outside_recipients() for s in self}
            res = super().write(vals)
            for schedule, outside in before.items():
                if schedule._jxc_outside_recipients() - outside:
                    raise AccessError(
                        self.env._(
                            "Only an accounting manager may add recipients outside "
                            "the company's users to the scheduled report %(name)s.",
                            name=schedule.name,
                        )
                    )
            return res
        return super().write(vals)

    @api.model
    def _jxc_period_dates(self, period, today):
        first = today.replace(day=1)
        if period == "last_month":
            return first - relativedelta(months=1), first - timedelta(days=1)
        if period == "this_month":
            return first, today
        if period == "last_7_days":
            return today - timedelta(days=7), today - timedelta(days=1)
        return today - timedelta(days=1), today - timedelta(days=1)

    def _jxc_wizard_values(self, model, today):
        """The report wizard's values: the schedule's filters that the report
        has, and the period (or its last day for a report at a date)."""
        date_from, date_to = self._jxc_period_dates(self.period, today)
        values = {"company_id": self.company_id.id}
        if "date_from" in model._fields:
            values.update(date_from=date_from, date_to=date_to)
        elif "date" in model._fields:
            values["date"] = date_to
        for name in ("warehouse_ids", "categ_ids", "product_ids"):
            if name in model._fields:
                values[name] = self[name].ids
        if self.report == "stock_card":
            values["product_id"] = self.product_ids[:1].id
            values["warehouse_id"] = self.warehouse_ids[:1].id
        if self.report == "alerts":
            values["include_acknowledged"] = self.include_acknowledged
        if self.report == "abc":
            values["run_id"] = self._jxc_abc_run().id
        return values

    def _jxc_abc_run(self):
        run = self.env["jxc.abc.run"].search(
            [("profile_id", "=", self.abc_profile_id.id), ("state", "=", "applied")],
            order="date desc, id desc",
            limit=1,
        )
        if not run:
            raise ValidationError(
                self.env._(
                    "The ABC profile %(profile)s of the scheduled report %(name)s "
                    "has no applied run yet: run and apply the classification first.",
                    profile=self.abc_profile_id.display_name,
                    name=self.name,
                )
            )
        return run

    def _jxc_wizard(self, today):
        self.ensure_one()
        model = self.env[REPORTS[self.report]].with_user(self.user_id)
        model = model.with_company(self.company_id)
        return model.create(self._jxc_wizard_values(model, today))

    def _jxc_send(self, today=None):
        """Compute the report, attach it and queue the e-mail; returns the mails."""
        template = self.env.ref("jxc_reports.mail_template_jxc_report_schedule")
        mails = self.env["mail.mail"]
        for schedule in self:
            if not schedule.partner_ids:
                raise UserError(
                    self.env._(
                        "The scheduled report %(name)s has no recipients: "
                        "add at least one recipient.",
                        name=schedule.name,
                    )
                )
            wizard = schedule._jxc_wizard(today or fields.Date.context_today(self))
            wizard._jxc_refresh()
            name, content = wizard._jxc_render(schedule.file_format)
            attachment = schedule._jxc_store_file(name, content)
            mail_id = template.send_mail(
                schedule.id,
                email_values={
                    "attachment_ids": [(4, attachment.id)],
                    "recipient_ids": [(6, 0, schedule.partner_ids.ids)],
                },
            )
            mails |= self.env["mail.mail"].browse(mail_id)
            schedule.write(
                {
                    "last_sent": fields.Datetime.now(),
                    "send_state": "sent",
                    "last_error": False,
                }
            )
            summary = schedule._jxc_failure_summary()
            schedule.activity_ids.filtered(
                lambda a, s=summary: a.summary == s
            ).sudo().action_feedback(feedback=self.env._("Sent."))
        return mails

    def _jxc_store_file(self, name, content):
        """Keep the file of a sending. A report of quantities only is attached
        to the schedule, read as the schedule is; a report with values to a
        ``jxc.report.schedule.file``, so that Odoo's attachment access asks
        for the groups that may read the report's figures, not merely the
        right to read the schedule."""
        self.ensure_one()
        if self.report in QUANTITY_REPORTS:
            return self.env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        # the sending stores the file; the users read it through their rights
        file = (
            self.env["jxc.report.schedule.file"]
            .sudo()
            .create(
                {"schedule_id": self.id, "company_id": self.company_id.id, "name": name}
            )
        )
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": content,
                    "res_model": file._name,
                    "res_id": file.id,
                }
            )
        )

    def _jxc_failure_summary(self):
        return self.env._("Scheduled report failed")

    def _jxc_mark_failed(self, error):
        """Mark the schedule failed, with the reason and one open activity for
        its owner saying what to fix."""
        self.ensure_one()
        message = error.args[0] if error.args else str(error)
        _logger.info("scheduled report %s failed: %s", self.id, message)
        self.write({"send_state": "failed", "last_error": message})
        summary = self._jxc_failure_summary()
        if not self.activity_ids.filtered(lambda a: a.summary == summary):
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=message,
                user_id=self.user_id.id,
            )

    def action_send_now(self):
        self.ensure_one()
        self._jxc_send()
        return True

    @api.model
    def _cron_send_due(self):
        """Send the due schedules, a batch per call; each in its savepoint, so
        a failing one is marked failed and the others are sent."""
        today = fields.Date.context_today(self)
        due = self.search([("next_date", "<=", today)], limit=BATCH)
        remaining = self.search_count([("next_date", "<=", today)]) - len(due)
        for schedule in due:
            try:
                with self.env.cr.savepoint():
                    schedule._jxc_send(today)
            except (AccessError, MissingError, UserError, ValidationError) as error:
                schedule._jxc_mark_failed(error)
            next_date = schedule.next_date
            while next_date <= today:
                next_date += STEPS[schedule.frequency]
            schedule.next_date = next_date
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
