"""The company's own days: every report, the reconciliation and the ABC window
cut a day at local midnight (see ``jxc.valuation``), so the first hours of a
month in Shanghai (UTC+8) and the last hours of a month in New York (UTC-5)
fall in the month their users live in."""

from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.jxc_bridge.tests.common import done_move


class ValuationDaysCommon(AccountTestInvoicingCommon):
    """A company valued in real time, in the time zone ``tz``; each product
    category has its own stock account so that each test reconciles its own."""

    tz = "Asia/Shanghai"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.partner_id.tz = cls.tz
        cls.Valuation = cls.env["jxc.valuation"]
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.supplier_loc = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_loc = cls.env.ref("stock.stock_location_customers")
        cls.input_account = cls._account("JXCD2202", "liability_current", True)
        cls.output_account = cls._account("JXCD6401", "asset_current", True)

    @classmethod
    def _account(cls, code, account_type="asset_current", reconcile=False):
        return cls.env["account.account"].create(
            {
                "code": code,
                "name": f"JXC days {code}",
                "account_type": account_type,
                "reconcile": reconcile,
            }
        )

    @classmethod
    def _product(cls, name, stock_code):
        account = cls._account(stock_code)
        categ = cls.env["product.category"].create(
            {
                "name": f"JXC days {name}",
                "property_cost_method": "average",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": account.id,
                "property_stock_account_input_categ_id": cls.input_account.id,
                "property_stock_account_output_categ_id": cls.output_account.id,
                "property_stock_journal": cls.company_data["default_journal_misc"].id,
            }
        )
        product = cls.env["product.product"].create(
            {"name": name, "is_storable": True, "categ_id": categ.id}
        )
        return product, account

    @classmethod
    def _move(cls, product, qty, when, price_unit=0.0, out=False):
        """``qty`` of ``product`` received (or delivered) at the UTC moment
        ``when``: the move, its layers and their entries placed there, each
        entry dated by the company's local day of ``when`` (as the posting
        engine dates it)."""
        src, dst = cls.supplier_loc, cls.stock
        if out:
            src, dst = cls.stock, cls.customer_loc
        move = done_move(cls.env, product, qty, src, dst, price_unit, cls.company)
        layers = move.stock_valuation_layer_ids
        layers.filtered(
            lambda x: x.jxc_posting_state in ("to_post", "failed")
        )._jxc_post_queued()
        entries = layers.account_move_id
        assert entries and entries.mapped("state") == ["posted"] * len(entries)
        day = cls.Valuation._local_date(cls.company, when)
        cls.env.flush_all()
        for query in (
            SQL("UPDATE stock_move SET date = %s WHERE id = %s", when, move.id),
            SQL(
                "UPDATE stock_move_line SET date = %s WHERE move_id = %s", when, move.id
            ),
            SQL(
                "UPDATE stock_valuation_layer SET create_date = %s WHERE id IN %s",
                when,
                tuple(layers.ids),
            ),
            SQL(
                "UPDATE account_move SET date = %s WHERE id IN %s",
                day,
                tuple(entries.ids),
            ),
            SQL(
                "UPDATE account_move_line SET date = %s WHERE move_id IN %s",
                day,
                tuple(entries.ids),
            ),
        ):
            cls.env.cr.execute(query)
        cls.env.invalidate_all()
        return move

    # ---------------------------------------------------------------- reports
    def _summary(self, product, date_from, date_to):
        """(closing qty, closing value) of ``product`` in the summary."""
        wizard = self.env["jxc.stock.summary.wizard"].create(
            {
                "company_id": self.company.id,
                "date_from": date_from,
                "date_to": date_to,
                "product_ids": [Command.set(product.ids)],
            }
        )
        wizard._jxc_refresh()
        lines = wizard.line_ids
        return sum(lines.mapped("closing_qty")), sum(lines.mapped("closing_value"))

    def _reconcile(self, day, account):
        """(valuation, ledger, unexplained) of ``account`` at the end of ``day``."""
        result = self.Valuation._reconcile(self.company, day)
        row = next(r for r in result["accounts"] if r["account_id"] == account.id)
        return (
            row.get("valuation_value", 0.0),
            row.get("ledger_balance", 0.0),
            row.get("unexplained", 0.0),
        )

    def _ledger(self, day, account):
        return sum(
            balance
            for (acc, _product), balance in self.Valuation._ledger_balance(
                self.company, day, account
            ).items()
            if acc == account
        )


