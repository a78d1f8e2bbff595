# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.jxc_bridge.models.jxc_abc_profile import ABC_CLASSES


class JxcAbcReportWizard(models.TransientModel):
    """Pareto table of an ABC run: its products by decreasing value, with their
    share and cumulative share of the run's total (recomputed from the run's
    values) and the run's class; the class counts and value shares are printed
    as a summary under the title."""

    _name = "jxc.abc.report.wizard"
    _inherit = "jxc.report.mixin"
    _description = "ABC Analysis Report"
    _jxc_line_model = "jxc.abc.report.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_abc"

    run_id = fields.Many2one(
        "jxc.abc.run",
        "Classification Run",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    line_ids = fields.One2many("jxc.abc.report.line", "wizard_id")

    def _jxc_title(self):
        return self.env._("ABC Analysis")

    @api.model
    def _jxc_display_name_depends(self):
        return ["run_id"]

    def _jxc_period_label(self):
        return self.run_id.display_name or ""

    def _jxc_class_summary(self):
        """[(class, product count, value, share %)] for A, B and C; the value
        is None for a user who may not see values."""
        self.ensure_one()
        if not self._jxc_lines():
            self._jxc_refresh()
        Line = self.env[self._jxc_line_model]
        see_values = Line._fields["value"].is_accessible(self.env)
        aggregates = ["__count", "share:sum"] + (["value:sum"] if see_values else [])
        groups = {
            abc_class: (count, value[0] if value else None, share)
            for abc_class, count, share, *value in Line._read_group(
                [("wizard_id", "=", self.id)], ["abc_class"], aggregates
            )
        }
        empty = (0, 0.0 if see_values else None, 0.0)
        return [(code, *groups.get(code, empty)) for code, _label in ABC_CLASSES]

    def _jxc_filters(self):
        run = self.run_id
        filters = [
            (self.env._("Classification Run"), run.display_name),
            (self.env._("Period"), f"{run.date_from} - {run.date}"),
            (
                self.env._("Criterion"),
                dict(run._fields["criterion"]._description_selection(self.env)).get(
                    run.criterion, ""
                ),
            ),
        ]
        labels = dict(ABC_CLASSES)
        for code, count, value, share in self._jxc_class_summary():
            percent = f"{share:.2f}"
            if value is None:
                text = self.env._(
                    "%(count)s products, %(share)s%% of the total",
                    count=count,
                    share=percent,
                )
            else:
                amount = f"{value:,.2f}"
                text = self.env._(
                    "%(count)s products, value %(value)s, %(share)s%% of the total",
                    count=count,
                    value=amount,
                    share=percent,
                )
            filters.append((self.env._("Class %(label)s", label=labels[code]), text))
        return filters

    def _jxc_line_columns(self):
        return [
            "rank",
            "product_id",
            "categ_id",
            "value",
            "share",
            "cumulative_share",
            "abc_class",
        ]

    def _jxc_compute(self):
        self.ensure_one()
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                WITH lines AS (
                    SELECT l.product_id, l.categ_id, l.abc_class,
                           COALESCE(l.value, 0) AS value,
                           SUM(COALESCE(l.value, 0)) OVER () AS total,
                           ROW_NUMBER() OVER (
                               ORDER BY COALESCE(l.value, 0) DESC, l.rank, l.product_id
                           ) AS position
                      FROM jxc_abc_run_line l
                     WHERE l.run_id = %(run)s
                )
                INSERT INTO jxc_abc_report_line
                    (wizard_id, company_id, rank, product_id, categ_id, abc_class,
                     value, share, cumulative_share,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, %(company)s, l.position, l.product_id, l.categ_id,
                       l.abc_class, l.value,
                       CASE WHEN l.total = 0 THEN 0
                            ELSE 100.0 * l.value / l.total END,
                       CASE WHEN l.total = 0 THEN 0
                            ELSE 100.0 * SUM(l.value) OVER (ORDER BY l.position)
                                 / l.total END,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM lines l
                """,
                run=self.run_id.id,
                wizard=self.id,
                company=self.run_id.company_id.id,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
