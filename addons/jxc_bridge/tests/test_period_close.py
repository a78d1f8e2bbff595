from contextlib import contextmanager
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .posting_common import PostingCommon


class PeriodCloseCommon(PostingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bookkeeper = new_test_user(
            cls.env,
            "jxc_bookkeeper",
            groups="account.group_account_invoice,stock.group_stock_user",
        )
        cls.manager = new_test_user(
            cls.env,
            "jxc_close_manager",
            groups="account.group_account_manager,stock.group_stock_manager",
        )
        cls.Close = cls.env["jxc.period.close"]

    @contextmanager
    def refused(self, exception, pattern):
        """``exception`` raised, its message matching ``pattern``; what the
        refused call wrote is rolled back (Odoo's assertRaises savepoint)."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @contextmanager
    def at(self, moment):
        """Operations done at ``moment`` (UTC): the clock frozen, and the
        valuation layers created meanwhile stamped with it too (Odoo stamps
        them with the database's clock, which freezegun does not move)."""
        last = self.Layer.search([], order="id desc", limit=1).id or 0
        with freeze_time(moment):
            yield
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_valuation_layer SET create_date = %s WHERE id > %s",
            [fields.Datetime.to_datetime(moment), last],
        )
        self.env.invalidate_all()

    def last_month_end(self):
        return self.Valuation._month_start(self.today()) - relativedelta(days=1)

    def close(self, day=None, **vals):
        """A month close of ``day`` (default: the last month end), created by
        the accounting manager, in the manager's hands."""
        return (
            self.Close.with_user(self.manager)
            .create({"date": day or self.last_month_end(), **vals})
            .with_context(tracking_disable=False)
        )

    def reopen(self, period, reason):
        action = period.action_reopen()
        wizard = (
            self.env[action["res_model"]]
            .with_user(period.env.user)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        wizard.action_reopen()

    def periodic_product(self):
        """A product valued periodically: stock moves, no entries."""
        categ = self.env["product.category"].create(
            {"name": "JXC Periodic", "property_valuation": "manual_periodic"}
        )
        return self.env["product.product"].create(
            {"name": "Periodic Tea", "is_storable": True, "categ_id": categ.id}
        )


@tagged("post_install", "-at_install")
class TestPeriodClose(PeriodCloseCommon):
    def test_close_locks_stock_and_reopen_asks_why(self):
        self.picking("in", [(self.product, 10, 5.0)])
        period = self.close()
        self.assertFalse(period.checked_at, "not checked yet")
        period.action_close()
        self.assertEqual(period.state, "closed")
        self.assertEqual(period.unexplained, 0.0)
        self.assertTrue(period.checked_at)
        self.assertEqual(self.company.jxc_stock_lock_date, self.last_month_end())
        # today is after the closed month: the warehouse goes on
        self.picking("out", [(self.product, 1, 0.0)])
        receipt = self.picking("in", [(self.product, 2, 5.0)])
        with self.refused(UserError, "Inventory is closed up to"):
            receipt.move_ids.date = fields.Datetime.to_datetime(
                self.last_month_end()
            ) + relativedelta(hours=1)
        with self.refused(UserError, "Write why the month is reopened"):
            self.reopen(period, " ")
        self.assertEqual(period.state, "closed")
        self.reopen(period, "Vendor bill of the month received late")
        self.assertEqual(period.state, "reopened")
        self.assertFalse(self.company.jxc_stock_lock_date)
        self.assertIn(
            "Reopened. Reason: Vendor bill of the month received late",
            period.message_ids[0].body,
        )

    def test_billing_user_cannot_create_or_close(self):
        with self.refused(
            UserError, "Only an accounting manager can close or reopen a month"
        ):
            self.Close.with_user(self.bookkeeper).create(
                {"date": self.last_month_end()}
            )
        period = self.close()
        with self.refused(UserError, "Only an accounting manager"):
            period.with_user(self.bookkeeper).action_close()
        with self.assertRaises(AccessError):
            period.with_user(self.bookkeeper).override_reason = "I say so"
        self.assertEqual(period.state, "draft")
        self.assertFalse(self.company.jxc_stock_lock_date)
        # read access only
        self.assertEqual(period.with_user(self.bookkeeper).name, period.name)

    def test_state_and_date_not_writable_by_hand(self):
        period = self.close()
        with self.refused(UserError, "change only through its buttons"):
            period.state = "closed"
        with self.refused(UserError, "change only through its buttons"):
            period.date = self.last_month_end() - relativedelta(months=1, day=31)
        with self.refused(UserError, "starts as a draft"):
            self.Close.with_user(self.manager).create(
                {
                    "date": self.last_month_end() - relativedelta(months=1, day=31),
                    "state": "closed",
                }
            )
        self.assertEqual(period.state, "draft")
        self.assertEqual(period.date, self.last_month_end())
        self.assertFalse(self.company.jxc_stock_lock_date)

    def test_date_is_a_past_month_end(self):
        five_years = self.Valuation._month_end(self.today() + relativedelta(years=5))
        with self.refused(ValidationError, "is not over yet"):
            self.close(five_years)
        this_month = self.Valuation._month_end(self.today())
        with self.refused(ValidationError, "is not over yet"):
            self.close(this_month)
        mid_month = self.last_month_end().replace(day=15)
        with self.refused(ValidationError, "ends on the last day of a month"):
            self.close(mid_month)
        self.assertFalse(self.Close.search([]))
        self.assertFalse(self.company.jxc_stock_lock_date)
        # the default: the last month end in the company's calendar
        self.assertEqual(
            self.Close.with_user(self.manager).new({}).date, self.last_month_end()
        )

    def test_reopen_earlier_month_while_later_closed_refused(self):
        october = self.last_month_end() - relativedelta(months=1, day=31)
        november = self.last_month_end()
        first, second = self.close(october), self.close(november)
        first.action_close()
        second.action_close()
        self.assertEqual(self.company.jxc_stock_lock_date, november)
        with self.refused(
            UserError,
            f"{november:%Y-%m} is closed: reopen it first, then {october:%Y-%m}",
        ):
            first.action_reopen()
        self.assertEqual(first.state, "closed")
        self.assertEqual(self.company.jxc_stock_lock_date, november)
        self.reopen(second, "Late invoice")
        self.assertEqual(self.company.jxc_stock_lock_date, october)
        self.reopen(first, "Count error")
        self.assertFalse(self.company.jxc_stock_lock_date)

    def test_check_records_time_and_result(self):
        self.default_rule("receipt").grouping = "per_picking"
        with self.at(fields.Datetime.to_datetime(self.last_month_end())):
            self.picking("in", [(self.product, 10, 5.0)])
        period = self.close()
        action = period.action_check()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("1 layers still to post", action["params"]["message"])
        self.assertTrue(period.checked_at)
        self.assertEqual(period.queued_count, 1)
        self.assertIn("the month does not close yet", period.message_ids[0].body)
        self.run_cron()
        action = period.action_check()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(period.queued_count, 0)
        self.assertIn("The month can be closed", period.message_ids[0].body)

    def test_refused_while_queue_not_posted_unless_reason(self):
        self.default_rule("receipt").grouping = "per_picking"
        with self.at(fields.Datetime.to_datetime(self.last_month_end())):
            self.picking("in", [(self.product, 10, 5.0)])
        period = self.close()
        with self.refused(
            UserError, "1 layers still to post.*write the reason of an override"
        ):
            period.action_close()
        self.assertFalse(self.company.jxc_stock_lock_date)
        period.override_reason = "Voucher posted by hand in the old system"
        period.action_close()
        self.assertEqual(period.state, "closed")
        self.assertIn("Voucher posted by hand", period.message_ids[0].body)
        self.assertEqual(self.company.jxc_stock_lock_date, self.last_month_end())
        # the override is on record in the audit log, beside the state change
        logs = self.env["jxc.audit.log"].search(
            [("res_model", "=", "jxc.period.close"), ("res_id", "=", period.id)],
            order="id",
        )
        reason = "Voucher posted by hand in the old system"
        self.assertEqual(
            [(log.kind, log.new_value, log.reason) for log in logs],
            [("override", "Closed", reason), ("change", "Closed", reason)],
        )
        # what was overridden: the problems the check found
        self.assertEqual(logs[0].old_value, "; ".join(period._jxc_problems()))
        self.assertIn("1 layers still to post", logs[0].old_value)
        self.assertEqual(logs[1].old_value, "Draft")
        # the queued layer posts at the first open day, not in the closed month
        self.run_cron()
        voucher = self.Layer.search([("product_id", "=", self.product.id)])
        self.assertEqual(voucher.jxc_posting_state, "posted")
        self.assertEqual(voucher.jxc_posting_date, self.last_month_end())
        self.assertEqual(
            voucher.account_move_id.date, self.last_month_end() + relativedelta(days=1)
        )
        self.assertEqual(self.balance(self.stock_account), 50.0)

    def test_deleted_entry_requeued_and_close_refused_until_posted(self):
        with self.at(fields.Datetime.to_datetime(self.last_month_end())):
            receipt = self.picking("in", [(self.product, 10, 5.0)])
        layer = self.layers(receipt)
        entry = layer.account_move_id
        self.assertEqual(entry.date, self.last_month_end())
        entry.button_draft()
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertIn("was reset to draft", layer.jxc_posting_error)
        entry.unlink()
        self.assertEqual(layer.jxc_posting_state, "to_post")
        self.assertFalse(layer.account_move_id)
        self.assertFalse(layer.jxc_link_ids)
        self.assertEqual(self.balance(self.stock_account), 0.0)
        period = self.close()
        with self.refused(UserError, "1 layers still to post"):
            period.action_close()
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(layer.account_move_id.date, self.last_month_end())
        self.assertEqual(self.balance(self.stock_account, self.last_month_end()), 50.0)
        self.assertEqual(layer.value, 50.0)
        period.action_close()
        self.assertEqual(period.state, "closed")
        self.assertEqual(period.unexplained, 0.0)

    def test_manual_entry_on_stock_account_blocks_close(self):
        with self.at(fields.Datetime.to_datetime(self.last_month_end())):
            self.picking("in", [(self.product, 10, 5.0)])
        manual = self.env["account.move"].create(
            {
                "journal_id": self.journal.id,
                "date": self.last_month_end(),
                "line_ids": [
                    Command.create(
                        {"account_id": self.stock_account.id, "balance": 100.0}
                    ),
                    Command.create(
                        {"account_id": self.other_account.id, "balance": -100.0}
                    ),
                ],
            }
        )
        manual.action_post()
        self.assertEqual(self.balance(self.stock_account), 150.0)
        period = self.close()
        with self.refused(UserError, "cannot be closed"):
            period.action_close()
        self.assertEqual(period.state, "draft")
        self.assertFalse(self.company.jxc_stock_lock_date)
        # the refused close rolled back with its error: the check says why
        period.action_check()
        self.assertEqual(period.unexplained, 100.0)


@tagged("post_install", "-at_install")
class TestPeriodCloseGuards(PeriodCloseCommon):
    """Every path that writes stock layers or stock entries into a closed
    month is refused."""

    def setUp(self):
        super().setUp()
        self.picking("in", [(self.product, 10, 5.0)])
        self.period = self.close()
        self.period.action_close()
        self.lock_date = self.last_month_end()

    def test_back_dated_move_refused(self):
        picking = self.picking("in", [(self.product, 1, 5.0)])
        with self.refused(UserError, "Inventory is closed up to"):
            picking.move_ids.date = fields.Datetime.to_datetime(self.lock_date)

    def test_inventory_adjustment_with_accounting_date_refused(self):
        quant = (
            self.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": self.product.id,
                    "location_id": self.stock_location.id,
                    "inventory_quantity": 12,
                }
            )
        )
        quant.accounting_date = self.lock_date
        with self.refused(UserError, "Inventory is closed up to"):
            quant.action_apply_inventory()
        self.assertEqual(self.product.qty_available, 10)
        quant.accounting_date = self.lock_date + relativedelta(days=1)
        quant.action_apply_inventory()
        self.assertEqual(self.product.qty_available, 12)
        self.assertEqual(self.balance(self.stock_account), 60.0)

    def test_stock_entry_in_closed_month_refused(self):
        """A revaluation or landed cost entry, or a manual one, on the stock
        account dated in the closed month."""
        entry = self.env["account.move"].create(
            {
                "journal_id": self.journal.id,
                "date": self.lock_date,
                "line_ids": [
                    Command.create(
                        {"account_id": self.stock_account.id, "balance": 10.0}
                    ),
                    Command.create(
                        {"account_id": self.other_account.id, "balance": -10.0}
                    ),
                ],
            }
        )
        with self.refused(
            UserError, "Inventory is closed up to .* cannot post on JXC1405"
        ):
            entry.action_post()
        # not on a stock account: the month close has no say
        other = entry.copy({"date": self.lock_date})
        other.line_ids.filtered(
            lambda x: x.account_id == self.stock_account
        ).account_id = self.loss_account
        other.action_post()
        self.assertEqual(other.state, "posted")
        entry.date = self.lock_date + relativedelta(days=1)
        entry.action_post()
        self.assertEqual(self.balance(self.stock_account), 60.0)

    def test_revaluation_dated_in_closed_month_refused(self):
        wizard = self.env["stock.valuation.layer.revaluation"].create(
            {
                "product_id": self.product.id,
                "company_id": self.company.id,
                "added_value": 20.0,
                "account_id": self.other_account.id,
                "date": self.lock_date,
            }
        )
        with self.refused(UserError, "Inventory is closed up to"):
            wizard.action_validate_revaluation()
        self.assertEqual(self.product.value_svl, 50.0)


