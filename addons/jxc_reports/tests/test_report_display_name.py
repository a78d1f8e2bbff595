from datetime import date

from odoo.tests import tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestReportDisplayName(JxcReportsCommon):
    """A report wizard is named by its report and period (breadcrumbs, search
    facet of its lines), and its lines open in the current window of the app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", "jxc_reports")]
        )._update_translations(["zh_CN"])

    def _wizards(self):
        period = {"date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)}
        profile = self.env["jxc.abc.profile"].create(
            {"name": "Report Profile", "company_id": self.company.id}
        )
        run = self.env["jxc.abc.run"].create(
            {
                "profile_id": profile.id,
                "company_id": self.company.id,
                "date": date(2026, 3, 31),
                "date_from": date(2026, 1, 1),
                "criterion": "consumption_value",
            }
        )
        return {
            "jxc.stock.summary.wizard": (
                period,
                "Stock Movement Summary 2026-02-01 – 2026-02-28",
            ),
            "jxc.stock.card.wizard": (
                {**period, "product_id": self.product_b.id},
                "Stock Card JXC Product B 2026-02-01 – 2026-02-28",
            ),
            "jxc.gross.margin.wizard": (
                period,
                "Gross Margin 2026-02-01 – 2026-02-28",
            ),
            "jxc.stock.turnover.wizard": (
                period,
                "Inventory Turnover 2026-02-01 – 2026-02-28",
            ),
            "jxc.stock.aging.wizard": (
                {"date": date(2026, 3, 1)},
                "Stock Aging 2026-03-01",
            ),
            "jxc.valuation.ledger.wizard": (
                {"date": date(2026, 3, 1)},
                "Valuation vs Ledger 2026-03-01",
            ),
            "jxc.stock.alert.report.wizard": ({}, "Stock Alerts"),
            "jxc.abc.report.wizard": (
                {"run_id": run.id},
                f"ABC Analysis {run.display_name}",
            ),
        }

    def test_every_report_named_by_period(self):
        for model, (values, name) in self._wizards().items():
            wizard = self.env[model].create(values)
            self.assertEqual(wizard.display_name, name, model)
            action = wizard.action_view_lines()
            self.assertEqual(action["name"], name, model)
            self.assertEqual(action["target"], "current", model)
            self.assertEqual(action["context"]["search_default_wizard_id"], wizard.id)
            # a stored action of the lines, with the wizard as active_id: the web
            # client keeps both in the URL, so a reload shows the same lines
            stored = self.env.ref(
                f"jxc_reports.{action['res_model'].replace('.', '_')}_action"
            )
            self.assertEqual(action["id"], stored.id, model)
            self.assertEqual(stored.domain, "[('wizard_id', '=', active_id)]")
            self.assertEqual(action["context"]["active_id"], wizard.id)
            self.assertEqual(action["domain"], [("wizard_id", "=", wizard.id)])

    def test_name_in_chinese(self):
        wizard = (
            self.env["jxc.stock.summary.wizard"]
            .with_context(lang="zh_CN")
            .create({"date_from": date(2026, 10, 1), "date_to": date(2026, 10, 31)})
        )
        self.assertEqual(wizard.display_name, "进销存汇总表 2026-10-01 – 2026-10-31")
        search = self.env["jxc.stock.summary.line"].with_context(lang="zh_CN")
        arch = search.get_view(view_type="search")["arch"]
        self.assertIn('string="报表"', arch)
