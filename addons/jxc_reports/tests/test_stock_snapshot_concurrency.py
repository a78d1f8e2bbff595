from datetime import timedelta
from unittest.mock import patch

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestStockSnapshotConcurrency(TransactionCase):
    """A monthly snapshot build and a move back-dated into the month it builds,
    on two database connections at once: the build fails when the move
    committed since the build began (and is done again in the next call), and
    a move that comes while a build runs waits for it (then fails and is
    retried, seeing the month built, which it marks stale). Never is a month
    committed without a move that belongs to it.

    Both connections see only committed data and write nothing that stays: the
    move's side is the write of the company's stock row that every stock
    operation dated in a past month makes. The test's own transaction takes no
    part."""

    def setUp(self):
        super().setUp()
        self.company_id = self.env.ref("base.main_company").id

    def _last_month_day(self, env):
        company = env["res.company"].browse(self.company_id)
        Valuation = env["jxc.valuation"]
        return Valuation._month_start(Valuation._today(company)) - timedelta(days=1)

    def _backdated_move(self, env):
        """What a move dated last month does to the company's stock row."""
        company = env["res.company"].browse(self.company_id)
        company._jxc_guard_stock_days({self._last_month_day(env)})

    def test_build_fails_after_a_backdated_move_committed(self):
        with (
            self.registry.cursor() as build_cr,
            self.registry.cursor() as move_cr,
        ):
            build_env = api.Environment(build_cr, SUPERUSER_ID, {})
            Snapshot = build_env["jxc.stock.snapshot"]
            company = build_env["res.company"].browse(self.company_id)
            # the build's transaction has begun
            build_cr.execute(SQL("SELECT count(*) FROM jxc_stock_snapshot"))
            # a move dated last month commits meanwhile
            self._backdated_move(api.Environment(move_cr, SUPERUSER_ID, {}))
            move_cr.commit()
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(SerializationFailure),
            ):
                Snapshot._jxc_build(company)
            build_cr.rollback()

            # the scheduled build leaves the month to its next call
            build_cr.execute(SQL("SELECT count(*) FROM jxc_stock_snapshot"))
            self._backdated_move(api.Environment(move_cr, SUPERUSER_ID, {}))
            move_cr.commit()
            month = self._last_month_day(build_env).replace(day=1)
            cron = build_env.ref("jxc_reports.ir_cron_jxc_stock_snapshot_build")
            Trigger = build_env["ir.cron.trigger"]
            triggers = Trigger.search_count([("cron_id", "=", cron.id)])

            def to_build(model, company):
                return (month, month) if company.id == self.company_id else None

            with (
                patch.object(type(Snapshot), "_jxc_to_build", to_build),
                mute_logger("odoo.sql_db"),
            ):
                self.assertEqual(Snapshot._cron_build(), 1)
            self.assertEqual(
                Snapshot.search_count([("company_id", "=", self.company_id)]), 0
            )
            self.assertEqual(
                Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1
            )
            build_cr.rollback()

    def test_backdated_move_waits_for_a_running_build(self):
        with (
            self.registry.cursor() as build_cr,
            self.registry.cursor() as move_cr,
        ):
            build_env = api.Environment(build_cr, SUPERUSER_ID, {})
            company = build_env["res.company"].browse(self.company_id)
            build_env["jxc.stock.snapshot"]._jxc_build(company)
            move_cr.execute(SQL("SET LOCAL lock_timeout = '300ms'"))
            with mute_logger("odoo.sql_db"), self.assertRaises(LockNotAvailable):
                self._backdated_move(api.Environment(move_cr, SUPERUSER_ID, {}))
            move_cr.rollback()
            build_cr.rollback()
