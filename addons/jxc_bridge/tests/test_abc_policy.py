from datetime import date
from unittest.mock import patch

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .abc_common import REF_DATE, AbcCommon
from .common import load_chinese


@tagged("post_install", "-at_install")
class TestAbcPolicy(AbcCommon):
    def test_default_policies(self):
        profile = self._profile()
        self.assertEqual(
            profile.policy_ids.mapped(
                lambda p: (p.abc_class, p.count_frequency_months, p.oversell_policy)
            ),
            [("A", 1, "company"), ("B", 3, "company"), ("C", 12, "company")],
        )
        self.assertEqual(
            (profile.threshold_a, profile.threshold_b, profile.months_back),
            (80.0, 95.0, 12),
        )

    def test_changes_in_chatter(self):
        """Every setting of a profile is tracked; policy changes are logged on it."""
        Profile = self.env["jxc.abc.profile"]
        settings = [
            name
            for name, field in Profile._fields.items()
            if field.store
            and not field.automatic
            and field.type != "one2many"
            and field.model_name == "jxc.abc.profile"
            and not name.startswith("message_")
        ]
        self.assertEqual(
            [name for name in settings if not Profile._fields[name].tracking], []
        )
        self.assertIn("categ_exclude_ids", settings)
        profile = self._profile()
        policy_a = profile.policy_ids.filtered(lambda p: p.abc_class == "A")
        policy_a.write({"safety_factor": 2.0, "oversell_policy": "block"})
        body = profile.message_ids[0].body
        self.assertIn("Policy of class A changed", body)
        self.assertIn("Safety Stock Factor: 1.5 → 2.0", body)
        self.assertIn("Overselling: Company default → Block", body)

    def test_invalid_profiles(self):
        cases = [
            ({"threshold_a": 95, "threshold_b": 80}, "0 < A < B <= 100"),
            ({"threshold_a": 80, "threshold_b": 80}, "0 < A < B <= 100"),
            ({"threshold_a": 0}, "0 < A < B <= 100"),
            ({"threshold_b": 100.5}, "0 < A < B <= 100"),
            ({"threshold_x": 1.0, "threshold_y": 0.5}, "0 < X < Y"),
            ({"threshold_x": -0.1}, "0 < X < Y"),
            ({"months_back": 0}, "at least one month"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._profile(**vals)
        profile = self._profile(threshold_b=100)  # B may reach 100 %
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            profile.policy_ids[0].safety_factor = 0
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            profile.policy_ids[0].count_frequency_months = -1

    def test_invalid_profile_message_is_translated(self):
        load_chinese(self.env)
        profile = self._profile().with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "阈值"):
            profile.threshold_a = 99

    def test_count_dates_on_quants(self):
        """After apply, the next count of a product's quants comes at most
        frequency months after the run (earlier planned counts stay)."""
        p_a, p_b, p_c = (self._product(n) for n in "ABC")
        self._move(p_a, 80, date(2026, 5, 1))
        self._move(p_b, 15, date(2026, 5, 1))
        self._move(p_c, 5, date(2026, 5, 1))
        Quant = self.env["stock.quant"]
        quants = Quant.search(
            [
                ("product_id", "in", (p_a | p_b | p_c).ids),
                ("location_id", "=", self.stock_location.id),
            ]
        )
        quants.inventory_date = date(2030, 1, 1)
        quants.filtered(lambda q: q.product_id == p_c).inventory_date = date(2026, 8, 1)
        profile = self._profile()
        profile._run(apply=True, date=REF_DATE)
        self.assertEqual(
            {q.product_id: q.inventory_date for q in quants},
            {
                p_a: date(2026, 7, 30),  # monthly
                p_b: date(2026, 9, 30),  # quarterly
                p_c: date(2026, 8, 1),  # yearly, but already planned earlier
            },
        )
        # the counts are in Odoo's Physical Inventory, due on their date
        action = Quant.action_view_inventory()
        due = Quant.search(
            action["domain"]
            + [
                ("inventory_date", "<=", date(2026, 7, 31)),
                ("product_id", "in", (p_a | p_b | p_c).ids),
            ]
        )
        self.assertEqual(due.product_id, p_a)
        # a class without planned counts leaves the quants alone
        profile.policy_ids.filtered(
            lambda p: p.abc_class == "A"
        ).count_frequency_months = 0
        quants.inventory_date = date(2030, 1, 1)
        profile._run(apply=True, date=REF_DATE)
        self.assertEqual(
            quants.filtered(lambda q: q.product_id == p_a).inventory_date,
            date(2030, 1, 1),
        )

    def test_safety_factor(self):
        """Scales jxc_safety_qty of the reordering rules, once per class change.
        The field belongs to the stock limits feature: skipped without it."""
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        if "jxc_safety_qty" not in Orderpoint._fields:
            self.skipTest("stock limits (jxc_safety_qty) not installed")
        p_a, p_c = self._product("A"), self._product("C")
        self._move(p_a, 90, date(2026, 5, 1))
        self._move(p_c, 10, date(2026, 5, 1))
        rules = Orderpoint.create(
            [
                {
                    "product_id": p.id,
                    "warehouse_id": self.warehouse.id,
                    "location_id": self.stock_location.id,
                    "product_min_qty": 25,
                    "product_max_qty": 50,
                    "jxc_safety_qty": 20,
                }
                for p in (p_a, p_c)
            ]
        )
        profile = self._profile()
        profile._run(apply=True, date=REF_DATE)
        # A: 20 x 1.5 = 30, held at the minimum 25; C: 20 x 0.5 = 10
        self.assertEqual(rules.mapped("jxc_safety_qty"), [25.0, 10.0])
        # each rule's change is in the audit log, with the run as its reason
        run = profile.current_run_id
        logs = self.env["jxc.audit.log"].search(
            [
                ("res_model", "=", "stock.warehouse.orderpoint"),
                ("res_id", "in", rules.ids),
            ],
            order="res_id",
        )
        self.assertEqual(
            [
                (log.res_id, log.field_id.name, log.old_value, log.new_value)
                for log in logs
            ],
            [
                (rules[0].id, "jxc_safety_qty", "20", "25"),
                (rules[1].id, "jxc_safety_qty", "20", "10"),
            ],
        )
        self.assertEqual(logs.mapped("record_name"), rules.mapped("display_name"))
        self.assertEqual(logs.user_id, self.env.user)
        self.assertEqual(logs.company_id, self.company)
        self.assertEqual(
            set(logs.mapped("reason")),
            {f"Safety factor of ABC run {run.name} applied"},
        )
        profile._run(apply=True, date=REF_DATE)  # same classes: no compounding
        self.assertEqual(rules.mapped("jxc_safety_qty"), [25.0, 10.0])
        self.assertEqual(rules.mapped("jxc_abc_safety_factor"), [1.5, 0.5])
        # nothing rewritten, nothing logged
        self.assertEqual(
            self.env["jxc.audit.log"].search_count(
                [
                    ("res_model", "=", "stock.warehouse.orderpoint"),
                    ("res_id", "in", rules.ids),
                ]
            ),
            2,
        )

    def test_policy_lookup(self):
        p_a, p_c = self._product("A"), self._product("C")
        self._move(p_a, 90, date(2026, 5, 1))
        self._move(p_c, 10, date(2026, 5, 1))
        profile = self._profile()
        profile._run(apply=True, date=REF_DATE)
        policies = self.env["jxc.abc.policy"]._get_for_products(p_a | p_c)
        self.assertEqual(policies[p_a].alert_severity, "high")
        self.assertEqual(policies[p_c].count_frequency_months, 12)

    def test_access_rights(self):
        profile = self._profile()
        run = profile._run(apply=True, date=REF_DATE)
        # jxc users read profiles, runs and classes
        self.assertEqual(
            profile.with_user(self.jxc_user).read(["name"])[0]["name"], profile.name
        )
        self.assertEqual(run.with_user(self.jxc_user).line_ids, run.line_ids)
        with self.assertRaises(AccessError):
            profile.with_user(self.jxc_user).name = "Changed"
        with self.assertRaises(AccessError):
            self.env["jxc.abc.profile"].with_user(self.jxc_user).create({"name": "X"})
        with self.assertRaises(AccessError):
            profile.with_user(self.jxc_user).action_run_now()
        # managers configure and run
        managed = self.env["jxc.abc.profile"].with_user(self.jxc_manager)
        new = managed.create({"name": "Manager's profile"})
        new.policy_ids[0].safety_factor = 2.0
        action = new.action_run_now()
        self.assertEqual(action["res_model"], "jxc.abc.run")
        self.assertEqual(new.run_count, 1)
        self.assertEqual(new.current_run_id.state, "applied")
        # salesmen do not see them
        salesman = new_test_user(
            self.env, "abc_sales", groups="sales_team.group_sale_salesman"
        )
        with self.assertRaises(AccessError):
            profile.with_user(salesman).read(["name"])

    def test_wizard_preview_and_apply(self):
        p1 = self._product("P1")
        self._move(p1, 10, date(2026, 5, 1))
        profiles = self._profile() | self._profile(name="Second", criterion="quantity")
        wizard = Form(
            self.env["jxc.abc.run.wizard"].with_context(
                active_model="jxc.abc.profile", active_ids=profiles.ids
            )
        )
        wizard.date = REF_DATE
        action = wizard.save().action_run()
        runs = self.env["jxc.abc.run"].search(action["domain"])
        self.assertEqual(runs.profile_id, profiles)
        self.assertEqual(set(runs.mapped("state")), {"draft"})
        self.assertFalse(p1.jxc_abc_class)
        wizard = self.env["jxc.abc.run.wizard"].create(
            {"profile_ids": profiles[:1].ids, "date": REF_DATE, "mode": "apply"}
        )
        action = wizard.action_run()
        self.assertEqual(
            self.env["jxc.abc.run"].browse(action["res_id"]).state, "applied"
        )
        self.assertEqual(p1.jxc_abc_class, "A")
        with self.assertRaisesRegex(UserError, "at least one ABC profile"):
            self.env["jxc.abc.run.wizard"].create({"date": REF_DATE}).action_run()

    def test_main_profile_sets_product_class(self):
        """The first profile (sequence) of the company sets the product's stored
        class; every profile's class is listed on the product."""
        p1, p2 = self._product("P1"), self._product("P2")
        self._move(p1, 90, date(2026, 5, 1))
        self._move(p2, 10, date(2026, 5, 1))
        self.env["jxc.abc.profile"].search([]).active = False
        main = self._profile(sequence=1)
        second = self._profile(sequence=2, no_movement_class="B", criterion="revenue")
        second._run(apply=True, date=REF_DATE)
        self.assertFalse(p1.jxc_abc_class)
        main._run(apply=True, date=REF_DATE)
        self.assertEqual((p1.jxc_abc_class, p2.jxc_abc_class), ("A", "C"))
        self.assertEqual(
            {(r.profile_id, r.abc_class) for r in p2.jxc_abc_ids},
            {(main, "C"), (second, "B")},
        )
        self.assertEqual(p2.product_tmpl_id.jxc_abc_ids, p2.jxc_abc_ids)
        Product = self.env["product.product"]
        self.assertEqual(
            Product.search([("jxc_abc_class", "=", "A"), ("id", "in", (p1 | p2).ids)]),
            p1,
        )
        groups = dict(
            Product._read_group(
                [("id", "in", (p1 | p2).ids)], ["jxc_abc_class"], ["__count"]
            )
        )
        self.assertEqual(groups, {"A": 1, "C": 1})

    def test_cron_sets_a_failing_profile_aside(self):
        """A profile whose run fails is set aside with an activity while the
        others run; changing it puts it back in the schedule."""
        Profile = self.env["jxc.abc.profile"]
        p1 = self._product("P1")
        self._move(p1, 10, date.today())
        Profile.search([]).next_run_date = False
        broken = self._profile(name="Broken", next_run_date=date(2026, 1, 31))
        good = self._profile(name="Good", next_run_date=date(2026, 1, 31))
        Run = type(self.env["jxc.abc.run"])
        compute_lines = Run._compute_lines

        def failing(run):
            if run.profile_id == broken:
                # what a query of the profile may raise
                raise psycopg2.DataError("division by zero in profile Broken")
            return compute_lines(run)

        with patch.object(Run, "_compute_lines", failing):
            Profile._cron_run_due_profiles()
            # the next call leaves it aside: nothing tried, nothing failed
            self.assertFalse(Profile._cron_run_due_profiles())
        self.assertEqual(good.run_count, 1)
        self.assertEqual(good.current_run_id.date, date.today())
        self.assertFalse(good.run_error)
        # the failed run left nothing behind
        self.assertEqual(broken.run_count, 0)
        self.assertEqual(broken.run_error, "division by zero in profile Broken")
        self.assertEqual(broken.next_run_date, date(2026, 1, 31))
        activity = broken.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Scheduled ABC run failed")
        self.assertEqual(activity.user_id, broken.create_uid)
        self.assertIn("division by zero in profile Broken", activity.note)
        # fixed and saved: scheduled again, the activity done
        broken.months_back = 6
        self.assertFalse(broken.run_error)
        self.assertFalse(broken.activity_ids)
        Profile._cron_run_due_profiles()
        self.assertEqual(broken.run_count, 1)
        self.assertGreater(broken.next_run_date, date.today())

    def test_one_current_run_per_profile(self):
        """The database refuses a second current run of a profile."""
        p1 = self._product("P1")
        self._move(p1, 10, date(2026, 5, 1))
        profile = self._profile()
        first = profile._run(apply=True, date=REF_DATE)
        second = profile._run(date=REF_DATE)
        self.assertEqual(profile.current_run_id, first)
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            self.env.cr.execute(
                SQL("UPDATE jxc_abc_run SET is_current = TRUE WHERE id = %s", second.id)
            )
        # applied, the second run takes the place of the first
        second.action_apply()
        self.assertEqual(profile.current_run_id, second)
        self.assertFalse(first.is_current)
        self.assertEqual(
            self.env["jxc.abc.run"].search_count(
                [("profile_id", "=", profile.id), ("is_current", "=", True)]
            ),
            1,
        )

    def test_cron_runs_due_profiles(self):
        p1 = self._product("P1")
        self._move(p1, 10, date.today())
        self.env["jxc.abc.profile"].search([]).next_run_date = False
        due = self._profile(next_run_date=date(2026, 1, 31), interval_months=1)
        later = self._profile(next_run_date=date(2099, 1, 1))
        self.env["jxc.abc.profile"]._cron_run_due_profiles()
        self.assertEqual(due.run_count, 1)
        self.assertEqual(due.current_run_id.date, date.today())
        self.assertGreater(due.next_run_date, date.today())
        self.assertLessEqual(due.next_run_date, date.today() + relativedelta(months=1))
        self.assertEqual(later.run_count, 0)
        self.assertEqual(p1.jxc_abc_class, "A")
