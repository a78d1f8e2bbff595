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
    _jxc_pdf_columns = (
        "product_id",
        "qty",
        "value",
        "avg_age",
        *(f"qty_{i}" for i in range(1, BUCKETS + 1)),
        *(f"value_{i}" for i in range(1, BUCKETS + 1)),
    )

    date = fields.Date(
        "Reference Date",
        required=True,
        default=lambda self: fields.Date.context_today(self),
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
        return [
            (self.env._("Reference Date"), str(self.date)),
            (self.env._("Company"), self.company_id.name),
        ]

    def _jxc_line_columns(self):
        return [
            "product_id",
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
            if index.isdigit() and measure in ("qty", "value"):
                column["label"] = f"{labels[int(index) - 1]} {column['label']}"
        return columns

    def _jxc_compute(self):
        self.ensure_one()
        facts = self.env["jxc.report.facts"]
        company = self.company_id
        product_ids = facts._jxc_product_ids(self.product_ids.ids, self.categ_ids.ids)
        bounds = [-(2**31)] + self._jxc_limits() + [2**31]
        fifo_categs = (
            self.env["product.category"]
            .with_company(company)
            .search([("property_cost_method", "=", "fifo")])
        )
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
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                WITH cost AS (
                    SELECT v.product_id,
                           SUM(v.value) / NULLIF(SUM(v.quantity), 0) AS unit_cost
                      FROM stock_valuation_layer v
                     WHERE v.company_id = %(company)s AND %(products)s
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
                  FROM stock_valuation_layer v
                  JOIN product_product pp ON pp.id = v.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                  JOIN cost c ON c.product_id = v.product_id
                  CROSS JOIN LATERAL (
                      SELECT %(date)s::date - (
                                 (v.create_date AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s
                             )::date AS age,
                             v.remaining_qty AS qty,
                             CASE WHEN t.categ_id IN %(fifo)s THEN v.remaining_value
                                  ELSE ROUND(v.remaining_qty * c.unit_cost, %(digits)s)
                             END AS value
                  ) a
                 WHERE v.company_id = %(company)s AND v.remaining_qty > 0
                   AND %(products)s
                 GROUP BY v.product_id, t.categ_id
                """,
                columns=SQL(", ").join(columns),
                values=SQL(", ").join(values),
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
