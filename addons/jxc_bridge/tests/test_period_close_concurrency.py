from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import done_move
from .concurrency_common import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestPeriodCloseConcurrency(ConcurrencyCase):
    """A month close and a stock move dated in that month, on two database
    connections at once: the move either lands before the close checks (and
    the close, which started earlier, fails and is retried) or it is refused
    once the close is committed (it fails, and its retry sees the lock).

    Both connections see only committed data: a fixture connection builds a
    done move of a product valued periodically and removes it at the end.
    The test's own transaction takes no part."""

    TABLES = (
        "jxc_period_close",
        "mail_followers",
        "mail_message",
        "product_category",
        "product_product",
        "product_template",
        "stock_move",
        "stock_move_line",
        "stock_quant",
        "stock_valuation_layer",
    )

    # ------------------------------------------------------------ fixture
    def _build_fixture(self):
        with self._fixture_env() as env:
            company = env.company
            Valuation = env["jxc.valuation"]
            categ = env["product.category"].create(
                {"name": "JXC Close Race", "property_valuation": "manual_periodic"}
            )
            product = env["product.product"].create(
                {
                    "name": "JXC Close Race Tea",
                    "is_storable": True,
                    "categ_id": categ.id,
                }
            )
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            move = done_move(
                env,
                product,
                10,
                env.ref("stock.stock_location_suppliers"),
                warehouse.lot_stock_id,
                0.0,
                company,
            )
            last_month_end = Valuation._month_start(
                Valuation._today(company)
            ) - timedelta(days=1)
            return {
                "company": company.id,
                "lock_date": company.jxc_stock_lock_date,
                "categ": categ.id,
                "product": product.id,
                "template": product.product_tmpl_id.id,
                "move": move.id,
                "month_end": last_month_end,
                # noon on the last day of the month, local time
                "back_date": Valuation._day_start(company, last_month_end)
                + timedelta(hours=12),
            }

    def _drop_fixture(self):
        f = self.fixture
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM jxc_period_close WHERE company_id = %s AND date = %s",
                [f["company"], f["month_end"]],
            )
            closes = [row[0] for row in cr.fetchall()]
            self._delete(
                cr,
                (
                    (
                        (
                            "DELETE FROM mail_message WHERE model = 'jxc.period.close'"
                            " AND res_id = ANY(%s)"
                        ),
                        closes,
                    ),
                    (
                        (
                            "DELETE FROM mail_followers"
                            " WHERE res_model = 'jxc.period.close' AND res_id = ANY(%s)"
                        ),
                        closes,
                    ),
                    ("DELETE FROM jxc_period_close WHERE id = ANY(%s)", closes),
                    (
                        "DELETE FROM stock_valuation_layer WHERE product_id = %s",
                        f["product"],
                    ),
                    ("DELETE FROM stock_move_line WHERE product_id = %s", f["product"]),
                    ("DELETE FROM stock_quant WHERE product_id = %s", f["product"]),
                    ("DELETE FROM stock_move WHERE product_id = %s", f["product"]),
                    ("DELETE FROM product_product WHERE id = %s", f["product"]),
                    ("DELETE FROM product_template WHERE id = %s", f["template"]),
                    ("DELETE FROM product_category WHERE id = %s", f["categ"]),
                ),
            )
            cr.execute(
                "UPDATE res_company SET jxc_stock_lock_date = %s WHERE id = %s",
                [f["lock_date"] or None, f["company"]],
            )

    # ------------------------------------------------------------ helpers
    def _env(self, cr, uid=SUPERUSER_ID, lock_timeout="30s"):
        # never wait for ever for the other connection
        return super()._env(cr, uid, lock_timeout=lock_timeout)

    def _back_date(self, env):
        move = env["stock.move"].browse(self.fixture["move"])
        move.date = self.fixture["back_date"]
        env.flush_all()

    def _close(self, env):
        close = env["jxc.period.close"].create(
            {"date": self.fixture["month_end"], "company_id": self.fixture["company"]}
        )
        close.action_close()
        env.flush_all()
        return close

    # -------------------------------------------------------------- tests
    def test_move_waiting_for_the_close_is_refused_on_retry(self):
        f = self.fixture

        def stock_side(results, ready):
            with self.registry.cursor() as cr:
                env = self._env(cr)
                results["pid"] = self._backend_pid(cr)
                env["stock.move"].browse(f["move"]).date  # noqa: B018 (snapshot)
                ready.set()
                try:
                    self._back_date(env)
                    results["first"] = "done"
                except SerializationFailure as error:
                    results["first"] = error
                cr.rollback()
                # Odoo's retry of the request
                env = self._env(cr)
                try:
                    self._back_date(env)
                    results["retry"] = "done"
                except UserError as error:
                    results["retry"] = error
                cr.rollback()

        with self.registry.cursor() as cr:
            close = self._close(self._env(cr))
            self.assertEqual(close.state, "closed")
            thread, results, ready = self._in_thread(stock_side)
            ready.wait(60)
            self._wait_blocked(results["pid"])
        # leaving the block commits the close: the move is retried
        thread.join(120)
        self.assertNotIn("error", results)
        self.assertIsInstance(results["first"], SerializationFailure)
        self.assertIsInstance(results["retry"], UserError)
        self.assertIn("Inventory is closed up to", results["retry"].args[0])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertNotEqual(
                env["stock.move"].browse(f["move"]).date, f["back_date"]
            )
            self.assertEqual(
                env["res.company"].browse(f["company"]).jxc_stock_lock_date,
                f["month_end"],
            )

    def test_close_waiting_for_a_move_fails_and_retries_with_it(self):
        f = self.fixture

        def close_side(results, ready):
            with self.registry.cursor() as cr:
                env = self._env(cr)
                results["pid"] = self._backend_pid(cr)
                env["stock.move"].browse(f["move"]).date  # noqa: B018 (snapshot)
                ready.set()
                try:
                    self._close(env)
                    results["first"] = "closed"
                except SerializationFailure as error:
                    results["first"] = error
                cr.rollback()
                # Odoo's retry of the request: it sees the move
                env = self._env(cr)
                results["move_date"] = env["stock.move"].browse(f["move"]).date
                close = self._close(env)
                results["retry"] = close.state
                results["lock_date"] = close.company_id.jxc_stock_lock_date
                cr.rollback()

        with self.registry.cursor() as cr:
            self._back_date(self._env(cr))
            thread, results, ready = self._in_thread(close_side)
            ready.wait(60)
            self._wait_blocked(results["pid"])
        # leaving the block commits the move: the close is retried
        thread.join(120)
        self.assertNotIn("error", results)
        self.assertIsInstance(results["first"], SerializationFailure)
        self.assertEqual(results["move_date"], f["back_date"])
        self.assertEqual(results["retry"], "closed")
        self.assertEqual(results["lock_date"], f["month_end"])
