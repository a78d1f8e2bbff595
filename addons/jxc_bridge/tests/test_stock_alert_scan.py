from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..tools import switches
from .common import load_chinese
from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestStockAlertScan(JxcAlertCommon):
    def test_below_min_opens_dedups_refreshes_and_resolves(self):
        self.product.responsible_id = self.stock_manager
        self.make_rule(self.product, 10, 50, safety=2)
        self.set_stock(self.product, 5)
        new, resolved = self.scan()
        alert = self.alerts(self.product, "below_min")
        self.assertEqual(new, alert)
        self.assertFalse(resolved)
        self.assertRecordValues(
            alert,
            [{"state": "open", "qty_on_hand": 5.0, "limit_qty": 10.0}],
        )
        self.assertEqual(alert.user_id, self.stock_manager)
        self.assertEqual(alert.activity_ids.user_id, self.stock_manager)
        self.assertEqual(alert.product_categ_id, self.categ)
        # a second scan opens nothing new, a changed quantity refreshes the alert
        self.assertFalse(self.scan()[0])
        self.set_stock(self.product, 2)
        self.assertFalse(self.scan()[0])
        self.assertEqual(self.alerts(self.product), alert)
        self.assertEqual(alert.qty_on_hand, 7.0)
        # back above the minimum: resolved by itself, with the date
        self.set_stock(self.product, 10)
        new, resolved = self.scan()
        self.assertEqual(resolved, alert)
        self.assertEqual(alert.state, "resolved")
        self.assertTrue(alert.date_resolved)
        self.assertFalse(alert.activity_ids)
        # short again: a new alert opens, the resolved one stays as history
        self.set_stock(self.product, -10)
        new, __ = self.scan()
        self.assertEqual(len(self.alerts(self.product, "below_min")), 2)
        self.assertEqual(new.state, "open")
        self.assertNotEqual(new, alert)

    def test_below_safety_then_stockout(self):
        self.make_rule(self.product, 10, 50, safety=4)
        self.set_stock(self.product, 3)
        self.scan()
        safety = self.alerts(self.product, state="open")
        self.assertEqual(safety.kind, "below_safety")
        self.assertEqual(safety.limit_qty, 4.0)
        self.set_stock(self.product, -3)
        self.scan()
        self.assertEqual(safety.state, "resolved")
        stockout = self.alerts(self.product, state="open")
        self.assertEqual(stockout.kind, "stockout")
        self.assertEqual(stockout.qty_on_hand, 0.0)

    def test_negative_stock_without_rule_is_a_stockout(self):
        self.set_stock(self.other, -2)
        self.scan()
        alert = self.alerts(self.other, state="open")
        self.assertEqual(alert.kind, "stockout")
        self.assertEqual(alert.qty_on_hand, -2.0)
        # no rule and stock on hand: nothing to say
        self.set_stock(self.other, 5)
        self.scan()
        self.assertFalse(self.alerts(self.other, state="open"))

    def test_positions_from_stock_rules_or_open_moves_alone(self):
        """A product x warehouse is measured when it has stock, a rule or open
        moves, any one of them alone, and once when they meet."""
        rule_only, moves_only = self.product, self.other
        rule_and_moves = self.make_product("Gizmo")
        stock_only = self.make_product("Doohickey")
        self.make_rule(rule_only, 5, 20)
        self.make_picking(moves_only, 4, date=self.days_ago(-2))
        self.make_rule(rule_and_moves, 0, 10)
        self.make_picking(rule_and_moves, 3, date=self.days_ago(-2))
        self.set_stock(stock_only, -1)
        self.Alert.create(
            {
                "product_id": moves_only.id,
                "warehouse_id": self.warehouse.id,
                "kind": "oversell",
            }
        )
        self.scan()
        self.assertRecordValues(
            self.alerts(rule_only, state="open"),
            [{"kind": "stockout", "qty_on_hand": 0, "qty_forecast": 0, "limit_qty": 5}],
        )
        self.assertRecordValues(
            self.alerts(moves_only, state="open").sorted("kind"),
            [
                {"kind": "forecast_shortage", "qty_on_hand": 0, "qty_forecast": -4},
                {"kind": "oversell", "qty_on_hand": 0, "qty_forecast": -4},
            ],
        )
        # the rule and the open moves make one position: both alerts see both
        self.assertRecordValues(
            self.alerts(rule_and_moves, state="open").sorted("kind"),
            [
                {"kind": "forecast_shortage", "qty_on_hand": 0, "qty_forecast": -3},
                {"kind": "stockout", "qty_on_hand": 0, "qty_forecast": -3},
            ],
        )
        # negative stock without a rule or an oversell alert: a stock-out only
        self.assertRecordValues(
            self.alerts(stock_only, state="open"),
            [{"kind": "stockout", "qty_on_hand": -1, "qty_forecast": -1}],
        )

    def test_forecast_shortage_within_lead_time(self):
        self.env["product.supplierinfo"].create(
            {
                "partner_id": self.vendor.id,
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "delay": 7,
                "price": 4.0,
            }
        )
        self.make_rule(self.product, 5, 20)
        self.set_stock(self.product, 10)
        # demand beyond the lead time does not count yet
        far = self.make_picking(self.product, 8, date=self.days_ago(-20))
        self.scan()
        self.assertFalse(self.alerts(self.product, state="open"))
        near = self.make_picking(self.product, 8, date=self.days_ago(-3))
        self.scan()
        alert = self.alerts(self.product, state="open")
        self.assertEqual(alert.kind, "forecast_shortage")
        self.assertEqual(alert.qty_on_hand, 10.0)
        self.assertEqual(alert.qty_forecast, 2.0)
        self.assertEqual(alert.limit_qty, 5.0)
        near.action_cancel()
        far.action_cancel()
        self.scan()
        self.assertEqual(alert.state, "resolved")

    def test_forecast_shortage_without_vendor_uses_whole_forecast(self):
        self.set_stock(self.other, 3)
        self.make_picking(self.other, 5, date=self.days_ago(-60))
        self.scan()
        alert = self.alerts(self.other, state="open")
        self.assertEqual(alert.kind, "forecast_shortage")
        self.assertEqual(alert.qty_forecast, -2.0)

    def test_overstock(self):
        rule = self.make_rule(self.product, 10, 50, overstock=80)
        self.set_stock(self.product, 90)
        self.scan()
        alert = self.alerts(self.product, state="open")
        self.assertEqual(alert.kind, "overstock")
        self.assertEqual(alert.limit_qty, 80.0)
        rule.jxc_overstock_qty = 0  # empty: no overstock alert
        self.scan()
        self.assertEqual(alert.state, "resolved")

    def test_dead_stock(self):
        self.company.jxc_alert_user_id = self.warehouse_user
        self.set_stock(self.product, 5, in_date=self.days_ago(200))
        self.set_stock(self.other, 5, in_date=self.days_ago(10))
        self.scan()
        alert = self.alerts(self.product, state="open")
        self.assertEqual(alert.kind, "dead_stock")
        self.assertEqual(alert.qty_on_hand, 5.0)
        self.assertLess(alert.date_last_activity, self.days_ago(199))
        self.assertFalse(self.alerts(self.other, state="open"))
        # the responsible's alert, kept out of their to-do list
        self.assertEqual(alert.user_id, self.warehouse_user)
        self.assertFalse(alert.activity_ids)
        # a longer period set for the company: no longer dead
        self.company.jxc_dead_stock_days = 365
        self.scan()
        self.assertEqual(alert.state, "resolved")
        # the company asks for to-dos of dead stock: the new alert gets one
        self.company.write({"jxc_dead_stock_days": 90, "jxc_dead_stock_activity": True})
        self.scan()
        again = self.alerts(self.product, state="open")
        self.assertEqual(again.kind, "dead_stock")
        self.assertEqual(again.activity_ids.user_id, self.warehouse_user)

    def test_alerts_most_severe_first(self):
        """Kinds are listed by urgency and alerts sorted by severity, so a
        stock-out is not buried under older dead stock."""
        kinds = [kind for kind, _label in self.Alert._fields["kind"].selection]
        self.assertEqual(kinds[:2], ["stockout", "oversell"])
        self.assertEqual(kinds[-1], "dead_stock")
        dead = self.Alert.create(
            {
                "product_id": self.product.id,
                "warehouse_id": self.warehouse.id,
                "kind": "dead_stock",
            }
        )
        low = self.Alert.create(
            {
                "product_id": self.other.id,
                "warehouse_id": self.warehouse.id,
                "kind": "below_min",
                "date_opened": fields.Datetime.now() - timedelta(days=3),
            }
        )
        stockout = self.Alert.create(
            {
                "product_id": self.other.id,
                "warehouse_id": self.warehouse.id,
                "kind": "stockout",
                "date_opened": fields.Datetime.now() - timedelta(days=5),
            }
        )
        self.assertEqual(
            (stockout.severity, low.severity, dead.severity), ("3", "1", "1")
        )
        found = self.Alert.search([("id", "in", (dead | low | stockout).ids)])
        self.assertEqual(found.ids, [stockout.id, dead.id, low.id])

    def test_recent_outgoing_move_is_not_dead_stock(self):
        self.set_stock(self.product, 10, in_date=self.days_ago(200))
        self.validate(self.make_picking(self.product, 2))
        self.scan()
        self.assertFalse(self.alerts(self.product, "dead_stock"))

    def back_dated_delivery(self, product, qty, days):
        """A delivery dated ``days`` ago, as a back-dated picking is: validated
        (without its own scan), then dated."""
        picking = self.make_picking(product, qty)
        with switches.switched_off(self.env, switches.ALERT_SCAN):
            self.validate(picking)
        picking.move_ids.write({"date": self.days_ago(days)})
        picking.move_ids.move_line_ids.write({"date": self.days_ago(days)})
        return picking

    def test_dead_stock_date_follows_back_dated_moves(self):
        """The scan reads old history only for stock that did not leave within
        the window; the date it keeps follows the moves that land later."""
        self.set_stock(self.product, 10, in_date=self.days_ago(300))
        self.back_dated_delivery(self.product, 2, 250)
        self.scan()
        alert = self.alerts(self.product, state="open")
        self.assertEqual(alert.kind, "dead_stock")
        self.assertEqual(alert.qty_on_hand, 8.0)
        # the last delivery, not the oldest stock
        self.assertAlmostEqual(
            alert.date_last_activity, self.days_ago(250), delta=timedelta(hours=1)
        )
        # a delivery back-dated to 150 days ago: its picking's scan moves the date
        picking = self.back_dated_delivery(self.product, 1, 150)
        picking.move_ids._jxc_scan_alerts()
        self.assertEqual(self.alerts(self.product, state="open"), alert)
        self.assertEqual(alert.qty_on_hand, 7.0)
        self.assertAlmostEqual(
            alert.date_last_activity, self.days_ago(150), delta=timedelta(hours=1)
        )
        # the full scan keeps that date
        self.scan()
        self.assertEqual(alert.state, "open")
        self.assertAlmostEqual(
            alert.date_last_activity, self.days_ago(150), delta=timedelta(hours=1)
        )
        # a delivery today: alive again
        self.validate(self.make_picking(self.product, 1))
        self.assertEqual(alert.state, "resolved")
        self.assertTrue(alert.date_resolved)

    def test_oversell_alert_resolves_when_forecast_covers_it(self):
        self.set_stock(self.product, 5)
        self.make_picking(self.product, 8)
        alert = self.Alert.create(
            {
                "product_id": self.product.id,
                "warehouse_id": self.warehouse.id,
                "kind": "oversell",
            }
        )
        self.scan()
        self.assertEqual(alert.state, "open")
        self.assertEqual(alert.qty_forecast, -3.0)
        self.set_stock(self.product, 3)
        self.scan()
        self.assertEqual(alert.state, "resolved")

    def test_one_open_alert_per_product_warehouse_kind_in_database(self):
        vals = {
            "product_id": self.product.id,
            "warehouse_id": self.warehouse.id,
            "kind": "oversell",
        }
        self.Alert.create(vals)
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.Alert.create(vals)
            self.env.flush_all()

    def test_activity_goes_down_the_responsible_chain(self):
        """Product's responsible, else the warehouse's alert responsible, else
        the company's; an archived user (OdooBot on products the system
        created) counts as none."""
        odoobot = self.env.ref("base.user_root")
        self.company.jxc_alert_user_id = self.warehouse_user
        self.warehouse.jxc_alert_user_id = self.salesman
        self.make_rule(self.product, 10, 50)
        self.make_rule(self.other, 10, 50)
        self.product.responsible_id = self.stock_manager
        self.other.responsible_id = odoobot
        self.set_stock(self.product, 1)
        self.set_stock(self.other, 1)
        self.scan()
        by_product = self.alerts(self.product, state="open")
        by_warehouse = self.alerts(self.other, state="open")
        self.assertEqual(by_product.user_id, self.stock_manager)
        self.assertEqual(by_product.activity_ids.user_id, self.stock_manager)
        self.assertEqual(by_warehouse.user_id, self.salesman)
        self.assertEqual(by_warehouse.activity_ids.user_id, self.salesman)
        self.assertEqual(by_warehouse.activity_ids.summary, "Below Minimum")
        # an archived warehouse responsible: the company's
        self.salesman.active = False
        self.set_stock(self.other, -1)  # stock-out: a new alert
        self.scan()
        stockout = self.alerts(self.other, "stockout", state="open")
        self.assertEqual(stockout.user_id, self.warehouse_user)
        self.assertEqual(stockout.activity_ids.user_id, self.warehouse_user)

    def test_acknowledge_and_resolve(self):
        self.make_rule(self.product, 10, 50)
        self.set_stock(self.product, 1)
        self.scan()
        alert = self.alerts(self.product, state="open")
        alert.with_user(self.warehouse_user).action_acknowledge()
        self.assertEqual(alert.state, "acknowledged")
        with self.assertRaisesRegex(UserError, "Only open alerts"):
            alert.action_acknowledge()
        # the scan keeps the acknowledgement while it refreshes quantities
        self.set_stock(self.product, 1)
        self.scan()
        self.assertRecordValues(alert, [{"state": "acknowledged", "qty_on_hand": 2}])
        alert.with_user(self.stock_manager).action_resolve()
        self.assertEqual(alert.state, "resolved")
        with self.assertRaisesRegex(UserError, "already resolved"):
            alert.action_resolve()

    def test_incremental_scan_after_picking_touches_its_products_only(self):
        self.make_rule(self.product, 10, 50)
        self.make_rule(self.other, 10, 50)
        self.set_stock(self.product, 20)
        self.set_stock(self.other, 1)
        self.validate(self.make_picking(self.product, 15))
        self.assertEqual(self.alerts(self.product, state="open").kind, "below_min")
        self.assertFalse(self.alerts(self.other, state="open"))
        receipt = self.make_picking(self.product, 30, outgoing=False)
        self.validate(receipt)
        self.assertEqual(self.alerts(self.product).state, "resolved")

    def test_scan_queries_do_not_grow_with_products(self):
        self.company.jxc_alert_user_id = self.warehouse_user

        def count_queries(n):
            products = self.env["product.product"]
            for i in range(n):
                product = self.make_product(f"Bulk {n}-{i}")
                self.make_rule(product, 10, 50, safety=1, overstock=60)
                self.set_stock(product, 5 if i % 2 else 70)
                products |= product
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            new, __ = self.scan(products=products)
            self.env.flush_all()
            first = self.cr.sql_log_count - start
            self.assertEqual(len(new), n)
            self.assertEqual(len(new.activity_ids), n)
            self.env.flush_all()
            for i, product in enumerate(products):
                self.set_stock(product, 20 if i % 2 else -50)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            __, resolved = self.scan(products=products)
            self.env.flush_all()
            second = self.cr.sql_log_count - start
            self.assertEqual(len(resolved), n)
            self.assertFalse(resolved.activity_ids)
            return first, second

        small, large = count_queries(5), count_queries(50)
        self.assertEqual(small, large)

    def test_multi_company_isolation(self):
        company_b = self.env["res.company"].create({"name": "JXC Company B"})
        wh_b = self.env["stock.warehouse"].search([("company_id", "=", company_b.id)])
        self.make_rule(self.product, 10, 50, wh=wh_b)
        self.set_stock(self.product, 1, location=wh_b.lot_stock_id)
        self.make_rule(self.other, 10, 50)
        self.set_stock(self.other, 1)
        self.scan()  # company A only
        self.assertFalse(self.alerts(self.product, wh=wh_b))
        self.scan(company_b)
        alert_b = self.alerts(self.product, wh=wh_b)
        self.assertEqual(alert_b.company_id, company_b)
        self.assertEqual(alert_b.kind, "below_min")
        # a scan of company A never resolves company B's alerts
        self.scan()
        self.assertEqual(alert_b.state, "open")
        user_a = new_test_user(
            self.env,
            "jxc_wh_a",
            groups="stock.group_stock_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        visible = self.Alert.with_user(user_a).search([])
        self.assertIn(self.alerts(self.other), visible)
        self.assertNotIn(alert_b, visible)
        with self.assertRaises(AccessError):
            alert_b.with_user(user_a).read(["kind"])

    def test_cron_scan_and_overview_count(self):
        self.make_rule(self.product, 10, 50)
        self.make_rule(self.other, 10, 50)
        self.set_stock(self.product, 1)
        self.Alert._cron_scan()
        self.assertEqual(len(self.Alert.search([("state", "=", "open")])), 2)
        # dead stock is no shortage: not counted on the cards
        self.Alert.create(
            {
                "product_id": self.other.id,
                "warehouse_id": self.warehouse.id,
                "kind": "dead_stock",
            }
        )
        in_type = self.warehouse.in_type_id.with_user(self.warehouse_user)
        self.assertEqual(in_type.jxc_alert_count, 2)
        action = in_type.action_jxc_stock_alerts()
        self.assertEqual(
            self.Alert.search(action["domain"]),
            self.Alert.search([("kind", "!=", "dead_stock")]),
        )
        # on the receipts card only, not repeated on every operation type
        out_type = self.warehouse.out_type_id.with_user(self.warehouse_user)
        self.assertEqual(out_type.jxc_alert_count, 0)
        self.warehouse.in_type_id.invalidate_recordset()
        self.assertEqual(
            self.warehouse.in_type_id.with_user(self.salesman).jxc_alert_count, 0
        )

    def test_digest(self):
        self.make_rule(self.product, 10, 50)
        self.make_rule(self.other, 10, 50)
        self.set_stock(self.other, 3)
        self.scan()
        self.company.jxc_digest_user_ids = self.warehouse_user | self.stock_manager
        self.warehouse_user.email = "wh@example.com"
        self.stock_manager.email = "whm@example.com"
        mails = self.Alert._cron_send_digest()
        self.assertEqual(len(mails), 2)
        self.assertEqual(
            mails.recipient_ids,
            (self.warehouse_user | self.stock_manager).partner_id,
        )
        mail = mails[0]
        self.assertIn(self.company.name, mail.subject)
        self.assertIn("Stock-out", mail.body_html)
        self.assertIn("Below Minimum", mail.body_html)
        lines = self.company.jxc_alert_digest_lines()
        self.assertEqual(lines, [("Stock-out", 1), ("Below Minimum", 1)])
        # nothing open: no digest
        self.Alert.search([]).action_resolve()
        self.assertFalse(self.Alert._cron_send_digest())

    def test_digest_once_a_day(self):
        """A rerun of the digest the same day sends nothing new; a recipient
        added later gets today's, and the next day everyone gets one again."""
        self.make_rule(self.product, 10, 50)
        self.scan()
        self.warehouse_user.email = "wh@example.com"
        self.stock_manager.email = "whm@example.com"
        self.company.jxc_digest_user_ids = self.warehouse_user
        Digest = self.env["jxc.stock.alert.digest"]
        day = self.env["jxc.valuation"]._today(self.company)
        first = self.Alert._cron_send_digest()
        self.assertEqual(first.recipient_ids, self.warehouse_user.partner_id)
        self.assertFalse(self.Alert._cron_send_digest())
        self.assertFalse(self.Alert._cron_send_digest())
        self.company.jxc_digest_user_ids |= self.stock_manager
        later = self.Alert._cron_send_digest()
        self.assertEqual(later.recipient_ids, self.stock_manager.partner_id)
        self.assertRecordValues(
            Digest.search([("company_id", "=", self.company.id)], order="id"),
            [
                {"user_id": self.warehouse_user.id, "last_sent_date": day},
                {"user_id": self.stock_manager.id, "last_sent_date": day},
            ],
        )
        # the next day of the company, both again, once
        with freeze_time(fields.Datetime.now() + timedelta(days=1)):
            self.assertEqual(len(self.Alert._cron_send_digest()), 2)
            self.assertFalse(self.Alert._cron_send_digest())
        self.assertEqual(
            Digest.search([("company_id", "=", self.company.id)]).mapped(
                "last_sent_date"
            ),
            [day + timedelta(days=1)] * 2,
        )

    def test_alert_access_rights(self):
        self.make_rule(self.product, 10, 50)
        self.scan()
        alert = self.alerts(self.product, state="open")
        self.assertTrue(alert.with_user(self.warehouse_user).has_access("write"))
        self.assertFalse(self.Alert.with_user(self.warehouse_user).has_access("create"))
        self.assertFalse(alert.with_user(self.warehouse_user).has_access("unlink"))
        self.assertTrue(alert.with_user(self.stock_manager).has_access("unlink"))
        self.assertFalse(alert.with_user(self.salesman).has_access("read"))
        # a jxc user acknowledges, assigns and annotates, never edits measures
        as_user = alert.with_user(self.warehouse_user)
        as_user.write({"note": "Supplier called", "user_id": self.warehouse_user.id})
        with self.assertRaisesRegex(AccessError, "Only a JXC manager"):
            as_user.write({"qty_on_hand": 99})
        alert.with_user(self.stock_manager).write({"limit_qty": 12})
        self.assertEqual(alert.limit_qty, 12)
        with self.assertRaises(AccessError):
            alert.with_user(self.salesman).read(["qty_on_hand"])

    def test_datetimes(self):
        self.make_rule(self.product, 10, 50)
        before = fields.Datetime.now() - timedelta(seconds=1)
        self.scan()
        self.assertGreaterEqual(self.alerts(self.product).date_opened, before)

    def test_digest_in_chinese(self):
        load_chinese(self.env)
        self.make_rule(self.product, 10, 50)
        self.scan()
        self.warehouse_user.write({"lang": "zh_CN", "email": "wh@example.com"})
        self.company.jxc_digest_user_ids = self.warehouse_user
        mail = self.Alert._cron_send_digest()
        self.assertEqual(mail.subject, f"{self.company.name} 的未关闭库存预警")
        self.assertIn("缺货", mail.body_html)
        self.assertIn("未关闭预警", mail.body_html)