@tagged("post_install", "-at_install")
class TestPeriodCloseLocalDays(PeriodCloseCommon):
    """The lock compares the company's local date of a move."""

    def _close_november(self, product):
        with freeze_time("2026-11-30 04:00:00"):
            self.picking("in", [(product, 10, 0.0)])
        # 1 December 07:00 in Shanghai is still 30 November in UTC
        with freeze_time("2026-11-30 23:00:00"):
            period = self.close(date(2026, 11, 30))
            period.action_close()
        self.assertEqual(self.company.jxc_stock_lock_date, date(2026, 11, 30))

    def test_lock_compares_the_local_date_shanghai(self):
        product = self.periodic_product()
        self._close_november(product)
        with freeze_time("2026-11-30 23:00:00"):  # 1 December, 07:00 local
            delivery = self.picking("out", [(product, 1, 0.0)])
        self.assertEqual(delivery.state, "done")
        with (
            freeze_time("2026-11-30 15:00:00"),  # 30 November, 23:00 local
            self.refused(
                UserError, "Inventory is closed up to 11/30/2026.*on 11/30/2026"
            ),
        ):
            self.picking("out", [(product, 1, 0.0)])
        self.assertEqual(product.qty_available, 9)

    def test_lock_compares_the_local_date_west_of_utc(self):
        self.company.partner_id.tz = "America/New_York"
        product = self.periodic_product()
        with freeze_time("2026-11-30 12:00:00"):
            self.picking("in", [(product, 10, 0.0)])
        with freeze_time("2026-12-01 12:00:00"):
            self.close(date(2026, 11, 30)).action_close()
        with (
            freeze_time("2026-12-01 03:00:00"),  # 30 November, 22:00 local
            self.refused(UserError, "Inventory is closed up to"),
        ):
            self.picking("out", [(product, 1, 0.0)])
        with freeze_time("2026-12-01 06:00:00"):  # 1 December, 01:00 local
            self.picking("out", [(product, 1, 0.0)])
        self.assertEqual(product.qty_available, 9)

    def test_close_date_in_the_company_calendar(self):
        """At 07:00 on 1 December in Shanghai November is over, although it is
        still 30 November in UTC; at 23:00 on 30 November it is not."""
        with (
            freeze_time("2026-11-30 15:00:00"),
            self.refused(ValidationError, "is not over yet"),
        ):
            self.close(date(2026, 11, 30))
        with freeze_time("2026-11-30 23:00:00"):
            self.assertEqual(self.close(date(2026, 11, 30)).name, "2026-11")


