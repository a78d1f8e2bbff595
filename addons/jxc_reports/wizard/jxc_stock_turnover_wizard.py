# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class JxcStockTurnoverWizard(models.TransientModel):
    """周转率: cost of goods sold (sales deliveries less customer returns, at
    their valuation) over the average stock value ((opening + closing) / 2) of
    the period; days on hand = days of the period / turnover. Same facts and
    opening balances as the stock movement summary."""

    _name = "jxc.stock.turnover.wizard"
    _inherit = "jxc.stock.summary.wizard"
    _description = "Inventory Turnover"
    _jxc_line_model = "jxc.stock.turnover.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_stock_turnover"
    _jxc_pdf_columns = None

    line_ids = fields.One2many("jxc.stock.turnover.line", "wizard_id")

    @api.model
    def _jxc_group_by_selection(self):
        return [
            ("product", self.env._("Product")),
            ("category", self.env._("Product Category")),
        ]

    def _jxc_title(self):
        return self.env._("Inventory Turnover")

    def _jxc_line_columns(self):
        keys = (
            ["categ_id"] if self.group_by == "category" else ["product_id", "categ_id"]
        )
        return keys + [
            "opening_value",
            "closing_value",
            "average_value",
            "cogs",
            "turnover",
            "annual_turnover",
            "days_on_hand",
        ]

    def _jxc_period_days(self):
        return (self.date_to - self.date_from).days + 1

    def _jxc_ratios(self):
        days = self._jxc_period_days()
        # the company's turnover: its cost of sales over its average stock
        return {
            "turnover": ("cogs", "average_value", 1),
            "annual_turnover": ("cogs", "average_value", 365 / days),
            "days_on_hand": ("average_value", "cogs", days),
        }

    @api.model
    def _jxc_cell(self, line, column):
        # nothing sold: the stock does not turn, no days on hand (not 0 days)
        if column["name"] in ("days_on_hand", "annual_turnover") and not line.turnover:
            return None
        return super()._jxc_cell(line, column)

    def _jxc_compute(self):
        self.ensure_one()
        facts = self.env["jxc.report.facts"]
        scope = self._jxc_scope()
        product_key = SQL(
            "NULL::integer" if self.group_by == "category" else "f.product_id"
        )
        days = (self.date_to - self.date_from).days + 1
        warehouse_filter = SQL("TRUE")
        if self.warehouse_ids:
            warehouse_filter = SQL(
                "f.warehouse_id IN %s", tuple(self.warehouse_ids.ids)
            )
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                WITH agg AS (
                    SELECT %(product_key)s AS product_id, t.categ_id,
                           COALESCE(SUM(f.value) FILTER (WHERE f.opening), 0)
                               AS opening_value,
                           SUM(f.value) AS closing_value,
                           -COALESCE(SUM(f.value) FILTER (
                               WHERE NOT f.opening
                                 AND f.kind IN ('sale', 'customer_return')), 0)
                               AS cogs
                      FROM %(facts)s f
                      JOIN product_product pp ON pp.id = f.product_id
                      JOIN product_template t ON t.id = pp.product_tmpl_id
                     WHERE %(warehouse_filter)s AND %(products)s
                     GROUP BY %(product_key)s, t.categ_id
                    HAVING bool_or(f.moved)
                )
                INSERT INTO jxc_stock_turnover_line
                    (wizard_id, company_id, product_id, categ_id, opening_value,
                     closing_value, average_value, cogs, turnover, days_on_hand,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, %(company)s, a.product_id, a.categ_id,
                       a.opening_value, a.closing_value, x.average, a.cogs,
                       x.turnover,
                       CASE WHEN x.turnover > 0 THEN %(days)s / x.turnover END,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM agg a
                  CROSS JOIN LATERAL (
                      SELECT (a.opening_value + a.closing_value) / 2 AS average,
                             CASE WHEN a.opening_value + a.closing_value > 0
                                  THEN a.cogs * 2 / (a.opening_value + a.closing_value)
                             END AS turnover
                  ) x
                """,
                product_key=product_key,
                facts=self._jxc_facts(scope),
                warehouse_filter=warehouse_filter,
                products=facts._jxc_product_condition(
                    SQL("f.product_id"), scope["products"]
                ),
                wizard=self.id,
                company=self.company_id.id,
                days=days,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
