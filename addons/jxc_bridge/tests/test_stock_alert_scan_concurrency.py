import threading

from odoo import Command
from odoo.tests import tagged

from .concurrency_common import ConcurrencyCase

SHELF_QTY = 10.0
DELIVERED = (3.0, 4.0)
MIN_QTY = 30.0


@tagged("post_install", "-at_install")
class TestStockAlertScanConcurrency(ConcurrencyCase):
    """Two warehouse users deliver the same popular product at once, each on
    its own database connection and through Odoo's request retry: the alert
    scan of each validation refreshes the product's open alert. No
    serialization failure reaches them (not even a retry), and once both are
    committed the alert holds the exact quantities.

    The deliveries take from two shelves, so that they share nothing but the
    product's alerts; the product is valued periodically at standard cost (no
    entries, no FIFO layers to share)."""

    TABLES = (
        "jxc_stock_alert",
        "jxc_stock_promise_lock",
        "mail_activity",
        "mail_followers",
        "mail_message",
        "product_category",
        "product_product",
        "product_template",
        "stock_location",
        "stock_move",
        "stock_move_line",
        "stock_picking",
        "stock_quant",
        "stock_valuation_layer",
        "stock_warehouse_orderpoint",
    )

    def _build_fixture(self):
        with self._fixture_env() as env:
            company = env.company
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            categ = env["product.category"].create(
                {
                    "name": "JXC Popular",
                    "property_cost_method": "standard",
                    "property_valuation": "manual_periodic",
                }
            )
            product = env["product.product"].create(
                {
                    "name": "JXC Popular Tea",
                    "is_storable": True,
                    "categ_id": categ.id,
                    "standard_price": 5.0,
                }
            )
            shelves = env["stock.location"].create(
                [
                    {
                        "name": f"JXC Shelf {name}",
                        "usage": "internal",
                        "location_id": warehouse.lot_stock_id.id,
                    }
                    for name in ("A", "B")
                ]
            )
            for shelf in shelves:
                env["stock.quant"]._update_available_quantity(product, shelf, SHELF_QTY)
            rule = env["stock.warehouse.orderpoint"].create(
                {
                    "product_id": product.id,
                    "warehouse_id": warehouse.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "product_min_qty": MIN_QTY,
                    "product_max_qty": 40.0,
                    "jxc_safety_qty": 5.0,
                }
            )
            customers = env.ref("stock.stock_location_customers")
            pickings = env["stock.picking"].create(
                [
                    {
                        "picking_type_id": warehouse.out_type_id.id,
                        "location_id": shelf.id,
                        "location_dest_id": customers.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": product.name,
                                    "product_id": product.id,
                                    "product_uom_qty": qty,
                                    "product_uom": product.uom_id.id,
                                    "location_id": shelf.id,
                                    "location_dest_id": customers.id,
                                }
                            )
                        ],
                    }
                    for shelf, qty in zip(shelves, DELIVERED, strict=True)
                ]
            )
            pickings.action_confirm()
            pickings.action_assign()
            Alert = env["jxc.stock.alert"]
            Alert._scan(company, product_ids=product.ids)
            alert = Alert.search([("product_id", "=", product.id)])
            return {
                "company": company.id,
                "warehouse": warehouse.id,
                "categ": categ.id,
                "product": product.id,
                "template": product.product_tmpl_id.id,
                "shelves": shelves.ids,
                "rule": rule.id,
                "pickings": pickings.ids,
                "alert": alert.id,
                "alert_kind": alert.kind,
                "alert_qty": alert.qty_on_hand,
            }

    def _drop_fixture(self):
        f = self.fixture
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT array_agg(id) FROM jxc_stock_alert WHERE product_id = %s",
                [f["product"]],
            )
            alerts = cr.fetchone()[0] or []
            self._delete(
                cr,
                (
                    (
                        (
                            "DELETE FROM mail_activity"
                            " WHERE res_model = 'jxc.stock.alert' AND res_id = ANY(%s)"
                        ),
                        alerts,
                    ),
                    (
                        (
                            "DELETE FROM mail_message"
                            " WHERE model = 'jxc.stock.alert' AND res_id = ANY(%s)"
                        ),
                        alerts,
                    ),
                    (
                        (
                            "DELETE FROM mail_followers"
                            " WHERE res_model = 'jxc.stock.alert' AND res_id = ANY(%s)"
                        ),
                        alerts,
                    ),
                    (
                        (
                            "DELETE FROM mail_message"
                            " WHERE model = 'stock.picking' AND res_id = ANY(%s)"
                        ),
                        f["pickings"],
                    ),
                    (
                        (
                            "DELETE FROM mail_followers"
                            " WHERE res_model = 'stock.picking' AND res_id = ANY(%s)"
                        ),
                        f["pickings"],
                    ),
                    (
                        (
                            "DELETE FROM mail_activity"
                            " WHERE res_model = 'product.template' AND res_id = %s"
                        ),
                        f["template"],
                    ),
                    (
                        (
                            "DELETE FROM mail_followers"
                            " WHERE res_model = 'product.template' AND res_id = %s"
                        ),
                        f["template"],
                    ),
                    ("DELETE FROM jxc_stock_alert WHERE id = ANY(%s)", alerts),
                    (
                        "DELETE FROM stock_valuation_layer WHERE product_id = %s",
                        f["product"],
                    ),
                    ("DELETE FROM stock_move_line WHERE product_id = %s", f["product"]),
                    ("DELETE FROM stock_move WHERE product_id = %s", f["product"]),
                    ("DELETE FROM stock_picking WHERE id = ANY(%s)", f["pickings"]),
                    ("DELETE FROM stock_quant WHERE product_id = %s", f["product"]),
                    ("DELETE FROM stock_warehouse_orderpoint WHERE id = %s", f["rule"]),
                    ("DELETE FROM stock_location WHERE id = ANY(%s)", f["shelves"]),
                    (
                        "DELETE FROM jxc_stock_promise_lock WHERE product_id = %s",
                        f["product"],
                    ),
                    ("DELETE FROM product_product WHERE id = %s", f["product"]),
                    ("DELETE FROM product_template WHERE id = %s", f["template"]),
                    ("DELETE FROM product_category WHERE id = %s", f["categ"]),
                ),
            )

    # ----------------------------------------------------------- the race
    def _deliver(self, picking_id, snapshots, before, results):
        """One warehouse user's request: its own connection, Odoo's retry.
        ``snapshots``: met once every connection holds its snapshot;
        ``before``: what must be committed before this one validates."""
        with self.registry.cursor() as cr:
            env = self._env(cr, lock_timeout="60s")
            # the request's snapshot starts here, before anyone commits
            cr.execute("SELECT 1")
            snapshots.wait(timeout=60)
            if before:
                before.wait(timeout=120)

            def validate():
                picking = env["stock.picking"].browse(picking_id)
                picking.move_ids.picked = True
                return picking.button_validate()

            try:
                results["result"], results["tries"] = self._request(env, validate)
            except Exception as error:  # noqa: BLE001 (reported to the test)
                cr.rollback()
                results["error"] = repr(error)
                results["tries"] = getattr(error, "jxc_tries", None)

    def test_concurrent_deliveries_refresh_the_alert_without_conflict(self):
        f = self.fixture
        self.assertEqual(f["alert_kind"], "below_min")
        self.assertEqual(f["alert_qty"], 2 * SHELF_QTY)
        snapshots = threading.Barrier(2)
        first_done = threading.Event()
        first, second = {}, {}

        def deliver_first():
            try:
                self._deliver(f["pickings"][0], snapshots, None, first)
            finally:
                first_done.set()

        threads = [
            threading.Thread(target=deliver_first),
            # validated after the first is committed, in a snapshot taken before:
            # its scan would rewrite the alert the first one's scan wrote
            threading.Thread(
                target=self._deliver,
                args=(f["pickings"][1], snapshots, first_done, second),
            ),
        ]
        for thread in threads:
            thread.start()
        self._join(threads)

        for results in (first, second):
            self.assertNotIn("error", results)
            self.assertIs(results["result"], True)
            self.assertEqual(results["tries"], 1, "a delivery was retried")

        on_hand = 2 * SHELF_QTY - sum(DELIVERED)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            product = env["product.product"].browse(f["product"])
            self.assertEqual(
                env["stock.picking"].browse(f["pickings"]).mapped("state"),
                ["done", "done"],
            )
            self.assertEqual(
                product.with_context(warehouse_id=f["warehouse"]).qty_available,
                on_hand,
            )
            alerts = env["jxc.stock.alert"].search(
                [("product_id", "=", product.id), ("state", "!=", "resolved")]
            )
            # the same alert, refreshed with both deliveries
            self.assertEqual(alerts.ids, [f["alert"]])
            self.assertEqual(alerts.kind, "below_min")
            self.assertEqual(alerts.qty_on_hand, on_hand)
            self.assertEqual(alerts.qty_forecast, on_hand)
            self.assertEqual(alerts.limit_qty, MIN_QTY)
            self.assertEqual(
                env["jxc.stock.alert"].search_count([("product_id", "=", product.id)]),
                1,
            )
