from datetime import timedelta
from unittest.mock import patch

from psycopg2 import errors

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE
from odoo.tests import Form, new_test_user, tagged

from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestOversellPromise(JxcAlertCommon):
    """Available to promise counts every open commitment, whatever its date; the
    guard, the quotation's column and banner, and the oversell alert share it;
    no client value gets an order past it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = new_test_user(
            cls.env,
            "jxc_promise_mgr",
            groups="sales_team.group_sale_manager",
            name="Sales Manager",
        )
        cls.company.jxc_oversell_policy = "block"
        cls.now = fields.Datetime.now()

    def make_order(self, product, qty, user=None, **vals):
        return (
            self.env["sale.order"]
            .with_user(user or self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "warehouse_id": self.warehouse.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": q})
                        for q in (qty if isinstance(qty, list) else [qty])
                    ],
                    **vals,
                }
            )
        )

    def atp(self, product):
        return product._jxc_available_to_promise(self.warehouse)[product]

    # ----------------------------------------------------------- sequential
    def test_older_quotation_is_blocked_after_newer_orders_took_the_stock(self):
        """The quotation drafted first is confirmed last: the orders confirmed
        after it was drafted count, reserved or not, with or without dates."""
        for reservation in ("manual", "at_confirm"):
            for dated in (False, True):
                with self.subTest(reservation=reservation, dated=dated):
                    self.warehouse.out_type_id.reservation_method = reservation
                    product = self.make_product(f"Tea {reservation} {dated}")
                    self.set_stock(product, 10)
                    old = self.make_order(
                        product,
                        3,
                        date_order=self.now - timedelta(days=3),
                        commitment_date=dated and self.now + timedelta(days=2),
                    )
                    newer = self.env["sale.order"]
                    for days in (10, 20, 30):
                        order = self.make_order(
                            product,
                            3,
                            commitment_date=dated and self.now + timedelta(days=days),
                        )
                        self.assertIs(order.action_confirm(), True)
                        newer |= order
                    moves = newer.order_line.move_ids
                    self.assertEqual(len(moves), 3)
                    self.assertEqual(
                        set(moves.mapped("state")),
                        {"confirmed" if reservation == "manual" else "assigned"},
                    )
                    self.assertEqual(self.atp(product), 1.0)
                    self.assertEqual(old.order_line.jxc_atp_qty, 1.0)
                    with self.assertRaisesRegex(
                        UserError, r"3\.0 ordered, 1\.0 available, 2\.0 missing"
                    ):
                        old.action_confirm()
                    self.assertEqual(old.state, "draft")
                    self.assertFalse(old.order_line.move_ids)

    def test_orders_confirmed_together_promise_their_sum(self):
        self.set_stock(self.product, 5)
        first = self.make_order(self.product, 3)
        second = self.make_order(self.product, 3)
        with self.assertRaises(UserError) as caught:
            (first | second).action_confirm()
        message = str(caught.exception)
        self.assertIn(
            f"{second.name}, Widget: 3.0 ordered, 2.0 available, 1.0 missing", message
        )
        self.assertNotIn(first.name, message)
        self.assertEqual((first | second).mapped("state"), ["draft", "draft"])

    def test_receipts_count_only_where_the_company_says_so(self):
        self.set_stock(self.product, 2)
        self.make_picking(
            self.product, 5, outgoing=False, date=self.now + timedelta(days=3)
        )
        order = self.make_order(
            self.product, 4, commitment_date=self.now + timedelta(days=10)
        )
        self.assertEqual(order.order_line.jxc_missing_qty, 2.0)
        self.company.jxc_oversell_count_incoming = True
        self.env.invalidate_all()
        self.assertEqual(order.order_line.jxc_atp_qty, 7.0)
        self.assertEqual(order.order_line.jxc_missing_qty, 0.0)
        self.assertIs(order.action_confirm(), True)
        # a receipt due after the delivery date is no help
        early = self.make_order(
            self.product, 1, commitment_date=self.now + timedelta(days=1)
        )
        self.assertEqual(early.order_line.jxc_atp_qty, -2.0)
        with self.assertRaisesRegex(UserError, r"1\.0 ordered, -2\.0 available"):
            early.action_confirm()

    def test_draft_transfer_promises_nothing_until_marked_to_do(self):
        """A delivery made by hand promises its stock once it is marked To Do,
        not while it is a draft (as Odoo's forecast); confirming it writes the
        product's promise row, as a sales order's confirmation does."""
        self.set_stock(self.product, 10)
        customers = self.customers
        delivery = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock.id,
                "location_dest_id": customers.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": "hand delivery",
                            "product_id": self.product.id,
                            "product_uom_qty": 8.0,
                            "location_id": self.stock.id,
                            "location_dest_id": customers.id,
                        }
                    )
                ],
            }
        )
        self.assertEqual(delivery.state, "draft")
        self.assertEqual(self.atp(self.product), 10.0)
        Lock = self.env["jxc.stock.promise.lock"]
        self.assertFalse(Lock.search([("product_id", "=", self.product.id)]))
        delivery.action_confirm()
        self.assertEqual(self.atp(self.product), 2.0)
        lock = Lock.search([("product_id", "=", self.product.id)])
        self.assertEqual(lock.warehouse_id, self.warehouse)
        self.assertEqual(lock.promise_count, 0)
        order = self.make_order(self.product, 3)
        with self.assertRaisesRegex(UserError, r"3\.0 ordered, 2\.0 available"):
            order.action_confirm()
        # under the policy off, a transfer takes no row
        self.company.jxc_oversell_policy = "off"
        other = self.make_product("JXC Unguarded Tea")
        self.set_stock(other, 5)
        self.make_picking(other, 2)
        self.assertFalse(Lock.search([("product_id", "=", other.id)]))

    def test_confirmation_out_of_tries_says_try_again(self):
        """Each conflict with a concurrent confirmation goes to Odoo's request
        retry; the one that would exhaust its tries is a "try again" error."""
        self.set_stock(self.product, 10)
        order = self.make_order(self.product, 3)
        conflict = errors.SerializationFailure("could not serialize access")
        with patch.object(
            type(self.env["jxc.stock.promise.lock"]),
            "_jxc_lock",
            side_effect=conflict,
        ):
            for _try in range(MAX_TRIES_ON_CONCURRENCY_FAILURE - 1):
                with self.assertRaises(errors.SerializationFailure):
                    order.action_confirm()
            with self.assertRaisesRegex(
                UserError,
                rf"{order.name} could not be confirmed after "
                rf"{MAX_TRIES_ON_CONCURRENCY_FAILURE} tries\. Nothing was changed",
            ):
                order.action_confirm()
            self.assertEqual(order.state, "draft")
            # the count starts anew: one conflict, then a confirmation
            with self.assertRaises(errors.SerializationFailure):
                order.action_confirm()
        self.assertEqual(self.env.cr.cache["jxc_confirm_conflicts"], 1)
        self.assertIs(order.action_confirm(), True)
        self.assertNotIn("jxc_confirm_conflicts", self.env.cr.cache)

    # --------------------------------------------------------------- banner
    def test_banner_shows_the_missing_quantity_of_each_line(self):
        self.company.jxc_oversell_policy = "warn"
        self.set_stock(self.product, 6)
        self.set_stock(self.other, 4)
        order = self.make_order(self.product, [5])
        order.order_line = [
            Command.create({"product_id": self.other.id, "product_uom_qty": 2}),
            Command.create({"product_id": self.product.id, "product_uom_qty": 4}),
        ]
        self.assertRecordValues(
            order.order_line,
            [
                {"jxc_atp_qty": 6.0, "jxc_missing_qty": 0.0},
                {"jxc_atp_qty": 4.0, "jxc_missing_qty": 0.0},
                {"jxc_atp_qty": 6.0, "jxc_missing_qty": 3.0},
            ],
        )
        self.assertEqual(order.jxc_oversell_level, "warn")
        self.assertIn(
            "Widget: 4.00 Units ordered, 6.00 available to promise, 3.00 Units missing",
            order.jxc_oversell_message,
        )
        self.assertNotIn("Gadget", order.jxc_oversell_message)
        self.assertIn("confirming will ask you", order.jxc_oversell_message)
        self.categ.jxc_oversell_policy = "block"
        self.env.invalidate_all()
        self.assertEqual(order.jxc_oversell_level, "block")
        self.assertIn("cannot be confirmed", order.jxc_oversell_message)
        self.categ.jxc_oversell_policy = "off"
        self.env.invalidate_all()
        self.assertFalse(order.jxc_oversell_level)
        self.assertFalse(order.jxc_oversell_message)

    def test_banner_while_the_quotation_is_edited(self):
        self.set_stock(self.product, 2)
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = self.customer
            form.warehouse_id = self.warehouse
            with form.order_line.new() as line:
                line.product_id = self.product
                line.product_uom_qty = 5
            self.assertEqual(form.jxc_oversell_level, "block")
            self.assertIn("3.00 Units missing", form.jxc_oversell_message)
            with form.order_line.edit(0) as line:
                line.product_uom_qty = 2
            self.assertFalse(form.jxc_oversell_level)

    # ------------------------------------------------------- one definition
    def test_guard_column_and_alert_give_one_number(self):
        self.set_stock(self.product, 10)
        self.warehouse.out_type_id.reservation_method = "manual"
        self.assertIs(self.make_order(self.product, 8).action_confirm(), True)
        # a transfer to a customer outside sales, due in a month
        self.make_picking(self.product, 1, date=self.now + timedelta(days=30))
        self.assertEqual(self.atp(self.product), 1.0)
        order = self.make_order(self.product, 5, user=self.sales_manager)
        self.assertEqual(order.order_line.jxc_atp_qty, 1.0)
        action = order.action_confirm()
        wizard = (
            self.env["jxc.oversell.wizard"]
            .with_user(self.sales_manager)
            .browse(action["res_id"])
        )
        self.assertRecordValues(
            wizard.line_ids,
            [{"demand_qty": 5.0, "available_qty": 1.0, "missing_qty": 4.0}],
        )
        wizard.reason = "Goods arrive tomorrow"
        wizard.action_confirm_anyway()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.atp(self.product), -4.0)
        alert = self.alerts(self.product, "oversell", state="open")
        self.assertEqual(alert.qty_forecast, -4.0)
        self.scan()
        self.assertEqual(alert.state, "open")
        self.assertEqual(alert.qty_forecast, -4.0)
        self.assertEqual(alert.qty_on_hand, 10.0)
        self.assertEqual(self.make_order(self.product, 1).order_line.jxc_atp_qty, -4.0)
        # a delivery leaves the number as it is: on hand and commitment go together
        delivery = order.picking_ids
        self.validate(delivery)
        self.assertEqual(self.atp(self.product), -4.0)
        self.scan()
        self.assertRecordValues(alert, [{"qty_forecast": -4.0, "qty_on_hand": 5.0}])
        self.set_stock(self.product, 4)
        self.scan()
        self.assertEqual(alert.state, "resolved")

    # ------------------------------------------------------------ no bypass
    def test_no_client_value_skips_the_guard(self):
        self.set_stock(self.product, 5)
        order = self.make_order(self.product, 8)
        with self.assertRaisesRegex(UserError, "3.0 missing"):
            order.with_context(jxc_skip_oversell_check=True).action_confirm()
        # the wizard's mode is the server's: a salesman who makes one in "warn"
        # mode himself gets a block
        wizard = (
            self.env["jxc.oversell.wizard"]
            .with_user(self.salesman)
            .create(
                {
                    "order_ids": [Command.set(order.ids)],
                    "mode": "warn",
                    "line_ids": [
                        Command.create(
                            {
                                "order_id": order.id,
                                "product_id": self.product.id,
                                "missing_qty": 0.0,
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(wizard.mode, "block")
        with self.assertRaisesRegex(UserError, "Only a sales manager"):
            wizard.action_confirm_anyway()
        self.assertEqual(order.state, "draft")
        self.assertFalse(self.alerts(self.product, "oversell"))
        # a warning, once passed, is not a pass for a block
        self.company.jxc_oversell_policy = "warn"
        warn = self.env["jxc.oversell.wizard"].browse(order.action_confirm()["res_id"])
        self.assertEqual(warn.mode, "warn")
        self.company.jxc_oversell_policy = "block"
        with self.assertRaisesRegex(UserError, "Only a sales manager"):
            warn.with_user(self.salesman).action_confirm_anyway()
        self.assertEqual(order.state, "draft")

    def test_override_is_logged_with_its_reason(self):
        self.set_stock(self.product, 5)
        order = self.make_order(self.product, 8)
        wizard = (
            self.env["jxc.oversell.wizard"]
            .with_user(self.sales_manager)
            .create({"order_ids": [Command.set(order.ids)], "reason": "Key account"})
        )
        self.assertEqual(wizard.mode, "block")
        wizard.action_confirm_anyway()
        self.assertEqual(order.state, "sale")
        self.assertIn("Reason: Key account", order.message_ids[0].body)
        self.assertIn("3.0 missing", order.message_ids[0].body)
        alert = self.alerts(self.product, "oversell", state="open")
        self.assertIn("Key account", alert.note)
        self.assertIn("Sales Manager", alert.note)
        lock = self.env["jxc.stock.promise.lock"].search(
            [("product_id", "=", self.product.id)]
        )
        self.assertRecordValues(
            lock, [{"warehouse_id": self.warehouse.id, "promise_count": 1}]
        )
