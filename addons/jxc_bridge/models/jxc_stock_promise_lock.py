# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class JxcStockPromiseLock(models.Model):
    """One row per product × warehouse that the oversell guard checks.

    Every confirmation that the guard checks locks the rows of its products and
    warehouses *before* it reads what is available to promise, and writes them
    when it confirms. Odoo's transactions run in REPEATABLE READ: a transaction
    that locks a row another one wrote and committed after its snapshot fails
    with a serialization error, and Odoo retries the request in a new snapshot,
    which sees the committed order. Two confirmations of one product and
    warehouse therefore never both see the same stock as free, on one Odoo
    server or several. A transfer that takes stock out of the warehouse without
    a sales order (see ``stock.move._jxc_stock_takers``) locks and writes the
    same rows when it is confirmed, without counting a confirmation. The rows
    are written by SQL only."""

    _name = "jxc.stock.promise.lock"
    _description = "Available to Promise Lock"
    _check_company_auto = True

    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, ondelete="cascade"
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    promise_count = fields.Integer(
        string="Confirmations",
        readonly=True,
        help="Sales orders confirmed under the oversell guard for this product in "
        "this warehouse.",
    )

    _sql_constraints = (
        (
            "product_warehouse_uniq",
            "UNIQUE (product_id, warehouse_id)",
            "One promise lock per product and warehouse.",
        ),
    )

    @api.model
    def _jxc_lock(self, keys):
        """Lock the rows of ``keys`` (``(product_id, warehouse_id)`` pairs), in
        one statement and in the order of their ids, so that two confirmations
        never wait for each other in a circle; the missing rows are created
        first. A transaction that holds one of them makes this one wait (a
        confirmation that ends blocked wrote nothing: the wait ends without
        error); one that confirmed since this transaction's snapshot makes it
        fail with PostgreSQL's serialization failure, and Odoo's request retry
        runs the confirmation again in a snapshot that sees it."""
        if not keys:
            return
        products, warehouses = zip(*sorted(keys), strict=True)
        products, warehouses = list(products), list(warehouses)
        if self._jxc_lock_rows(products, warehouses) == len(keys):
            return
        # a row created and committed by another transaction since our snapshot
        # is a conflict too (PostgreSQL raises it in REPEATABLE READ)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
INSERT INTO jxc_stock_promise_lock (
    product_id, warehouse_id, company_id, promise_count,
    create_uid, create_date, write_uid, write_date)
SELECT k.product_id, k.warehouse_id, w.company_id, 0, %(uid)s, %(now)s,
       %(uid)s, %(now)s
  FROM unnest(%(products)s::int4[], %(warehouses)s::int4[])
       AS k(product_id, warehouse_id)
  JOIN stock_warehouse w ON w.id = k.warehouse_id
 ORDER BY k.product_id, k.warehouse_id
ON CONFLICT (product_id, warehouse_id) DO NOTHING
""",
                uid=self.env.uid,
                now=now,
                products=products,
                warehouses=warehouses,
            )
        )
        self._jxc_lock_rows(products, warehouses)

    def _jxc_lock_rows(self, products, warehouses):
        """Lock the existing rows of the pairs, by id; returns how many."""
        self.env.cr.execute(
            SQL(
                """
SELECT l.id
  FROM jxc_stock_promise_lock l
  JOIN unnest(%s::int4[], %s::int4[]) AS k(product_id, warehouse_id)
    ON k.product_id = l.product_id AND k.warehouse_id = l.warehouse_id
 ORDER BY l.id
   FOR UPDATE OF l
""",
                products,
                warehouses,
            )
        )
        return len(self.env.cr.fetchall())

    @api.model
    def _jxc_promised(self, keys, count=True):
        """Write the locked rows of ``keys`` once their orders are confirmed (or
        their stock otherwise taken): the transactions waiting for them then
        retry and see it. ``count``: a sales order's confirmation, counted."""
        if not keys:
            return
        products, warehouses = zip(*sorted(keys), strict=True)
        self.env.cr.execute(
            SQL(
                """
UPDATE jxc_stock_promise_lock l
   SET promise_count = l.promise_count + %s, write_uid = %s, write_date = %s
  FROM unnest(%s::int4[], %s::int4[]) AS k(product_id, warehouse_id)
 WHERE k.product_id = l.product_id AND k.warehouse_id = l.warehouse_id
""",
                1 if count else 0,
                self.env.uid,
                fields.Datetime.now(),
                list(products),
                list(warehouses),
            )
        )

    @api.model
    def _jxc_take_stock(self, moves):
        """Outgoing ``moves`` that are not a sales order's take the stock the
        guard promises from: lock and write the rows of their products and
        source warehouses (whose policy is not off), so that a concurrent
        confirmation waits and then sees them."""
        keys = set()
        for company, company_moves in moves.grouped("company_id").items():
            policies = company_moves.product_id._jxc_oversell_policies(company)
            keys.update(
                (move.product_id.id, move.location_id.warehouse_id.id)
                for move in company_moves
                if policies[move.product_id] != "off"
            )
        self._jxc_lock(keys)
        self._jxc_promised(keys, count=False)
