from datetime import date

from odoo import Command
from odoo.tests import tagged

from .abc_common import REF_DATE, AbcCommon


@tagged("post_install", "-at_install")
class TestAbcCrossCheck(AbcCommon):
    """The data of OCA product_abc_classification_sale_stock 18.0's test, ranked by
    our "number of order lines" criterion; docs/abc-cross-check.md explains why
    P5 and P2 differ from OCA's classes (a, a, b, b, c, c, c)."""

    def test_oca_scenario_number_of_order_lines(self):
        products = [self._product(f"Product{i}") for i in range(1, 7)]
        p1, p2, p3, p4, p5, p6 = products
        new = self._product("product_new")
        orders = [
            {p1: 80, p2: 10, p3: 30},
            {p4: 5, p5: 30, p6: 25},
            {p1: 75},
            {p1: 75},
            {p1: 25},
            {p3: 90, p5: 50},
            {p6: 30},
        ]
        sale_orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.partner_a.id,
                    "warehouse_id": self.warehouse.id,
                    "order_line": [
                        Command.create(
                            {"product_id": p.id, "product_uom_qty": q, "price_unit": 1}
                        )
                        for p, q in lines.items()
                    ],
                }
                for lines in orders
            ]
        )
        sale_orders.action_confirm()
        moves = sale_orders.picking_ids.move_ids
        for move in moves:
            move.quantity = move.product_uom_qty
            move.picked = True
        sale_orders.picking_ids._action_done()
        self._set_date(moves, date(2026, 6, 1))
        run = self._profile(criterion="order_lines")._run(date=REF_DATE)
        self.assertEqual(
            [
                (line.product_id, line.value, line.abc_class)
                for line in run.line_ids.sorted("rank")
                if line.rank
            ],
            [
                (p1, 4, "A"),  # 33.3 %
                (p3, 2, "A"),  # 50.0 %, ties by product id
                (p5, 2, "A"),  # 66.7 %  (OCA: b)
                (p6, 2, "B"),  # 83.3 %
                (p2, 1, "B"),  # 91.7 %  (OCA: c)
                (p4, 1, "C"),  # 100 %
            ],
        )
        self.assertEqual(self._line(run, new).abc_class, "C")
        # thresholds of 60 % and 85 % happen to give OCA's classes on this data
        run = self._profile(
            criterion="order_lines", threshold_a=60, threshold_b=85
        )._run(date=REF_DATE)
        self.assertEqual(
            [self._line(run, p).abc_class for p in (p1, p3, p5, p6, p2, p4, new)],
            ["A", "A", "B", "B", "C", "C", "C"],
        )
