# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class JxcStockSnapshot(models.Model):
    """Closing stock of a month per product and warehouse (qty and value).

    ``date`` is the first day of the month; the row holds the balance at the end
    of that month. A month's rows are complete: a product or warehouse without a
    row had nothing in stock. Reports start from the last snapshot before their
    period and add the facts after it, so an opening balance never scans all
    history. Each month is built with its movements per kind
    (``jxc.stock.snapshot.movement``): the snapshot is the previous one plus
    them, and a report reads a complete month from them; and with its
    summary per product (``jxc.stock.snapshot.product``). A done move whose date
    falls in or before a built month (back-dated) deletes the snapshots and
    movements from its month on; the scheduled action rebuilds them (it is
    triggered at once), and until then reports use an older snapshot and the
    facts after it, and stay exact.
    """

    _name = "jxc.stock.snapshot"
    _description = "Monthly Stock Snapshot"
    _inherit = "jxc.stock.month.mixin"
    _order = "date desc, product_id, warehouse_id"

    @api.model
    def _jxc_latest_before(self, company, day):
        """The month of the last snapshot whose end is on or before ``day``."""
        month = self.env["jxc.report.facts"]._jxc_month_start(day)
        rows = self.env.execute_query(
            SQL(
                "SELECT max(date) FROM jxc_stock_snapshot "
                "WHERE company_id = %s AND date < %s",
                company.id,
                month,
            )
        )
        return rows[0][0]

    @api.model
    def _jxc_complete_months(self, company, date_from, date_to):
        """(first, last): the first days of the first and the last complete
        month of [date_from, date_to] that are built (their movements can be
        read), or None when there is none. None as well with the context key
        ``jxc_no_snapshot``."""
        if self.env.context.get("jxc_no_snapshot"):
            return None
        facts = self.env["jxc.report.facts"]
        first = facts._jxc_month_start(date_from)
        if first < date_from:
            first = facts._jxc_next_month(date_from)
        last = facts._jxc_month_start(date_to + timedelta(days=1)) - relativedelta(
            months=1
        )
        latest = self.env.execute_query(
            SQL(
                "SELECT max(date) FROM jxc_stock_snapshot WHERE company_id = %s",
                company.id,
            )
        )[0][0]
        if not latest or min(last, latest) < first:
            return None
        return first, min(last, latest)

    @api.model
    def _jxc_rows_sql(self, company, month):
        """Snapshot rows of a month shaped as facts (kind 'balance')."""
        return SQL(
            "(SELECT product_id, warehouse_id, NULL::integer AS move_id, "
            "NULL::integer AS svl_id, NULL::timestamp AS date, 'balance' AS kind, "
            "qty, value FROM jxc_stock_snapshot WHERE company_id = %s AND date = %s)",
            company.id,
            month,
        )

    @api.model
    def _jxc_first_month(self, company):
        rows = self.env.execute_query(
            SQL(
                """SELECT LEAST(
                    (SELECT min(date) FROM stock_move
                      WHERE company_id = %s AND state = 'done'),
                    (SELECT min(l.date) FROM %s l))""",
                company.id,
                self.env["jxc.valuation"]._layers_sql(company),
            )
        )
        if not rows[0][0]:
            return None
        facts = self.env["jxc.report.facts"]
        return facts._jxc_month_start(facts._jxc_local_date(company, rows[0][0]))

    @api.model
    def _jxc_last_built(self, company):
        return self.env.execute_query(
            SQL(
                "SELECT max(date) FROM jxc_stock_snapshot WHERE company_id = %s",
                company.id,
            )
        )[0][0]

    @api.model
    def _jxc_to_build(self, company):
        """(first, last): the first days of the first and the last month of
        ``company`` still to build (the last complete month is the last one),
        or None when every month is built."""
        facts = self.env["jxc.report.facts"]
        today = facts._jxc_local_date(company, fields.Datetime.now())
        last = facts._jxc_month_start(today) - relativedelta(months=1)
        latest = self._jxc_last_built(company)
        month = (
            facts._jxc_next_month(latest) if latest else self._jxc_first_month(company)
        )
        if not month or month > last:
            return None
        return month, last

    @api.model
    def _jxc_build(self, company, from_month=None, limit=None):
        """Build the missing snapshots of ``company`` up to the last complete
        month (at most ``limit`` months), rebuilding them from ``from_month``
        on when given. One set-based INSERT per month. Returns the number of
        months built.

        The company's stock row is locked first, as every stock operation
        dated in a past month writes it (``res.company._jxc_guard_stock_days``):
        a back-dated move that committed since this transaction began makes
        the lock fail (a serialization failure, nothing built), and one that
        comes while the months are built waits and then fails and is retried,
        in a transaction that sees the new snapshots and marks them stale. No
        month is ever committed without a move that belongs to it."""
        facts = self.env["jxc.report.facts"]
        self.env.flush_all()
        company._jxc_lock_stock_row()
        if from_month:
            self._jxc_delete_from(company, facts._jxc_month_start(from_month))
        pending = self._jxc_to_build(company)
        if not pending:
            return 0
        month, last = pending
        prev = self._jxc_last_built(company)
        built = 0
        movements = self.env["jxc.stock.snapshot.movement"]
        products = self.env["jxc.stock.snapshot.product"]
        while month <= last and (limit is None or built < limit):
            start = facts._jxc_day_start(company, month) if prev else None
            end = facts._jxc_day_start(company, facts._jxc_next_month(month))
            base = [self._jxc_rows_sql(company, prev)] if prev else []
            movements._jxc_insert(
                company, month, facts._jxc_facts_sql(company, start, end, base=base)
            )
            parts = [*base, movements._jxc_rows_sql(company, month, month)]
            self.env.execute_query(
                SQL(
                    """
                    INSERT INTO jxc_stock_snapshot
                        (company_id, product_id, warehouse_id, date, qty, value,
                         create_uid, create_date, write_uid, write_date)
                    SELECT %(company)s, f.product_id, f.warehouse_id, %(month)s,
                           SUM(f.qty), SUM(f.value),
                           %(uid)s, now() AT TIME ZONE 'UTC',
                           %(uid)s, now() AT TIME ZONE 'UTC'
                      FROM (%(facts)s) f
                     GROUP BY f.product_id, f.warehouse_id
                    HAVING SUM(f.qty) <> 0 OR SUM(f.value) <> 0
                    """,
                    company=company.id,
                    month=month,
                    uid=self.env.uid,
                    facts=SQL(" UNION ALL ").join(
                        SQL("SELECT * FROM %s p", part) for part in parts
                    ),
                )
            )
            products._jxc_insert(company, month, prev)
            prev, month = month, facts._jxc_next_month(month)
            built += 1
        movements.invalidate_model()
        products.invalidate_model()
        self.invalidate_model()
        return built

    @api.model
    def _jxc_invalidate(self, company, moment):
        """A done move dated ``moment`` (UTC) changed: drop the snapshots of its
        month and later, and have the scheduled action rebuild them."""
        facts = self.env["jxc.report.facts"]
        day = facts._jxc_local_date(company, moment)
        month = facts._jxc_month_start(day)
        # the company's stock row, which a snapshot build locks: a build
        # running now and this change never both commit unaware of each other
        company._jxc_guard_stock_days({day})
        if self._jxc_delete_from(company, month):
            cron = self.env.ref(
                "jxc_reports.ir_cron_jxc_stock_snapshot_build", raise_if_not_found=False
            )
            if cron:
                cron._trigger()
        return month

    @api.model
    def _jxc_delete_from(self, company, month):
        """Delete the snapshots, movements and product rows of ``month`` and
        later (one statement); the number of snapshot rows deleted."""
        self.env.cr.execute(
            SQL(
                """
                WITH movements AS (
                    DELETE FROM jxc_stock_snapshot_movement
                     WHERE company_id = %(company)s AND date >= %(month)s
                ), products AS (
                    DELETE FROM jxc_stock_snapshot_product
                     WHERE company_id = %(company)s AND date >= %(month)s
                )
                DELETE FROM jxc_stock_snapshot
                 WHERE company_id = %(company)s AND date >= %(month)s
                """,
                company=company.id,
                month=month,
            )
        )
        deleted = self.env.cr.rowcount
        if deleted:
            self.invalidate_model()
            self.env["jxc.stock.snapshot.movement"].invalidate_model()
            self.env["jxc.stock.snapshot.product"].invalidate_model()
        return deleted

    @api.model
    def _jxc_months_to_build(self, companies):
        """How many company × month snapshots are still to build."""
        count = 0
        for company in companies:
            pending = self._jxc_to_build(company)
            if pending:
                delta = relativedelta(pending[1], pending[0])
                count += delta.years * 12 + delta.months + 1
        return count

    @api.model
    def _cron_build(self):
        """Build one company × month per call, the oldest missing one of the
        first company that has one: the cron runner commits it and calls
        again while months remain (``_notify_progress``), so a long history is
        built in short transactions and an interrupted build resumes where it
        stopped. A month whose company had a back-dated move committed since
        this transaction began is left for the next call. Returns the number
        of months still to build."""
        companies = self.env["res.company"].search([], order="id")
        cron = self.env.ref(
            "jxc_reports.ir_cron_jxc_stock_snapshot_build", raise_if_not_found=False
        )
        done = 0
        for company in companies:
            if not self._jxc_to_build(company):
                continue
            try:
                with self.env.cr.savepoint():
                    done = self._jxc_build(company, limit=1)
            except psycopg2.errors.SerializationFailure:
                _logger.info(
                    "stock snapshot of company %s: a back-dated move committed "
                    "meanwhile, built in the next call",
                    company.id,
                )
                if cron:
                    cron._trigger()
            break
        remaining = self._jxc_months_to_build(companies)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining
