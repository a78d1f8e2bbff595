from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestAnalysisReports(JxcReportsCommon):
    def _run(self, model, **values):
        wizard = self.env[model].create(values)
        wizard._jxc_refresh()
        return wizard

    # ------------------------------------------------------------------ aging
    def test_aging_buckets(self):
        """Remaining layers on 1 March 2026: B has 5 left of the 8 February
        receipt (21 days, 40); A has 11 of 5 January (55 days), 12 of 10 January
        (50 days), 2 of 3 February (26 days) and 3 of 15 February (14 days)."""
        lines = self._run(
            "jxc.stock.aging.wizard",
            date=date(2026, 3, 1),
            product_ids=(self.product_a | self.product_b).ids,
        ).line_ids
        b = self._jxc_row(lines, self.product_b)
        self.assertEqual(
            (b.qty, b.value, b.qty_1, b.value_1, b.qty_2), (5, 40, 5, 40, 0)
        )
        self.assertEqual(b.avg_age, 21)
        a = self._jxc_row(lines, self.product_a)
        self.assertEqual((a.qty, a.qty_1, a.qty_2, a.qty_3), (28, 5, 23, 0))
        self.assertAlmostEqual(a.value, 308)

    def test_aging_configurable_limits(self):
        wizard = self._run(
            "jxc.stock.aging.wizard",
            date=date(2026, 3, 1),
            product_ids=self.product_a.ids,
            limit_1=20, limit_2=52, limit_3=53, limit_4=54, limit_5=55,
        )  # fmt: skip
        a = wizard.line_ids
        # 14 days: 3 | 26 days: 2 | 50 days: 12 | 55 days: 11 (on the last limit)
        self.assertEqual(
            [a.qty_1, a.qty_2, a.qty_3, a.qty_4, a.qty_5, a.qty_6],
            [3, 14, 0, 0, 11, 0],
        )
        labels = [c["label"] for c in wizard._jxc_columns()]
        self.assertIn("0-20 days Qty", labels)
        self.assertIn("> 55 days Qty", labels)
        with self.assertRaisesRegex(ValidationError, "increasing"):
            wizard.limit_3 = 10

    # ----------------------------------------------------------------- margin
    def test_gross_margin(self):
        """January: 6 A invoiced at 20 (120) and delivered at cost 11 (66)."""
        for group_by, key in [
            ("product", "product_id"),
            ("category", "categ_id"),
            ("customer", "partner_id"),
            ("salesperson", "user_id"),
        ]:
            lines = self._run(
                "jxc.gross.margin.wizard",
                date_from=date(2026, 1, 1),
                date_to=date(2026, 1, 31),
                group_by=group_by,
            ).line_ids
            self.assertEqual(len(lines), 1, group_by)
            self.assertEqual(
                (lines.qty, lines.revenue, lines.cost, lines.margin),
                (6, 120, 66, 54),
                group_by,
            )
            self.assertAlmostEqual(lines.margin_percent, 45)
            expected = {
                "product_id": self.product_a,
                "categ_id": self.categ_avco,
                "partner_id": self.customer,
                "user_id": self.env.user,
            }[key]
            self.assertEqual(lines[key], expected)
        # a refund of 1 A (20) in February lowers February's revenue
        refund = self.invoice._reverse_moves([{"invoice_date": date(2026, 2, 10)}])
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        feb = self._run(
            "jxc.gross.margin.wizard",
            date_from=date(2026, 2, 1),
            date_to=date(2026, 2, 28),
        ).line_ids
        self.assertEqual((feb.revenue, feb.cost, feb.margin), (-20, 0, -20))

    # --------------------------------------------------------------- turnover
    def test_turnover(self):
        """January A: cogs 66, average (0 + 330) / 2 = 165, turnover 0.4,
        31 / 0.4 = 77.5 days. February B: cogs 90, average (50 + 40) / 2 = 45,
        turnover 2, 14 days."""
        jan = self._run(
            "jxc.stock.turnover.wizard",
            date_from=date(2026, 1, 1),
            date_to=date(2026, 1, 31),
        ).line_ids
        a = self._jxc_row(jan, self.product_a)
        self.assertEqual((a.cogs, a.average_value), (66, 165))
        self.assertAlmostEqual(a.turnover, 0.4)
        self.assertAlmostEqual(a.days_on_hand, 77.5)
        self.assertFalse(self._jxc_row(jan, self.product_b).turnover)
        feb = self._run(
            "jxc.stock.turnover.wizard",
            date_from=date(2026, 2, 1),
            date_to=date(2026, 2, 28),
            group_by="category",
        ).line_ids
        fifo = feb.filtered(lambda r: r.categ_id == self.categ_fifo)
        self.assertEqual((fifo.cogs, fifo.average_value), (90, 45))
        self.assertAlmostEqual(fifo.turnover, 2)
        self.assertAlmostEqual(fifo.days_on_hand, 14)

    def test_turnover_from_snapshot_movements(self):
        """With the months snapshotted, January and February are read from
        their movements: the same figures as from the facts."""
        self.env["jxc.stock.snapshot"]._jxc_build(self.company)
        self.assertEqual(
            self.env["jxc.stock.snapshot"]._jxc_complete_months(
                self.company, date(2026, 1, 1), date(2026, 2, 28)
            ),
            (date(2026, 1, 1), date(2026, 2, 1)),
        )
        values = {"date_from": date(2026, 1, 1), "date_to": date(2026, 2, 28)}
        read = self._run("jxc.stock.turnover.wizard", **values).line_ids
        raw = self.env["jxc.stock.turnover.wizard"].create(values)
        raw.with_context(jxc_no_snapshot=True)._jxc_refresh()
        names = ["opening_value", "closing_value", "cogs", "turnover"]

        def table(lines):
            return sorted(
                (line.product_id.id, *(line[n] for n in names)) for line in lines
            )

        self.assertEqual(table(read), table(raw.line_ids))
        # A: sold 66 in January, 22 returned by the customer in February
        a = self._jxc_row(read, self.product_a)
        self.assertEqual((a.opening_value, a.closing_value, a.cogs), (0, 308, 44))
        b = self._jxc_row(read, self.product_b)
        self.assertEqual((b.opening_value, b.closing_value, b.cogs), (0, 40, 90))
