from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .abc_common import REF_DATE, AbcCommon


@tagged("post_install", "-at_install")
class TestAbcClassification(AbcCommon):
    def test_consumption_value_thresholds_at_boundary(self):
        """800 / 150 / 50: cumulative 80 % is still A, 95 % still B."""
        p1, p2, p3, idle = (self._product(f"P{i}") for i in range(4))
        self._move(p1, 80, date(2026, 3, 10))  # 80 x 10 = 800
        self._move(p2, 15, date(2025, 7, 1))  # first day of the period: 150
        self._move(p3, 5, date(2026, 6, 30))  # last day of the period: 50
        self._move(p3, 100, date(2025, 6, 30))  # before the period: ignored
        run = self._profile()._run(date=REF_DATE)
        self.assertEqual(run.date_from, date(2025, 7, 1))
        self.assertEqual(run.state, "draft")
        self.assertEqual(
            {p: c[0] for p, c in self._classes(run).items()},
            {p1: "A", p2: "B", p3: "C", idle: "C"},
        )
        line = self._line(run, p2)
        self.assertAlmostEqual(line.value, 150.0)
        self.assertAlmostEqual(line.share, 15.0)
        self.assertAlmostEqual(line.cumulative_share, 95.0)
        self.assertEqual(line.rank, 2)
        self.assertAlmostEqual(run.total_value, 1000.0)
        self.assertEqual(run.product_count, 4)
        idle_line = self._line(run, idle)
        self.assertEqual((idle_line.value, idle_line.rank), (0.0, 0))
        # a preview changes no product
        self.assertFalse(p1.jxc_abc_class)
        self.assertFalse(
            self.env["jxc.product.abc"].search([("product_id", "=", p1.id)])
        )

    def test_just_above_boundary_and_first_product(self):
        """The product that crosses a threshold takes the next class; the first
        product is A even when it alone is above the A threshold."""
        p1, p2, p3 = (self._product(f"P{i}") for i in range(3))
        self._move(p1, 90, date(2026, 1, 5))  # 90 %
        self._move(p2, 6, date(2026, 1, 5))  # 96 %
        self._move(p3, 4, date(2026, 1, 5))  # 100 %
        run = self._profile()._run(date=REF_DATE)
        self.assertEqual(
            {p: c[0] for p, c in self._classes(run).items()},
            {p1: "A", p2: "C", p3: "C"},
        )

    def test_ties_broken_by_product_id(self):
        p1, p2, p3 = (self._product(f"P{i}") for i in range(3))
        self._move(p3, 40, date(2026, 2, 1))  # 40 %
        self._move(p2, 30, date(2026, 2, 1))  # 30 %, tie
        self._move(p1, 30, date(2026, 2, 1))  # 30 %, tie, lower id first
        profile = self._profile()
        for _attempt in range(2):  # the same answer every time
            run = profile._run(date=REF_DATE)
            self.assertEqual(
                {p: c[0] for p, c in self._classes(run).items()},
                {p3: "A", p1: "A", p2: "C"},
            )
            self.assertEqual([self._line(run, p).rank for p in (p3, p1, p2)], [1, 2, 3])

    def test_zero_total_gives_no_movement_class(self):
        p1, p2 = self._product("P1"), self._product("P2")
        profile = self._profile(no_movement_class="B")
        run = profile._run(date=REF_DATE)
        self.assertEqual(self._classes(run), {p1: ("B", "Z"), p2: ("B", "Z")})
        self.assertEqual(run.total_value, 0.0)

    def test_quantity_and_xyz(self):
        """Known coefficients of variation over 4 months (zero months count)."""
        steady, even, peak, half = (self._product(n) for n in "SEPH")
        months = [date(2026, m, 15) for m in (3, 4, 5, 6)]
        for when in months:
            self._move(steady, 10, when)  # cv 0 -> X
        for when, qty in zip(months, (5, 15, 5, 15), strict=True):
            self._move(even, qty, when)  # mean 10, sd 5: cv 0.5 -> Y (X below 0.5)
        self._move(peak, 12, months[1])  # mean 3, sd sqrt(27): cv 1.732 -> Z
        self._move(half, 10, months[0])
        self._move(half, 10, months[3])  # mean 5, sd 5: cv 1.0 -> Z (Y below 1.0)
        run = self._profile(criterion="quantity", months_back=4)._run(date=REF_DATE)
        self.assertEqual(run.date_from, date(2026, 3, 1))
        expected = {steady: 0.0, even: 0.5, peak: 27**0.5 / 3, half: 1.0}
        for product, cv in expected.items():
            self.assertAlmostEqual(self._line(run, product).cv, cv, places=4)
        self.assertEqual(
            {p: c[1] for p, c in self._classes(run).items()},
            {steady: "X", even: "Y", peak: "Z", half: "Z"},
        )
        # quantity criterion: 40, 40, 12, 20 of 112
        self.assertEqual(self._line(run, steady).value, 40)
        self.assertEqual(self._line(run, half).demand_qty, 20)
        self.assertEqual(
            [self._line(run, p).rank for p in (steady, even, half, peak)], [1, 2, 3, 4]
        )

    def test_quantity_net_of_returns(self):
        p1 = self._product("P1")
        self._move(p1, 10, date(2026, 5, 1))
        self._move(
            p1,
            4,
            date(2026, 5, 2),
            source=self.customer_location,
            dest=self.stock_location,
        )
        run = self._profile(criterion="quantity")._run(date=REF_DATE)
        self.assertEqual(self._line(run, p1).value, 6)

    def test_revenue_and_margin(self):
        p1, p2, p3 = (self._product(f"P{i}", cost=30.0) for i in range(3))
        self._invoice([(p1, 10, 100.0), (p2, 2, 100.0)], date(2026, 4, 1))
        self._invoice([(p1, 2, 100.0)], date(2026, 4, 2), move_type="out_refund")
        self._invoice([(p3, 100, 100.0)], date(2025, 6, 1))  # before the period
        self._invoice([(p3, 100, 100.0)], date(2026, 4, 1), post=False)  # draft
        self._move(p1, 10, date(2026, 4, 1))  # cost 300
        self._move(p3, 1, date(2026, 4, 1))  # cost 30, no revenue
        revenue = self._profile(criterion="revenue")._run(date=REF_DATE)
        self.assertEqual(
            {
                p: (line.value, line.abc_class)
                for p in (p1, p2, p3)
                for line in self._line(revenue, p)
            },
            {p1: (800.0, "A"), p2: (200.0, "C"), p3: (0.0, "C")},
        )
        margin = self._profile(criterion="margin", no_movement_class="B")._run(
            date=REF_DATE
        )
        self.assertEqual(
            {
                p: (line.value, line.abc_class)
                for p in (p1, p2, p3)
                for line in self._line(margin, p)
            },
            {p1: (500.0, "A"), p2: (200.0, "C"), p3: (-30.0, "B")},
        )

    def test_order_lines(self):
        p1, p2, p3 = (self._product(f"P{i}") for i in range(3))
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.partner_a.id,
                    "order_line": [
                        Command.create({"product_id": p.id, "product_uom_qty": 1})
                        for p in products
                    ],
                }
                for products in ((p1, p2), (p1,), (p3,))
            ]
        )
        orders.action_confirm()
        for order in orders[:2]:
            for move in order.picking_ids.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            order.picking_ids._action_done()
            self._set_date(order.picking_ids.move_ids, date(2026, 5, 1))
        run = self._profile(criterion="order_lines")._run(date=REF_DATE)
        self.assertEqual(
            {
                p: (line.value, line.abc_class)
                for p in (p1, p2, p3)
                for line in self._line(run, p)
            },
            {p1: (2.0, "A"), p2: (1.0, "C"), p3: (0.0, "C")},
        )

    def test_history_and_previous_class(self):
        p1, p2 = self._product("P1"), self._product("P2")
        self._move(p1, 90, date(2026, 1, 10))
        self._move(p2, 10, date(2026, 1, 10))
        profile = self._profile()
        first = profile._run(apply=True, date=date(2026, 1, 31))
        self.assertEqual(first.state, "applied")
        self.assertTrue(first.is_current)
        self.assertEqual((p1.jxc_abc_class, p2.jxc_abc_class), ("A", "C"))
        self.assertEqual(p1.product_tmpl_id.jxc_abc_class, "A")
        self.assertEqual(
            (p1.jxc_abc_run_id, p1.jxc_abc_date), (first, date(2026, 1, 31))
        )
        self.assertEqual(first.change_count, 2)  # from nothing to a class

        self._move(p2, 200, date(2026, 2, 10))
        preview = profile._run(date=date(2026, 2, 28))
        self.assertEqual(preview.previous_run_id, first)
        self.assertEqual(
            [
                (line.product_id, line.previous_abc_class, line.abc_class)
                for line in preview.line_ids
            ],
            [(p2, "C", "A"), (p1, "A", "C")],
        )
        self.assertEqual(preview.change_count, 2)
        self.assertEqual(p1.jxc_abc_class, "A", "a preview changes no product")
        changes = self.env["jxc.abc.run.line"].search(
            preview.action_view_changes()["domain"] + [("class_changed", "=", True)]
        )
        self.assertEqual(changes.product_id, p1 + p2)

        stale = profile._run(date=date(2026, 2, 28))
        preview.action_apply()
        self.assertEqual((p1.jxc_abc_class, p2.jxc_abc_class), ("C", "A"))
        self.assertFalse(first.is_current)
        self.assertTrue(preview.is_current)
        self.assertEqual(profile.current_run_id, preview)
        self.assertEqual(profile.run_count, 3)
        self.assertEqual(
            self.env["jxc.product.abc"]
            .search([("profile_id", "=", profile.id)])
            .mapped(lambda r: (r.product_id, r.abc_class, r.run_id)),
            [(p1, "C", preview), (p2, "A", preview)],
        )
        with self.assertRaisesRegex(UserError, "previous classes are out of date"):
            stale.action_apply()
        with self.assertRaisesRegex(UserError, "already applied"):
            preview.action_apply()
        # the history keeps the settings of each run
        profile.write({"criterion": "quantity", "threshold_a": 70})
        self.assertEqual(
            (first.criterion, first.threshold_a), ("consumption_value", 80)
        )

    def test_scope_warehouse_and_categories(self):
        child = self.env["product.category"].create(
            {"name": "Child", "parent_id": self.category.id}
        )
        excluded = self.env["product.category"].create(
            {"name": "Excluded", "parent_id": self.category.id}
        )
        other = self.env["product.category"].create({"name": "Other"})
        p_root, p_child = self._product("Root"), self._product("Child", category=child)
        p_excl = self._product("Excl", category=excluded)
        p_other = self._product("Other", category=other)
        wh2 = self.env["stock.warehouse"].create({"name": "WH2", "code": "WH2"})
        self._move(p_root, 10, date(2026, 5, 1))
        self._move(p_child, 50, date(2026, 5, 1), source=wh2.lot_stock_id)
        self._move(p_child, 5, date(2026, 5, 1))
        profile = self._profile(
            criterion="quantity", categ_exclude_ids=[Command.set(excluded.ids)]
        )
        run = profile._run(date=REF_DATE)
        self.assertEqual(run.line_ids.product_id, p_root + p_child)
        self.assertNotIn(p_excl | p_other, run.line_ids.product_id)
        self.assertEqual(self._line(run, p_child).value, 55)
        profile.warehouse_id = self.warehouse
        run = profile._run(date=REF_DATE)
        self.assertEqual(self._line(run, p_child).value, 5)
        self.assertEqual(
            {p: c[0] for p, c in self._classes(run).items()},
            {p_root: "A", p_child: "C"},
        )

    def test_multi_company(self):
        company_2 = self.setup_other_company()["company"]
        self.env.user.company_ids |= company_2
        p1 = self._product("P1")
        self._move(p1, 10, date(2026, 5, 1))
        shared = self._product("Shared", stock=0)
        self.env["stock.quant"].with_company(company_2)._update_available_quantity(
            shared,
            self.env["stock.warehouse"]
            .search([("company_id", "=", company_2.id)])
            .lot_stock_id,
            100,
        )
        self._move(shared, 30, date(2026, 5, 1), company=company_2)
        run_1 = self._profile(criterion="quantity")._run(apply=True, date=REF_DATE)
        self.assertEqual(self._line(run_1, shared).value, 0)
        profile_2 = self._profile(
            criterion="quantity", company_id=company_2.id
        ).with_company(company_2)
        run_2 = profile_2._run(apply=True, date=REF_DATE)
        self.assertEqual(run_2.company_id, company_2)
        self.assertEqual(self._line(run_2, shared).value, 30)
        self.assertEqual(self._line(run_2, shared).abc_class, "A")
        self.assertEqual(len(shared.jxc_abc_ids), 2)
        # a user of the first company sees its runs and classes only
        Run = self.env["jxc.abc.run"].with_user(self.jxc_user)
        self.assertEqual(Run.search([("id", "in", (run_1 | run_2).ids)]), run_1)
        self.assertEqual(
            self.env["jxc.product.abc"]
            .with_user(self.jxc_user)
            .search([("product_id", "=", shared.id)])
            .company_id,
            self.company,
        )
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            profile_2.warehouse_id = self.warehouse

    def test_run_queries_do_not_grow_with_products(self):
        profile = self._profile(criterion="quantity")

        def count_queries():
            # same starting point: nothing in the caches, including what the
            # environments keep (their companies...), whatever ran before
            self.env.flush_all()
            self.env.transaction.reset()
            self.env.registry.clear_cache()
            before = self.env.cr.sql_log_count
            profile._run(apply=True, date=REF_DATE)
            return self.env.cr.sql_log_count - before

        for i in range(3):
            self._move(self._product(f"Few {i}"), i + 1, date(2026, 5, 1))
        count_queries()  # warm the caches
        few = count_queries()
        for i in range(30):
            self._move(self._product(f"Many {i}"), i + 1, date(2026, 4, 1))
        # warm again: creating moves (and their alert scan) resets caches that
        # the chatter message of a run reads, whatever the number of products
        count_queries()
        many = count_queries()
        self.assertEqual(profile.current_run_id.product_count, 33)
        self.assertEqual(many, few)
