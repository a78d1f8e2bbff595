# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

BUCKETS = 6


class JxcStockAgingWizard(models.TransientModel):
    """库龄: the stock on hand split by age, from the remaining quantity of the
    incoming valuation layers (what Odoo has not yet consumed from them). Value:
    the layers' remaining value for FIFO; for AVCO and standard cost (one unit
    cost for every unit), the remaining quantity at the product's current unit
    value (sum of layer values / sum of layer quantities). The age of a layer
    is the reference date minus the local date of the layer."""

    _name = "jxc.stock.aging.wizard"
    _inherit = "jxc.report.mixin"
    _description = "Stock Aging"
    _jxc_line_model = "jxc.stock.aging.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_stock_aging"

    date = fields.Date(
        "Reference Date",
        required=True,
        default=lambda self: fields.Date.context_today(self),
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        string="Warehouses",
        domain="[('company_id', '=', company_id)]",
        help="Age the stock on hand of these warehouses, one row per product and "
        "warehouse: in a warehouse, stock ages from the day it entered it "
        "(a transfer from another warehouse starts a new age).",
    )
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    product_ids = fields.Many2many("product.product", string="Products")
    limit_1 = fields.Integer("Limit 1 (days)", required=True, default=30)
    limit_2 = fields.Integer("Limit 2 (days)", required=True, default=60)
    limit_3 = fields.Integer("Limit 3 (days)", required=True, default=90)
    limit_4 = fields.Integer("Limit 4 (days)", required=True, default=180)
    limit_5 = fields.Integer("Limit 5 (days)", required=True, default=365)
    line_ids = fields.One2many("jxc.stock.aging.line", "wizard_id")

    @api.constrains("limit_1", "limit_2", "limit_3", "limit_4", "limit_5")
    def _check_limits(self):
        for wizard in self:
            limits = wizard._jxc_limits()
            if limits[0] < 1 or any(a >= b for a, b in pairwise(limits)):
                raise ValidationError(
                    self.env._(
                        "The age limits must be positive and increasing "
                        "(for example 30, 60, 90, 180, 365); you gave %(limits)s.",
                        limits=", ".join(map(str, limits)),
                    )
                )

    def _jxc_limits(self):
        return [self[f"limit_{i}"] for i in range(1, BUCKETS)]

    def _jxc_bucket_labels(self):
        limits = self._jxc_limits()
        labels = [self.env._("0-%(high)s days", high=limits[0])]
        for low, high in pairwise(limits):
            labels.append(self.env._("%(low)s-%(high)s days", low=low + 1, high=high))
        labels.append(self.env._("> %(limit)s days", limit=limits[-1]))
        return labels

    def _jxc_title(self):
        return self.env._("Stock Aging")

    def _jxc_filters(self):
        filters = [
            (self.env._("Reference Date"), str(self.date)),
            (self.env._("Company"), self.company_id.name),
        ]
        if self.warehouse_ids:
            filters.append(
                (self.env._("Warehouses"), ", ".join(self.warehouse_ids.mapped("name")))
            )
        return filters

    def _jxc_line_columns(self):
        return [
            "product_id",
            *(["warehouse_id"] if self.warehouse_ids else []),
            "categ_id",
            "uom_id",
            "qty",
            "value",
            "avg_age",
            *(f"qty_{i}" for i in range(1, BUCKETS + 1)),
            *(f"value_{i}" for i in range(1, BUCKETS + 1)),
        ]

    def _jxc_columns(self, pdf=False):
        columns = super()._jxc_columns(pdf=pdf)
        labels = self._jxc_bucket_labels()
        for column in columns:
            measure, _sep, index = column["name"].partition("_")
            if index.isdigit() and measure == "qty":
                column["label"] = self.env._(
                    "%(range)s Qty", range=labels[int(index) - 1]
                )
            elif index.isdigit() and measure == "value":
                column["label"] = self.env._(
                    "%(range)s Value", range=labels[int(index) - 1]
                )
        return columns

    def action_view_lines(self):
        action = super().action_view_lines()
        action["context"]["jxc_aging_company_wide"] = not self.warehouse_ids
        return action

    def _jxc_compute(self):
        self.ensure_one()
        if self.warehouse_ids:
            return self._jxc_compute_warehouses()
        facts = self.env["jxc.report.facts"]
        company = self.company_id
        product_ids = facts._jxc_product_ids(self.product_ids.ids, self.categ_ids.ids)
        fifo_categs = (
            self.env["product.category"]
            .with_company(company)
            .search([("property_cost_method", "=", "fifo")])
        )
        columns, values = self._jxc_bucket_sql()
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                WITH cost AS (
                    SELECT v.product_id,
                           SUM(v.value) / NULLIF(SUM(v.quantity), 0) AS unit_cost
                      FROM %(layers)s v
                     WHERE %(products)s
                     GROUP BY v.product_id
                )
                INSERT INTO jxc_stock_aging_line
                    (wizard_id, company_id, product_id, categ_id, qty, value, avg_age,
                     %(columns)s, create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, %(company)s, v.product_id, t.categ_id,
                       SUM(a.qty), SUM(a.value),
                       SUM(a.qty * a.age) / NULLIF(SUM(a.qty), 0),
                       %(values)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM %(layers)s v
                  JOIN product_product pp ON pp.id = v.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                  JOIN cost c ON c.product_id = v.product_id
                  CROSS JOIN LATERAL (
                      SELECT %(date)s::date - (
                                 (v.date AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s
                             )::date AS age,
                             v.remaining_qty AS qty,
                             CASE WHEN t.categ_id IN %(fifo)s THEN v.remaining_value
                                  ELSE ROUND(v.remaining_qty * c.unit_cost, %(digits)s)
                             END AS value
                  ) a
                 WHERE v.remaining_qty > 0 AND %(products)s
                 GROUP BY v.product_id, t.categ_id
                """,
                columns=columns,
                values=values,
                layers=self.env["jxc.valuation"]._layers_sql(company),
                wizard=self.id,
                company=company.id,
                date=self.date,
                tz=facts._jxc_tz(company).zone,
                fifo=tuple(fifo_categs.ids) or (0,),
                digits=company.currency_id.decimal_places,
                uid=self.env.uid,
                now=fields.Datetime.now(),
                products=facts._jxc_product_condition(SQL("v.product_id"), product_ids),
            )
        )

    def _jxc_bucket_sql(self):
        """Column identifiers and SUM ... FILTER expressions of the buckets over
        the rows ``a`` (age, qty, value)."""
        bounds = [-(2**31)] + self._jxc_limits() + [2**31]
        columns, values = [], []
        for measure in ("qty", "value"):
            for index in range(BUCKETS):
                columns.append(SQL.identifier(f"{measure}_{index + 1}"))
                values.append(
                    SQL(
                        "COALESCE(SUM(%s) "
                        "FILTER (WHERE a.age > %s AND a.age <= %s), 0)",
                        SQL.identifier("a", measure),
                        bounds[index],
                        bounds[index + 1],
                    )
                )
        return SQL(", ").join(columns), SQL(", ").join(values)

    def _jxc_compute_warehouses(self):
        """Per product and warehouse: the quantity on hand in the warehouse
        (its quants) is the latest that entered it (first in, first out within
        the warehouse): the incoming moves of the warehouse (receipts, returns,
        transfers in, inventory gains), newest first, each counting for what is
        left of the quantity on hand. The age is that of the move; the value
        the quantity at the product's unit value of the company's remaining
        layers (FIFO) or its unit cost (AVCO, standard)."""
        facts = self.env["jxc.report.facts"]
        company = self.company_id
        product_ids = facts._jxc_product_ids(self.product_ids.ids, self.categ_ids.ids)
        warehouses = tuple(self.warehouse_ids.ids)
        fifo_categs = (
            self.env["product.category"]
            .with_company(company)
            .search([("property_cost_method", "=", "fifo")])
        )
        columns, values = self._jxc_bucket_sql()
        incoming = facts._jxc_move_sql(
            SQL(
                "m.company_id = %s AND dl.warehouse_id IN %s AND %s",
                company.id,
                warehouses,
                facts._jxc_product_condition(SQL("m.product_id"), product_ids),
            )
        )
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                WITH onhand AS (
                    SELECT q.product_id, l.warehouse_id, SUM(q.quantity) AS qty
                      FROM stock_quant q
                      JOIN stock_location l ON l.id = q.location_id
                     WHERE l.usage = 'internal' AND l.warehouse_id IN %(warehouses)s
                       AND q.company_id = %(company)s AND %(products)s
                     GROUP BY q.product_id, l.warehouse_id
                    HAVING SUM(q.quantity) > 0
                ),
                ins AS (
                    SELECT mv.product_id, mv.dst_wh AS warehouse_id, mv.date, mv.qty,
                           SUM(mv.qty) OVER (
                               PARTITION BY mv.product_id, mv.dst_wh
                               ORDER BY mv.date DESC, mv.id DESC
                           ) AS newer_qty
                      FROM (%(incoming)s) mv
                     WHERE mv.is_in
                ),
                unit AS (
                    SELECT v.product_id,
                           CASE WHEN t.categ_id IN %(fifo)s
                                THEN SUM(v.remaining_value)
                                     / NULLIF(SUM(v.remaining_qty), 0)
                                ELSE SUM(v.value) / NULLIF(SUM(v.quantity), 0)
                           END AS value
                      FROM %(layers)s v
                      JOIN product_product pp ON pp.id = v.product_id
                      JOIN product_template t ON t.id = pp.product_tmpl_id
                     WHERE v.product_id IN (SELECT product_id FROM onhand)
                     GROUP BY v.product_id, t.categ_id
                )
                INSERT INTO jxc_stock_aging_line
                    (wizard_id, company_id, product_id, warehouse_id, categ_id, qty,
                     value, avg_age, %(columns)s,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, %(company)s, o.product_id, o.warehouse_id,
                       t.categ_id, SUM(a.qty), SUM(a.value),
                       SUM(a.qty * a.age) / NULLIF(SUM(a.qty), 0),
                       %(values)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM onhand o
                  JOIN ins i ON i.product_id = o.product_id
                            AND i.warehouse_id = o.warehouse_id
                            AND i.newer_qty - i.qty < o.qty
                  JOIN product_product pp ON pp.id = o.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                  LEFT JOIN unit u ON u.product_id = o.product_id
                  CROSS JOIN LATERAL (
                      SELECT LEAST(i.qty, o.qty - (i.newer_qty - i.qty)) AS qty
                  ) k
                  CROSS JOIN LATERAL (
                      SELECT %(date)s::date - (
                                 (i.date AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s
                             )::date AS age,
                             k.qty AS qty,
                             ROUND(k.qty * COALESCE(u.value, 0), %(digits)s) AS value
                  ) a
                 GROUP BY o.product_id, o.warehouse_id, t.categ_id
                """,
                warehouses=warehouses,
                company=company.id,
                products=facts._jxc_product_condition(SQL("q.product_id"), product_ids),
                incoming=incoming,
                layers=self.env["jxc.valuation"]._layers_sql(company),
                fifo=tuple(fifo_categs.ids) or (0,),
                columns=columns,
                values=values,
                wizard=self.id,
                date=self.date,
                tz=facts._jxc_tz(company).zone,
                digits=company.currency_id.decimal_places,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