@tagged("post_install", "-at_install")
class TestShanghaiDays(ValuationDaysCommon):
    """10 x 5.00 received at 02:00 in Shanghai on 1 February (31 January 18:00
    UTC), 4 delivered at 03:00 on 1 March (28 February 19:00 UTC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product, cls.account = cls._product("Boundary Tea", "JXCD1405")
        cls.receipt = cls._move(cls.product, 10, datetime(2026, 1, 31, 18), 5.0)
        cls.delivery = cls._move(cls.product, 4, datetime(2026, 2, 28, 19), out=True)

    def test_summary_closes_january_at_zero(self):
        self.assertEqual(
            self._summary(self.product, date(2026, 1, 1), date(2026, 1, 31)),
            (0, 0),
        )
        self.assertEqual(
            self._summary(self.product, date(2026, 2, 1), date(2026, 2, 28)),
            (10, 50),
        )
        self.assertEqual(
            self._summary(self.product, date(2026, 3, 1), date(2026, 3, 31)),
            (6, 30),
        )

    def test_reconciliation_cuts_at_local_midnight(self):
        self.assertEqual(
            self._reconcile(date(2026, 1, 31), self.account), (0.0, 0.0, 0.0)
        )
        self.assertEqual(
            self._reconcile(date(2026, 2, 1), self.account), (50.0, 50.0, 0.0)
        )
        self.assertEqual(
            self._reconcile(date(2026, 2, 28), self.account), (50.0, 50.0, 0.0)
        )
        self.assertEqual(
            self._reconcile(date(2026, 3, 1), self.account), (30.0, 30.0, 0.0)
        )
        self.assertEqual(
            self.Valuation._value_at(self.company, date(2026, 1, 31), self.product.ids),
            {},
        )
        self.assertEqual(
            self.Valuation._value_at(self.company, date(2026, 2, 1), self.product.ids),
            {self.product: (10.0, 50.0)},
        )

    def test_reconcile_screen_says_balanced(self):
        wizard = self.env["jxc.valuation.reconcile"].create(
            {"date": date(2026, 2, 1), "company_id": self.company.id}
        )
        self.assertFalse(wizard.state)
        wizard.action_compute()
        self.assertEqual(wizard.state, "balanced")
        self.assertEqual(wizard.unexplained, 0.0)
        self.assertFalse(wizard.product_line_ids)
        self.assertIn("No product differs", wizard.product_message)

    def test_stock_card_puts_the_receipt_in_february(self):
        def card(date_from, date_to):
            wizard = self.env["jxc.stock.card.wizard"].create(
                {
                    "company_id": self.company.id,
                    "product_id": self.product.id,
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )
            wizard._jxc_refresh()
            return wizard.line_ids

        january = card(date(2026, 1, 1), date(2026, 1, 31))
        self.assertEqual(january.mapped("kind"), ["opening", "closing"])
        self.assertEqual(january[-1].balance_value, 0.0)
        february = card(date(2026, 2, 1), date(2026, 2, 28))
        self.assertEqual(february.mapped("kind"), ["opening", "purchase", "closing"])
        self.assertEqual(
            (february[1].in_qty, february[1].in_value, february[-1].balance_value),
            (10.0, 50.0, 50.0),
        )
        march = card(date(2026, 3, 1), date(2026, 3, 31))
        self.assertEqual(march.mapped("kind"), ["opening", "sale", "closing"])
        self.assertEqual(
            (march[0].balance_value, march[1].out_value, march[-1].balance_value),
            (50.0, 20.0, 30.0),
        )

    def test_snapshots_put_the_receipt_in_february(self):
        Snapshot = self.env["jxc.stock.snapshot"]
        Snapshot._jxc_build(self.company)

        def month(day):
            rows = Snapshot.search(
                [
                    ("company_id", "=", self.company.id),
                    ("product_id", "=", self.product.id),
                    ("date", "=", day),
                ]
            )
            return sum(rows.mapped("qty")), sum(rows.mapped("value"))

        self.assertEqual(month(date(2026, 1, 1)), (0, 0))
        self.assertEqual(month(date(2026, 2, 1)), (10, 50))
        self.assertEqual(month(date(2026, 3, 1)), (6, 30))

    def test_aging_counts_from_the_local_day(self):
        wizard = self.env["jxc.stock.aging.wizard"].create(
            {
                "company_id": self.company.id,
                "date": date(2026, 2, 1),
                "product_ids": [Command.set(self.product.ids)],
            }
        )
        wizard._jxc_refresh()
        line = wizard.line_ids
        # received on 1 February local time: 0 days old on 1 February
        self.assertEqual((line.qty, line.value, line.avg_age), (6.0, 30.0, 0.0))
        self.assertEqual(line.qty_1, 6.0)

    def test_abc_window_is_the_local_month(self):
        profile = self.env["jxc.abc.profile"].create(
            {
                "name": "Days",
                "months_back": 1,
                "criterion": "consumption_value",
                "categ_include_ids": [Command.set(self.product.categ_id.ids)],
            }
        )
        Run = self.env["jxc.abc.run"]

        def consumption(day):
            run = Run._create_for_profile(profile, day)
            run._compute_lines()
            line = run.line_ids.filtered(lambda x: x.product_id == self.product)
            return line.value

        # delivered at 03:00 on 1 March in Shanghai: March's consumption
        self.assertEqual(consumption(date(2026, 2, 28)), 0.0)
        self.assertEqual(consumption(date(2026, 3, 31)), 20.0)


@tagged("post_install", "-at_install")
class TestNewYorkDays(ValuationDaysCommon):
    """A company west of UTC: 10 x 5.00 received at 22:00 on 31 January in New
    York (1 February 03:00 UTC) is January's."""

    tz = "America/New_York"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product, cls.account = cls._product("Late Coffee", "JXCD1405N")
        cls._move(cls.product, 10, datetime(2026, 2, 1, 3), 5.0)

    def test_late_receipt_is_january(self):
        self.assertEqual(
            self._summary(self.product, date(2026, 1, 1), date(2026, 1, 31)),
            (10, 50),
        )
        self.assertEqual(
            self._reconcile(date(2026, 1, 30), self.account), (0.0, 0.0, 0.0)
        )
        self.assertEqual(
            self._reconcile(date(2026, 1, 31), self.account), (50.0, 50.0, 0.0)
        )


