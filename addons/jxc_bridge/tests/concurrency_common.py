"""What the tests with real, separate database connections share.

Such a test cannot build its data in its own transaction: the other
connections see only what is committed. Its fixture is built and committed by
connections of its own (``_build_fixture``), removed by them at the end
(``_drop_fixture``), and the tables it wrote to (``TABLES``) must hold as many
rows afterwards as before. The test's own transaction takes no part unless
the test says so.
"""

import threading
import time
from contextlib import contextmanager
from types import SimpleNamespace
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.service import model as service_model
from odoo.tests import TransactionCase
from odoo.tools import SQL

from ..tools import switches

CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class ConcurrencyCase(TransactionCase):
    # tables the committed fixture writes to: as many rows after the test as before
    TABLES = ()

    def setUp(self):
        super().setUp()
        self.counts_before = self._table_counts()
        # cleanups run last in, first out: the fixture goes, then the counts
        self.addCleanup(self._check_table_counts)
        self.fixture = self._build_fixture()
        self.addCleanup(self._drop_fixture)

    # ------------------------------------------------------------ fixture
    def _build_fixture(self):
        """Create and commit the data the connections share; returns ids."""
        raise NotImplementedError

    def _drop_fixture(self):
        """Delete what ``_build_fixture`` and the test committed."""
        raise NotImplementedError

    def _table_counts(self):
        counts = {}
        with self.registry.cursor() as cr:
            for table in self.TABLES:
                cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
                counts[table] = cr.fetchone()[0]
        return counts

    def _check_table_counts(self):
        self.assertEqual(self._table_counts(), self.counts_before)

    def _env(self, cr, uid=SUPERUSER_ID, lock_timeout=None):
        """An environment on connection ``cr``; ``lock_timeout`` (e.g. "30s"):
        never wait longer for the other connection."""
        if lock_timeout:
            cr.execute(SQL("SET LOCAL lock_timeout = %s", lock_timeout))
        return api.Environment(cr, uid, CONTEXT)

    @contextmanager
    def _fixture_env(self):
        """A committing connection for fixture data, without the incremental
        alert scan (a fixture's moves are data, not validations)."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            with switches.switched_off(env, switches.ALERT_SCAN):
                yield env

    def _delete(self, cr, statements):
        """Run ``(query, ids)`` pairs: the fixture's rows, dependents first."""
        for query, ids in statements:
            cr.execute(query, [ids])

    # ------------------------------------------------------------ threads
    def _in_thread(self, target):
        """Run ``target(results, ready)`` in a thread; an exception it raises
        is put in ``results["error"]``. Returns ``(thread, results, ready)``."""
        results, ready = {}, threading.Event()

        def run():
            try:
                target(results, ready)
            except Exception as error:  # noqa: BLE001 (reported to the test)
                results["error"] = error
            finally:
                ready.set()

        thread = threading.Thread(target=run)
        thread.start()
        return thread, results, ready

    def _join(self, threads, seconds=300):
        for thread in threads:
            thread.join(timeout=seconds)
            self.assertFalse(thread.is_alive(), "a connection never ended")

    def _wait_blocked(self, pid):
        """Until the connection ``pid`` waits for a lock."""
        with self.registry.cursor() as cr:
            for _attempt in range(600):
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [pid],
                )
                if cr.fetchone()[0] == "Lock":
                    return
                time.sleep(0.05)
        self.fail("the other connection never waited for a lock")

    @staticmethod
    def _backend_pid(cr):
        cr.execute("SELECT pg_backend_pid()")
        return cr.fetchone()[0]

    # ------------------------------------------------------- Odoo's retry
    def _request(self, env, func):
        """Run ``func`` as Odoo runs a request (``odoo.service.model.retrying``,
        what a JSON-RPC call runs): retried after a serialization failure, the
        changes committed at the end. Returns ``(result, tries)``; an exception
        that reached the caller is raised with ``tries`` set on it."""
        tries = 0

        def call():
            nonlocal tries
            tries += 1
            return func()

        try:
            result = service_model.retrying(call, env)
        except Exception as error:
            error.jxc_tries = tries
            raise
        return result, tries

    @contextmanager
    def _fast_retries(self):
        """Odoo's waits between tries, shortened tenfold: what the tests check
        is what happens after the retry, not how long the retry waits."""
        fast = SimpleNamespace(sleep=lambda seconds: time.sleep(seconds / 10))
        with patch.object(service_model, "time", fast):
            yield
