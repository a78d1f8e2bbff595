"""The demo generator of ``make demo``, run on a small scale inside a test.

It must leave what Odoo itself would: quants equal to what was bought and sold,
valuation layers dated in the simulated period, every sale invoiced, and the
stock valuation account of the ledger equal to the valuation of the layers.
The company lives in Asia/Shanghai and works a night shift on the 1st of each
month (a receipt at 02:00, a delivery at 07:30 local: the previous day in UTC);
at every month end the summary, the reconciliation and the ledger agree to the
cent and the month closes without override.
"""

from datetime import date, datetime, timedelta

from demo_company import DemoCompanyBuilder

from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.builder = DemoCompanyBuilder(
            cls.env, months=2, products=16, seed=7, end=date(2026, 3, 31)
        )
        cls.builder.run()

    def test_master_data(self):
        b = self.builder
        self.assertEqual(len(b.products), 16)
        self.assertEqual(len(b.warehouses), 2)
        self.assertEqual(b.warehouses.mapped("code"), ["SH", "GZ"])
        self.assertTrue(all(p.is_storable for p in b.products))
        self.assertEqual(set(b.categories.mapped("property_valuation")), {"real_time"})
        self.assertEqual(b.company.partner_id.tz, "Asia/Shanghai")
        self.assertEqual(str(self.env["jxc.valuation"]._tz(b.company)), "Asia/Shanghai")
        self.assertEqual(
            b.month_ends(), [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
        )
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("jxc.demo_built"), "2026-03-31"
        )

    def test_reordering_rules_survive_autovacuum(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        domain = [("product_id", "in", self.builder.products.ids)]
        created = Orderpoint.search_count(domain)
        self.assertGreater(created, 0)
        Orderpoint._unlink_processed_orderpoints()
        self.assertEqual(Orderpoint.search_count(domain), created)

    def test_quants_match_what_was_bought_and_sold(self):
        b = self.builder
        Quant = self.env["stock.quant"]
        for wh in b.warehouses:
            for product in b.products:
                on_hand = sum(
                    Quant.search(
                        [
                            ("product_id", "=", product.id),
                            ("location_id", "=", wh.lot_stock_id.id),
                        ]
                    ).mapped("quantity")
                )
                self.assertAlmostEqual(on_hand, b.stock[wh.id, product.id], places=4)

    def test_documents_of_the_period(self):
        b = self.builder
        pickings = self.env["stock.picking"].search(
            [("state", "=", "done"), ("company_id", "=", b.company.id)]
        )
        months = {(p.date_done.year, p.date_done.month) for p in pickings}
        self.assertEqual(months, {(2026, 1), (2026, 2), (2026, 3)})
        codes = set(pickings.mapped("picking_type_code"))
        self.assertEqual(codes, {"incoming", "outgoing", "internal"})
        orders = self.env["sale.order"].search([("id", "in", pickings.sale_id.ids)])
        self.assertTrue(orders)
        # delivered quantities are invoiced, returns credited: nothing left to invoice
        self.assertEqual(set(orders.order_line.mapped("qty_to_invoice")), {0.0})
        self.assertNotIn("to invoice", orders.mapped("invoice_status"))
        invoices = orders.invoice_ids
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertTrue(
            all(
                date(2026, 1, 1) <= d <= date(2026, 3, 31)
                for d in invoices.mapped("invoice_date")
            )
        )
        bills = pickings.purchase_id.invoice_ids
        self.assertTrue(bills)
        self.assertEqual(set(bills.mapped("state")), {"posted"})

    def test_valuation_dated_and_matching_the_ledger(self):
        b = self.builder
        layers = self.env["stock.valuation.layer"].search(
            [("product_id", "in", b.products.ids)]
        )
        self.assertTrue(layers)
        for layer in layers:
            self.assertGreaterEqual(layer.create_date, datetime(2026, 1, 1))
            self.assertLessEqual(layer.create_date, datetime(2026, 3, 31, 23, 59))
        for product in b.products:
            product_layers = layers.filtered(lambda v, p=product: v.product_id == p)
            self.assertAlmostEqual(
                sum(product_layers.mapped("quantity")), product.qty_available, places=4
            )
        valuation_accounts = b.categories.mapped("property_stock_valuation_account_id")
        self.assertEqual(len(valuation_accounts), 1)
        balance = sum(
            self.env["account.move.line"]
            .search(
                [
                    ("account_id", "in", valuation_accounts.ids),
                    ("parent_state", "=", "posted"),
                ]
            )
            .mapped("balance")
        )
        self.assertAlmostEqual(balance, sum(layers.mapped("value")), places=2)

    def test_freight_landed_on_receipts(self):
        """The test database has Odoo's landed costs: the freight billed on the
        15th of February and of March is landed on a receipt, posted through
        jxc's landed-cost rule, and the bill's interim account is cleared."""
        b = self.builder
        costs = self.env["stock.landed.cost"].search(
            [("vendor_bill_id.partner_id", "=", b.carrier.id)]
        )
        self.assertEqual(len(costs), 2)
        self.assertEqual(
            sorted(costs.mapped("date")), [date(2026, 2, 15), date(2026, 3, 15)]
        )
        self.assertEqual(set(costs.mapped("state")), {"done"})
        self.assertEqual(set(costs.account_move_id.mapped("state")), {"posted"})
        layers = costs.stock_valuation_layer_ids
        self.assertEqual(set(layers.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(set(layers.mapped("jxc_operation_kind")), {"landed_cost"})
        for cost in costs:
            self.assertAlmostEqual(
                cost.amount_total, cost.vendor_bill_id.amount_total, places=2
            )
        interim = costs.vendor_bill_id.invoice_line_ids.account_id
        self.assertEqual(interim, b.categories[0].property_stock_account_input_categ_id)
        cleared = (costs.vendor_bill_id | costs.account_move_id).line_ids.filtered(
            lambda line: line.account_id == interim
        )
        self.assertAlmostEqual(sum(cleared.mapped("balance")), 0.0, places=2)

    def test_alerts_go_to_the_warehouse_keepers(self):
        """The demo's alerts give their activities to real people, not OdooBot:
        Shanghai's to the warehouse keeper (the company's alert responsible),
        Guangzhou's to its buyer (the warehouse's); and the demo ends short."""
        b = self.builder
        keeper = b.users.filtered(lambda u: u.login == "warehouse")
        buyer = b.users.filtered(lambda u: u.login == "purchase")
        shanghai, guangzhou = b.warehouses
        self.assertEqual(b.company.jxc_alert_user_id, keeper)
        self.assertEqual(guangzhou.jxc_alert_user_id, buyer)
        Alert = self.env["jxc.stock.alert"]
        Alert._scan(b.company)
        alerts = Alert.search(
            [("product_id", "in", b.products.ids), ("state", "!=", "resolved")]
        )
        for warehouse, user in ((shanghai, keeper), (guangzhou, buyer)):
            of_warehouse = alerts.filtered(lambda a, w=warehouse: a.warehouse_id == w)
            self.assertTrue(of_warehouse)
            self.assertEqual(of_warehouse.user_id, user)
            self.assertEqual(of_warehouse.activity_ids.user_id, user)
        shortages = {"stockout", "below_safety", "below_min", "forecast_shortage"}
        self.assertTrue(shortages & set(alerts.mapped("kind")))

    def test_ledger_reconciles_per_stock_account(self):
        """The builder's closing check: jxc's reconciliation finds the ledger
        equal to the valuation on every stock account, and refuses a demo
        whose books were tampered with."""
        b = self.builder
        reconcile = b.check_ledger()
        layers = self.env["stock.valuation.layer"].search(
            [("company_id", "=", b.company.id)]
        )
        stock_account = b.categories.property_stock_valuation_account_id
        line = reconcile.account_line_ids.filtered(
            lambda x: x.account_id == stock_account
        )
        self.assertEqual(len(line), 1)
        self.assertAlmostEqual(line.valuation_value, sum(layers.mapped("value")), 2)
        self.assertAlmostEqual(line.ledger_balance, line.valuation_value, 2)
        self.assertEqual(reconcile.difference, 0.0)
        self.assertFalse(reconcile.product_line_ids)

        journal = b.categories[:1].property_stock_journal
        other = self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(b.company),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )
        manual = self.env["account.move"].create(
            {
                "journal_id": journal.id,
                "company_id": b.company.id,
                "date": b.end,
                "line_ids": [
                    Command.create({"account_id": stock_account.id, "debit": 10.0}),
                    Command.create({"account_id": other.id, "credit": 10.0}),
                ],
            }
        )
        manual.action_post()
        with self.assertRaisesRegex(RuntimeError, stock_account.code):
            b.check_ledger()

    # ---------------------------------------------- the company's calendar
    def _layers(self, start, end):
        """The company's layers created in ``[start, end)`` (naive UTC)."""
        return self.env["stock.valuation.layer"].search(
            [
                ("company_id", "=", self.builder.company.id),
                ("create_date", ">=", start),
                ("create_date", "<", end),
            ]
        )

    def test_night_shift_on_the_first(self):
        """On 1 February and 1 March a receipt is validated at 02:00 and a
        delivery at 07:30 in Shanghai: 18:00 and 23:30 UTC of the day before."""
        for first in (date(2026, 2, 1), date(2026, 3, 1)):
            eve = datetime.combine(first - timedelta(days=1), datetime.min.time())
            night = self._layers(eve + timedelta(hours=16), eve + timedelta(hours=24))
            pickings = night.stock_move_id.picking_id
            self.assertEqual(
                {(p.picking_type_code, p.date_done) for p in pickings},
                {
                    ("incoming", eve + timedelta(hours=18)),
                    ("outgoing", eve + timedelta(hours=23, minutes=30)),
                },
                first,
            )
            # the entries are dated by the company's day, not by UTC's
            entries = night.account_move_id | night.jxc_link_ids.account_move_id
            self.assertTrue(entries)
            self.assertEqual(set(entries.mapped("date")), {first})
            self.assertEqual(set(entries.mapped("state")), {"posted"})

    def _month_end_figures(self, month_end):
        """(summary closing value, reconciliation valuation, ledger balance,
        unexplained) of the company at the end of ``month_end``."""
        company = self.builder.company
        wizard = self.env["jxc.stock.summary.wizard"].create(
            {
                "company_id": company.id,
                "date_from": month_end.replace(day=1),
                "date_to": month_end,
            }
        )
        wizard._jxc_refresh()
        summary = sum(wizard.line_ids.mapped("closing_value"))
        result = self.env["jxc.valuation"]._reconcile(company, month_end)
        valuation = sum(row["valuation_value"] for row in result["accounts"])
        ledger = sum(
            self.env["jxc.valuation"]._ledger_balance(company, month_end).values()
        )
        currency = company.currency_id
        return (
            currency.round(summary),
            currency.round(valuation),
            currency.round(ledger),
            result["unexplained"],
        )

    def test_month_ends_agree_to_the_cent(self):
        """Acceptance of the valuation core: at every month end of the demo the
        summary's closing value = the reconciliation's valuation = the ledger
        balance of the stock accounts, the night shift of the 1st counted in
        the new month (a UTC cut would have put it in the old one)."""
        b = self.builder
        for month_end in b.month_ends():
            summary, valuation, ledger, unexplained = self._month_end_figures(month_end)
            everything = self._layers(
                datetime(2000, 1, 1),
                b.env["jxc.valuation"]._day_end(b.company, month_end),
            )
            self.assertEqual(
                valuation, round(sum(everything.mapped("value")), 2), month_end
            )
            self.assertGreater(valuation, 0.0, month_end)
            self.assertEqual(summary, valuation, month_end)
            self.assertEqual(ledger, valuation, month_end)
            self.assertEqual(unexplained, 0.0, month_end)
        for month_end in (date(2026, 1, 31), date(2026, 2, 28)):
            utc_midnight = datetime.combine(
                month_end + timedelta(days=1), datetime.min.time()
            )
            night = self._layers(utc_midnight - timedelta(hours=8), utc_midnight)
            self.assertTrue(night, month_end)
            in_utc = self._layers(datetime(2000, 1, 1), utc_midnight)
            self.assertEqual(
                self._month_end_figures(month_end)[1],
                round(sum(in_utc.mapped("value")) - sum(night.mapped("value")), 2),
            )

    def test_months_close_without_override(self):
        """Each month of the demo closes in turn, nothing queued, failed or
        unexplained, and no override reason."""
        b = self.builder
        Close = self.env["jxc.period.close"]
        for month_end in b.month_ends():
            close = Close.create({"company_id": b.company.id, "date": month_end})
            close.action_close()
            self.assertEqual(close.state, "closed", month_end)
            self.assertEqual(
                (close.unexplained, close.queued_count, close.failed_count),
                (0.0, 0, 0),
                month_end,
            )
            self.assertFalse(close.override_reason)
            self.assertEqual(b.company.jxc_stock_lock_date, month_end)

    def test_feature_settings(self):
        """The demo shows the guard and the ABC classes: oversell warns (A
        blocks), a profile on consumption value applied at the demo's end, with
        A counted monthly, B quarterly, C yearly."""
        b = self.builder
        self.assertEqual(b.company.jxc_oversell_policy, "warn")
        run = b.abc_run
        self.assertEqual(run.date, date(2026, 3, 31))
        self.assertTrue(run.is_current)
        profile = run.profile_id
        self.assertEqual(
            [
                (p.abc_class, p.oversell_policy, p.count_frequency_months)
                for p in profile.policy_ids
            ],
            [("A", "block", 1), ("B", "company", 3), ("C", "company", 12)],
        )
        self.assertEqual(profile.next_run_date, date(2026, 4, 1))
        classes = set(run.line_ids.mapped("abc_class"))
        self.assertEqual(classes, {"A", "B", "C"})
        moved = run.line_ids.filtered(lambda x: x.value > 0)
        self.assertTrue(moved)
        self.assertFalse(moved.product_id - b.products)
