import io
from datetime import date

from odoo.tests import TransactionCase, tagged

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestAlertAbcReports(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.wh1 = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.wh2 = cls.env["stock.warehouse"].create(
            {"name": "Alert Warehouse", "code": "AWH", "company_id": cls.company.id}
        )
        cls.user = cls.env["res.users"].create(
            {"name": "Alert Keeper", "login": "alert_keeper"}
        )
        cls.products = cls.env["product.product"].create(
            [{"name": f"Report Product {i}", "is_storable": True} for i in range(4)]
        )

    def _xlsx_rows(self, wizard):
        self.assertTrue(openpyxl, "openpyxl is needed to read the XLSX back")
        _name, content = wizard._jxc_render("xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        return list(sheet.iter_rows(values_only=True))

    # ----------------------------------------------------------------- alerts
    def _alert(self, kind, warehouse, user=None, state="open", product=0):
        return self.env["jxc.stock.alert"].create(
            {
                "product_id": self.products[product].id,
                "warehouse_id": warehouse.id,
                "kind": kind,
                "state": state,
                "user_id": user.id if user else False,
            }
        )

    def _alert_setup(self):
        self.env["jxc.stock.alert"].search([]).unlink()
        self._alert("stockout", self.wh1, self.user, product=0)
        self._alert("stockout", self.wh1, self.user, product=1)
        self._alert("stockout", self.wh1, self.user, "acknowledged", product=2)
        self._alert("stockout", self.wh1, self.user, "resolved", product=3)
        self._alert("stockout", self.wh2, product=0)
        self._alert("overstock", self.wh2, self.user, product=1)
        self._alert("overstock", self.wh2, self.user, "acknowledged", product=2)

    def test_alert_counts(self):
        self._alert_setup()
        wizard = self.env["jxc.stock.alert.report.wizard"].create({})
        wizard._jxc_refresh()
        counts = {
            (line.kind, line.warehouse_id, line.user_id): (
                line.open_count,
                line.acknowledged_count,
                line.alert_count,
            )
            for line in wizard.line_ids
        }
        no_user = self.env["res.users"]
        self.assertEqual(
            counts,
            {
                ("stockout", self.wh1, self.user): (2, 1, 3),
                ("stockout", self.wh2, no_user): (1, 0, 1),
                ("overstock", self.wh2, self.user): (1, 1, 2),
            },
        )
        action = wizard.line_ids[0].action_open_alerts()
        self.assertEqual(self.env["jxc.stock.alert"].search_count(action["domain"]), 3)
        wizard.write({"include_acknowledged": False, "warehouse_ids": self.wh2.ids})
        wizard._jxc_refresh()
        self.assertEqual(
            sorted((line.kind, line.alert_count) for line in wizard.line_ids),
            [("overstock", 1), ("stockout", 1)],
        )

    def test_alert_outputs(self):
        self._alert_setup()
        wizard = self.env["jxc.stock.alert.report.wizard"].create({})
        rows = self._xlsx_rows(wizard)
        header_index = next(i for i, row in enumerate(rows) if row and "Alerts" in row)
        header = rows[header_index]
        self.assertEqual(
            [c for c in header if c],
            ["Kind", "Warehouse", "Responsible", "Open", "Acknowledged", "Alerts"],
        )
        data = rows[header_index + 1 : -1]
        self.assertEqual(len(data), 3)
        self.assertEqual(data[0][:3], ("Stock-out", self.wh1.name, "Alert Keeper"))
        self.assertEqual(rows[-1][0], "Total")
        self.assertEqual(rows[-1][3:6], (4, 2, 6))
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "jxc_reports.action_report_jxc_stock_alert", wizard.ids
        )
        html = html.decode()
        self.assertIn("Stock Alerts", html)
        self.assertIn("Overstock", html)
        self.assertIn(self.wh2.name, html)

    # -------------------------------------------------------------------- ABC
    def _run(self):
        """Values 500, 300, 150, 50 (total 1000): shares 50, 30, 15, 5 %,
        cumulative 50, 80, 95, 100 %; classes A, B, B, C."""
        profile = self.env["jxc.abc.profile"].create(
            {"name": "Report Profile", "company_id": self.company.id}
        )
        run = self.env["jxc.abc.run"].create(
            {
                "profile_id": profile.id,
                "company_id": self.company.id,
                "date": date(2026, 3, 31),
                "date_from": date(2026, 1, 1),
                "criterion": "consumption_value",
            }
        )
        # written in a scrambled order: the report sorts by value
        for product, value, abc_class in [
            (2, 150, "B"),
            (0, 500, "A"),
            (3, 50, "C"),
            (1, 300, "B"),
        ]:
            self.env["jxc.abc.run.line"].create(
                {
                    "run_id": run.id,
                    "company_id": self.company.id,
                    "product_id": self.products[product].id,
                    "value": value,
                    "abc_class": abc_class,
                }
            )
        return run

    def test_abc_pareto(self):
        wizard = self.env["jxc.abc.report.wizard"].create({"run_id": self._run().id})
        wizard._jxc_refresh()
        self.assertEqual(
            [
                (
                    line.rank,
                    line.product_id,
                    line.value,
                    line.share,
                    line.cumulative_share,
                    line.abc_class,
                )
                for line in wizard.line_ids
            ],
            [
                (1, self.products[0], 500, 50, 50, "A"),
                (2, self.products[1], 300, 30, 80, "B"),
                (3, self.products[2], 150, 15, 95, "B"),
                (4, self.products[3], 50, 5, 100, "C"),
            ],
        )
        self.assertEqual(
            wizard._jxc_class_summary(),
            [("A", 1, 500, 50), ("B", 2, 450, 45), ("C", 1, 50, 5)],
        )

    def test_abc_outputs(self):
        wizard = self.env["jxc.abc.report.wizard"].create({"run_id": self._run().id})
        rows = self._xlsx_rows(wizard)
        flat = [row[:2] for row in rows]
        self.assertIn(
            ("Class B", "2 products, value 450.00, 45.00% of the total"), flat
        )
        header_index = next(
            i for i, row in enumerate(rows) if row and "Cumulative Share (%)" in row
        )
        header = rows[header_index]
        col = {name: header.index(name) for name in header if name}
        data = rows[header_index + 1 : -1]
        self.assertEqual(
            [(r[col["Share (%)"]], r[col["Cumulative Share (%)"]]) for r in data],
            [(50, 50), (30, 80), (15, 95), (5, 100)],
        )
        self.assertEqual(rows[-1][col["Value"]], 1000)
        self.assertEqual(rows[-1][col["Share (%)"]], 100)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "jxc_reports.action_report_jxc_abc", wizard.ids
        )
        html = html.decode()
        self.assertIn("ABC Analysis", html)
        self.assertIn("95.00", html)
        self.assertIn("Class C", html)
