"""The benchmark data generator on a tiny scale: what it writes is consistent."""

from datetime import datetime, timedelta

from bench_data import DORMANT_SHARE, SCALES, BenchDataGenerator, check

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestBenchData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.size = SCALES["T"]
        cls.gen = BenchDataGenerator(cls.env, "T").run()

    def count(self, query, params=()):
        self.env.cr.execute(query, params)
        return self.env.cr.fetchone()[0]

    def test_consistent(self):
        self.assertEqual(check(self.env.cr), [])

    def test_volume(self):
        ids = tuple(self.gen.products.ids)
        self.assertEqual(len(ids), self.size["products"])
        moves = self.count(
            "SELECT count(*) FROM stock_move WHERE product_id IN %s", (ids,)
        )
        self.assertEqual(moves, self.size["moves"])
        internal = self.count(
            "SELECT count(*) FROM stock_move "
            "WHERE product_id IN %s AND name = 'Bench internal'",
            (ids,),
        )
        layers = self.count(
            "SELECT count(*) FROM stock_valuation_layer WHERE product_id IN %s", (ids,)
        )
        self.assertEqual(layers, moves - internal)
        self.assertGreater(internal, 0)
        rules = self.env["stock.warehouse.orderpoint"].search_count(
            [("product_id", "in", ids)]
        )
        self.assertEqual(rules, self.size["rules"])
        # rules of the benchmark survive Odoo's cleaning of replenishment suggestions
        self.env["stock.warehouse.orderpoint"]._unlink_processed_orderpoints()
        self.assertEqual(
            self.env["stock.warehouse.orderpoint"].search_count(
                [("product_id", "in", ids)]
            ),
            rules,
        )

    def test_dormant_products_have_no_recent_moves(self):
        dormant = self.gen.products[
            round(len(self.gen.products) * (1 - DORMANT_SHARE)) :
        ]
        recent = self.count(
            "SELECT count(*) FROM stock_move WHERE product_id IN %s AND date > %s",
            (tuple(dormant.ids), datetime.now() - timedelta(days=360)),
        )
        self.assertEqual(recent, 0)
        self.assertTrue(all(p.qty_available > 0 for p in dormant))

    def test_check_finds_what_odoo_would_not_write(self):
        self.env.cr.execute(
            "UPDATE stock_quant SET quantity = quantity + 1 WHERE id = "
            "(SELECT min(id) FROM stock_quant WHERE product_id = %s)",
            (self.gen.products[0].id,),
        )
        self.env.cr.execute(
            "UPDATE stock_valuation_layer SET remaining_qty = remaining_qty + 1 "
            "WHERE id = (SELECT max(id) FROM stock_valuation_layer WHERE quantity > 0)"
        )
        problems = check(self.env.cr)
        self.assertEqual(
            [p.split(":")[0] for p in problems],
            [
                "quants differ from the done move lines",
                "layer quantities differ from the stock of the product",
                "layer values inconsistent",
            ],
        )
