from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestPostingQueue(PostingCommon):
    """The queue never stalls: failures wait with a back-off behind queued
    layers, a document is posted whole, a failing group does not stop the
    others, and a failure is reported once per cause."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock2 = cls.account("JXC1408", "Stock Tools")
        cls.input2 = cls.account("JXC2204", "Stock Input Tools", reconcile=True)
        cls.categ2 = cls.categ.copy(
            {
                "name": "JXC Tools",
                "property_stock_valuation_account_id": cls.stock2.id,
                "property_stock_account_input_categ_id": cls.input2.id,
            }
        )
        cls.valve = cls.env["product.product"].create(
            {"name": "Valve", "is_storable": True, "categ_id": cls.categ2.id}
        )

    def activities(self, record):
        return record.activity_ids.filtered(
            lambda a: a.summary == "Stock valuation posting failed"
        )

    def backoff_over(self, layers):
        layers.jxc_posting_retry_at = fields.Datetime.now() - timedelta(minutes=1)

    def test_failed_layers_wait_behind_queued_ones(self):
        self.default_rule("receipt").grouping = "per_picking"
        self.drop_input_account()
        broken = self.picking("in", [(self.product, 4, 2.5), (self.product2, 1, 1.0)])
        fine = self.picking("in", [(self.valve, 2, 3.0)])
        # one run: the broken document fails alone, the other one posts
        self.run_cron()
        failed = self.layers(broken)
        self.assertEqual(set(failed.mapped("jxc_posting_state")), {"failed"})
        self.assertEqual(set(failed.mapped("jxc_posting_error_code")), {"odoo"})
        self.assertEqual(set(failed.mapped("jxc_posting_attempts")), {1})
        self.assertFalse(failed.account_move_id)
        self.assertEqual(self.layers(fine).jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock2), 6.0)
        self.assertEqual(len(self.activities(broken)), 1)
        # back-off: the next run leaves them alone
        self.assertFalse(self.run_cron())
        self.assertEqual(set(failed.mapped("jxc_posting_attempts")), {1})
        # queued layers first, whatever the number of failed ones
        self.backoff_over(failed)
        queued = self.picking("in", [(self.valve, 1, 3.0)])
        posted = self.Layer._cron_jxc_post_queue(limit=1)
        self.assertEqual(posted, self.layers(queued))
        self.assertEqual(set(failed.mapped("jxc_posting_attempts")), {1})
        # then the failed ones, again failing for the same cause: the retry
        # waits twice as long, and no second activity once the first is done
        self.activities(broken).action_feedback(feedback="looking into it")
        self.assertFalse(self.run_cron())
        self.assertEqual(set(failed.mapped("jxc_posting_attempts")), {2})
        wait = failed[0].jxc_posting_retry_at - fields.Datetime.now()
        self.assertGreater(wait, timedelta(minutes=29))
        self.assertLess(wait, timedelta(minutes=31))
        self.assertFalse(self.activities(broken))
        # fixing the category ends the back-off: the next run posts
        self.categ.property_stock_account_input_categ_id = self.input_account
        self.run_cron()
        self.assertEqual(set(failed.mapped("jxc_posting_state")), {"posted"})
        self.assertEqual(set(failed.mapped("jxc_posting_attempts")), {0})
        self.assertEqual(self.balance(self.stock_account), 11.0)
        self.assertEqual(self.balance(self.input_account), -11.0)

    def test_a_document_is_claimed_whole(self):
        self.default_rule("receipt").grouping = "per_picking"
        picking = self.picking(
            "in",
            [(self.product, 4, 2.5), (self.product2, 1, 1.0), (self.valve, 2, 3.0)],
        )
        layers = self.layers(picking)
        posted = self.Layer._cron_jxc_post_queue(limit=2)
        self.assertEqual(posted, layers)
        self.assertEqual(len(layers.account_move_id), 1)
        self.assertEqual(len(layers.jxc_link_ids.account_move_id), 1)

    def test_rule_conflict_is_never_posted_with_odoo_accounts(self):
        rule = self.default_rule("receipt")
        twin = rule.copy({"name": "Twin"})
        self.env.cr.execute(
            "UPDATE jxc_posting_rule SET sequence = %s WHERE id = %s",
            [rule.sequence, twin.id],
        )
        twin.invalidate_recordset(["sequence"])
        picking = self.picking("in", [(self.product, 4, 2.5)])
        layer = self.layers(picking)
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertEqual(layer.jxc_posting_error_code, "rule_conflict")
        for _run in range(2):
            self.backoff_over(layer)
            self.run_cron()
            self.assertEqual(layer.jxc_posting_state, "failed")
            self.assertFalse(layer.account_move_id)
            self.assertEqual(self.balance(self.stock_account), 0.0)
            self.assertEqual(self.balance(self.input_account), 0.0)
        self.assertEqual(len(self.activities(picking)), 1)
        twin.sequence = rule.sequence + 1
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 10.0)

    def test_failure_shown_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        rule = self.default_rule("receipt")
        twin = rule.copy({"name": "Twin"})
        self.env.cr.execute(
            "UPDATE jxc_posting_rule SET sequence = %s WHERE id = %s",
            [rule.sequence, twin.id],
        )
        twin.invalidate_recordset(["sequence"])
        # stored as a cause: read in English, then in Chinese
        picking = self.picking("in", [(self.product, 4, 2.5)])
        layer = self.layers(picking)
        self.assertRegex(
            layer.with_context(lang="en_US").jxc_posting_error, "^Rule conflict"
        )
        self.assertRegex(
            layer.with_context(lang="zh_CN").jxc_posting_error, "^规则冲突"
        )
        self.assertRegex(
            picking.with_context(lang="zh_CN").jxc_posting_error, "规则冲突"
        )
        self.assertEqual(
            self.Layer.search([("jxc_posting_error", "ilike", "rule conflict")]), layer
        )

    def test_hard_lock_date_posts_at_the_first_open_date(self):
        self.default_rule("receipt").grouping = "per_picking"
        picking = self.picking("in", [(self.product, 4, 2.5)])
        layer = self.layers(picking)
        two_days_ago = fields.Date.subtract(self.today(), days=2)
        layer.jxc_posting_date = two_days_ago
        self.company.hard_lock_date = self.yesterday()
        self.run_cron()
        self.assertEqual(layer.jxc_posting_state, "posted")
        self.assertEqual(layer.account_move_id.date, self.today())
        self.assertEqual(self.balance(self.stock_account), 10.0)


@tagged("post_install", "-at_install")
class TestNarrationTemplates(PostingCommon):
    """A narration that cannot be rendered is refused when saved, also as a
    translation; one planted in the database fails the layer, never the
    operation or the queue."""

    def test_refused_on_save(self):
        rule = self.default_rule("receipt")
        for template in ("{document:d}", "{date!x}", "{0}", "{document.name}"):
            with self.assertRaises(ValidationError, msg=template):
                rule.narration_template = template
        rule.narration_template = "入库 {document}"
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaisesRegex(ValidationError, r"\{单据\}"):
            rule.update_field_translations(
                "narration_template", {"zh_CN": "{单据} 入库"}
            )
        rule.update_field_translations(
            "narration_template", {"zh_CN": "{document} 入库"}
        )
        self.assertEqual(
            rule.with_context(lang="zh_CN").narration_template, "{document} 入库"
        )

    def plant(self, rule, template):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE jxc_posting_rule SET narration_template = %s WHERE id = %s",
            [f'{{"en_US": "{template}"}}', rule.id],
        )
        rule.invalidate_recordset(["narration_template"])

    def test_rendering_error_fails_the_layer_not_the_validation(self):
        self.plant(self.default_rule("receipt"), "{document:d}")
        picking = self.picking("in", [(self.product, 4, 2.5)])
        self.assertEqual(picking.state, "done")
        layer = self.layers(picking)
        self.assertEqual(layer.jxc_posting_state, "failed")
        self.assertEqual(layer.jxc_posting_error_code, "narration")
        self.assertIn("cannot be written", layer.jxc_posting_error)
        self.assertEqual(self.product.qty_available, 4)
        self.assertEqual(self.balance(self.stock_account), 0.0)

    def test_rendering_error_in_a_group_fails_only_that_group(self):
        receipt = self.default_rule("receipt")
        receipt.grouping = "per_picking"
        delivery = self.default_rule("delivery")
        delivery.grouping = "per_picking"
        self.plant(delivery, "{date!x}")
        received = self.picking("in", [(self.product, 10, 2.0)])
        delivered = self.picking("out", [(self.product, 4, 0.0)])
        self.run_cron()
        self.assertEqual(self.layers(received).jxc_posting_state, "posted")
        self.assertEqual(self.layers(delivered).jxc_posting_state, "failed")
        self.assertEqual(self.layers(delivered).jxc_posting_error_code, "narration")
        self.assertEqual(self.balance(self.stock_account), 20.0)
        delivery.narration_template = "{document}"
        self.run_cron()
        self.assertEqual(self.layers(delivered).jxc_posting_state, "posted")
        self.assertEqual(self.balance(self.stock_account), 12.0)
