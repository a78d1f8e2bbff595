from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestAlertAbcPolicy(JxcAlertCommon):
    """The policies of the ABC classes drive the alerts' severity and refine the
    overselling policy. Classes are set as an applied run leaves them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.third = cls.make_product("Sprocket")
        # default policies: A high, B medium, C low; overselling: company's
        cls.profile = cls.env["jxc.abc.profile"].create({"name": "Main"})
        cls.abc_run = cls.env["jxc.abc.run"].create(
            {
                "profile_id": cls.profile.id,
                "company_id": cls.company.id,
                "date": date(2026, 6, 30),
                "date_from": date(2025, 7, 1),
                "criterion": "consumption_value",
                "state": "applied",
                "is_current": True,
            }
        )
        # the lines of the current run are the products' classes
        cls.classes = cls.env["jxc.abc.run.line"].create(
            [
                cls._class_vals(cls.product, "A"),
                cls._class_vals(cls.other, "C"),
            ]
        )

    @classmethod
    def _class_vals(cls, product, abc_class):
        return {
            "product_id": product.id,
            "product_tmpl_id": product.product_tmpl_id.id,
            "profile_id": cls.profile.id,
            "company_id": cls.company.id,
            "run_id": cls.abc_run.id,
            "abc_class": abc_class,
            "xyz_class": "X",
        }

    def policy(self, abc_class):
        return self.profile.policy_ids.filtered(lambda p: p.abc_class == abc_class)

    # ---------------------------------------------------------------- severity
    def test_scan_sets_severity_from_class_else_kind(self):
        for product in (self.product, self.other, self.third):
            self.make_rule(product, 10, 50)
        self.set_stock(self.product, 5)  # below minimum: low by kind, A: high
        self.set_stock(self.other, -1)  # stock-out: high by kind, C: low
        self.set_stock(self.third, -1)  # no class: high by kind
        new, __ = self.scan()
        self.assertEqual(len(new), 3)
        self.assertEqual(
            {(a.product_id, a.kind): a.severity for a in new},
            {
                (self.product, "below_min"): "3",
                (self.other, "stockout"): "1",
                (self.third, "stockout"): "3",
            },
        )

    def test_scan_refreshes_severity_when_policy_or_class_changes(self):
        self.make_rule(self.product, 10, 50)
        self.make_rule(self.other, 10, 50)
        self.set_stock(self.product, 5)
        self.set_stock(self.other, 5)
        self.scan()
        alert_a = self.alerts(self.product, state="open")
        alert_c = self.alerts(self.other, state="open")
        self.assertEqual((alert_a.severity, alert_c.severity), ("3", "1"))
        self.policy("A").alert_severity = "medium"
        self.classes.filtered(lambda c: c.product_id == self.other).abc_class = "A"
        new, resolved = self.scan()
        self.assertFalse(new or resolved)  # the same alerts, refreshed
        self.assertEqual((alert_a.severity, alert_c.severity), ("2", "2"))
        # a product that loses its class falls back to the kind's severity
        self.classes.unlink()
        self.scan()
        self.assertEqual((alert_a.severity, alert_c.severity), ("1", "1"))

    def test_only_the_first_active_profile_counts(self):
        self.make_rule(self.product, 10, 50)
        self.set_stock(self.product, 5)
        # a profile placed first, where the product has no class
        first = self.env["jxc.abc.profile"].create({"name": "First", "sequence": 1})
        self.scan()
        alert = self.alerts(self.product, state="open")
        self.assertEqual(alert.severity, "1")
        first.active = False
        self.scan()
        self.assertEqual(alert.severity, "3")

    def test_alerts_created_outside_the_scan(self):
        """Oversell alerts are created through the ORM: same rule."""
        alerts = self.Alert.create(
            [
                {
                    "product_id": product.id,
                    "warehouse_id": self.warehouse.id,
                    "kind": kind,
                }
                for product, kind in (
                    (self.product, "dead_stock"),
                    (self.other, "oversell"),
                    (self.third, "oversell"),
                )
            ]
        )
        self.assertEqual(alerts.mapped("severity"), ["3", "1", "3"])
        self.assertEqual(
            self.Alert.search(
                [("id", "in", alerts.ids), ("severity", "=", "3")]
            ).product_id,
            self.product | self.third,
        )

    # -------------------------------------------------------------- overselling
    def make_order(self, product, qty):
        return (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "warehouse_id": self.warehouse.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty}
                        )
                    ],
                }
            )
        )

    def test_oversell_precedence_category_then_class_then_company(self):
        for product in (self.product, self.other, self.third):
            self.set_stock(product, 5)
        self.company.jxc_oversell_policy = "warn"
        self.policy("A").oversell_policy = "block"
        self.policy("C").oversell_policy = "off"
        # class A blocks although the company only warns
        with self.assertRaisesRegex(UserError, "Widget: 8.0 ordered, 5.0 available"):
            self.make_order(self.product, 8).action_confirm()
        # class C: off
        order_c = self.make_order(self.other, 8)
        self.assertIs(order_c.action_confirm(), True)
        self.assertEqual(order_c.state, "sale")
        # no class: the company's warning
        action = self.make_order(self.third, 8).action_confirm()
        wizard = self.env["jxc.oversell.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.mode, "warn")
        self.assertEqual(wizard.line_ids.missing_qty, 3.0)
        # a category's own policy wins over the class
        self.categ.jxc_oversell_policy = "off"
        order_a = self.make_order(self.product, 8)
        self.assertIs(order_a.action_confirm(), True)
        # a class policy left to the company follows the company
        self.categ.jxc_oversell_policy = "company"
        self.policy("A").oversell_policy = "company"
        action = self.make_order(self.product, 8).action_confirm()
        self.assertEqual(action["res_model"], "jxc.oversell.wizard")

    def test_effective_policy_helper(self):
        categ = self.categ
        self.company.jxc_oversell_policy = "off"
        policy_a = self.policy("A")
        policy_a.oversell_policy = "warn"
        self.assertEqual(categ._jxc_effective_oversell_policy(self.company), "off")
        self.assertEqual(
            categ._jxc_effective_oversell_policy(self.company, policy_a), "warn"
        )
        categ.jxc_oversell_policy = "block"
        self.assertEqual(
            categ._jxc_effective_oversell_policy(self.company, policy_a), "block"
        )
