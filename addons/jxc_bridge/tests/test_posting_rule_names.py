from odoo.tests import TransactionCase, tagged

from .common import load_chinese


@tagged("post_install", "-at_install")
class TestPostingRuleNames(TransactionCase):
    """Default posting rules, created by code, are named in the users' language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.Rule = cls.env["jxc.posting.rule"]

    def names(self, company, lang):
        rules = self.Rule.with_context(lang=lang).search(
            [("company_id", "=", company.id), ("sequence", "=", 100)]
        )
        return {rule.operation_kind: rule.name for rule in rules}

    def test_existing_company_named_when_chinese_is_loaded(self):
        zh = self.names(self.env.company, "zh_CN")
        self.assertEqual(zh["receipt"], "采购入库（默认）")
        self.assertEqual(zh["delivery"], "销售出库（默认）")
        self.assertEqual(len(zh), 10)
        self.assertEqual(
            self.names(self.env.company, "en_US")["receipt"],
            "Receipt from Vendor (default)",
        )

    def test_new_company_named_in_every_language(self):
        company = self.env["res.company"].create({"name": "杭州新公司"})
        self.assertEqual(self.names(company, "zh_CN")["delivery"], "销售出库（默认）")
        self.assertEqual(
            self.names(company, "en_US")["delivery"], "Delivery to Customer (default)"
        )

    def test_default_rules_chatter_starts_with_the_accountants(self):
        """No English "created" line from the system; changes are tracked."""
        company = self.env["res.company"].create({"name": "宁波新公司"})
        rule = self.Rule.search(
            [("company_id", "=", company.id), ("operation_kind", "=", "scrap")]
        )
        self.env.cr.precommit.run()  # the commit after the install
        self.assertFalse(rule.message_ids)
        rule.grouping = "per_day"
        self.env.cr.precommit.run()  # where Odoo writes tracking messages
        rule.invalidate_recordset(["message_ids"])
        self.assertEqual(len(rule.message_ids), 1)
        self.assertEqual(rule.message_ids.tracking_value_ids.field_id.name, "grouping")

    def test_new_company_created_by_a_chinese_user(self):
        company = (
            self.env["res.company"]
            .with_context(lang="zh_CN")
            .create({"name": "苏州新公司"})
        )
        self.assertEqual(self.names(company, "en_US")["scrap"], "Scrap (default)")
        self.assertEqual(self.names(company, "zh_CN")["scrap"], "报废（默认）")

    def test_renamed_rule_kept(self):
        rule = self.Rule.search(
            [
                ("company_id", "=", self.env.company.id),
                ("operation_kind", "=", "receipt"),
                ("sequence", "=", 100),
            ]
        )
        rule.with_context(lang="zh_CN").name = "采购入库凭证"
        self.env["ir.module.module"].search(
            [("name", "=", "jxc_bridge")]
        )._update_translations(["zh_CN"])
        self.assertEqual(rule.with_context(lang="zh_CN").name, "采购入库凭证")
