from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingRulePreview(PostingCommon):
    """The preview of a rule is a dialog with its own title, wide enough for
    accounts and amounts, listing a voucher's debit lines before its credit
    lines."""

    def test_preview_dialog_title_size_and_debit_first(self):
        picking = self.picking("in", [(self.product, 10, 5.0), (self.product2, 2, 3.0)])
        rule = self.default_rule("receipt")
        rule.credit_account_id = self.other_account
        action = rule.action_preview()
        self.assertEqual(
            (action["name"], action["target"], action["context"]),
            (
                "Voucher Preview",
                "new",
                {"dialog_size": "extra-large", "default_rule_id": rule.id},
            ),
        )
        preview = (
            self.env["jxc.posting.rule.preview"]
            .with_context(**action["context"])
            .create({"picking_id": picking.id})
        )
        self.assertEqual(preview.rule_id, rule)
        action = preview.action_preview()
        self.assertEqual(
            (action["name"], action["res_id"], action["context"]["dialog_size"]),
            ("Voucher Preview", preview.id, "extra-large"),
        )
        self.assertEqual(
            [(line.account_id, line.debit, line.credit) for line in preview.line_ids],
            [
                (self.stock_account, 50.0, 0.0),
                (self.stock_account, 6.0, 0.0),
                (self.other_account, 0.0, 50.0),
                (self.other_account, 0.0, 6.0),
            ],
        )

    def test_replenish_dialog_is_wide(self):
        for xmlid in (
            "jxc_bridge.jxc_replenish_wizard_action",
            "jxc_bridge.jxc_replenish_wizard_action_product",
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            self.assertEqual(action["context"], "{'dialog_size': 'extra-large'}")
