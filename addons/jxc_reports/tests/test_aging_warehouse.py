from datetime import date

from odoo.tests import tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestAgingWarehouse(JxcReportsCommon):
    """Stock aging per warehouse on 1 March 2026 (history in common.py).

    WH1 holds 21 A, the newest that entered it: 3 of the count of 15 February
    (14 days), 2 of the return of 3 February (26 days), 12 of 10 January
    (50 days) and 4 of the 24 of 5 January (55 days): average age
    (3*14 + 2*26 + 12*50 + 4*55) / 21 = 914 / 21 days, value 21 x 11 = 231.
    WH2 holds 7 A, all from the transfer of 10 February (19 days): 77.
    B: 5 in WH1 from the receipt of 8 February (21 days), FIFO value 5 x 8 = 40.
    """

    def _aging(self, warehouses, **values):
        wizard = self.env["jxc.stock.aging.wizard"].create(
            {
                "date": date(2026, 3, 1),
                "product_ids": (self.product_a | self.product_b).ids,
                "warehouse_ids": warehouses.ids,
                **values,
            }
        )
        wizard._jxc_refresh()
        return wizard

    def test_aging_by_warehouse(self):
        wizard = self._aging(self.wh1 | self.wh2)
        lines = wizard.line_ids
        self.assertEqual(len(lines), 3)
        a1 = self._jxc_row(lines, self.product_a, self.wh1)
        self.assertEqual(
            (a1.qty, a1.qty_1, a1.qty_2, a1.qty_3, a1.value), (21, 5, 16, 0, 231)
        )
        self.assertEqual((a1.value_1, a1.value_2), (55, 176))
        self.assertAlmostEqual(a1.avg_age, 914 / 21, places=1)
        a2 = self._jxc_row(lines, self.product_a, self.wh2)
        self.assertEqual((a2.qty, a2.qty_1, a2.value, a2.avg_age), (7, 7, 77, 19))
        b1 = self._jxc_row(lines, self.product_b, self.wh1)
        self.assertEqual((b1.qty, b1.qty_1, b1.value, b1.avg_age), (5, 5, 40, 21))
        # the warehouses together hold the company's stock and value
        self.assertEqual(sum(lines.mapped("qty")), 33)
        self.assertEqual(sum(lines.mapped("value")), 348)
        names = [c["name"] for c in wizard._jxc_columns(pdf=True)]
        self.assertEqual(names[:2], ["product_id", "warehouse_id"])
        self.assertIn(self.wh2.name, dict(wizard._jxc_filters())["Warehouses"])
        self.assertFalse(
            wizard.action_view_lines()["context"]["jxc_aging_company_wide"]
        )

    def test_aging_one_warehouse(self):
        lines = self._aging(self.wh2, limit_1=10, limit_2=20).line_ids
        self.assertEqual(lines.product_id, self.product_a)
        self.assertEqual(lines.warehouse_id, self.wh2)
        # 19 days falls in the second bucket (11-20 days)
        self.assertEqual((lines.qty, lines.qty_1, lines.qty_2), (7, 0, 7))

    def test_aging_without_warehouse_is_company_wide(self):
        wizard = self._aging(self.env["stock.warehouse"])
        lines = wizard.line_ids
        self.assertEqual(len(lines), 2)
        self.assertFalse(lines.warehouse_id)
        # no empty warehouse column in the list
        self.assertTrue(wizard.action_view_lines()["context"]["jxc_aging_company_wide"])
