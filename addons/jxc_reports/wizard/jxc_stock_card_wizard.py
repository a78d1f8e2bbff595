# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class JxcStockCardWizard(models.TransientModel):
    """明细账: every done move of one product (in one warehouse, or the whole
    company) in a period, between an opening and a closing line, with the
    running balance of quantity and value (window sums)."""

    _name = "jxc.stock.card.wizard"
    _inherit = "jxc.stock.summary.wizard"
    _description = "Stock Card"
    _jxc_pdf_page_rows = 26
    _jxc_line_model = "jxc.stock.card.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_stock_card"
    _jxc_pdf_columns = None
    _jxc_pdf_balance_columns = ("balance_qty", "balance_value")

    product_id = fields.Many2one(
        "product.product", required=True, domain="[('is_storable', '=', True)]"
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse", domain="[('company_id', '=', company_id)]"
    )
    line_ids = fields.One2many("jxc.stock.card.line", "wizard_id")

    def _jxc_title(self):
        return self.env._("Stock Card")

    @api.model
    def _jxc_display_name_depends(self):
        return ["product_id", *super()._jxc_display_name_depends()]

    def _jxc_period_label(self):
        period = super()._jxc_period_label()
        if self.product_id:
            return f"{self.product_id.display_name} {period}"
        return period

    def _jxc_product_scope(self):
        return self.env["jxc.report.facts"]._jxc_product_ids(self.product_id.ids)

    def _jxc_values_transfers(self):
        # the card of the whole company sums each move's sides: a transfer
        # between warehouses shows no value whatever its value
        return bool(self.warehouse_id)

    def _jxc_filters(self):
        filters = [
            (self.env._("Product"), self.product_id.display_name),
            (self.env._("Period"), f"{self.date_from} ~ {self.date_to}"),
            (self.env._("Company"), self.company_id.name),
        ]
        if self.warehouse_id:
            filters.append((self.env._("Warehouse"), self.warehouse_id.name))
        return filters

    def _jxc_line_columns(self):
        return [
            "date",
            "reference",
            "partner_id",
            "kind",
            "in_qty",
            "in_value",
            "out_qty",
            "out_value",
            "balance_qty",
            "balance_value",
        ]

    def _jxc_compute(self):
        self.ensure_one()
        scope = self._jxc_scope()
        warehouse = SQL("TRUE")
        if self.warehouse_id:
            warehouse = SQL("f.warehouse_id = %s", self.warehouse_id.id)
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                WITH op AS (
                    SELECT COALESCE(SUM(f.qty), 0) AS qty,
                           COALESCE(SUM(f.value), 0) AS value
                      FROM (%(opening)s) f
                     WHERE f.product_id = %(product)s AND %(warehouse)s
                ),
                ev AS (
                    SELECT COALESCE(f.move_id, -MIN(f.svl_id)) AS key, f.move_id,
                           MIN(f.svl_id) AS svl_id, MIN(f.date) AS date,
                           -- the kind of the move's quantity, else of its layers
                           COALESCE(MIN(f.kind) FILTER (WHERE f.svl_id IS NULL),
                                    MAX(f.kind)) AS kind,
                           SUM(f.qty) AS qty, SUM(f.value) AS value
                      FROM %(period)s f
                     WHERE %(warehouse)s
                     GROUP BY f.move_id, CASE WHEN f.move_id IS NULL THEN f.svl_id END
                ),
                cardrows AS (
                    SELECT ev.*,
                           ROW_NUMBER() OVER w AS seq,
                           op.qty + SUM(ev.qty) OVER w AS balance_qty,
                           op.value + SUM(ev.value) OVER w AS balance_value
                      FROM ev CROSS JOIN op
                    WINDOW w AS (ORDER BY ev.date, ev.key ROWS UNBOUNDED PRECEDING)
                )
                INSERT INTO jxc_stock_card_line
                    (wizard_id, sequence, date, move_id, reference, partner_id, kind,
                     in_qty, in_value, out_qty, out_value, balance_qty, balance_value,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, 0, %(start)s, NULL, NULL, NULL, 'opening',
                       0, 0, 0, 0, op.qty, op.value, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM op
                UNION ALL
                SELECT %(wizard)s, r.seq, r.date, r.move_id,
                       COALESCE(m.reference, v.description),
                       COALESCE(m.partner_id, pk.partner_id),
                       r.kind,
                       GREATEST(r.qty, 0),
                       CASE WHEN r.qty > 0 OR (r.qty = 0 AND r.value >= 0)
                            THEN r.value ELSE 0 END,
                       GREATEST(-r.qty, 0),
                       CASE WHEN r.qty > 0 OR (r.qty = 0 AND r.value >= 0)
                            THEN 0 ELSE -r.value END,
                       r.balance_qty, r.balance_value,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM cardrows r
                  -- the product's moves and layers only: the planner cannot
                  -- tell how few rows the card has and would read every move
                  LEFT JOIN stock_move m
                         ON m.id = r.move_id AND m.product_id = %(product)s
                  LEFT JOIN stock_picking pk ON pk.id = m.picking_id
                  LEFT JOIN %(layers)s v
                         ON v.id = r.svl_id AND v.product_id = %(product)s
                UNION ALL
                SELECT %(wizard)s, 2147483647, %(end)s, NULL, NULL, NULL, 'closing',
                       0, 0, 0, 0,
                       op.qty + COALESCE((SELECT SUM(qty) FROM ev), 0),
                       op.value + COALESCE((SELECT SUM(value) FROM ev), 0),
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM op
                """,
                opening=scope["opening"],
                layers=self.env["jxc.valuation"]._layers_sql(self.company_id),
                product=self.product_id.id,
                warehouse=warehouse,
                period=scope["period"],
                wizard=self.id,
                start=scope["start"],
                end=scope["end"],
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
