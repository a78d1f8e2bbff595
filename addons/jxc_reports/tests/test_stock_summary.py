from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestStockSummary(JxcReportsCommon):
    def assertRow(self, row, **expected):
        got = {name: row[name] for name in expected}
        self.assertEqual(got, {k: float(v) for k, v in expected.items()})

    def test_february_per_product(self):
        lines = self._jxc_summary(date(2026, 2, 1), date(2026, 2, 28)).line_ids
        self.assertEqual(len(lines), 2)
        self.assertRow(
            self._jxc_row(lines, self.product_a),
            opening_qty=30, opening_value=330,
            purchase_qty=0, customer_return_qty=2, customer_return_value=22,
            transfer_in_qty=10, transfer_in_value=110,
            inventory_gain_qty=3, inventory_gain_value=33,
            in_qty=15, in_value=165,
            sale_qty=0, vendor_return_qty=4, vendor_return_value=44,
            transfer_out_qty=10, transfer_out_value=110,
            scrap_qty=1, scrap_value=11, inventory_loss_qty=2, inventory_loss_value=22,
            out_qty=17, out_value=187,
            closing_qty=28, closing_value=308,
        )  # fmt: skip
        self.assertRow(
            self._jxc_row(lines, self.product_b),
            opening_qty=10, opening_value=50,
            purchase_qty=10, purchase_value=80, in_qty=10, in_value=80,
            sale_qty=15, sale_value=90, out_qty=15, out_value=90,
            closing_qty=5, closing_value=40,
        )  # fmt: skip

    def test_january_uom_conversion_and_sale(self):
        lines = self._jxc_summary(
            date(2026, 1, 1), date(2026, 1, 31), product_ids=self.product_a.ids
        ).line_ids
        # 2 dozen bought at 120/dozen: 24 units worth 240
        self.assertEqual(self.po_moves.product_qty, 24)
        self.assertRow(
            lines,
            opening_qty=0, opening_value=0,
            purchase_qty=36, purchase_value=396,
            sale_qty=6, sale_value=66,
            closing_qty=30, closing_value=330,
        )  # fmt: skip

    def test_february_per_warehouse(self):
        lines = self._jxc_summary(
            date(2026, 2, 1),
            date(2026, 2, 28),
            group_by="warehouse",
            product_ids=self.product_a.ids,
        ).line_ids
        self.assertRow(
            self._jxc_row(lines, warehouse=self.wh1),
            opening_qty=30, opening_value=330,
            customer_return_qty=2, inventory_gain_qty=3, in_qty=5, in_value=55,
            vendor_return_qty=4, transfer_out_qty=10, transfer_out_value=110,
            out_qty=14, out_value=154,
            closing_qty=21, closing_value=231,
        )  # fmt: skip
        self.assertRow(
            self._jxc_row(lines, warehouse=self.wh2),
            opening_qty=0, transfer_in_qty=10, transfer_in_value=110,
            scrap_qty=1, inventory_loss_qty=2, out_qty=3, out_value=33,
            closing_qty=7, closing_value=77,
        )  # fmt: skip
        only_wh2 = self._jxc_summary(
            date(2026, 2, 1),
            date(2026, 2, 28),
            warehouse_ids=self.wh2.ids,
            product_ids=self.product_a.ids,
        ).line_ids
        self.assertRow(only_wh2, in_qty=10, out_qty=3, closing_qty=7, closing_value=77)

    def test_per_category(self):
        lines = self._jxc_summary(
            date(2026, 2, 1), date(2026, 2, 28), group_by="category",
            categ_ids=(self.categ_avco | self.categ_fifo).ids,
        ).line_ids  # fmt: skip
        self.assertEqual(lines.categ_id, self.categ_avco | self.categ_fifo)
        self.assertFalse(lines.product_id)
        self.assertRow(
            self._jxc_row(lines.filtered(lambda r: r.categ_id == self.categ_fifo)),
            opening_qty=10, closing_qty=5, closing_value=40,
        )  # fmt: skip

    def test_identities_every_product_every_month(self):
        """opening + in - out = closing, and the closing value is Odoo's
        valuation (layers up to the date), for every product, every month."""
        products = self.product_a | self.product_b
        for month in range(1, 13):
            start = date(2026, month, 1)
            end = date(2026, month + 1, 1) if month < 12 else date(2027, 1, 1)
            end = end.fromordinal(end.toordinal() - 1)
            lines = self._jxc_summary(start, end, product_ids=products.ids).line_ids
            for line in lines:
                for measure in ("qty", "value"):
                    self.assertAlmostEqual(
                        line[f"opening_{measure}"]
                        + line[f"in_{measure}"]
                        - line[f"out_{measure}"],
                        line[f"closing_{measure}"],
                    )
                rows = self.env.execute_query(
                    SQL(
                        "SELECT COALESCE(SUM(value), 0) FROM stock_valuation_layer "
                        "WHERE product_id = %s AND company_id = %s "
                        "AND create_date < %s",
                        line.product_id.id,
                        self.company.id,
                        end.fromordinal(end.toordinal() + 1),
                    )
                )
                self.assertAlmostEqual(line.closing_value, float(rows[0][0]))

    def test_multi_company_isolation(self):
        other = self.setup_other_company()["company"]
        other.partner_id.tz = "UTC"
        stock = self.env["stock.warehouse"].search([("company_id", "=", other.id)])
        # standard cost (the category's cost method is per company): 3 a unit
        self.product_a.with_company(other).standard_price = 3.0
        self._jxc_move(
            self.product_a, self.supplier_loc, stock.lot_stock_id, 50,
            datetime(2026, 2, 2, 12), 1.0, company=other,
        )  # fmt: skip
        lines = self._jxc_summary(
            date(2026, 2, 1), date(2026, 2, 28), product_ids=self.product_a.ids
        ).line_ids
        self.assertEqual(self._jxc_row(lines, self.product_a).closing_qty, 28)
        other_lines = self._jxc_summary(
            date(2026, 2, 1), date(2026, 2, 28), company_id=other.id
        ).line_ids
        self.assertRow(
            other_lines, opening_qty=0, purchase_qty=50, purchase_value=150,
            closing_qty=50, closing_value=150,
        )  # fmt: skip

    def test_bad_dates(self):
        with self.assertRaisesRegex(ValidationError, "start date"):
            self._jxc_summary(date(2026, 3, 1), date(2026, 2, 1))

    def _jxc_count_queries(self, wizard):
        """Queries of a refresh, caches warm (the least of three runs)."""
        counts = []
        for _run in range(3):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard._jxc_refresh()
            counts.append(self.env.cr.sql_log_count - before)
        return min(counts)

    def test_query_count_independent_of_products(self):
        wizard = self._jxc_summary(date(2026, 2, 1), date(2026, 2, 28))
        few = self._jxc_count_queries(wizard)
        for index in range(5):
            product = self._jxc_product(f"More {index}", self.categ_avco)
            self._jxc_move(
                product,
                self.supplier_loc,
                self.stock1,
                5,
                datetime(2026, 2, 2, 12),
                2.0,
            )
        self.assertEqual(self._jxc_count_queries(wizard), few)
        self.assertEqual(len(wizard.line_ids), 7)

    def test_real_time_valuation(self):
        """Perpetual (real-time) valuation: the same layers, with entries."""
        categ = self.env["product.category"].create(
            {
                "name": "JXC FIFO real time",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
            }
        )
        product = self._jxc_product("JXC 实时 C", categ)
        receipt = self._jxc_move(
            product, self.supplier_loc, self.stock1, 10, datetime(2026, 3, 5, 12), 4.0
        )
        self._jxc_move(
            product, self.stock1, self.customer_loc, 3, datetime(2026, 3, 6, 12)
        )
        self.assertTrue(receipt.stock_valuation_layer_ids.account_move_id)
        lines = self._jxc_summary(
            date(2026, 3, 1), date(2026, 3, 31), product_ids=product.ids
        ).line_ids
        self.assertRow(
            lines, purchase_qty=10, purchase_value=40, sale_qty=3, sale_value=12,
            closing_qty=7, closing_value=28,
        )  # fmt: skip
