# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models
from odoo.tools import SQL

from .jxc_posting_failure import PostingFailure

_logger = logging.getLogger(__name__)


class JxcPostingRequeue(models.AbstractModel):
    """Entries undone after posting: a layer whose entry is reset to draft,
    cancelled or deleted is posted no more, and goes back to the queue. A part
    of ``jxc.posting.engine``."""

    _name = "jxc.posting.requeue"
    _description = "Valuation Posting Requeue"

    @api.model
    def _entry_undone(self, layers, entries, reason):
        """These layers' entries ``entries`` are reset to draft (``reason``
        "draft"), cancelled or deleted: a layer is posted no more. Reset to
        draft, it fails with the reason and stays with its entry (posting that
        entry again posts it); cancelled or deleted, it leaves the entry and
        goes back to the queue."""
        states = ("posted",) if reason == "draft" else ("posted", "failed")
        layers = layers.filtered(lambda x: x.jxc_posting_state in states)
        if not layers:
            return
        layers = layers.sudo()
        if reason == "draft":
            for entry in entries:
                mine = layers.filtered(
                    lambda x, e=entry: (
                        x.account_move_id == e or e in x.jxc_link_ids.account_move_id
                    )
                )
                self._mark_failed(
                    mine,
                    PostingFailure(self.env, "entry_draft", entry=entry.id),
                )
            return
        layers.jxc_link_ids.exists().unlink()
        layers.filtered(lambda x: x.account_move_id in entries).account_move_id = False
        layers.write(
            {
                "jxc_posting_state": "to_post",
                "jxc_posting_error_code": False,
                "jxc_posting_error_args": False,
                "jxc_posting_retry_at": False,
            }
        )

    @api.model
    def _entry_reposted(self, layers):
        """These layers' entry, reset to draft, is posted again."""
        layers = layers.filtered(
            lambda x: x.jxc_posting_state == "failed" and x.jxc_link_ids
        ).sudo()
        self._mark_posted(layers)
        self._close_activities(layers)

    @api.model
    def _requeue_unposted(self, companies=None):
        """The safety net: layers marked posted whose entry is not posted (deleted
        or changed outside the ORM) go back to the queue, or fail with the
        reason when the entry is a draft. Returns those layers."""
        self.env.flush_all()
        query = SQL(
            """
            SELECT svl.id, am.id, am.state
              FROM stock_valuation_layer svl
              LEFT JOIN account_move am ON am.id = svl.account_move_id
             WHERE svl.jxc_posting_state = 'posted'
               AND (am.id IS NULL OR am.state != 'posted')
               AND NOT EXISTS (
                    SELECT 1
                      FROM jxc_posting_link link
                      JOIN account_move linked ON linked.id = link.account_move_id
                     WHERE link.layer_id = svl.id AND linked.state = 'posted')
            """
        )
        if companies:
            query = SQL("%s AND svl.company_id IN %s", query, tuple(companies.ids))
        rows = self.env.execute_query(query)
        layers = (
            self.env["stock.valuation.layer"].sudo().browse([row[0] for row in rows])
        )
        drafts = {row[0] for row in rows if row[2] == "draft"}
        Move = self.env["account.move"].sudo()
        for layer in layers.filtered(lambda x: x.id in drafts):
            self._entry_undone(layer, layer.account_move_id, "draft")
        gone = layers.filtered(lambda x: x.id not in drafts)
        self._entry_undone(
            gone,
            Move.browse({row[1] for row in rows if row[1] and row[0] not in drafts}),
            "deleted",
        )
        if layers:
            _logger.info("jxc layers %s posted no more: queued again", layers.ids)
        return layers
