# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.jxc_bridge.models.jxc_abc_profile import ABC_CLASSES

from ..models.jxc_report_facts import IN_KINDS, OUT_KINDS


class JxcStockSummaryWizard(models.TransientModel):
    """进销存汇总表: opening, ins and outs by kind, closing, per product
    (optionally per warehouse) or per category, computed with one statement."""

    _name = "jxc.stock.summary.wizard"
    _inherit = "jxc.report.mixin"
    _description = "Stock Movement Summary"
    _jxc_pdf_page_rows = 26
    _jxc_line_model = "jxc.stock.summary.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_stock_summary"

    # not stored: the shortcut only fills the dates in the form, so creating a
    # wizard from code (a schedule, the benchmark) reads neither the company's
    # time zone nor writes the wizard again for it
    period = fields.Selection(
        [
            ("last_month", "Last Month"),
            ("this_month", "This Month"),
            ("this_quarter", "This Quarter"),
            ("this_year", "This Year"),
            ("custom", "Custom"),
        ],
        compute="_compute_period",
        readonly=False,
        help="A shortcut that fills the dates; the periods of this month, quarter "
        "and year end today.",
    )
    date_from = fields.Date(
        "From",
        required=True,
        default=lambda self: self._jxc_period_range("last_month")[0],
    )
    date_to = fields.Date(
        "To",
        required=True,
        default=lambda self: self._jxc_period_range("last_month")[1],
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        string="Warehouses",
        domain="[('company_id', '=', company_id)]",
    )
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    product_ids = fields.Many2many("product.product", string="Products")
    abc_class = fields.Selection(
        ABC_CLASSES,
        "ABC Class",
        help="Only the products whose current class in the ABC profile is this one.",
    )
    abc_profile_id = fields.Many2one(
        "jxc.abc.profile",
        "ABC Profile",
        default=lambda self: self._default_abc_profile_id(),
        domain="[('company_id', '=', company_id)]",
    )
    group_by = fields.Selection(
        selection="_jxc_group_by_selection", required=True, default="product"
    )
    detail_kinds = fields.Boolean(
        "By Kind of Movement",
        help="Show the ins and outs by kind (purchase, customer return, transfer, "
        "inventory gain; sale, vendor return, transfer, scrap, inventory loss) on "
        "screen, in the PDF and in the XLSX; otherwise their totals only.",
    )
    line_ids = fields.One2many("jxc.stock.summary.line", "wizard_id")

    @api.depends("date_from", "date_to", "company_id")
    def _compute_period(self):
        shortcuts = ("last_month", "this_month", "this_quarter", "this_year")
        for wizard in self:
            dates = (wizard.date_from, wizard.date_to)
            wizard.period = next(
                (
                    period
                    for period in shortcuts
                    if wizard._jxc_period_range(period) == dates
                ),
                "custom",
            )

    @api.onchange("period")
    def _onchange_period(self):
        if self.period and self.period != "custom":
            self.date_from, self.date_to = self._jxc_period_range(self.period)

    def _jxc_period_range(self, period):
        """(first day, last day) of a period shortcut in the company's
        calendar: last month whole, this month, quarter and year to today."""
        valuation = self.env["jxc.valuation"]
        today = valuation._today(self.company_id or self.env.company)
        month = valuation._month_start(today)
        if period == "last_month":
            start = valuation._month_start(month - timedelta(days=1))
            return start, month - timedelta(days=1)
        if period == "this_quarter":
            return month.replace(month=(month.month - 1) // 3 * 3 + 1), today
        if period == "this_year":
            return month.replace(month=1), today
        return month, today

    @api.model
    def _default_abc_profile_id(self):
        return self.env["jxc.abc.profile"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )

    @api.model
    def _jxc_group_by_selection(self):
        return [
            ("product", self.env._("Product")),
            ("warehouse", self.env._("Product and Warehouse")),
            ("category", self.env._("Product Category")),
        ]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._(
                        "The start date %(start)s is after the end date %(end)s: "
                        "choose a start date on or before the end date.",
                        start=wizard.date_from,
                        end=wizard.date_to,
                    )
                )

    @api.constrains("abc_class", "abc_profile_id")
    def _check_abc_profile(self):
        for wizard in self:
            if wizard.abc_class and not wizard.abc_profile_id:
                raise ValidationError(
                    self.env._(
                        "Filtering on ABC class %(abc_class)s needs an ABC profile: "
                        "choose the profile whose classes to use.",
                        abc_class=wizard.abc_class,
                    )
                )

    def _jxc_title(self):
        return self.env._("Stock Movement Summary")

    def _jxc_filters(self):
        filters = [
            (self.env._("Period"), f"{self.date_from} ~ {self.date_to}"),
            (self.env._("Company"), self.company_id.name),
        ]
        if self.warehouse_ids:
            filters.append(
                (self.env._("Warehouses"), ", ".join(self.warehouse_ids.mapped("name")))
            )
        if self.categ_ids:
            filters.append(
                (
                    self.env._("Product Categories"),
                    ", ".join(self.categ_ids.mapped("display_name")),
                )
            )
        if self.abc_class:
            filters.append(
                (
                    self.env._("ABC Class"),
                    f"{self.abc_class} ({self.abc_profile_id.name})",
                )
            )
        return filters

    def _jxc_line_columns(self):
        names = ["product_id", "categ_id", "warehouse_id", "uom_id"]
        if self.group_by == "category":
            names = ["categ_id"]
        elif self.group_by == "product":
            names = ["product_id", "categ_id", "uom_id"]
        names += ["opening_qty", "opening_value"]
        for kind in IN_KINDS if self.detail_kinds else ():
            names += [f"{kind}_qty", f"{kind}_value"]
        names += ["in_qty", "in_value"]
        for kind in OUT_KINDS if self.detail_kinds else ():
            names += [f"{kind}_qty", f"{kind}_value"]
        names += ["out_qty", "out_value", "closing_qty", "closing_value"]
        return names

    # ----------------------------------------------------------------- compute
    def _jxc_product_scope(self):
        """The products the report covers, as a query of ids."""
        domain = []
        if self.abc_class:
            domain.append(
                (
                    "jxc_abc_ids",
                    "any",
                    [
                        ("profile_id", "=", self.abc_profile_id.id),
                        ("abc_class", "=", self.abc_class),
                    ],
                )
            )
        return self.env["jxc.report.facts"]._jxc_product_ids(
            self.product_ids.ids, self.categ_ids.ids, domain
        )

    def _jxc_values_transfers(self):
        """Whether the period's transfers between warehouses need a value."""
        return True

    def _jxc_scope(self):
        """What the period reports share: the UTC bounds ``start`` and ``end``
        of the period, the ``products`` in scope (a query of ids), the
        ``sources`` of the opening balance (see
        :meth:`jxc.report.facts._jxc_opening_sources`), their facts as one
        subquery ``opening``, and the ``period``'s facts (both with the columns
        of :meth:`jxc.report.facts._jxc_facts_sql`)."""
        self.ensure_one()
        facts = self.env["jxc.report.facts"]
        company = self.company_id
        start, end = facts._jxc_period_bounds(company, self.date_from, self.date_to)
        products = self._jxc_product_scope()
        sources = facts._jxc_opening_sources(company, self.date_from, start, products)
        opening = SQL(" UNION ALL ").join(
            SQL("SELECT *, TRUE AS opening FROM %s o", src) for src in sources
        )
        period = facts._jxc_facts_sql(
            company,
            start,
            end,
            products,
            base=sources,
            transfers=self._jxc_values_transfers(),
        )
        return {
            "start": start,
            "end": end,
            "products": products,
            "sources": sources,
            "opening": opening,
            "period": period,
        }

    def _jxc_facts(self, scope):
        """The facts of the opening balance and of the period of ``scope`` as
        one subquery: the columns of :meth:`jxc.report.facts._jxc_facts_sql`,
        a boolean ``opening`` and a boolean ``moved`` (the fact is not zero).

        The complete months of the period that are snapshotted are read from
        their movements per kind (``jxc.stock.snapshot.movement``, one row per
        product, warehouse and kind, transfers valued); only the partial months
        at the ends of the period, and months not built yet, from their facts.
        """
        facts = self.env["jxc.report.facts"]
        company = self.company_id
        parts = [
            SQL(
                "SELECT *, TRUE AS opening, o.qty <> 0 OR o.value <> 0 AS moved "
                "FROM %s o",
                src,
            )
            for src in scope["sources"]
        ]
        months = None
        if self._jxc_values_transfers():
            months = self.env["jxc.stock.snapshot"]._jxc_complete_months(
                company, self.date_from, self.date_to
            )
        if not months:
            periods = [scope["period"]]
        else:
            first, last = months
            start = facts._jxc_day_start(company, first)
            since = facts._jxc_day_start(company, facts._jxc_next_month(last))
            movements = self.env["jxc.stock.snapshot.movement"]._jxc_rows_sql(
                company, first, last
            )
            parts.append(
                SQL("SELECT *, FALSE AS opening, TRUE AS moved FROM %s m", movements)
            )
            periods = []
            if scope["start"] < start:
                periods.append(
                    facts._jxc_facts_sql(
                        company, scope["start"], start, scope["products"],
                        base=scope["sources"],
                    )
                )  # fmt: skip
            if since < scope["end"]:
                snapshot = self.env["jxc.stock.snapshot"]._jxc_rows_sql(company, last)
                periods.append(
                    facts._jxc_facts_sql(
                        company, since, scope["end"], scope["products"],
                        base=[snapshot],
                    )
                )  # fmt: skip
        parts += [
            SQL(
                "SELECT *, FALSE AS opening, p.qty <> 0 OR p.value <> 0 AS moved "
                "FROM %s p",
                period,
            )
            for period in periods
        ]
        return SQL("(%s)", SQL(" UNION ALL ").join(parts))

    def _jxc_product_months(self):
        """(first, last): the first days of the first and last month of the
        period when it is made of complete months whose summaries per product
        are built (``jxc.stock.snapshot.product``) and the report sums every
        warehouse per product or per category; else None."""
        if (
            self.group_by == "warehouse"
            or self.warehouse_ids
            or not self._jxc_values_transfers()
        ):
            return None
        months = self.env["jxc.stock.snapshot"]._jxc_complete_months(
            self.company_id, self.date_from, self.date_to
        )
        if not months:
            return None
        first, last = months
        end = self.env["jxc.report.facts"]._jxc_next_month(last)
        if first != self.date_from or end != self.date_to + timedelta(days=1):
            return None
        return months

    def _jxc_insert_lines(self, columns, select):
        """Insert the lines ``select`` returns: wizard, company, product,
        warehouse, category, opening and closing quantity and value, then
        ``columns`` (identifiers), then the four audit columns."""
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                INSERT INTO jxc_stock_summary_line
                    (wizard_id, company_id, product_id, warehouse_id, categ_id,
                     opening_qty, opening_value, closing_qty, closing_value,
                     %s, create_uid, create_date, write_uid, write_date)
                %s
                """,
                SQL(", ").join(columns),
                select,
            )
        )

    def _jxc_compute_product_months(self, first, last):
        """The lines from the summaries per product of the months ``first`` to
        ``last``: the opening of the first, the closing of the last, the ins
        and outs summed. One month per product is read as it is."""
        as_is = first == last and self.group_by == "product"

        def column(name, month=None):
            if as_is:
                return SQL("s.%s", SQL.identifier(name))
            if month:
                return SQL(
                    "COALESCE(SUM(s.%s) FILTER (WHERE s.date = %s), 0)",
                    SQL.identifier(name),
                    month,
                )
            return SQL("SUM(s.%s)", SQL.identifier(name))

        names = self.env["jxc.stock.snapshot.product"]._jxc_movement_columns()
        columns = [SQL.identifier(name) for name in names]
        product_key = SQL("NULL::integer")
        if self.group_by == "product":
            product_key = SQL("s.product_id")
        self._jxc_insert_lines(
            columns,
            SQL(
                """
                SELECT %(wizard)s, %(company)s, %(product_key)s, NULL, t.categ_id,
                       %(opening_qty)s, %(opening_value)s,
                       %(closing_qty)s, %(closing_value)s, %(values)s,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM jxc_stock_snapshot_product s
                  JOIN product_product pp ON pp.id = s.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                 WHERE s.company_id = %(company)s
                   AND s.date >= %(first)s AND s.date <= %(last)s AND %(products)s
                %(group_by)s
                """,
                wizard=self.id,
                company=self.company_id.id,
                product_key=product_key,
                opening_qty=column("opening_qty", first),
                opening_value=column("opening_value", first),
                closing_qty=column("closing_qty", last),
                closing_value=column("closing_value", last),
                values=SQL(", ").join(column(name) for name in names),
                uid=self.env.uid,
                first=first,
                last=last,
                products=self.env["jxc.report.facts"]._jxc_product_condition(
                    SQL("s.product_id"), self._jxc_product_scope()
                ),
                group_by=SQL("")
                if as_is
                else SQL("GROUP BY %s, t.categ_id", product_key),
            ),
        )

    def _jxc_compute(self):
        self.ensure_one()
        months = self._jxc_product_months()
        if months:
            self._jxc_compute_product_months(*months)
            return
        facts = self.env["jxc.report.facts"]
        scope = self._jxc_scope()

        def total(column, kinds, sign=1):
            return SQL(
                "%s * COALESCE(SUM(f.%s) "
                "FILTER (WHERE NOT f.opening AND f.kind IN %s), 0)",
                sign,
                SQL.identifier(column),
                tuple(kinds),
            )

        columns, values = [], []
        for kind in IN_KINDS + OUT_KINDS:
            sign = 1 if kind in IN_KINDS else -1
            for measure in ("qty", "value"):
                columns.append(SQL.identifier(f"{kind}_{measure}"))
                values.append(total(measure, (kind,), sign))
        for measure in ("qty", "value"):
            columns += [
                SQL.identifier(f"in_{measure}"),
                SQL.identifier(f"out_{measure}"),
            ]
            values += [total(measure, IN_KINDS), total(measure, OUT_KINDS, -1)]
        # (product of a line, warehouse of a fact's line)
        keys = {
            "product": (SQL("f.product_id"), SQL("NULL::integer")),
            "warehouse": (SQL("f.product_id"), SQL("f.warehouse_id")),
            "category": (SQL("NULL::integer"), SQL("NULL::integer")),
        }
        product_key, warehouse_key = keys[self.group_by]
        warehouse_filter = SQL("TRUE")
        if self.warehouse_ids:
            warehouse_filter = SQL(
                "f.warehouse_id IN %s", tuple(self.warehouse_ids.ids)
            )
        self._jxc_insert_lines(
            columns,
            SQL(
                """
                SELECT %(wizard)s, %(company)s, %(product_key)s, f.warehouse_id,
                       t.categ_id,
                       COALESCE(SUM(f.qty) FILTER (WHERE f.opening), 0),
                       COALESCE(SUM(f.value) FILTER (WHERE f.opening), 0),
                       SUM(f.qty), SUM(f.value), %(values)s,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM (
                      -- the facts summed per product, warehouse and kind first:
                      -- the columns' conditional sums then read a few rows
                      -- per product, not every fact
                      SELECT f.product_id, %(warehouse_key)s AS warehouse_id,
                             f.opening, f.kind, SUM(f.qty) AS qty,
                             SUM(f.value) AS value, bool_or(f.moved) AS moved
                        FROM %(facts)s f
                       WHERE %(warehouse_filter)s AND %(products)s
                       GROUP BY 1, 2, 3, 4
                  ) f
                  JOIN product_product pp ON pp.id = f.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                 GROUP BY %(product_key)s, f.warehouse_id, t.categ_id
                HAVING bool_or(f.moved)
                """,
                values=SQL(", ").join(values),
                wizard=self.id,
                company=self.company_id.id,
                product_key=product_key,
                warehouse_key=warehouse_key,
                facts=self._jxc_facts(scope),
                uid=self.env.uid,
                warehouse_filter=warehouse_filter,
                products=facts._jxc_product_condition(
                    SQL("f.product_id"), scope["products"]
                ),
            ),
        )
