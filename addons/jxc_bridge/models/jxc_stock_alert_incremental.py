# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The alert scan of the products a validated picking touched, without row
contention between concurrent validations.

Two deliveries of a popular product validated at once both refresh its open
alerts. Run inside their transactions (REPEATABLE READ), the second one to
write an alert row the first has written fails with a serialization error, and
its snapshot does not see the first delivery anyway. So the scan of a
validation runs twice:

- **now**, inside the validation's transaction, only when it can neither wait
  nor fail: no other transaction is scanning the products (a non-blocking
  advisory lock per product) and their open alerts can be locked at once
  without conflict; otherwise it is left out (the user sees the alerts of the
  next pass). It gives the user who validates an immediate answer (the
  below-safety-stock warning) and keeps the alerts current in one transaction;
- **after commit**, in a new transaction in READ COMMITTED: it waits for the
  product's advisory lock, then reads everything committed, so the last scan of
  a product always sees every delivery before it and the alerts end exact. A
  failure there reaches no user: it is logged and left to the scheduled scan.
"""

import logging

from psycopg2 import errors

from odoo import api, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# the first key of the advisory locks that serialise the scans of one product
# (the second key is the product's id); an arbitrary number of jxc's own
SCAN_LOCK_KEY = 70_405_120
# postcommit data: products to scan again after commit, per company id
DEFERRED = "jxc_bridge.deferred_alert_scan"
# what a scan inside the validation gives up on instead of waiting or failing
CONTENTION = (errors.TransactionRollbackError, errors.LockNotAvailable)


class JxcStockAlert(models.Model):
    _inherit = "jxc.stock.alert"

    @api.model
    def _jxc_scan_validated(self, company, product_ids):
        """Refresh the alerts of ``product_ids`` after a validation: now when it
        contends with no one, and again once the validation is committed."""
        if not product_ids:
            return
        self._jxc_scan_after_commit(company, product_ids)
        self._jxc_scan_now(company, product_ids)

    @api.model
    def _jxc_scan_now(self, company, product_ids):
        """The scan inside this transaction, if it can run without waiting for
        or conflicting with another one. Returns whether it ran."""
        cr = self.env.cr
        product_ids = sorted(set(product_ids))
        try:
            with cr.savepoint():
                if not self._jxc_scan_lock(product_ids, wait=False):
                    return False
                # the open alerts of the products, at once: a row another
                # transaction holds, or wrote since this snapshot, stops here
                cr.execute(
                    SQL(
                        """SELECT id FROM jxc_stock_alert
                            WHERE company_id = %s AND product_id = ANY(%s)
                              AND state != 'resolved'
                            ORDER BY id
                              FOR UPDATE NOWAIT""",
                        company.id,
                        product_ids,
                    ),
                    log_exceptions=False,
                )
                self._scan(company, product_ids=product_ids, quiet=True)
        except CONTENTION as error:
            _logger.debug(
                "alert scan of products %s left to after commit: %s",
                product_ids,
                error,
            )
            self.invalidate_model()
            return False
        return True

    @api.model
    def _jxc_scan_lock(self, product_ids, wait):
        """Take the advisory locks of the scans of ``product_ids`` until the end
        of the transaction, in the order of the ids. ``wait``: wait for them,
        else take them only if free. Returns whether all were taken."""
        if wait:
            for product_id in product_ids:
                self.env.cr.execute(
                    SQL(
                        "SELECT pg_advisory_xact_lock(%s, %s)",
                        SCAN_LOCK_KEY,
                        product_id,
                    )
                )
            return True
        self.env.cr.execute(
            SQL(
                """SELECT bool_and(pg_try_advisory_xact_lock(%s, p.id))
                     FROM (SELECT unnest(%s::int4[]) AS id ORDER BY 1) p""",
                SCAN_LOCK_KEY,
                list(product_ids),
            )
        )
        return bool(self.env.cr.fetchone()[0])

    @api.model
    def _jxc_scan_after_commit(self, company, product_ids):
        """Scan ``product_ids`` again once this transaction is committed (never
        if it is rolled back)."""
        postcommit = self.env.cr.postcommit
        pending = postcommit.data.get(DEFERRED)
        if pending is None:
            pending = postcommit.data[DEFERRED] = {}
            registry, uid = self.env.registry, self.env.uid

            def scan_deferred():
                self._jxc_run_deferred_scans(registry, uid, pending)

            postcommit.add(scan_deferred)
        pending.setdefault(company.id, set()).update(product_ids)

    @api.model
    def _jxc_run_deferred_scans(self, registry, uid, pending):
        """The scans after commit, each company in a new transaction that reads
        what is committed when its locks are taken. Never raises: the request
        that validated is already committed."""
        for company_id, product_ids in sorted(pending.items()):
            try:
                with registry.cursor() as cr:
                    # each statement sees what is committed when it starts: the
                    # scan's, what was committed before the locks were taken
                    cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                    env = api.Environment(cr, uid, {}, su=True)
                    Alert = env["jxc.stock.alert"]
                    products = sorted(product_ids)
                    Alert._jxc_scan_lock(products, wait=True)
                    company = env["res.company"].browse(company_id)
                    Alert.with_company(company)._scan(company, product_ids=products)
            except Exception:
                _logger.warning(
                    "the alert scan after commit of products %s of company %s "
                    "failed; the scheduled scan will refresh them",
                    sorted(product_ids),
                    company_id,
                    exc_info=True,
                )
