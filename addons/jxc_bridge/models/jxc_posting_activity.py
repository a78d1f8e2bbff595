# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from . import jxc_posting_failure as failure

_logger = logging.getLogger(__name__)

# a failed layer waits this long before its next retry, doubled at each
# failure up to a day; a change that may fix it wakes it up at once
RETRY_FIRST = timedelta(minutes=15)
RETRY_MAX = timedelta(days=1)


class JxcPostingActivity(models.AbstractModel):
    """Failures of the engine: the layer keeps the cause (a code and its
    arguments), waits with a back-off before its next retry, and the
    accountants get one activity per document and cause. A part of
    ``jxc.posting.engine``."""

    _name = "jxc.posting.activity"
    _description = "Valuation Posting Failures"

    @api.model
    def _failure_summary(self):
        return self.env._("Stock valuation posting failed")

    @api.model
    def _mark_failed(self, layers, error):
        """Fail ``layers`` with ``error`` (a PostingFailure, or an error of
        Odoo's); the next retry waits, longer at each failure. An activity
        only for the layers whose cause is new."""
        code, args = failure.encode(error)
        _logger.info("jxc posting of layers %s failed: %s (%s)", layers.ids, code, args)
        now = fields.Datetime.now()
        new_cause = layers.filtered(
            lambda x: (
                x.jxc_posting_state != "failed"
                or x.jxc_posting_error_code != code
                or x.jxc_posting_error_args != args
            )
        )
        for attempts in set(layers.mapped("jxc_posting_attempts")):
            delay = min(RETRY_FIRST * 2**attempts, RETRY_MAX)
            layers.filtered(lambda x, a=attempts: x.jxc_posting_attempts == a).write(
                {
                    "jxc_posting_state": "failed",
                    "jxc_posting_error_code": code,
                    "jxc_posting_error_args": args,
                    "jxc_posting_attempts": attempts + 1,
                    "jxc_posting_retry_at": now + delay,
                }
            )
        self._notify_failure(new_cause)

    @api.model
    def _wake_failed(self, companies=None):
        """A change that may fix failed postings (a rule, an account of a
        category, a journal, a lock date): their back-off ends now."""
        query = SQL(
            """
            UPDATE stock_valuation_layer
               SET jxc_posting_retry_at = NULL
             WHERE jxc_posting_state = 'failed'
               AND jxc_posting_retry_at IS NOT NULL
            """
        )
        if companies:
            query = SQL("%s AND company_id IN %s", query, tuple(companies.ids))
        self.env.flush_all()
        self.env.cr.execute(query)
        if self.env.cr.rowcount:
            self.env["stock.valuation.layer"].invalidate_model(["jxc_posting_retry_at"])

    # ---------------------------------------------------------- activities
    @api.model
    def _document(self, layer):
        """The business record a layer's posting is reported on."""
        move = layer.stock_move_id or layer.stock_valuation_layer_id.stock_move_id
        if move.picking_id:
            return move.picking_id
        if move.scrap_id and "activity_ids" in move.scrap_id._fields:
            return move.scrap_id
        return layer.product_id.product_tmpl_id

    @api.model
    def _document_domain(self, document):
        if document._name == "stock.picking":
            return [("jxc_picking_id", "=", document.id)]
        if document._name == "stock.scrap":
            return [("stock_move_id.scrap_id", "=", document.id)]
        return [("product_id.product_tmpl_id", "=", document.id)]

    @api.model
    def _notify_failure(self, layers):
        """One open activity per document for the accountants, with the
        cause in the language of whoever reads it."""
        summary = self._failure_summary()
        done = set()
        for layer in layers:
            document = self._document(layer)
            if (document._name, document.id) in done:
                continue
            done.add((document._name, document.id))
            if document.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                continue
            user = layer.jxc_posting_rule_id.user_id or self._default_accountant(
                layer.company_id
            )
            document.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=failure.render(
                    self.with_context(lang=user.lang).env,
                    layer.jxc_posting_error_code,
                    layer.jxc_posting_error_args,
                ),
                user_id=user.id,
            )

    @api.model
    def _default_accountant(self, company):
        group = self.env.ref("account.group_account_manager")
        users = group.users.filtered(
            lambda u: company in u.company_ids and not u.share and u.active
        )
        return users[:1] or self.env.user

    @api.model
    def _close_activities(self, layers):
        Layer = self.env["stock.valuation.layer"]
        summary = self._failure_summary()
        documents = {self._document(layer) for layer in layers}
        for document in documents:
            failing = Layer.search_count(
                self._document_domain(document) + [("jxc_posting_state", "=", "failed")]
            )
            if not failing:
                activities = document.activity_ids.filtered(
                    lambda a, s=summary: a.summary == s
                )
                activities.sudo().action_feedback(
                    feedback=self.env._("Posted by the posting queue.")
                )
