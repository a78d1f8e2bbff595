# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stock facts every jxc stock report is built from, in one place.

A *fact* is one signed contribution to the stock of a product in a *scope*:

* a done ``stock.move`` gives a quantity fact (``product_qty``, in the product's
  unit) on each side it crosses: +qty into the scope of its destination, -qty out
  of the scope of its source; a move between two locations of the same scope is
  internal and gives nothing;
* a ``stock.valuation.layer`` gives a value fact (its ``value``, dated by its
  ``create_date`` as Odoo's own valuation at a date is).

Scopes: a valued location (internal, or transit of a company) belongs to the
warehouse whose view location is among its parents (``stock.location.warehouse_id``,
Odoo's own stored computation over ``parent_path``); valued locations outside any
warehouse form the scope "no warehouse" (``warehouse_id`` NULL).

Value per warehouse: a layer belongs to the scope of its move's valued side (the
destination of an incoming move, the source of an outgoing one) and takes the
move's kind. Layers without a move (revaluation), or whose move crosses no scope
(dropship), belong to "no warehouse" as *other in* / *other out* by the sign of
their value. Odoo makes no layer for a transfer between two warehouses of a
company: jxc values it at the company's average unit cost of the product at the
move's date (the value of its stock in the company over its quantity: layer
values and done moves up to that moment), out of one warehouse and into the
other, so the transfers cancel in the company total. That average is a running
sum over the facts of the period on top of the balance at its start (a monthly
snapshot and the facts after it), never a scan of the history. Hence the
company total is exactly Odoo's valuation, and each warehouse's value is an
attribution of it (exact per warehouse for AVCO and standard cost, an average for
FIFO).

Period boundaries are midnights in the time zone of the company's partner (UTC
when it has none).
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.jxc_bridge.models import jxc_valuation

IN_KINDS = ("purchase", "customer_return", "transfer_in", "inventory_gain", "other_in")
OUT_KINDS = (
    "sale",
    "vendor_return",
    "transfer_out",
    "scrap",
    "inventory_loss",
    "other_out",
)
KIND_SELECTION = [
    ("opening", "Opening Balance"),
    ("purchase", "Purchase Receipt"),
    ("customer_return", "Customer Return"),
    ("transfer_in", "Transfer In"),
    ("inventory_gain", "Inventory Gain"),
    ("other_in", "Other In"),
    ("sale", "Sales Delivery"),
    ("vendor_return", "Vendor Return"),
    ("transfer_out", "Transfer Out"),
    ("scrap", "Scrap"),
    ("inventory_loss", "Inventory Loss"),
    ("other_out", "Other Out"),
    ("closing", "Closing Balance"),
]
# who may see costs and values: the valuation core owns the list
VALUE_GROUPS = jxc_valuation.VALUE_GROUPS


