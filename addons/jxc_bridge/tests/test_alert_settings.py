from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common_alerts import JxcAlertCommon


@tagged("post_install", "-at_install")
class TestAlertSettings(JxcAlertCommon):
    def test_settings_write_company_and_cron(self):
        cron = self.env.ref("jxc_bridge.ir_cron_jxc_stock_alert_scan")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "hours"))
        self.assertEqual(self.company.jxc_dead_stock_days, 90)
        form = Form(self.env["res.config.settings"])
        self.assertEqual(form.jxc_scan_interval_hours, 1)
        form.jxc_scan_interval_hours = 4
        form.jxc_dead_stock_days = 120
        form.jxc_oversell_policy = "block"
        form.jxc_alert_user_id = self.warehouse_user
        form.jxc_digest_user_ids.add(self.stock_manager)
        form.save().execute()
        self.assertEqual((cron.interval_number, cron.interval_type), (4, "hours"))
        self.assertRecordValues(
            self.company,
            [
                {
                    "jxc_dead_stock_days": 120,
                    "jxc_oversell_policy": "block",
                    "jxc_alert_user_id": self.warehouse_user.id,
                    "jxc_digest_user_ids": self.stock_manager.ids,
                }
            ],
        )
        self.assertEqual(
            self.env["res.config.settings"].create({}).jxc_scan_interval_hours, 4
        )

    def test_invalid_settings(self):
        with self.assertRaisesRegex(ValidationError, "at least one hour"):
            self.env["res.config.settings"].create(
                {"jxc_scan_interval_hours": 0}
            ).execute()
        with self.assertRaisesRegex(ValidationError, "at least one day"):
            self.company.jxc_dead_stock_days = 0

    def test_category_policy_default(self):
        self.assertEqual(self.categ.jxc_oversell_policy, "company")
        self.company.jxc_oversell_policy = "warn"
        self.assertEqual(
            self.categ._jxc_effective_oversell_policy(self.company), "warn"
        )
        self.categ.jxc_oversell_policy = "off"
        self.assertEqual(self.categ._jxc_effective_oversell_policy(self.company), "off")
