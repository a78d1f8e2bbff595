# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

ABC_CLASSES = [("A", "A"), ("B", "B"), ("C", "C")]
XYZ_CLASSES = [("X", "X"), ("Y", "Y"), ("Z", "Z")]
CRITERIA = [
    ("consumption_value", "Consumption value"),
    ("revenue", "Revenue"),
    ("margin", "Gross margin"),
    ("quantity", "Quantity delivered"),
    ("order_lines", "Number of order lines"),
]
# cycle-count frequency (months), safety-stock factor and alert severity per class
DEFAULT_POLICIES = {
    "A": {"count_frequency_months": 1, "safety_factor": 1.5, "alert_severity": "high"},
    "B": {
        "count_frequency_months": 3,
        "safety_factor": 1.0,
        "alert_severity": "medium",
    },
    "C": {"count_frequency_months": 12, "safety_factor": 0.5, "alert_severity": "low"},
}


class JxcAbcProfile(models.Model):
    _name = "jxc.abc.profile"
    _description = "ABC Classification Profile"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(
        default=10,
        tracking=True,
        help="The first profile of a company sets the class shown in the product "
        "lists, filters and group-bys.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    criterion = fields.Selection(
        CRITERIA,
        required=True,
        default="consumption_value",
        tracking=True,
        help="Consumption value: outgoing quantity x unit cost, from the stock "
        "valuation layers. Revenue: posted customer invoices and credit notes, "
        "untaxed. Gross margin: revenue minus the cost of the goods delivered "
        "to customers. Quantity delivered: quantity delivered to customers minus "
        "returns. Number of order lines: sale order lines delivered in the period.",
    )
    months_back = fields.Integer(
        "Period (months)",
        required=True,
        default=12,
        tracking=True,
        help="Number of calendar months analysed, the month of the run included.",
    )
    threshold_a = fields.Float(
        "A up to (%)",
        required=True,
        default=80.0,
        tracking=True,
        help="Products are A while their cumulative share stays at or below this "
        "percentage (the first product is always A).",
    )
    threshold_b = fields.Float(
        "B up to (%)",
        required=True,
        default=95.0,
        tracking=True,
        help="Products not A are B while their cumulative share stays at or below "
        "this percentage; the rest is C.",
    )
    threshold_x = fields.Float(
        "X below (CV)",
        required=True,
        default=0.5,
        tracking=True,
        help="Products whose coefficient of variation of monthly demand is below "
        "this value are X (steady demand).",
    )
    threshold_y = fields.Float(
        "Y below (CV)",
        required=True,
        default=1.0,
        tracking=True,
        help="Products not X whose coefficient of variation is below this value "
        "are Y; the rest, and products without demand, are Z.",
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        tracking=True,
        help="Only movements of this warehouse count. Empty: every warehouse of "
        "the company.",
    )
    categ_include_ids = fields.Many2many(
        "product.category",
        "jxc_abc_profile_categ_include_rel",
        "profile_id",
        "categ_id",
        string="Categories",
        tracking=True,
        help="Only products of these categories and their subcategories. Empty: "
        "all categories.",
    )
    categ_exclude_ids = fields.Many2many(
        "product.category",
        "jxc_abc_profile_categ_exclude_rel",
        "profile_id",
        "categ_id",
        string="Excluded Categories",
        tracking=True,
        help="Products of these categories and their subcategories are left out.",
    )
    no_movement_class = fields.Selection(
        ABC_CLASSES,
        "Class without movement",
        required=True,
        default="C",
        tracking=True,
        help="Class of the products that contribute nothing in the period (no "
        "movement, or a value of zero or less).",
    )
    interval_months = fields.Integer(
        "Run every (months)", required=True, default=1, tracking=True
    )
    next_run_date = fields.Date(
        default=fields.Date.context_today,
        tracking=True,
        help="The scheduled action runs the profile on this date, then moves it "
        "on by the interval. Empty: no scheduled run.",
    )
    auto_apply = fields.Boolean(
        "Apply automatically",
        default=True,
        tracking=True,
        help="Scheduled runs and the Run now button write the classes to the "
        "products. Otherwise the runs stay previews until applied.",
    )
    run_error = fields.Text(
        "Scheduled Run Failed",
        readonly=True,
        copy=False,
        tracking=True,
        help="Why the last scheduled run failed. The scheduled action leaves the "
        "profile aside until it is saved again or run by hand.",
    )
    policy_ids = fields.One2many("jxc.abc.policy", "profile_id", string="Policies")
    run_ids = fields.One2many("jxc.abc.run", "profile_id", string="Runs")
    run_count = fields.Integer(compute="_compute_run_count")
    current_run_id = fields.Many2one(
        "jxc.abc.run",
        compute="_compute_current_run_id",
        string="Applied Run",
        help="The run whose classes the products carry.",
    )

    def _compute_run_count(self):
        counts = dict(
            self.env["jxc.abc.run"]._read_group(
                [("profile_id", "in", self.ids)], ["profile_id"], ["__count"]
            )
        )
        for profile in self:
            profile.run_count = counts.get(profile, 0)

    def _compute_current_run_id(self):
        runs = self.env["jxc.abc.run"].search(
            [("profile_id", "in", self.ids), ("is_current", "=", True)]
        )
        run_by_profile = {run.profile_id: run for run in runs}
        for profile in self:
            profile.current_run_id = run_by_profile.get(profile, False)

    @api.constrains("threshold_a", "threshold_b", "threshold_x", "threshold_y")
    def _check_thresholds(self):
        for profile in self:
            if not 0 < profile.threshold_a < profile.threshold_b <= 100:
                raise ValidationError(
                    self.env._(
                        "ABC profile %(name)s: the thresholds must satisfy "
                        "0 < A < B <= 100 (now A = %(a)s %%, B = %(b)s %%).",
                        name=profile.name,
                        a=profile.threshold_a,
                        b=profile.threshold_b,
                    )
                )
            if not 0 < profile.threshold_x < profile.threshold_y:
                raise ValidationError(
                    self.env._(
                        "ABC profile %(name)s: the XYZ thresholds must satisfy "
                        "0 < X < Y (now X = %(x)s, Y = %(y)s).",
                        name=profile.name,
                        x=profile.threshold_x,
                        y=profile.threshold_y,
                    )
                )

    @api.constrains("months_back", "interval_months")
    def _check_months(self):
        for profile in self:
            if profile.months_back < 1 or profile.interval_months < 1:
                raise ValidationError(
                    self.env._(
                        "ABC profile %(name)s: the period and the interval must be "
                        "at least one month.",
                        name=profile.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "policy_ids" not in vals:
                vals["policy_ids"] = [
                    Command.create(dict(values, abc_class=abc_class))
                    for abc_class, values in DEFAULT_POLICIES.items()
                ]
        return super().create(vals_list)

    def write(self, vals):
        # a profile set aside by a failed scheduled run is tried again once
        # someone changes it
        if set(vals) - {"run_error", "next_run_date"} and "run_error" not in vals:
            failed = self.filtered("run_error")
            if failed:
                failed._jxc_clear_run_error()
        return super().write(vals)

    def unlink(self):
        # through the ORM, which deletes the runs' lines (they carry no foreign
        # key) and the runs' messages
        self.run_ids.unlink()
        return super().unlink()

    def action_run_now(self):
        """Compute a run for each profile (applied when the profile says so)."""
        runs = self.env["jxc.abc.run"]
        for profile in self:
            profile = profile.with_company(profile.company_id)
            runs |= profile._run(apply=profile.auto_apply)
            if profile.run_error:
                profile._jxc_clear_run_error()
        return runs._action_open()

    def action_view_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.jxc_abc_run_action"
        )
        action["domain"] = [("profile_id", "=", self.id)]
        action["context"] = {"default_profile_id": self.id}
        return action

    def _run(self, apply=False, date=None):
        """Compute (and optionally apply) one run of this profile at ``date``."""
        self.ensure_one()
        run = self.env["jxc.abc.run"]._create_for_profile(self, date)
        run._compute_lines()
        if apply:
            run.action_apply()
        return run

    def _main_profile_by_company(self, companies):
        """The first active profile of each company: it sets the product's class."""
        profiles = self.search([("company_id", "in", companies.ids)])
        main = {}
        for profile in profiles:  # sorted by company, sequence, id
            main.setdefault(profile.company_id, profile)
        return main

    @api.model
    def _main_run(self, company=None):
        """The current applied run of the company's first profile: the classes
        the products show, filter and group by (empty without one). Read as
        superuser: a product's class is no secret, its profile may be."""
        company = company or self.env.company
        main = self.sudo()._main_profile_by_company(company)
        profile = main.get(company, self.browse())
        return (
            self.env["jxc.abc.run"]
            .sudo()
            .search(
                [("profile_id", "in", profile.ids), ("is_current", "=", True)], limit=1
            )
        )

    def _jxc_failure_summary(self):
        return self.env._("Scheduled ABC run failed")

    def _jxc_set_aside(self, error):
        """Keep the scheduled action off this profile, with the reason and one
        open activity saying what to fix."""
        self.ensure_one()
        message = error.args[0] if error.args else str(error)
        _logger.info("ABC profile %s set aside: %s", self.id, message)
        self.write({"run_error": message})
        summary = self._jxc_failure_summary()
        if not self.activity_ids.filtered(lambda a: a.summary == summary):
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=self.env._(
                    "%(error)s Fix the profile and save it, or run it by hand: the "
                    "scheduled action runs it again then.",
                    error=message,
                ),
                user_id=self._jxc_responsible().id,
            )

    def _jxc_responsible(self):
        """Who hears of a failed scheduled run: the user who set the profile
        up, else its last editor, else the company's alert responsible."""
        self.ensure_one()
        for user in (
            self.create_uid,
            self.write_uid,
            self.company_id.jxc_alert_user_id,
        ):
            if user.active and not user.share:
                return user
        return self.env.ref("base.user_admin")

    def _jxc_clear_run_error(self):
        summary = self._jxc_failure_summary()
        self.activity_ids.filtered(lambda a: a.summary == summary).action_feedback(
            feedback=self.env._("Profile changed: scheduled again.")
        )
        return super().write({"run_error": False})

    @api.model
    def _cron_run_due_profiles(self, batch_size=5):
        """Run the profiles whose next run date has come, a few per call, each
        in its savepoint: a profile that fails is set aside (with an activity)
        and the others run."""
        today = fields.Date.context_today(self)
        domain = [
            ("next_run_date", "!=", False),
            ("next_run_date", "<=", today),
            ("run_error", "=", False),
        ]
        profiles = self.search(domain, limit=batch_size)
        for profile in profiles:
            profile = profile.with_company(profile.company_id)
            try:
                with self.env.cr.savepoint():
                    profile._run(apply=profile.auto_apply)
            except (UserError, psycopg2.DataError, psycopg2.IntegrityError) as error:
                profile._jxc_set_aside(error)
                continue
            # keep the day of the month: the 31st runs on the last day of short months
            start, step = profile.next_run_date, 1
            while start + relativedelta(months=profile.interval_months * step) <= today:
                step += 1
            profile.next_run_date = start + relativedelta(
                months=profile.interval_months * step
            )
        remaining = self.search_count(domain) if profiles else 0
        self.env["ir.cron"]._notify_progress(done=len(profiles), remaining=remaining)
        return profiles