@tagged("post_install", "-at_install")
class TestMonthEndsAgree(ValuationDaysCommon):
    """Acceptance: moves on both sides of each month boundary (Shanghai). At
    every month end the summary's closing value, the reconciliation's
    valuation and the stock account's ledger balance agree to the cent.

    2026-01-10 10:00 local  receipt 10 x 5.00       +50   (10, 50)
    2026-01-31 23:30 local  receipt 10 x 7.00       +70   (20, 120)  Jan
    2026-02-01 02:00 local  delivery 5 at 6.00      -30   (15, 90)
    2026-02-28 23:00 local  receipt 5 x 9.00        +45   (20, 135)  Feb
    2026-03-01 07:59 local  delivery 4 at 6.75      -27   (16, 108)  Mar
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product, cls.account = cls._product("Month Rice", "JXCD1405M")
        cls._move(cls.product, 10, datetime(2026, 1, 10, 2), 5.0)
        cls._move(cls.product, 10, datetime(2026, 1, 31, 15, 30), 7.0)
        cls._move(cls.product, 5, datetime(2026, 1, 31, 18), out=True)
        cls._move(cls.product, 5, datetime(2026, 2, 28, 15), 9.0)
        cls._move(cls.product, 4, datetime(2026, 2, 28, 23, 59), out=True)

    def test_summary_reconciliation_and_ledger_agree(self):
        expected = {
            date(2026, 1, 31): (20, 120.0),
            date(2026, 2, 28): (20, 135.0),
            date(2026, 3, 31): (16, 108.0),
        }
        for month_end, (qty, value) in expected.items():
            month_start = month_end.replace(day=1)
            self.assertEqual(
                self._summary(self.product, month_start, month_end),
                (qty, value),
                month_end,
            )
            self.assertEqual(
                self._reconcile(month_end, self.account), (value, value, 0.0), month_end
            )
            self.assertEqual(self._ledger(month_end, self.account), value, month_end)
        # a UTC cut would have put the delivery of 1 February into January
        self.assertEqual(
            self._reconcile(date(2026, 1, 30), self.account), (50.0, 50.0, 0.0)
        )
