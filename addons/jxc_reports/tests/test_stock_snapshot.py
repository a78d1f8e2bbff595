from datetime import date, datetime

from odoo import fields
from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools.misc import file_path

from ..hooks import post_init_hook
from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestStockSnapshot(JxcReportsCommon):
    def _snap(self, product, warehouse, month):
        return self.env["jxc.stock.snapshot"].search(
            [
                ("company_id", "=", self.company.id),
                ("product_id", "=", product.id),
                ("warehouse_id", "=", warehouse.id),
                ("date", "=", month),
            ]
        )

    def _compare(self, date_from, date_to, group_by="warehouse"):
        values = {"group_by": group_by, "detail_kinds": True}
        with_snapshots = self._jxc_summary(date_from, date_to, **values)
        without = self.env["jxc.stock.summary.wizard"].create(
            {"date_from": date_from, "date_to": date_to, **values}
        )
        without.with_context(jxc_no_snapshot=True)._jxc_refresh()
        names = without._jxc_line_columns()

        def table(wizard):
            return sorted(
                tuple(line[n].id if hasattr(line[n], "id") else line[n] for n in names)
                for line in wizard.line_ids
            )

        self.assertTrue(without.line_ids)
        self.assertEqual(table(with_snapshots), table(without))
        return with_snapshots

    def test_build_and_use(self):
        snapshots = self.env["jxc.stock.snapshot"]
        built = snapshots._jxc_build(self.company)
        self.assertGreaterEqual(built, 2)
        jan_a = self._snap(self.product_a, self.wh1, date(2026, 1, 1))
        self.assertEqual((jan_a.qty, jan_a.value), (30, 330))
        feb = [
            self._snap(self.product_a, self.wh1, date(2026, 2, 1)),
            self._snap(self.product_a, self.wh2, date(2026, 2, 1)),
            self._snap(self.product_b, self.wh1, date(2026, 2, 1)),
        ]
        self.assertEqual([(s.qty, s.value) for s in feb], [(21, 231), (7, 77), (5, 40)])
        # nothing left to build: a second run is a no-op
        self.assertEqual(snapshots._jxc_build(self.company), 0)
        # the summary starts from the February snapshot
        wizard = self._compare(date(2026, 3, 1), date(2026, 3, 31))
        facts = self.env["jxc.report.facts"]
        # the opening is cut at the company's local midnight (Shanghai)
        sources = facts._jxc_opening_sources(
            self.company,
            wizard.date_from,
            facts._jxc_day_start(self.company, wizard.date_from),
        )
        # right after the snapshot's month: the snapshot is the opening
        self.assertEqual(len(sources), 1)
        sources = facts._jxc_opening_sources(
            self.company,
            date(2026, 3, 10),
            facts._jxc_day_start(self.company, date(2026, 3, 10)),
        )
        self.assertEqual(len(sources), 2)
        self._compare(date(2026, 2, 10), date(2026, 4, 15))
        self._compare(date(2026, 2, 10), date(2026, 4, 15), group_by="product")
        lines = self._compare(date(2026, 3, 1), date(2026, 3, 31)).line_ids
        row = self._jxc_row(lines, self.product_a, self.wh2)
        self.assertEqual((row.opening_qty, row.opening_value), (7, 77))

    def _cron_build_all(self):
        """Call the scheduled build until nothing is left: the number of calls."""
        calls = 1
        while self.env["jxc.stock.snapshot"]._cron_build():
            calls += 1
            self.assertLess(calls, 100)
        return calls

    def test_build_in_batches_resumable(self):
        """The scheduled build does one company × month per call (the cron
        runner commits each) and resumes after the last month built."""
        snapshots = self.env["jxc.stock.snapshot"]
        companies = self.env["res.company"].search([])
        first, last = snapshots._jxc_to_build(self.company)
        months = snapshots._jxc_months_to_build(companies)
        self.assertGreaterEqual(months, 2)
        self.assertEqual(snapshots._cron_build(), months - 1)
        self.assertEqual(snapshots._jxc_last_built(self.company), first)
        self.assertEqual(snapshots._cron_build(), months - 2)
        # an interruption loses nothing built: the next call goes on from there
        self.assertEqual(self._cron_build_all(), months - 2)
        self.assertEqual(snapshots._jxc_last_built(self.company), last)
        self.assertFalse(snapshots._jxc_to_build(self.company))
        self.assertEqual(snapshots._cron_build(), 0)
        # the same figures as a build in one go
        jan_a = self._snap(self.product_a, self.wh1, date(2026, 1, 1))
        self.assertEqual((jan_a.qty, jan_a.value), (30, 330))
        feb = [
            self._snap(self.product_a, self.wh1, date(2026, 2, 1)),
            self._snap(self.product_a, self.wh2, date(2026, 2, 1)),
            self._snap(self.product_b, self.wh1, date(2026, 2, 1)),
        ]
        self.assertEqual([(s.qty, s.value) for s in feb], [(21, 231), (7, 77), (5, 40)])

    def test_backdated_move_rebuilds(self):
        snapshots = self.env["jxc.stock.snapshot"]
        snapshots._jxc_build(self.company)
        cron = self.env.ref("jxc_reports.ir_cron_jxc_stock_snapshot_build")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        # a receipt of 5 B at 8, validated today but dated 25 February
        self._jxc_move(
            self.product_b, self.supplier_loc, self.stock1, 5,
            datetime(2026, 2, 25, 12), 8.0,
        )  # fmt: skip
        self.assertTrue(self._snap(self.product_a, self.wh1, date(2026, 1, 1)))
        self.assertFalse(self._snap(self.product_b, self.wh1, date(2026, 2, 1)))
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers,
        )
        # reports stay exact before the rebuild ...
        self._compare(date(2026, 3, 1), date(2026, 3, 31))
        snapshots._cron_build()
        feb_b = self._snap(self.product_b, self.wh1, date(2026, 2, 1))
        self.assertEqual((feb_b.qty, feb_b.value), (10, 80))
        # ... and after it
        self._compare(date(2026, 3, 1), date(2026, 3, 31))

    def test_rebuild_from_month(self):
        snapshots = self.env["jxc.stock.snapshot"]
        snapshots._jxc_build(self.company)
        count = snapshots.search_count([("company_id", "=", self.company.id)])
        snapshots._jxc_build(self.company, from_month=date(2026, 2, 14))
        self.assertEqual(
            snapshots.search_count([("company_id", "=", self.company.id)]), count
        )
        feb_a = self._snap(self.product_a, self.wh2, date(2026, 2, 1))
        self.assertEqual((feb_a.qty, feb_a.value), (7, 77))

    def _movement(self, product, warehouse, month, kind):
        rows = self.env["jxc.stock.snapshot.movement"].search(
            [
                ("company_id", "=", self.company.id),
                ("product_id", "=", product.id),
                ("warehouse_id", "=", warehouse.id),
                ("date", "=", month),
                ("kind", "=", kind),
            ]
        )
        return [(row.qty, row.value) for row in rows]

    def test_movements_built_with_the_snapshot(self):
        """A month's movements per product, warehouse and kind, signed as facts,
        the transfer between warehouses valued at the average cost (11)."""
        self.env["jxc.stock.snapshot"]._jxc_build(self.company)
        feb = date(2026, 2, 1)
        a, b = self.product_a, self.product_b
        out = self._movement(a, self.wh1, feb, "transfer_out")
        self.assertEqual(out, [(-10, -110)])
        self.assertEqual(self._movement(a, self.wh2, feb, "transfer_in"), [(10, 110)])
        self.assertEqual(self._movement(a, self.wh2, feb, "scrap"), [(-1, -11)])
        self.assertEqual(self._movement(b, self.wh1, feb, "purchase"), [(10, 80)])
        self.assertEqual(self._movement(b, self.wh1, feb, "sale"), [(-15, -90)])
        self.assertEqual(
            self._movement(a, self.wh1, date(2026, 1, 1), "purchase"), [(36, 396)]
        )
        # nothing moved in March: no row
        self.assertFalse(
            self.env["jxc.stock.snapshot.movement"].search_count(
                [("company_id", "=", self.company.id), ("date", "=", date(2026, 3, 1))]
            )
        )

    def _product_row(self, product, month):
        return self.env["jxc.stock.snapshot.product"].search(
            [
                ("company_id", "=", self.company.id),
                ("product_id", "=", product.id),
                ("date", "=", month),
            ]
        )

    def test_product_rows_built_with_the_snapshot(self):
        """A month's summary per product, every warehouse: the opening summed
        over warehouses, ins and outs per kind (outs positive), the transfer
        between warehouses on both sides, and the closing; equal to the
        summary's line computed from the facts."""
        self.env["jxc.stock.snapshot"]._jxc_build(self.company)
        feb = date(2026, 2, 1)
        a = self._product_row(self.product_a, feb)
        self.assertEqual(len(a), 1)
        self.assertEqual((a.opening_qty, a.opening_value), (30, 330))
        self.assertEqual((a.transfer_in_qty, a.transfer_in_value), (10, 110))
        self.assertEqual((a.transfer_out_qty, a.transfer_out_value), (10, 110))
        self.assertEqual((a.scrap_qty, a.scrap_value), (1, 11))
        self.assertEqual((a.inventory_gain_qty, a.inventory_loss_qty), (3, 2))
        self.assertEqual((a.closing_qty, a.closing_value), (28, 308))
        b = self._product_row(self.product_b, feb)
        self.assertEqual((b.opening_qty, b.opening_value), (10, 50))
        self.assertEqual((b.purchase_qty, b.purchase_value), (10, 80))
        self.assertEqual((b.sale_qty, b.sale_value), (15, 90))
        self.assertEqual((b.in_qty, b.out_qty), (10, 15))
        self.assertEqual((b.closing_qty, b.closing_value), (5, 40))
        # nothing moved in March: a row per product with stock, opening = closing
        march = self._product_row(self.product_a, date(2026, 3, 1))
        self.assertEqual((march.opening_qty, march.closing_qty), (28, 28))
        self.assertEqual((march.in_qty, march.out_qty), (0, 0))
        # the row is the summary's line of the month, computed from the facts
        names = ["opening_qty", "opening_value", "closing_qty", "closing_value"]
        names += self.env["jxc.stock.snapshot.product"]._jxc_movement_columns()
        without = self.env["jxc.stock.summary.wizard"].create(
            {"date_from": feb, "date_to": date(2026, 2, 28), "group_by": "product"}
        )
        without.with_context(jxc_no_snapshot=True)._jxc_refresh()
        self.assertEqual(len(without.line_ids), 2)
        for row in (a, b):
            line = self._jxc_row(without.line_ids, row.product_id)
            self.assertEqual([row[n] for n in names], [line[n] for n in names])

    def test_complete_months_read_from_movements(self):
        """The summary over complete months, over partial months at either end
        and over a year equals the summary computed from the facts alone."""
        snapshots = self.env["jxc.stock.snapshot"]
        snapshots._jxc_build(self.company)
        self.assertEqual(
            snapshots._jxc_complete_months(
                self.company, date(2026, 1, 10), date(2026, 4, 15)
            ),
            (date(2026, 2, 1), date(2026, 3, 1)),
        )
        self.assertIsNone(
            snapshots._jxc_complete_months(
                self.company, date(2026, 2, 2), date(2026, 2, 28)
            )
        )
        ranges = [
            (date(2026, 2, 1), date(2026, 2, 28)),
            (date(2026, 1, 1), date(2026, 2, 28)),
            (date(2026, 1, 1), date(2026, 12, 31)),
            (date(2026, 1, 10), date(2026, 2, 28)),  # partial head
            (date(2026, 1, 1), date(2026, 2, 15)),  # partial tail, transfer in it
            (date(2026, 1, 10), date(2026, 4, 15)),
        ]
        for date_from, date_to in ranges:
            for group_by in ("warehouse", "product", "category"):
                with self.subTest(date_from=date_from, date_to=date_to, by=group_by):
                    self._compare(date_from, date_to, group_by=group_by)
        lines = self._compare(date(2026, 1, 1), date(2026, 2, 28)).line_ids
        row = self._jxc_row(lines, self.product_a, self.wh2)
        self.assertEqual((row.transfer_in_qty, row.transfer_in_value), (10, 110))
        self.assertEqual((row.closing_qty, row.closing_value), (7, 77))
        # February is read from its movement rows, not from its facts (per
        # warehouse), and from its summary per product (per product and per
        # category, every warehouse)
        self.env.cr.execute(
            "UPDATE jxc_stock_snapshot_movement SET qty = qty + 1000 "
            "WHERE product_id = %s AND date = '2026-02-01' AND kind = 'purchase'",
            [self.product_b.id],
        )
        self.env.cr.execute(
            "UPDATE jxc_stock_snapshot_product SET purchase_qty = purchase_qty + 2000 "
            "WHERE product_id = %s AND date = '2026-02-01'",
            [self.product_b.id],
        )
        feb = (date(2026, 2, 1), date(2026, 2, 28))
        values = {"product_ids": self.product_b.ids}
        lines = self._jxc_summary(*feb, group_by="warehouse", **values).line_ids
        self.assertEqual(lines.purchase_qty, 1010)
        for group_by in ("product", "category"):
            lines = self._jxc_summary(*feb, group_by=group_by, **values).line_ids
            self.assertEqual(lines.purchase_qty, 2010)
        # a warehouse filter needs the rows per warehouse
        lines = self._jxc_summary(
            *feb, group_by="product", warehouse_ids=self.wh1.ids, **values
        ).line_ids
        self.assertEqual(lines.purchase_qty, 1010)

    def test_backdated_move_rebuilds_movements(self):
        """A move back-dated into a built month deletes that month's movements;
        the summary reads its facts until the rebuild, and stays exact."""
        snapshots = self.env["jxc.stock.snapshot"]
        snapshots._jxc_build(self.company)
        feb, jan = date(2026, 2, 1), date(2026, 1, 1)
        # a receipt of 5 B at 8 into WH1 and a transfer of 4 A WH1 -> WH2,
        # validated today but dated in February
        self._jxc_move(
            self.product_b, self.supplier_loc, self.stock1, 5,
            datetime(2026, 2, 25, 12), 8.0,
        )  # fmt: skip
        self._jxc_move(
            self.product_a, self.stock1, self.stock2, 4, datetime(2026, 2, 26, 12)
        )
        self.assertEqual(
            self._movement(self.product_a, self.wh1, jan, "purchase"), [(36, 396)]
        )
        self.assertFalse(self._movement(self.product_b, self.wh1, feb, "purchase"))
        self.assertFalse(self._product_row(self.product_b, feb))
        self.assertTrue(self._product_row(self.product_b, jan))
        self.assertEqual(
            snapshots._jxc_complete_months(
                self.company, date(2026, 1, 1), date(2026, 3, 31)
            ),
            (jan, jan),
        )
        for date_from, date_to in [
            (date(2026, 1, 1), date(2026, 3, 31)),
            (date(2026, 2, 1), date(2026, 2, 28)),
        ]:
            self._compare(date_from, date_to)
            self._compare(date_from, date_to, group_by="product")
        snapshots._cron_build()
        b = self._product_row(self.product_b, feb)
        self.assertEqual((b.purchase_qty, b.purchase_value), (15, 120))
        a = self._product_row(self.product_a, feb)
        self.assertEqual((a.transfer_in_qty, a.transfer_in_value), (14, 154))
        self.assertEqual((a.transfer_out_qty, a.transfer_out_value), (14, 154))
        self.assertEqual(
            self._movement(self.product_b, self.wh1, feb, "purchase"), [(15, 120)]
        )
        # the new transfer is valued at the average cost of A then (11)
        self.assertEqual(
            self._movement(self.product_a, self.wh2, feb, "transfer_in"), [(14, 154)]
        )
        for date_from, date_to in [
            (date(2026, 1, 1), date(2026, 3, 31)),
            (date(2026, 2, 1), date(2026, 2, 28)),
            (date(2026, 2, 1), date(2026, 12, 31)),
        ]:
            for group_by in ("product", "category"):
                self._compare(date_from, date_to, group_by=group_by)
            lines = self._compare(date_from, date_to).line_ids
        row = self._jxc_row(lines, self.product_a, self.wh2)
        self.assertEqual((row.closing_qty, row.closing_value), (11, 121))

    def test_install_snapshots_the_history_right_away(self):
        """Installing jxc_reports into a company with history triggers the
        snapshot build now, not on the 1st of next month."""
        cron = self.env.ref("jxc_reports.ir_cron_jxc_stock_snapshot_build")
        Trigger = self.env["ir.cron.trigger"]
        before = Trigger.search([("cron_id", "=", cron.id)])
        post_init_hook(self.env)
        new = Trigger.search([("cron_id", "=", cron.id)]) - before
        self.assertEqual(len(new), 1)
        self.assertLessEqual(new.call_at, fields.Datetime.now())
        self.assertFalse(self.env["jxc.stock.snapshot"].search_count([]))
        cron.method_direct_trigger()
        self.assertTrue(
            self.env["jxc.stock.snapshot"].search_count(
                [("company_id", "=", self.company.id)]
            )
        )

    def test_migration_rebuilds_snapshots_without_movements(self):
        """Upgrading from 18.0.1.0.0: snapshots were built without movements;
        they are deleted and the scheduled action is triggered to rebuild
        both. A new database has nothing to migrate."""
        snapshots = self.env["jxc.stock.snapshot"]
        snapshots._jxc_build(self.company)
        self.env.flush_all()
        cron = self.env.ref("jxc_reports.ir_cron_jxc_stock_snapshot_build")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        script = load_script(
            file_path("jxc_reports/migrations/18.0.1.1.0/post-migration.py"),
            "jxc_reports_post_migration_18_0_1_1_0",
        )
        script.migrate(self.env.cr, None)
        self.assertTrue(snapshots.search_count([]))
        # as left by the previous version: snapshots, no movements
        self.env.cr.execute("DELETE FROM jxc_stock_snapshot_movement")
        script.migrate(self.env.cr, "18.0.1.0.0")
        snapshots.invalidate_model()
        self.assertFalse(snapshots.search_count([]))
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers,
        )
        self._compare(date(2026, 2, 1), date(2026, 2, 28))
        self._cron_build_all()
        self.assertEqual(
            self._movement(self.product_b, self.wh1, date(2026, 2, 1), "sale"),
            [(-15, -90)],
        )
        self._compare(date(2026, 2, 1), date(2026, 2, 28))

    def test_migration_builds_product_rows(self):
        """Upgrading from 18.0.1.1.0: the months built have snapshots and
        movements but no summary per product; the upgrade builds it from them,
        as the monthly build does. A new database has nothing to migrate."""
        snapshots = self.env["jxc.stock.snapshot"]
        snapshots._jxc_build(self.company)
        self.env.flush_all()
        products = self.env["jxc.stock.snapshot.product"]
        names = ["product_id", "date", "opening_qty", "opening_value"]
        names += ["closing_qty", "closing_value", *products._jxc_movement_columns()]

        def table():
            products.invalidate_model()
            rows = products.search([("company_id", "=", self.company.id)])
            return sorted(
                tuple(r[n].id if n == "product_id" else r[n] for n in names)
                for r in rows
            )

        built = table()
        self.assertTrue(built)
        script = load_script(
            file_path("jxc_reports/migrations/18.0.1.2.0/post-migration.py"),
            "jxc_reports_post_migration_18_0_1_2_0",
        )
        # as left by the previous version: snapshots and movements only
        self.env.cr.execute("DELETE FROM jxc_stock_snapshot_product")
        script.migrate(self.env.cr, None)
        self.assertEqual(table(), [])
        script.migrate(self.env.cr, "18.0.1.1.0")
        self.assertEqual(table(), built)
        self._compare(date(2026, 2, 1), date(2026, 2, 28), group_by="product")
