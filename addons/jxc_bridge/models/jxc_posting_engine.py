# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict

from psycopg2 import IntegrityError

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import switches
from . import jxc_posting_batch as posting_batch
from .jxc_posting_failure import PostingFailure

_logger = logging.getLogger(__name__)

# groupings that post one voucher per document: a document is claimed whole
DOCUMENT_GROUPINGS = ("per_picking", "summary_picking")
# groupings that post one voucher per rule and day, once the day is over
DAY_GROUPINGS = ("per_day", "summary_day")


class JxcPostingEngine(models.AbstractModel):
    """The posting engine: the queue, its batches, the grouping of layers into
    vouchers and their posting. The values of a voucher are built in
    ``jxc_posting_voucher.py``, failures recorded in
    ``jxc_posting_activity.py``, undone entries requeued in
    ``jxc_posting_requeue.py``."""

    _name = "jxc.posting.engine"
    _inherit = ("jxc.posting.voucher", "jxc.posting.activity", "jxc.posting.requeue")
    _description = "Valuation Posting Engine"

    # ------------------------------------------------------------ per move
    @api.model
    def _post_per_move(self, layers, queued=False):
        """Odoo's own entries (one per layer), rule accounts applied; a failing
        layer is marked failed instead of blocking the operation."""
        if not layers:
            return layers.browse()
        posted = layers.browse()
        for company in layers.company_id:
            mine = layers.filtered(lambda x, c=company: x.company_id == c)
            with posting_batch.opened(self.env, mine, queued=queued) as batch:
                self._render_narrations(batch, mine)
                broken = mine.filtered(lambda x, b=batch: x.id in b.narration_errors)
                for layer in broken:
                    self._mark_failed(layer, batch.narration_errors[layer.id])
                posted |= self._post_odoo_entries(batch, mine - broken)
        return posted

    @api.model
    def _post_odoo_entries(self, batch, layers):
        if not layers:
            return layers
        # Odoo posts an entry dated after "today" later: today is the
        # company's, as the entry's date is
        tz = self.env["jxc.valuation"]._tz(layers.company_id).zone
        try:
            with self.env.cr.savepoint():
                for day in {self._entry_date(batch, layer) for layer in layers}:
                    self._check_lock_date(layers.company_id, day)
                layers.with_context(tz=tz)._jxc_odoo_accounting_entries()
                self._link_own_entries(layers)
            return layers
        except (UserError, ValidationError) as error:
            if len(layers) == 1:
                self._mark_failed(layers, error)
                return layers.browse()
            posted = layers.browse()
            for layer in layers:
                posted |= self._post_odoo_entries(batch, layer)
            return posted

    @api.model
    def _link_own_entries(self, layers):
        """Link each layer to the entry Odoo made for it, all its items."""
        links = [
            {
                "layer_id": layer.id,
                "account_move_id": layer.account_move_id.id,
                "line_ids": [Command.set(layer.account_move_id.line_ids.ids)],
            }
            for layer in layers
            if layer.account_move_id
        ]
        self.env["jxc.posting.link"].sudo().create(links)
        self._mark_posted(layers)

    @api.model
    def _mark_posted(self, layers):
        retried = layers.filtered(
            lambda x: x.jxc_posting_error_code or x.jxc_posting_attempts
        )
        (layers - retried).write({"jxc_posting_state": "posted"})
        retried.write(
            {
                "jxc_posting_state": "posted",
                "jxc_posting_error_code": False,
                "jxc_posting_error_args": False,
                "jxc_posting_retry_at": False,
                "jxc_posting_attempts": 0,
            }
        )

    # ---------------------------------------------------------- entry date
    @api.model
    def _entry_date(self, batch, layer):
        """The date of a layer's entry: the local day of its operation, or the
        first open day after the company's month close or Odoo's hard lock
        date (which nobody may post before) when it is posted later."""
        day = layer.jxc_posting_date or layer._jxc_operation_day()
        company = layer.company_id
        lock_date = company.jxc_stock_lock_date
        if lock_date and day <= lock_date:
            day = fields.Date.add(lock_date, days=1)
        hard_lock = company.sudo().user_hard_lock_date
        if hard_lock and day <= hard_lock:
            day = fields.Date.add(hard_lock, days=1)
        return day

    @api.model
    def _check_lock_date(self, companies, date):
        for company in companies:
            violations = company._get_lock_date_violations(
                date, fiscalyear=True, sale=False, purchase=False, tax=False, hard=True
            )
            if violations:
                raise PostingFailure(
                    self.env,
                    "locked_period",
                    date=fields.Date.to_string(date),
                    company=company.id,
                    locks=[[fields.Date.to_string(d), f] for d, f in violations],
                )

    # -------------------------------------------------------------- queued
    @api.model
    def _post_queued(self, layers):
        """Post queued or failed layers by group; each group all or nothing.
        Returns the layers posted."""
        Layer = self.env["stock.valuation.layer"]
        unruled = layers.filtered(
            lambda x: not x.jxc_posting_rule_id or not x.jxc_operation_kind
        )
        unruled._jxc_assign_rules()
        # a rule conflict stays failed until the rules are fixed: never posted
        # with Odoo's accounts meanwhile
        todo = layers.filtered(
            lambda x: (
                x.jxc_posting_state == "to_post"
                or (
                    x.jxc_posting_state == "failed"
                    and x.jxc_posting_error_code != "rule_conflict"
                )
            )
        )
        groups = defaultdict(list)
        for layer in todo:
            groups[self._group_key(layer)].append(layer.id)
        per_move = Layer.browse(
            [i for key, ids in groups.items() if key[0] == "per_move" for i in ids]
        )
        posted = self._post_per_move(per_move, queued=True)
        grouped = [
            Layer.browse(ids) for key, ids in groups.items() if key[0] != "per_move"
        ]
        if grouped:
            try:
                with self.env.cr.savepoint():
                    self._post_groups(grouped)
                posted |= Layer.union(*grouped)
                grouped = []
            except (IntegrityError, UserError, ValidationError) as error:
                # a group fails or was posted meanwhile (the savepoint dropped
                # the batch): each group on its own, all or nothing
                _logger.info("jxc batch posting retried group by group: %s", error)
        for group in grouped:
            try:
                with self.env.cr.savepoint():
                    self._post_groups([group])
                posted |= group
            except IntegrityError:
                # another server posted these layers meanwhile: the unique link
                # refused a second voucher, which the savepoint dropped
                _logger.info("jxc layers %s already posted, skipped", group.ids)
            except (UserError, ValidationError) as error:
                self._mark_failed(group, error)
        self._close_activities(posted)
        return posted

    @api.model
    def _post_groups(self, groups):
        """One voucher per group of layers; the vouchers of all groups are
        created, posted and linked in one batch."""
        Layer = self.env["stock.valuation.layer"]
        layers = Layer.union(*groups)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT layer_id FROM jxc_posting_link WHERE layer_id IN %s",
            [tuple(layers.ids)],
        )
        linked = Layer.browse([row[0] for row in self.env.cr.fetchall()])
        if linked:
            # already posted (by another server): never a second voucher
            self._mark_posted(linked)
            for layer in linked.filtered(lambda x: not x.account_move_id):
                layer.account_move_id = layer.jxc_link_ids.account_move_id
        todo = layers - linked
        with posting_batch.opened(self.env, todo, queued=True) as batch:
            moves = todo.stock_move_id | todo.stock_valuation_layer_id.stock_move_id
            batch.move_directions = moves._get_move_directions()
            batch.no_analytic_models = self._without_analytic_models(todo)
            self._render_narrations(batch, todo)
            prepared, vals_list = [], []
            for group in groups:
                group -= linked
                if not group:
                    continue
                vals, sources = self._voucher_vals(batch, group)
                if vals:
                    prepared.append((group, sources))
                    vals_list.append(vals)
                else:
                    self._link_own_entries(group)
        account_moves = self.env["account.move"].sudo().create(vals_list)
        # dated by the operation's local day, never in the future
        account_moves._post(soft=False)
        link_vals = []
        for (group, sources), account_move in zip(prepared, account_moves, strict=True):
            lines_by_layer = defaultdict(list)
            for line, layer_ids in zip(
                account_move.line_ids.sorted("id"), sources, strict=True
            ):
                for layer_id in layer_ids:
                    lines_by_layer[layer_id].append(line.id)
            link_vals += [
                {
                    "layer_id": layer.id,
                    "account_move_id": account_move.id,
                    "line_ids": [Command.set(lines_by_layer[layer.id])],
                }
                for layer in group
            ]
        self.env["jxc.posting.link"].sudo().create(link_vals)
        posted = Layer.union(*(group for group, _sources in prepared))
        self._mark_posted(posted)
        # Odoo's matching of interim accounts, once for the whole batch, for
        # the layers that have something to match
        to_match = self._to_match(posted)
        if to_match:
            with switches.no_entries(self.env, to_match.ids):
                to_match._jxc_odoo_accounting_entries()
        return account_moves

    # --------------------------------------------------------------- queue
    @api.model
    def _eligible_sql(self):
        """Queued layers, and failed ones whose back-off is over."""
        return SQL(
            """svl.account_move_id IS NULL
               AND (svl.jxc_posting_state = 'to_post'
                    OR (svl.jxc_posting_state = 'failed'
                        AND (svl.jxc_posting_retry_at IS NULL
                             OR svl.jxc_posting_retry_at <= %s)))""",
            fields.Datetime.now(),
        )

    @api.model
    def _queue_query(self, limit):
        """The layers to post now, locked: queued layers first, failed ones
        after them once their back-off is over; a daily voucher waits for the
        end of its day in its company's calendar."""
        Valuation = self.env["jxc.valuation"]
        todays = SQL(", ").join(
            SQL("(%s, %s::date)", company.id, Valuation._today(company))
            for company in self.env["res.company"].sudo().search([])
        )
        return SQL(
            """
            SELECT svl.id
              FROM stock_valuation_layer svl
              JOIN (VALUES %s) AS today(company_id, day)
                ON today.company_id = svl.company_id
              LEFT JOIN jxc_posting_rule rule ON rule.id = svl.jxc_posting_rule_id
             WHERE %s
               AND (COALESCE(rule.grouping, 'per_move') NOT IN %s
                    OR svl.jxc_posting_date < today.day)
             ORDER BY svl.jxc_posting_state = 'failed', svl.id
             LIMIT %s
               FOR UPDATE OF svl SKIP LOCKED
            """,
            todays,
            self._eligible_sql(),
            DAY_GROUPINGS,
            limit,
        )

    @api.model
    def _claim(self, limit):
        """The ids of the layers this run posts, locked: at most ``limit``
        layers, plus the rest of each document whose voucher they start (a
        document is never split across batches). A document another server
        holds part of is left to it."""
        self.env.flush_all()
        ids = [row[0] for row in self.env.execute_query(self._queue_query(limit))]
        if not ids:
            return ids
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT svl.jxc_picking_id
                  FROM stock_valuation_layer svl
                  JOIN jxc_posting_rule rule ON rule.id = svl.jxc_posting_rule_id
                 WHERE svl.id IN %s AND svl.jxc_picking_id IS NOT NULL
                   AND rule.grouping IN %s
                """,
                tuple(ids),
                DOCUMENT_GROUPINGS,
            )
        )
        pickings = tuple(row[0] for row in rows)
        if not pickings:
            return ids
        siblings = SQL(
            """
            SELECT svl.id, svl.jxc_picking_id
              FROM stock_valuation_layer svl
             WHERE svl.jxc_picking_id IN %s
               AND svl.account_move_id IS NULL
               AND svl.jxc_posting_state IN ('to_post', 'failed')
               AND svl.id NOT IN %s
            """,
            pickings,
            tuple(ids),
        )
        wanted = self.env.execute_query(siblings)
        locked = {
            row[0]
            for row in self.env.execute_query(
                SQL("%s FOR UPDATE OF svl SKIP LOCKED", siblings)
            )
        }
        held_elsewhere = {
            picking for layer_id, picking in wanted if layer_id not in locked
        }
        if held_elsewhere:
            Layer = self.env["stock.valuation.layer"]
            dropped = Layer.browse(ids).filtered(
                lambda x: x.jxc_picking_id.id in held_elsewhere
            )
            ids = [i for i in ids if i not in set(dropped.ids)]
        return ids + [i for i, picking in wanted if picking not in held_elsewhere]

    @api.model
    def _cron_post_queue(self, limit=1000):
        """Post the queue in batches; several servers may run it at once.
        Layers whose entry was deleted or cancelled meanwhile are queued again
        first."""
        Layer = self.env["stock.valuation.layer"]
        Layer._jxc_requeue_unposted()
        ids = self._claim(limit)
        posted = self._post_queued(Layer.browse(ids))
        self.env.flush_all()
        remaining = self.env.execute_query(
            SQL(
                "SELECT count(*) FROM stock_valuation_layer svl WHERE %s",
                self._eligible_sql(),
            )
        )[0][0]
        self.env["ir.cron"]._notify_progress(
            done=len(posted), remaining=remaining if len(ids) >= limit else 0
        )
        return posted
