import csv
from pathlib import Path

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_alerts import JxcAlertCommon

SAMPLE = Path(__file__).resolve().parent.parent / "docs" / "stock_limits_import.csv"


@tagged("post_install", "-at_install")
class TestStockLimits(JxcAlertCommon):
    def test_valid_limits(self):
        rule = self.make_rule(self.product, 10, 50, safety=4, overstock=80)
        self.assertRecordValues(
            rule,
            [
                {
                    "product_min_qty": 10,
                    "product_max_qty": 50,
                    "jxc_safety_qty": 4,
                    "jxc_overstock_qty": 80,
                }
            ],
        )
        rule.jxc_overstock_qty = 0  # empty: no overstock limit
        rule.jxc_safety_qty = 10  # safety may equal the minimum
        rule.jxc_overstock_qty = 50  # overstock may equal the maximum

    def test_invalid_limits(self):
        rule = self.make_rule(self.product, 10, 50, safety=4, overstock=80)
        cases = [
            ({"jxc_safety_qty": -1}, "cannot be negative"),
            ({"product_min_qty": -5}, "cannot be negative"),
            ({"jxc_overstock_qty": -1}, "cannot be negative"),
            ({"product_min_qty": 60, "product_max_qty": 50}, "minimum quantity must"),
            ({"jxc_safety_qty": 11}, "safety stock of Widget"),
            ({"jxc_overstock_qty": 40}, "overstock limit of Widget"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.cr.savepoint(),
            ):
                rule.write(vals)
                rule.flush_recordset()
        self.assertEqual(rule.jxc_safety_qty, 4)

    def test_import_sample_csv(self):
        with SAMPLE.open(encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        header, data = rows[0], rows[1:]
        for code in ("A1001", "A1002", "A1003"):
            self.make_product(f"Sample {code}", default_code=code)
        # the sample names the stock of a new database's first warehouse (WH);
        # the test's company is not the database's first: its stock stands for it
        self.assertEqual({row[1] for row in data}, {"WH/Stock"})
        data = [[row[0], self.stock.complete_name, *row[2:]] for row in data]
        result = self.env["stock.warehouse.orderpoint"].load(header, data)
        self.assertFalse(result["messages"], result["messages"])
        rules = self.env["stock.warehouse.orderpoint"].browse(result["ids"])
        self.assertRecordValues(
            rules,
            [
                {
                    "warehouse_id": self.warehouse.id,
                    "product_min_qty": 20,
                    "product_max_qty": 100,
                    "jxc_safety_qty": 5,
                    "jxc_overstock_qty": 150,
                },
                {
                    "warehouse_id": self.warehouse.id,
                    "product_min_qty": 50,
                    "product_max_qty": 200,
                    "jxc_safety_qty": 10,
                    "jxc_overstock_qty": 0,
                },
                {
                    "warehouse_id": self.warehouse.id,
                    "product_min_qty": 0,
                    "product_max_qty": 30,
                    "jxc_safety_qty": 0,
                    "jxc_overstock_qty": 60,
                },
            ],
        )
        self.assertEqual(
            rules.product_id.mapped("default_code"), ["A1001", "A1002", "A1003"]
        )

    def test_import_reports_invalid_rows(self):
        self.make_product("Sample A1001", default_code="A1001")
        result = self.env["stock.warehouse.orderpoint"].load(
            [
                "product_id",
                "location_id",
                "product_min_qty",
                "product_max_qty",
                "jxc_safety_qty",
            ],
            [["A1001", "WH/Stock", "10", "50", "20"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("safety stock", result["messages"][0]["message"])

    def test_who_may_change_limits(self):
        rule = self.make_rule(self.product, 10, 50, safety=4)
        # a stock user reads the limits, cannot change them
        self.assertEqual(rule.with_user(self.warehouse_user).jxc_safety_qty, 4)
        with self.assertRaises(AccessError):
            rule.with_user(self.warehouse_user).write({"jxc_safety_qty": 2})
        # stock managers and jxc managers (here an accounting manager) can
        rule.with_user(self.stock_manager).write({"jxc_safety_qty": 2})
        self.assertEqual(rule.jxc_safety_qty, 2)
        self.assertFalse(self.accountant.has_group("stock.group_stock_manager"))
        rule.with_user(self.accountant).write({"jxc_overstock_qty": 90})
        self.assertEqual(rule.jxc_overstock_qty, 90)

    def test_alerting_filter(self):
        rule = self.make_rule(self.product, 10, 50)
        quiet = self.make_rule(self.other, 0, 50)
        self.set_stock(self.other, 5)
        self.scan()
        Rule = self.env["stock.warehouse.orderpoint"]
        alerting = Rule.search([("jxc_alerting", "=", True)])
        self.assertIn(rule, alerting)
        self.assertNotIn(quiet, alerting)
        self.assertIn(quiet, Rule.search([("jxc_alerting", "=", False)]))
        self.assertTrue(rule.jxc_alerting)
        self.assertFalse(quiet.jxc_alerting)
        with self.assertRaisesRegex(ValidationError, "Unsupported search on Alerting"):
            Rule.search([("jxc_alerting", "in", [True])])

    def test_limits_action_views(self):
        action = self.env.ref("jxc_bridge.stock_warehouse_orderpoint_action_limits")
        arch = self.env["stock.warehouse.orderpoint"].get_view(
            action.view_id.id, "list"
        )["arch"]
        for field in ("jxc_safety_qty", "jxc_overstock_qty", "jxc_alerting"):
            self.assertIn(f'name="{field}"', arch)
        search = self.env["stock.warehouse.orderpoint"].get_view(
            action.search_view_id.id, "search"
        )["arch"]
        for name in ("jxc_alerting", "product_category_id", "jxc_groupby_category"):
            self.assertIn(f'name="{name}"', search)
