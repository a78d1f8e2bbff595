from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestReportScheduleSecurity(JxcReportsCommon):
    """The owner of a scheduled report is the user who schedules it, the
    recipients are internal users unless an accounting manager allows outside
    addresses, a schedule is checked when it is saved, and one failing schedule
    does not stop the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.inventory_manager = new_test_user(
            cls.env,
            "jxc_sched_whm",
            groups="stock.group_stock_manager",
            name="Inventory Manager",
            **company,
        )
        cls.account_manager = new_test_user(
            cls.env,
            "jxc_sched_accm",
            groups="account.group_account_manager,stock.group_stock_user",
            name="Accounting Manager",
            **company,
        )
        cls.colleague = new_test_user(
            cls.env,
            "jxc_sched_colleague",
            groups="stock.group_stock_user",
            name="Colleague",
            email="colleague@example.com",
            **company,
        )
        cls.customer.email = "customer@example.com"
        cls.portal = new_test_user(
            cls.env, "jxc_sched_portal", groups="base.group_portal", **company
        )

    def _values(self, **values):
        return {
            "name": "库存汇总",
            "report": "summary",
            "partner_ids": [(6, 0, self.colleague.partner_id.ids)],
            "next_date": date(2026, 3, 1),
            **values,
        }

    def _create(self, user, **values):
        return (
            self.env["jxc.report.schedule"]
            .with_user(user)
            .with_company(self.company)
            .create(self._values(**values))
        )

    def test_owner_is_who_schedules(self):
        schedule = self._create(self.inventory_manager)
        self.assertEqual(schedule.user_id, self.inventory_manager)
        admin = self.env.ref("base.user_admin")
        with self.assertRaisesRegex(AccessError, "another owner"):
            self._create(self.inventory_manager, user_id=admin.id)
        with self.assertRaisesRegex(AccessError, "another owner"):
            schedule.with_user(self.inventory_manager).user_id = admin
        # nor through the defaults a client sends
        Schedule = self.env["jxc.report.schedule"].with_user(self.inventory_manager)
        with self.assertRaisesRegex(AccessError, "another owner"):
            Schedule.with_context(default_user_id=admin.id).create(self._values())
        with self.assertRaisesRegex(AccessError, "allow outside recipients"):
            Schedule.with_context(default_allow_external=True).create(self._values())
        self.assertEqual(schedule.user_id, self.inventory_manager)
        # an accounting manager chooses another internal owner, not a portal one
        chosen = self._create(self.account_manager, user_id=self.colleague.id)
        self.assertEqual(chosen.user_id, self.colleague)
        with self.assertRaisesRegex(ValidationError, "internal user"):
            self._create(self.account_manager, user_id=self.portal.id)
        # nobody else changes a schedule computed with someone else's rights
        with self.assertRaisesRegex(AccessError, "Only its owner"):
            chosen.with_user(self.inventory_manager).write(
                {"partner_ids": [(4, self.inventory_manager.partner_id.id)]}
            )

    def test_outside_recipients(self):
        outside = {"partner_ids": [(6, 0, self.customer.ids)]}
        with self.assertRaisesRegex(ValidationError, "only be sent to internal users"):
            self._create(self.inventory_manager, **outside)
        with self.assertRaisesRegex(AccessError, "allow outside recipients"):
            self._create(self.inventory_manager, allow_external=True, **outside)
        schedule = self._create(self.inventory_manager)
        with self.assertRaisesRegex(ValidationError, "only be sent to internal users"):
            schedule.with_user(self.inventory_manager).write(outside)
        # an accounting manager allows them
        allowed = self._create(self.account_manager, allow_external=True, **outside)
        self.assertEqual(allowed.partner_ids, self.customer)
        # the owner of an allowed schedule adds no new outside address himself
        allowed.sudo().user_id = self.inventory_manager
        other = self.env["res.partner"].create(
            {"name": "Outsider", "email": "out@example.com"}
        )
        with self.assertRaisesRegex(AccessError, "add recipients outside"):
            allowed.with_user(self.inventory_manager).write(
                {"partner_ids": [(4, other.id)]}
            )

    def test_validated_when_saved(self):
        with self.assertRaisesRegex(ValidationError, "no recipients"):
            self._create(self.inventory_manager, partner_ids=[(5, 0, 0)])
        profile = self.env["jxc.abc.profile"].create(
            {"name": "Never Run", "company_id": self.company.id}
        )
        with self.assertRaisesRegex(ValidationError, "no applied run"):
            self._create(
                self.inventory_manager, report="abc", abc_profile_id=profile.id
            )

    def test_failing_schedule_does_not_stop_the_others(self):
        profile = self.env["jxc.abc.profile"].create(
            {"name": "Run Then Reset", "company_id": self.company.id}
        )
        run = self.env["jxc.abc.run"].create(
            {
                "profile_id": profile.id,
                "company_id": self.company.id,
                "date": date(2026, 2, 28),
                "date_from": date(2026, 1, 1),
                "criterion": "consumption_value",
            }
        )
        run.state = "applied"
        bad = self._create(
            self.inventory_manager,
            name="ABC (bad)",
            report="abc",
            abc_profile_id=profile.id,
        )
        good = self._create(self.inventory_manager, name="Summary (good)")
        # the run is reset after the schedule was saved: it fails when due
        run.state = "draft"
        Mail = self.env["mail.mail"]
        before = Mail.search([])
        self.env["jxc.report.schedule"]._cron_send_due()
        # the reports sent (the failure's activity notifies its owner too)
        mails = (Mail.search([]) - before).filtered("attachment_ids")
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.colleague.partner_id)
        self.assertIn("Summary (good)", mails.subject)
        self.assertEqual(good.send_state, "sent")
        self.assertTrue(good.last_sent)
        self.assertEqual(bad.send_state, "failed")
        self.assertFalse(bad.last_sent)
        self.assertIn("has no applied run yet", bad.last_error)
        activity = bad.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.inventory_manager)
        self.assertEqual(activity.summary, "Scheduled report failed")
        # both are due again next month, not every hour
        self.assertGreater(bad.next_date, date.today())
        self.assertGreater(good.next_date, date.today())
        # fixed: the next sending closes the activity
        run.state = "applied"
        bad.sudo()._jxc_send(date(2026, 3, 10))
        self.assertEqual(bad.send_state, "sent")
        self.assertFalse(bad.activity_ids)

    def test_stored_file_only_for_who_may_read_the_figures(self):
        """The file kept of a sending is read as the report's values are: a
        colleague who may read the schedule, without accounting rights, does
        not open the summary with its cost columns, by any door."""
        schedule = self._create(self.account_manager, name="Summary with values")
        schedule._jxc_send(date(2026, 3, 10))
        Attachment = self.env["ir.attachment"]
        file = schedule.file_ids
        self.assertEqual(len(file), 1)
        self.assertEqual(file.company_id, self.company)
        stored = file.attachment_ids
        self.assertEqual(len(stored), 1)
        self.assertEqual(file.name, stored.name)
        self.assertTrue(stored.name.endswith(".xlsx"))
        self.assertTrue(stored.raw.startswith(b"PK"))
        # the colleague reads the schedule ...
        self.assertFalse(self.colleague.has_group("account.group_account_readonly"))
        as_colleague = schedule.with_user(self.colleague)
        self.assertEqual(as_colleague.name, "Summary with values")
        # ... not its file: neither the attachment, nor the file, nor the field
        with self.assertRaises(AccessError):
            stored.with_user(self.colleague).read(["raw"])
        self.assertFalse(
            Attachment.with_user(self.colleague).search([("id", "=", stored.id)])
        )
        with self.assertRaises(AccessError):
            file.with_user(self.colleague).read(["name"])
        with self.assertRaises(AccessError):
            as_colleague.read(["file_ids"])
        # nor through the mail that carried it
        mail = self.env["mail.mail"].search(
            [("model", "=", schedule._name), ("res_id", "=", schedule.id)]
        )
        self.assertEqual(mail.attachment_ids, stored)
        with self.assertRaises(AccessError):
            mail.mail_message_id.attachment_ids.with_user(self.colleague).read(["raw"])
        # the accounting manager, who may see the values, opens it
        self.assertEqual(stored.with_user(self.account_manager).raw, stored.raw)
        self.assertEqual(schedule.with_user(self.account_manager).file_ids, file)
        # a report of quantities only is read as its schedule is
        alerts = self._create(self.account_manager, name="Alerts", report="alerts")
        alerts._jxc_send(date(2026, 3, 10))
        self.assertFalse(alerts.file_ids)
        counts = Attachment.search(
            [("res_model", "=", alerts._name), ("res_id", "=", alerts.id)]
        )
        self.assertEqual(len(counts), 1)
        self.assertTrue(counts.with_user(self.colleague).raw.startswith(b"PK"))
