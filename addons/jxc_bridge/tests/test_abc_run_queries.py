from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .abc_common import REF_DATE, AbcCommon


@tagged("post_install", "-at_install")
class TestAbcRunQueries(AbcCommon):
    """A run, computed and applied, costs the same number of queries for 5 and
    for 50 products: lines, classes, count dates and safety stocks are each
    written by one statement, whatever the size of the catalogue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.few = cls._catalogue("Few", 5)
        cls.many = cls._catalogue("Many", 50)

    @classmethod
    def _catalogue(cls, name, count):
        """``count`` products of a category of their own, each delivered once,
        with stock and a reordering rule carrying a safety stock."""
        category = cls.env["product.category"].create(
            {"name": name, "parent_id": cls.category.id}
        )
        products = cls.env["product.product"]
        for i in range(count):
            product = cls._product(f"{name} {i}", category=category)
            cls._move(product, i + 1, date(2026, 5, 1))
            products |= product
        cls.env["stock.warehouse.orderpoint"].create(
            [
                {
                    "product_id": product.id,
                    "warehouse_id": cls.warehouse.id,
                    "location_id": cls.stock_location.id,
                    "product_min_qty": 40,
                    "product_max_qty": 80,
                    "jxc_safety_qty": 20,
                }
                for product in products
            ]
        )
        # counts planned far ahead: every run brings them forward
        cls.env["stock.quant"].search(
            [("product_id", "in", products.ids)]
        ).inventory_date = date(2030, 1, 1)
        return category, products

    def _count_queries(self, profile):
        """Queries of one applied run, from empty record caches (the registry's
        caches stay warm: access rules and company lists are not what we count)."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        run = profile._run(apply=True, date=REF_DATE)
        self.env.flush_all()
        return run, self.env.cr.sql_log_count - before

    def _measure(self, profile, scope):
        category, products = scope
        profile.categ_include_ids = [Command.set(category.ids)]
        run, queries = self._count_queries(profile)
        self.assertEqual(run.line_ids.product_id, products)
        return run, queries

    def test_queries_do_not_grow_with_products(self):
        self.env["jxc.abc.profile"].search([]).active = False
        profile = self._profile()
        # warm the caches with both scopes (first runs, first chatter messages)
        for scope in (self.few, self.many):
            self._measure(profile, scope)
        _run_few, few = self._measure(profile, self.few)
        run_many, many = self._measure(profile, self.many)
        self.assertEqual(many, few)
        # both measured runs had a previous run to compare with
        self.assertEqual(run_many.previous_run_id.line_ids.product_id, self.few[1])

        # the outcome of the larger run: classes, count dates, safety stocks
        products = self.many[1]
        lines = {line.product_id: line for line in run_many.line_ids}
        top = products[-1]  # 50 deliveries: the largest consumption
        self.assertEqual((lines[top].rank, lines[top].abc_class), (1, "A"))
        self.assertEqual(
            {p.jxc_abc_class for p in products}, {"A", "B", "C"}, "all classes used"
        )
        for product in products:
            self.assertEqual(product.jxc_abc_class, lines[product].abc_class)
            self.assertEqual(product.jxc_abc_run_id, run_many)
        frequency = {"A": 1, "B": 3, "C": 12}
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "in", products.ids),
                ("location_id", "=", self.stock_location.id),
            ]
        )
        self.assertEqual(len(quants), 50)
        for quant in quants:
            months = frequency[quant.product_id.jxc_abc_class]
            self.assertEqual(
                quant.inventory_date,
                date(2026, 6, 30) + relativedelta(months=months),
            )
        factor = {"A": 1.5, "B": 1.0, "C": 0.5}
        for rule in self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "in", products.ids)]
        ):
            abc = rule.product_id.jxc_abc_class
            self.assertEqual(rule.jxc_abc_safety_factor, factor[abc])
            self.assertAlmostEqual(rule.jxc_safety_qty, 20 * factor[abc])
        # the products that left the profile's scope lost its class
        self.assertEqual(self.few[1].mapped("jxc_abc_run_id"), self.env["jxc.abc.run"])