@tagged("post_install", "-at_install")
class TestPostingLocalDays(PeriodCloseCommon):
    """Entries are dated by the operation's local day, also from the queue."""

    def test_per_move_entry_dated_local_day(self):
        with freeze_time("2027-01-31 18:00:00"):  # 1 February, 02:00 local
            receipt = self.picking("in", [(self.product, 10, 5.0)])
        layer = self.layers(receipt)
        self.assertEqual(layer.jxc_posting_date, date(2027, 2, 1))
        self.assertEqual(layer.account_move_id.state, "posted")
        self.assertEqual(layer.account_move_id.date, date(2027, 2, 1))
        self.assertEqual(self.balance(self.stock_account, date(2027, 1, 31)), 0.0)
        self.assertEqual(self.balance(self.stock_account, date(2027, 2, 1)), 50.0)

    def test_queued_voucher_dated_local_day_of_the_operation(self):
        self.default_rule("receipt").grouping = "per_picking"
        self.default_rule("delivery").grouping = "per_day"
        with freeze_time("2027-01-31 18:00:00"):  # 1 February, 02:00 local
            receipt = self.picking("in", [(self.product, 10, 5.0)])
            delivery = self.picking("out", [(self.product, 4, 0.0)])
        with freeze_time("2027-02-03 04:00:00"):
            self.run_cron()
        for picking, amount in ((receipt, 50.0), (delivery, 20.0)):
            layer = self.layers(picking)
            self.assertEqual(layer.jxc_posting_state, "posted")
            self.assertEqual(layer.account_move_id.date, date(2027, 2, 1))
            self.assertEqual(
                sum(layer.account_move_id.line_ids.mapped("debit")), amount
            )
        self.assertEqual(self.balance(self.stock_account, date(2027, 1, 31)), 0.0)
        self.assertEqual(self.balance(self.stock_account, date(2027, 2, 1)), 30.0)

    def test_daily_voucher_waits_for_the_local_day_to_end(self):
        self.default_rule("receipt").grouping = "per_day"
        with freeze_time("2027-01-31 18:00:00"):  # 1 February, 02:00 local
            receipt = self.picking("in", [(self.product, 10, 5.0)])
        # 1 February 23:00 local: the day is not over
        with freeze_time("2027-02-01 15:00:00"):
            self.assertFalse(self.run_cron())
        # 2 February 00:30 local, still 1 February in UTC
        with freeze_time("2027-02-01 16:30:00"):
            self.run_cron()
        self.assertEqual(self.layers(receipt).account_move_id.date, date(2027, 2, 1))
