import threading

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .concurrency_common import ConcurrencyCase

ORDERS = 8
ORDER_QTY = 3
ON_HAND = 10
CONFIRMED = ON_HAND // ORDER_QTY  # 3 orders of 3 fit in 10
TRIALS = 20


@tagged("post_install", "-at_install")
class TestOversellConcurrency(ConcurrencyCase):
    """Eight salesmen confirm at once, each 3 units of a product with 10 on
    hand, under the block policy: each on its own database connection and
    thread, through Odoo's request retry (``odoo.service.model.retrying``, what
    a JSON-RPC call runs). Exactly three orders are confirmed, the five others
    end in the block error, and nothing of them is written.

    The data is built and committed by connections of their own and removed at
    the end; the test's own transaction writes nothing."""

    TABLES = (
        "jxc_stock_alert",
        "jxc_stock_promise_lock",
        "procurement_group",
        "product_product",
        "product_template",
        "res_partner",
        "res_users",
        "sale_order",
        "sale_order_line",
        "stock_move",
        "stock_move_line",
        "stock_picking",
        "stock_quant",
    )

    def setUp(self):
        self.created = {"products": [], "templates": [], "orders": []}
        super().setUp()

    # ------------------------------------------------------------ fixture
    def _build_fixture(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.company
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            salesman = new_test_user(
                env,
                "jxc_race_sales",
                groups="sales_team.group_sale_salesman",
                name="Racing Salesman",
                company_id=company.id,
            )
            customer = env["res.partner"].create({"name": "Racing Customer"})
            categ = env.ref("product.product_category_all")
            fixture = {
                "company": company.id,
                "warehouse": warehouse.id,
                "out_type": warehouse.out_type_id.id,
                "reservation": warehouse.out_type_id.reservation_method,
                "policy": company.jxc_oversell_policy,
                "salesman": salesman.id,
                "partner": salesman.partner_id.id,
                "customer": customer.id,
                "categ": categ.id,
            }
            company.jxc_oversell_policy = "block"
        return fixture

    def _trial_data(self, reservation, trial):
        """A new product with 10 on hand and 8 quotations of 3, committed."""
        f = self.fixture
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["stock.picking.type"].browse(
                f["out_type"]
            ).reservation_method = reservation
            warehouse = env["stock.warehouse"].browse(f["warehouse"])
            product = env["product.product"].create(
                {
                    "name": f"JXC Race {reservation} {trial}",
                    "is_storable": True,
                    "categ_id": f["categ"],
                }
            )
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, ON_HAND
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": f["customer"],
                        "user_id": f["salesman"],
                        "warehouse_id": f["warehouse"],
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": ORDER_QTY,
                                }
                            )
                        ],
                    }
                    for _i in range(ORDERS)
                ]
            )
            self.created["products"].append(product.id)
            self.created["templates"].append(product.product_tmpl_id.id)
            self.created["orders"] += orders.ids
        return product.id, orders.ids

    def _drop_fixture(self):
        f, c = self.fixture, self.created
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT array_agg(DISTINCT picking_id) FROM stock_move"
                " WHERE product_id = ANY(%s)",
                [c["products"]],
            )
            pickings = [p for p in cr.fetchone()[0] or [] if p]
            self._delete(
                cr,
                (
                    (
                        "DELETE FROM stock_move_line WHERE product_id = ANY(%s)",
                        c["products"],
                    ),
                    (
                        "DELETE FROM stock_move WHERE product_id = ANY(%s)",
                        c["products"],
                    ),
                    ("DELETE FROM stock_picking WHERE id = ANY(%s)", pickings),
                    (
                        "DELETE FROM procurement_group WHERE sale_id = ANY(%s)",
                        c["orders"],
                    ),
                    (
                        "DELETE FROM stock_quant WHERE product_id = ANY(%s)",
                        c["products"],
                    ),
                    (
                        (
                            "DELETE FROM mail_followers"
                            " WHERE res_model = 'sale.order' AND res_id = ANY(%s)"
                        ),
                        c["orders"],
                    ),
                    (
                        (
                            "DELETE FROM mail_message"
                            " WHERE model = 'sale.order' AND res_id = ANY(%s)"
                        ),
                        c["orders"],
                    ),
                    (
                        "DELETE FROM sale_order_line WHERE order_id = ANY(%s)",
                        c["orders"],
                    ),
                    ("DELETE FROM sale_order WHERE id = ANY(%s)", c["orders"]),
                    (
                        "DELETE FROM jxc_stock_promise_lock WHERE product_id = ANY(%s)",
                        c["products"],
                    ),
                    ("DELETE FROM product_product WHERE id = ANY(%s)", c["products"]),
                    ("DELETE FROM product_template WHERE id = ANY(%s)", c["templates"]),
                    ("DELETE FROM res_partner WHERE id = %s", f["customer"]),
                ),
            )
            env = self._env(cr)
            env["stock.picking.type"].browse(f["out_type"]).reservation_method = f[
                "reservation"
            ]
            env["res.company"].browse(f["company"]).jxc_oversell_policy = f["policy"]
            env["res.users"].browse(f["salesman"]).unlink()
            cr.execute("DELETE FROM res_partner WHERE id = %s", [f["partner"]])

    # ----------------------------------------------------------- the race
    def _confirm(self, order_id, barrier, outcome):
        """One salesman's request: its own connection, Odoo's retry loop."""
        with self.registry.cursor() as cr:
            env = self._env(cr, self.fixture["salesman"])
            # the request's snapshot starts here, before anyone commits
            cr.execute("SELECT 1")
            barrier.wait(timeout=60)
            try:
                result, tries = self._request(
                    env, lambda: env["sale.order"].browse(order_id).action_confirm()
                )
            except UserError as error:
                # as the HTTP layer does: a failed request writes nothing
                cr.rollback()
                outcome.update(result="blocked", message=str(error))
                tries = error.jxc_tries
            except Exception as error:  # noqa: BLE001 - reported by the test
                cr.rollback()
                outcome.update(result="error", message=repr(error))
                tries = getattr(error, "jxc_tries", 1)
            else:
                outcome.update(result="confirmed" if result is True else result)
        outcome["retries"] = tries - 1

    def _race(self, order_ids):
        barrier = threading.Barrier(len(order_ids))
        outcomes = [{} for _id in order_ids]
        threads = [
            threading.Thread(target=self._confirm, args=(oid, barrier, out))
            for oid, out in zip(order_ids, outcomes, strict=True)
        ]
        for thread in threads:
            thread.start()
        self._join(threads)
        return outcomes

    def _check_trial(self, product_id, order_ids, outcomes):
        results = [o.get("result") for o in outcomes]
        self.assertEqual(results.count("confirmed"), CONFIRMED, outcomes)
        self.assertEqual(results.count("blocked"), ORDERS - CONFIRMED, outcomes)
        for outcome in outcomes:
            if outcome["result"] == "blocked":
                self.assertIn("available to promise", outcome["message"])
        with self.registry.cursor() as cr:
            env = self._env(cr)
            product = env["product.product"].browse(product_id)
            orders = env["sale.order"].browse(order_ids)
            confirmed = orders.filtered(lambda o: o.state == "sale")
            self.assertEqual(len(confirmed), CONFIRMED)
            self.assertEqual(
                set((orders - confirmed).mapped("state")), {"draft"}, "half-written"
            )
            # only the confirmed orders have moves and pickings, 3 units each
            moves = env["stock.move"].search([("product_id", "=", product_id)])
            self.assertEqual(moves.sale_line_id.order_id, confirmed)
            self.assertEqual(sum(moves.mapped("product_uom_qty")), 9.0)
            self.assertFalse((orders - confirmed).picking_ids)
            self.assertFalse((orders - confirmed).message_ids.filtered("body"))
            warehouse = env["stock.warehouse"].browse(self.fixture["warehouse"])
            self.assertEqual(
                product._jxc_available_to_promise(warehouse)[product],
                ON_HAND - CONFIRMED * ORDER_QTY,
            )
            reserved = sum(moves.mapped("quantity"))
            self.assertLessEqual(reserved, ON_HAND)
            lock = env["jxc.stock.promise.lock"].search(
                [("product_id", "=", product_id)]
            )
            self.assertEqual(lock.promise_count, CONFIRMED)
        return sum(o["retries"] for o in outcomes)

    def test_eight_salesmen_never_promise_more_than_there_is(self):
        retries = {}
        with self._fast_retries():
            for reservation in ("at_confirm", "manual"):
                retries[reservation] = 0
                for trial in range(TRIALS):
                    with self.subTest(reservation=reservation, trial=trial):
                        product_id, order_ids = self._trial_data(reservation, trial)
                        outcomes = self._race(order_ids)
                        retries[reservation] += self._check_trial(
                            product_id, order_ids, outcomes
                        )
        # the confirmations did run into each other, and Odoo retried them
        for reservation, count in retries.items():
            self.assertGreater(count, 0, reservation)

    def test_manual_delivery_takes_the_promise_lock(self):
        """A delivery made by hand (no sales order) confirmed on one connection
        takes the product's promise row: a salesman's confirmation on another
        connection waits for it, fails once it is committed, and Odoo's retry
        sees the delivery and blocks (10 on hand, 8 delivered, 3 ordered)."""
        product_id, order_ids = self._trial_data("manual", 0)
        f = self.fixture

        def confirm(results, ready):
            with self.registry.cursor() as cr:
                env = self._env(cr, f["salesman"], lock_timeout="60s")
                results["pid"] = self._backend_pid(cr)
                # the request's snapshot: before the delivery is committed
                cr.execute("SELECT 1")
                ready.set()
                order = env["sale.order"].browse(order_ids[0])
                try:
                    self._request(env, order.action_confirm)
                    results["result"] = "confirmed"
                except UserError as error:
                    cr.rollback()
                    results.update(
                        result="blocked", message=str(error), tries=error.jxc_tries
                    )

        with self.registry.cursor() as cr:
            env = self._env(cr, lock_timeout="60s")
            warehouse = env["stock.warehouse"].browse(f["warehouse"])
            customers = env.ref("stock.stock_location_customers")
            delivery = env["stock.picking"].create(
                {
                    "picking_type_id": f["out_type"],
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": "JXC hand delivery",
                                "product_id": product_id,
                                "product_uom_qty": 8.0,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": customers.id,
                            }
                        )
                    ],
                }
            )
            delivery.action_confirm()
            self.assertEqual(delivery.state, "confirmed")
            thread, results, ready = self._in_thread(confirm)
            ready.wait(60)
            # without the delivery's lock the salesman would confirm at once
            self._wait_blocked(results["pid"])
        # leaving the block commits the delivery: the confirmation is retried
        self._join([thread])
        self.assertNotIn("error", results)
        self.assertEqual(results["result"], "blocked")
        self.assertIn("available to promise", results["message"])
        self.assertEqual(results["tries"], 2)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.assertEqual(env["sale.order"].browse(order_ids[0]).state, "draft")
            product = env["product.product"].browse(product_id)
            warehouse = env["stock.warehouse"].browse(f["warehouse"])
            self.assertEqual(product._jxc_available_to_promise(warehouse)[product], 2.0)
            lock = env["jxc.stock.promise.lock"].search(
                [("product_id", "=", product_id)]
            )
            # the delivery wrote the row without counting a sales order
            self.assertEqual(lock.promise_count, 0)
