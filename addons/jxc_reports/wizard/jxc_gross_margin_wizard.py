# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class JxcGrossMarginWizard(models.TransientModel):
    """毛利: revenue from posted customer invoices and refunds (company currency,
    by invoice date) against the cost of the goods delivered for sales (the
    valuation layers of moves linked to sale order lines, returns included, by
    layer date), per product, category, customer or salesperson."""

    _name = "jxc.gross.margin.wizard"
    _inherit = "jxc.stock.summary.wizard"
    _description = "Gross Margin"
    _jxc_line_model = "jxc.gross.margin.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_gross_margin"
    _jxc_pdf_columns = None

    line_ids = fields.One2many("jxc.gross.margin.line", "wizard_id")

    @api.model
    def _jxc_group_by_selection(self):
        return [
            ("product", self.env._("Product")),
            ("category", self.env._("Product Category")),
            ("customer", self.env._("Customer")),
            ("salesperson", self.env._("Salesperson")),
        ]

    def _jxc_title(self):
        return self.env._("Gross Margin")

    def _jxc_ratios(self):
        # the margin rate of a total is weighted by revenue
        return {"margin_percent": ("margin", "revenue", 100)}

    def _jxc_line_columns(self):
        keys = {
            "product": ["product_id", "categ_id"],
            "category": ["categ_id"],
            "customer": ["partner_id"],
            "salesperson": ["user_id"],
        }[self.group_by]
        return keys + ["qty", "revenue", "cost", "margin", "margin_percent"]

    def _jxc_compute(self):
        self.ensure_one()
        facts = self.env["jxc.report.facts"]
        company = self.company_id
        start, end = facts._jxc_period_bounds(company, self.date_from, self.date_to)
        product_ids = self._jxc_product_scope()
        keys = {
            "product": ("r.product_id", "r.categ_id", "NULL::integer", "NULL::integer"),
            "category": (
                "NULL::integer",
                "r.categ_id",
                "NULL::integer",
                "NULL::integer",
            ),
            "customer": (
                "NULL::integer",
                "NULL::integer",
                "r.partner_id",
                "NULL::integer",
            ),
            "salesperson": (
                "NULL::integer",
                "NULL::integer",
                "NULL::integer",
                "r.user_id",
            ),
        }[self.group_by]
        product_key, categ_key, partner_key, user_key = (SQL(k) for k in keys)
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                INSERT INTO jxc_gross_margin_line
                    (wizard_id, company_id, product_id, categ_id, partner_id, user_id,
                     qty, revenue, cost, margin, margin_percent,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, %(company)s, %(product_key)s, %(categ_key)s,
                       %(partner_key)s, %(user_key)s,
                       SUM(r.qty), SUM(r.revenue), SUM(r.cost),
                       SUM(r.revenue) - SUM(r.cost),
                       CASE WHEN SUM(r.revenue) <> 0
                            THEN 100 * (SUM(r.revenue) - SUM(r.cost)) / SUM(r.revenue)
                       END,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM (
                    SELECT l.product_id, t.categ_id,
                           am.commercial_partner_id AS partner_id,
                           am.invoice_user_id AS user_id, 0 AS qty,
                           -l.balance AS revenue, 0 AS cost
                      FROM account_move_line l
                      JOIN account_move am ON am.id = l.move_id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template t ON t.id = pp.product_tmpl_id
                     WHERE am.company_id = %(company)s AND am.state = 'posted'
                       AND am.move_type IN ('out_invoice', 'out_refund')
                       AND l.display_type = 'product'
                       AND am.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                       AND %(aml_products)s
                    UNION ALL
                    SELECT v.product_id, t.categ_id, cp.commercial_partner_id,
                           so.user_id, -v.quantity, 0, -v.value
                      FROM %(layers)s v
                      JOIN stock_move m ON m.id = v.stock_move_id
                      JOIN sale_order_line sol ON sol.id = m.sale_line_id
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN res_partner cp ON cp.id = so.partner_id
                      JOIN product_product pp ON pp.id = v.product_id
                      JOIN product_template t ON t.id = pp.product_tmpl_id
                     WHERE %(svl_products)s
                  ) r
                 GROUP BY %(product_key)s, %(categ_key)s, %(partner_key)s, %(user_key)s
                """,
                wizard=self.id,
                company=company.id,
                product_key=product_key,
                categ_key=categ_key,
                partner_key=partner_key,
                user_key=user_key,
                date_from=self.date_from,
                date_to=self.date_to,
                layers=self.env["jxc.valuation"]._layers_sql(company, start, end),
                uid=self.env.uid,
                now=fields.Datetime.now(),
                aml_products=facts._jxc_product_condition(
                    SQL("l.product_id"), product_ids
                ),
                svl_products=facts._jxc_product_condition(
                    SQL("v.product_id"), product_ids
                ),
            )
        )
