from unittest.mock import patch

from odoo.tests import tagged

from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestPickingCheck(JxcAlertCommon):
    def test_delivery_below_safety_warns_without_blocking(self):
        self.make_rule(self.product, 10, 50, safety=5)
        self.set_stock(self.product, 12)
        picking = self.make_picking(self.product, 9)
        sent = []
        original = type(self.env.user)._bus_send

        def spy(user, notification_type, message, **kwargs):
            sent.append((notification_type, message))
            return original(user, notification_type, message, **kwargs)

        with patch.object(type(self.env.user), "_bus_send", spy):
            self.validate(picking)  # not blocked: the picking is done
        alert = self.alerts(self.product, "below_safety", state="open")
        self.assertEqual(alert.qty_on_hand, 3.0)
        self.assertEqual(alert.limit_qty, 5.0)
        body = picking.message_ids[0].body
        self.assertIn("below their safety stock", body)
        self.assertIn("Widget: 3.0", body)
        self.assertEqual(sent[-1][0], "simple_notification")
        self.assertIn(picking.name, sent[-1][1]["message"])
        # a second delivery refreshes the same alert
        self.validate(self.make_picking(self.product, 1))
        self.assertEqual(self.alerts(self.product, "below_safety", state="open"), alert)
        self.assertEqual(alert.qty_on_hand, 2.0)

    def test_delivery_above_safety_says_nothing(self):
        self.make_rule(self.product, 10, 50, safety=5)
        self.set_stock(self.product, 30)
        picking = self.validate(self.make_picking(self.product, 9))
        self.assertFalse(self.alerts(self.product, state="open"))
        self.assertFalse(
            picking.message_ids.filtered(lambda m: "safety stock" in (m.body or ""))
        )

    def test_receipt_never_warns(self):
        self.make_rule(self.product, 10, 50, safety=5)
        self.set_stock(self.product, 1)
        self.scan()
        picking = self.validate(self.make_picking(self.product, 2, outgoing=False))
        self.assertEqual(self.alerts(self.product, state="open").qty_on_hand, 3.0)
        self.assertFalse(
            picking.message_ids.filtered(lambda m: "safety stock" in (m.body or ""))
        )
