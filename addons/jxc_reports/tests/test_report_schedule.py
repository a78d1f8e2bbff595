from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestReportSchedule(JxcReportsCommon):
    def _schedule(self, **values):
        return self.env["jxc.report.schedule"].create(
            {
                "name": "月度进销存汇总",
                "partner_ids": [(6, 0, self.customer.ids)],
                # an outside address: allowed by an accounting manager
                "allow_external": True,
                "next_date": date(2026, 3, 1),
                **values,
            }
        )

    def test_periods(self):
        dates = self.env["jxc.report.schedule"]._jxc_period_dates
        today = date(2026, 3, 15)
        self.assertEqual(
            dates("last_month", today), (date(2026, 2, 1), date(2026, 2, 28))
        )
        self.assertEqual(dates("this_month", today), (date(2026, 3, 1), today))
        self.assertEqual(
            dates("last_7_days", today), (date(2026, 3, 8), date(2026, 3, 14))
        )
        self.assertEqual(
            dates("yesterday", today), (date(2026, 3, 14), date(2026, 3, 14))
        )

    def test_send_creates_mail_with_attachment(self):
        self.customer.email = "customer@example.com"
        schedule = self._schedule(
            warehouse_ids=[(6, 0, self.wh2.ids)], file_format="xlsx"
        )
        mails = schedule._jxc_send(date(2026, 3, 10))
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.customer)
        self.assertIn("月度进销存汇总", mails.subject)
        self.assertEqual(len(mails.attachment_ids), 1)
        self.assertTrue(mails.attachment_ids.name.endswith(".xlsx"))
        # the attachment is February's summary of WH2: closing 7 units of A
        wizard = self.env["jxc.stock.summary.wizard"].search(
            [], order="id desc", limit=1
        )
        self.assertEqual(
            (wizard.date_from, wizard.date_to), (date(2026, 2, 1), date(2026, 2, 28))
        )
        self.assertEqual(wizard.warehouse_ids, self.wh2)
        self.assertEqual(wizard.line_ids.closing_qty, 7)

    def test_cron_sends_due_and_moves_next_date(self):
        self.customer.email = "customer@example.com"
        due = self._schedule(frequency="monthly", report="aging")
        later = self._schedule(next_date=date(2999, 1, 1))
        mails_before = self.env["mail.mail"].search_count([])
        self.env["jxc.report.schedule"]._cron_send_due()
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 1)
        self.assertGreater(due.next_date, date.today())
        self.assertEqual(due.next_date.day, 1)
        self.assertFalse(later.last_sent)

    def test_no_recipient(self):
        with self.assertRaisesRegex(ValidationError, "no recipients"):
            self._schedule(partner_ids=[(5, 0, 0)])
        schedule = self._schedule(active=False, partner_ids=[(5, 0, 0)])
        with self.assertRaisesRegex(UserError, "no recipients"):
            schedule._jxc_send(date(2026, 3, 10))