class JxcReportFacts(models.AbstractModel):
    _name = "jxc.report.facts"
    _description = "JXC Stock Facts"

    # ------------------------------------------------------------------ periods
    @api.model
    def _jxc_tz(self, company):
        return self.env["jxc.valuation"]._tz(company)

    @api.model
    def _jxc_day_start(self, company, day):
        """The UTC (naive) datetime of the local midnight that starts ``day``."""
        return self.env["jxc.valuation"]._day_start(company, day)

    @api.model
    def _jxc_local_date(self, company, moment):
        """The local date of a UTC (naive) datetime."""
        return self.env["jxc.valuation"]._local_date(company, moment)

    @api.model
    def _jxc_month_start(self, day):
        return date(day.year, day.month, 1)

    @api.model
    def _jxc_next_month(self, day):
        return self._jxc_month_start(day) + relativedelta(months=1)

    @api.model
    def _jxc_period_bounds(self, company, date_from, date_to):
        return (
            self._jxc_day_start(company, date_from),
            self._jxc_day_start(company, date_to + timedelta(days=1)),
        )

    # ------------------------------------------------------------------- facts
    @api.model
    def _jxc_product_ids(self, product_ids=None, categ_ids=None, domain=()):
        """The storable products to report on, as a query of ids."""
        domain = [("is_storable", "=", True), *domain]
        if product_ids:
            domain.append(("id", "in", list(product_ids)))
        if categ_ids:
            domain.append(("categ_id", "child_of", list(categ_ids)))
        return (
            self.env["product.product"].with_context(active_test=False)._search(domain)
        )

    @api.model
    def _jxc_product_condition(self, column, product_ids):
        if product_ids is None:
            product_ids = self._jxc_product_ids()
        return SQL("%s IN %s", column, product_ids.subselect())

    @api.model
    def _jxc_move_sql(self, condition):
        """Done moves with the scopes they leave and enter and their kinds."""
        return SQL(
            """
            SELECT m.id, m.product_id, m.company_id, m.date, m.product_qty AS qty,
                   sl.warehouse_id AS src_wh, dl.warehouse_id AS dst_wh,
                   x.sv AS src_valued, x.dv AS dst_valued,
                   x.dv AND (NOT x.sv OR x.crosses) AS is_in,
                   x.sv AND (NOT x.dv OR x.crosses) AS is_out,
                   CASE WHEN sl.usage = 'supplier' THEN 'purchase'
                        WHEN sl.usage = 'customer' THEN 'customer_return'
                        WHEN x.sv THEN 'transfer_in'
                        WHEN sl.usage = 'inventory' THEN 'inventory_gain'
                        ELSE 'other_in' END AS in_kind,
                   CASE WHEN x.dv THEN 'transfer_out'
                        WHEN dl.scrap_location THEN 'scrap'
                        WHEN dl.usage = 'customer' THEN 'sale'
                        WHEN dl.usage = 'supplier' THEN 'vendor_return'
                        WHEN dl.usage = 'inventory' THEN 'inventory_loss'
                        ELSE 'other_out' END AS out_kind
              FROM stock_move m
              JOIN stock_location sl ON sl.id = m.location_id
              JOIN stock_location dl ON dl.id = m.location_dest_id
              CROSS JOIN LATERAL (
                  SELECT sl.usage = 'internal'
                             OR (sl.usage = 'transit' AND sl.company_id IS NOT NULL)
                             AS sv,
                         dl.usage = 'internal'
                             OR (dl.usage = 'transit' AND dl.company_id IS NOT NULL)
                             AS dv,
                         sl.warehouse_id IS DISTINCT FROM dl.warehouse_id AS crosses
              ) x
             WHERE m.state = 'done' AND %s
            """,
            condition,
        )

    @api.model
    def _jxc_facts_sql(
        self, company, start, end, product_ids=None, base=None, transfers=True
    ):
        """Facts of ``company`` dated in [start, end) as a subquery with columns
        product_id, warehouse_id, move_id, svl_id, date, kind, qty, value.

        ``start`` may be None (since the beginning); ``product_ids`` is a query
        of product ids (see :meth:`_jxc_product_ids`) or None. ``base`` is the
        list of fact subqueries that sum to the balance at ``start`` (see
        :meth:`_jxc_opening_sources`); the transfers between warehouses are
        valued on top of it. Without it, the facts before ``start``. With
        ``transfers`` False, the transfers between warehouses get no value (a
        report of the whole company, where their two sides cancel, needs none).
        """
        if start and base is None:
            base = [self._jxc_facts_sql(company, None, start, product_ids)]
        digits = company.currency_id.decimal_places
        move_start = SQL("m.date >= %s", start) if start else SQL("TRUE")
        svl_start = SQL("v.create_date >= %s", start) if start else SQL("TRUE")
        moves = self._jxc_move_sql(
            SQL(
                "m.company_id = %s AND %s AND m.date < %s AND %s",
                company.id,
                move_start,
                end,
                self._jxc_product_condition(SQL("m.product_id"), product_ids),
            )
        )
        # the moves of the layers: those of the period, and the few others
        # (a layer dated apart from its move) looked up by id
        layer_moves = self._jxc_move_sql(
            SQL(
                "m.id IN (SELECT lv.stock_move_id FROM jxc_lv lv "
                "WHERE NOT EXISTS "
                "(SELECT FROM jxc_mv mv WHERE mv.id = lv.stock_move_id))"
            )
        )
        base_rows = SQL(
            "SELECT NULL::integer, NULL::timestamp, NULL::integer, 0, 0, 0 WHERE FALSE"
        )
        if base:
            base_rows = SQL(
                "SELECT b.product_id, NULL::timestamp, NULL::integer, 0, b.qty, "
                "b.value FROM (%s) b "
                "WHERE b.product_id IN (SELECT product_id FROM jxc_tp)",
                SQL(" UNION ALL ").join(SQL("SELECT * FROM %s b", src) for src in base),
            )
        return SQL(
            """
            (WITH jxc_mv AS (%(moves)s),
                  jxc_tp AS (
                      SELECT DISTINCT mv.product_id FROM jxc_mv mv
                       WHERE mv.is_in AND mv.is_out AND %(transfers)s
                  ),
                  jxc_lv AS (
                      SELECT v.id, v.product_id, v.create_date, v.value,
                             v.stock_move_id
                        FROM stock_valuation_layer v
                       WHERE v.company_id = %(company)s AND %(svl_start)s
                         AND v.create_date < %(end)s AND %(svl_products)s
                  ),
                  jxc_ev (product_id, date, transfer_id, transfer_qty, qty, value)
                  AS (
                      %(base_rows)s
                      UNION ALL
                      SELECT lv.product_id, lv.create_date, NULL, 0, 0, lv.value
                        FROM jxc_lv lv
                       WHERE lv.product_id IN (SELECT product_id FROM jxc_tp)
                      UNION ALL
                      SELECT mv.product_id, mv.date,
                             CASE WHEN mv.is_in AND mv.is_out THEN mv.id END, mv.qty,
                             CASE WHEN mv.dst_valued THEN mv.qty ELSE 0 END
                             - CASE WHEN mv.src_valued THEN mv.qty ELSE 0 END, 0
                        FROM jxc_mv mv
                       WHERE mv.product_id IN (SELECT product_id FROM jxc_tp)
                  ),
                  jxc_tr AS (
                      SELECT r.id,
                             ROUND(r.qty * COALESCE(r.stock_value
                                   / NULLIF(r.stock_qty, 0), 0), %(digits)s) AS value
                        FROM (
                            SELECT e.transfer_id AS id, e.transfer_qty AS qty,
                                   SUM(e.value) OVER w AS stock_value,
                                   SUM(e.qty) OVER w AS stock_qty
                              FROM jxc_ev e
                            WINDOW w AS (PARTITION BY e.product_id
                                         ORDER BY e.date NULLS FIRST)
                        ) r
                       WHERE r.id IS NOT NULL
                  ),
                  jxc_lm AS (SELECT * FROM jxc_mv UNION ALL %(layer_moves)s)
            SELECT mv.product_id, mv.dst_wh AS warehouse_id, mv.id AS move_id,
                   NULL::integer AS svl_id, mv.date, mv.in_kind AS kind,
                   mv.qty, COALESCE(tr.value, 0) AS value
              FROM jxc_mv mv LEFT JOIN jxc_tr tr ON tr.id = mv.id
             WHERE mv.is_in
            UNION ALL
            SELECT mv.product_id, mv.src_wh, mv.id, NULL, mv.date, mv.out_kind,
                   -mv.qty, -COALESCE(tr.value, 0)
              FROM jxc_mv mv LEFT JOIN jxc_tr tr ON tr.id = mv.id
             WHERE mv.is_out
            UNION ALL
            SELECT lv.product_id,
                   CASE WHEN s.side = 'in' THEN lm.dst_wh
                        WHEN s.side = 'out' THEN lm.src_wh END,
                   lv.stock_move_id, lv.id, lv.create_date,
                   CASE WHEN s.side = 'in' THEN lm.in_kind
                        WHEN s.side = 'out' THEN lm.out_kind
                        WHEN lv.value >= 0 THEN 'other_in'
                        ELSE 'other_out' END,
                   0, lv.value
              FROM jxc_lv lv
              LEFT JOIN jxc_lm lm ON lm.id = lv.stock_move_id
              CROSS JOIN LATERAL (
                  SELECT CASE WHEN lm.is_in AND (NOT lm.is_out OR lv.value >= 0)
                                   THEN 'in'
                              WHEN lm.is_out THEN 'out' END AS side
              ) s
            )
            """,
            moves=moves,
            digits=digits,
            company=company.id,
            svl_start=svl_start,
            end=end,
            svl_products=self._jxc_product_condition(SQL("v.product_id"), product_ids),
            base_rows=base_rows,
            layer_moves=layer_moves,
            transfers=SQL("TRUE") if transfers else SQL("FALSE"),
        )

    @api.model
    def _jxc_opening_sources(self, company, date_from, start, product_ids=None):
        """Fact subqueries summing to the balance at ``start`` (the local
        midnight of ``date_from``): the last monthly snapshot before it, then
        the facts after that snapshot. Without a snapshot (or with the context
        key ``jxc_no_snapshot``), the facts since the beginning."""
        month = None
        if not self.env.context.get("jxc_no_snapshot"):
            month = self.env["jxc.stock.snapshot"]._jxc_latest_before(
                company, date_from
            )
        if not month:
            return [self._jxc_facts_sql(company, None, start, product_ids)]
        since = self._jxc_day_start(company, self._jxc_next_month(month))
        snapshot = self.env["jxc.stock.snapshot"]._jxc_rows_sql(company, month)
        if since >= start:
            return [snapshot]
        return [
            snapshot,
            self._jxc_facts_sql(company, since, start, product_ids, base=[snapshot]),
        ]
