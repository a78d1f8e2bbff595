# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
from collections import defaultdict

from psycopg2 import IntegrityError

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from ..tools import switches
from . import voucher
from .jxc_posting_rule import OPERATION_KINDS

_logger = logging.getLogger(__name__)

POSTING_STATES = [
    ("not_needed", "Not Needed"),
    ("to_post", "To Post"),
    ("posted", "Posted"),
    ("failed", "Failed"),
]


def _line_key(account_id, product_id, partner_id, analytic, balance):
    return (
        account_id,
        product_id or False,
        partner_id or False,
        json.dumps(analytic or {}, sort_keys=True),
        balance >= 0,
    )


class StockValuationLayer(models.Model):
    _inherit = "stock.valuation.layer"

    jxc_posting_state = fields.Selection(
        POSTING_STATES,
        string="Posting State",
        default="not_needed",
        index=True,
        copy=False,
        readonly=True,
    )
    jxc_posting_error = fields.Text(string="Posting Error", readonly=True, copy=False)
    jxc_posting_rule_id = fields.Many2one(
        "jxc.posting.rule",
        string="Posting Rule",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    jxc_operation_kind = fields.Selection(
        OPERATION_KINDS, string="Operation", readonly=True
    )
    jxc_posting_date = fields.Date(
        string="Accounting Day",
        readonly=True,
        help="The day whose voucher this layer belongs to.",
    )
    jxc_picking_id = fields.Many2one(
        "stock.picking",
        string="Transfer",
        related="stock_move_id.picking_id",
        store=True,
        index="btree_not_null",
    )
    jxc_link_ids = fields.One2many(
        "jxc.posting.link", "layer_id", string="Postings", readonly=True
    )

    # ------------------------------------------------------------ classify
    def _jxc_kind(self):
        self.ensure_one()
        if "stock_landed_cost_id" in self._fields and self.stock_landed_cost_id:
            return "landed_cost"
        move = self.stock_move_id
        if not move or self.stock_valuation_layer_id:
            return "revaluation"
        return move._jxc_operation_kind()

    def _jxc_needs_entry(self):
        return self.filtered(
            lambda layer: (
                layer.with_company(layer.company_id).product_id.valuation == "real_time"
                and not layer.currency_id.is_zero(layer.value)
                and (
                    layer.stock_move_id or layer.stock_valuation_layer_id.stock_move_id
                )
            )
        )

    def _jxc_assign_rules(self):
        """Classify each layer, find its rule and queue it (``to_post``) or
        fail it (rule conflict)."""
        Rule = self.env["jxc.posting.rule"]
        rules = Rule.search(
            [("company_id", "in", self.company_id.ids)], order="sequence, id"
        )
        by_vals = defaultdict(list)
        for layer in self:
            kind = layer._jxc_kind()
            rule, error = Rule.browse(), False
            if kind:
                rule, error = Rule._jxc_match(
                    layer.company_id,
                    kind,
                    layer.warehouse_id,
                    layer.product_id.categ_id,
                    rules=rules,
                )
            by_vals[(kind, rule.id, error)].append(layer.id)
        for (kind, rule_id, error), ids in by_vals.items():
            layers = self.browse(ids)
            layers.write(
                {
                    "jxc_operation_kind": kind,
                    "jxc_posting_rule_id": rule_id,
                    "jxc_posting_state": "failed" if error else "to_post",
                    "jxc_posting_error": error,
                }
            )
            for layer in layers.filtered(lambda x: not x.jxc_posting_date):
                layer.jxc_posting_date = layer._jxc_operation_day()
            if error:
                layers._jxc_notify_failure()

    # ---------------------------------------------------------------- days
    def _jxc_operation_day(self):
        """The company's local day of this layer's operation: the accounting
        date the operation was given (an inventory adjustment's), else the day
        its move was done, else (a correction layer) today."""
        self.ensure_one()
        forced = self.env.context.get("force_period_date")
        if forced:
            return fields.Date.to_date(forced)
        move = self.stock_move_id
        moment = (
            move.date
            if move.date and move.state == "done" and not self.stock_valuation_layer_id
            else fields.Datetime.now()
        )
        return self.env["jxc.valuation"]._local_date(self.company_id, moment)

    def _jxc_entry_date(self):
        """The date of this layer's entry: the day of its operation, or the
        first open day after the company's month close when the queue posts
        it later (as Odoo does for its own lock dates)."""
        self.ensure_one()
        day = self.jxc_posting_date or self._jxc_operation_day()
        lock_date = self.company_id.jxc_stock_lock_date
        if lock_date and day <= lock_date:
            day = fields.Date.add(lock_date, days=1)
        return day

    def _jxc_check_stock_lock(self):
        """Refuse layers whose operation is dated inside a closed month."""
        for company in self.company_id:
            layers = self.filtered(lambda x, c=company: x.company_id == c)
            company._jxc_guard_stock_days(set(layers.mapped("jxc_posting_date")))
            lock_date = company.jxc_stock_lock_date
            for layer in layers:
                if lock_date and layer.jxc_posting_date <= lock_date:
                    raise UserError(
                        self.env._(
                            "Inventory is closed up to %(date)s (month close): "
                            "%(product)s cannot be valued on %(day)s. Date the "
                            "operation after the lock date or ask an accounting "
                            "manager to reopen the month.",
                            date=format_date(self.env, lock_date),
                            product=layer.product_id.display_name,
                            day=format_date(self.env, layer.jxc_posting_date),
                        )
                    )

    # -------------------------------------------------------------- engine
    def _validate_accounting_entries(self):
        if self.env["stock.move"]._jxc_posting_off():
            return super()._validate_accounting_entries()
        valued = self._jxc_needs_entry()
        valued._jxc_assign_rules()
        valued._jxc_check_stock_lock()
        immediate = valued.filtered(
            lambda x: (
                x.jxc_posting_state == "to_post"
                and x.jxc_posting_rule_id.grouping in (False, "per_move")
            )
        )
        immediate._jxc_post_per_move()
        # Odoo's reconciliation of interim accounts for the layers posted
        # elsewhere (queued, failed, not valued): no entry is created here.
        rest = self - immediate
        if rest:
            with switches.no_entries(self.env, rest.ids):
                super(StockValuationLayer, rest)._validate_accounting_entries()
        return None

    def _jxc_check_lock_date(self, date):
        for company in self.company_id:
            violations = company._get_lock_date_violations(
                date, fiscalyear=True, sale=False, purchase=False, tax=False, hard=True
            )
            if violations:
                raise UserError(
                    self.env._(
                        "Locked period: entries on %(date)s are not allowed "
                        "(%(locks)s). Reopen the period or change the lock date, "
                        "then retry.",
                        date=format_date(self.env, date),
                        locks=company._format_lock_dates(violations),
                    )
                )

    def _jxc_post_per_move(self):
        """Odoo's own entries (one per layer), rule accounts applied; a failing
        layer is marked failed instead of blocking the operation."""
        if not self:
            return
        if len(self.company_id) > 1:
            for company in self.company_id:
                self.filtered(
                    lambda x, c=company: x.company_id == c
                )._jxc_post_per_move()
            return
        # Odoo posts an entry dated after "today" later: today is the
        # company's, as the entry's date is
        tz = self.env["jxc.valuation"]._tz(self.company_id).zone
        try:
            with self.env.cr.savepoint():
                for day in {layer._jxc_entry_date() for layer in self}:
                    self._jxc_check_lock_date(day)
                super(
                    StockValuationLayer, self.with_context(tz=tz)
                )._validate_accounting_entries()
                self._jxc_link_posted()
        except (UserError, ValidationError) as error:
            if len(self) > 1:
                for layer in self:
                    layer._jxc_post_per_move()
            else:
                self._jxc_mark_failed(error)

    def _jxc_link_posted(self):
        links = []
        for layer in self:
            move = layer.account_move_id
            if move:
                links.append(
                    {
                        "layer_id": layer.id,
                        "account_move_id": move.id,
                        "line_ids": [Command.set(move.line_ids.ids)],
                    }
                )
        self.env["jxc.posting.link"].sudo().create(links)
        self.write({"jxc_posting_state": "posted", "jxc_posting_error": False})

    def _jxc_mark_failed(self, error):
        message = error.args[0] if error.args else str(error)
        _logger.info("jxc posting of layers %s failed: %s", self.ids, message)
        self.write({"jxc_posting_state": "failed", "jxc_posting_error": message})
        self._jxc_notify_failure()

    def _jxc_document(self):
        """The business record a layer's posting is reported on."""
        self.ensure_one()
        move = self.stock_move_id or self.stock_valuation_layer_id.stock_move_id
        if move.picking_id:
            return move.picking_id
        if move.scrap_id and "activity_ids" in move.scrap_id._fields:
            return move.scrap_id
        return self.product_id.product_tmpl_id

    def _jxc_notify_failure(self):
        """One open activity per document for the accountants."""
        summary = self.env._("Stock valuation posting failed")
        for layer in self:
            document = layer._jxc_document()
            if document.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                continue
            user = layer.jxc_posting_rule_id.user_id or self._jxc_default_accountant(
                layer.company_id
            )
            document.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=layer.jxc_posting_error,
                user_id=user.id,
            )

    def _jxc_default_accountant(self, company):
        group = self.env.ref("account.group_account_manager")
        users = group.users.filtered(
            lambda u: company in u.company_ids and not u.share and u.active
        )
        return users[:1] or self.env.user

    @api.model
    def _jxc_document_domain(self, document):
        if document._name == "stock.picking":
            return [("jxc_picking_id", "=", document.id)]
        if document._name == "stock.scrap":
            return [("stock_move_id.scrap_id", "=", document.id)]
        return [("product_id.product_tmpl_id", "=", document.id)]

    def _jxc_close_activities(self):
        summary = self.env._("Stock valuation posting failed")
        documents = {layer._jxc_document() for layer in self}
        for document in documents:
            failing = self.search_count(
                self._jxc_document_domain(document)
                + [("jxc_posting_state", "=", "failed")]
            )
            if not failing:
                activities = document.activity_ids.filtered(
                    lambda a, s=summary: a.summary == s
                )
                activities.sudo().action_feedback(
                    feedback=self.env._("Posted by the posting queue.")
                )

    # ------------------------------------------------------------ grouped
    def _jxc_narration(self):
        """This layer's narration: from the context's ``jxc_narrations`` when
        it holds it (rendered for a whole batch), else rendered now."""
        self.ensure_one()
        narrations = self.env.context.get("jxc_narrations")
        if narrations is None or self.id not in narrations:
            narrations = self._jxc_narrations()
        return narrations[self.id]

    def _jxc_narrations(self):
        """The narration of each layer by id (False without a template),
        rendered for all these layers at once: each day is formatted once."""
        days, narrations = {}, {}
        for layer in self:
            rule = layer.jxc_posting_rule_id
            if not rule.narration_template:
                narrations[layer.id] = False
                continue
            day = layer.jxc_posting_date
            if day not in days:
                days[day] = format_date(self.env, day)
            move = layer.stock_move_id or layer.stock_valuation_layer_id.stock_move_id
            picking = move.picking_id
            narrations[layer.id] = voucher.render(
                rule.narration_template,
                {
                    "document": picking.name or move.reference or layer.description,
                    "partner": picking.partner_id.display_name,
                    "product": layer.product_id.display_name,
                    "warehouse": layer.warehouse_id.name,
                    "date": days[day],
                },
            )
        return narrations

    def _jxc_group_key(self):
        self.ensure_one()
        rule = self.jxc_posting_rule_id
        grouping = rule.grouping or "per_move"
        if grouping == "per_picking" and self.jxc_picking_id:
            return (grouping, self.company_id.id, "picking", self.jxc_picking_id.id)
        if grouping == "per_day":
            return (grouping, self.company_id.id, rule.id, self.jxc_posting_date)
        return ("per_move", self.company_id.id, "layer", self.id)

    def _jxc_entry_vals(
        self, move_directions=None, narrations=None, product_accounts=None
    ):
        """Odoo's entry values for this layer (one dict per entry).
        ``move_directions``, ``narrations`` (``_jxc_narrations``) and
        ``product_accounts`` (a dict that caches Odoo's accounts per product)
        may be prepared once for a batch of layers."""
        self.ensure_one()
        move = self.stock_move_id or self.stock_valuation_layer_id.stock_move_id
        move = move.with_company(self.company_id).with_context(
            move_directions=move_directions or move._get_move_directions(),
            force_period_date=self.jxc_posting_date,
            jxc_narrations=narrations or self._jxc_narrations(),
            jxc_product_accounts={} if product_accounts is None else product_accounts,
        )
        return move._account_entry_move(
            self.quantity, self.description, self.id, self.value
        )

    def _jxc_post_group(self):
        """One voucher for these layers, built from Odoo's entry values."""
        return self._jxc_post_groups([self])

    @api.model
    def _jxc_post_groups(self, groups):
        """One voucher per group of layers; the vouchers of all groups are
        created, posted and linked in one batch."""
        layers = self.browse().union(*groups)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT layer_id FROM jxc_posting_link WHERE layer_id IN %s",
            [tuple(layers.ids)],
        )
        linked = self.browse([row[0] for row in self.env.cr.fetchall()])
        if linked:
            # already posted (by another server): never a second voucher
            linked.write({"jxc_posting_state": "posted", "jxc_posting_error": False})
            for layer in linked.filtered(lambda x: not x.account_move_id):
                layer.account_move_id = layer.jxc_link_ids.account_move_id
        moves = (layers - linked).stock_move_id
        moves |= (layers - linked).stock_valuation_layer_id.stock_move_id
        move_directions = moves._get_move_directions()
        no_analytic_models = layers._jxc_without_analytic_models()
        narrations = (layers - linked)._jxc_narrations()
        product_accounts = {}
        prepared, vals_list = [], []
        for group in groups:
            group -= linked
            if not group:
                continue
            vals, layers_by_key = group._jxc_voucher_vals(
                move_directions, no_analytic_models, narrations, product_accounts
            )
            if vals:
                prepared.append((group, layers_by_key))
                vals_list.append(vals)
            else:
                group._jxc_link_posted()
        account_moves = self.env["account.move"].sudo().create(vals_list)
        # dated by the operation's local day, never in the future
        account_moves._post(soft=False)
        link_vals = []
        for (group, layers_by_key), account_move in zip(
            prepared, account_moves, strict=True
        ):
            lines_by_layer = defaultdict(list)
            for aml in account_move.line_ids:
                key = _line_key(
                    aml.account_id.id,
                    aml.product_id.id,
                    aml.partner_id.id,
                    aml.analytic_distribution,
                    aml.balance,
                )
                for layer_id in layers_by_key.get(key, ()):
                    lines_by_layer[layer_id].append(aml.id)
            link_vals += [
                {
                    "layer_id": layer.id,
                    "account_move_id": account_move.id,
                    "line_ids": [Command.set(lines_by_layer[layer.id])],
                }
                for layer in group
            ]
        self.env["jxc.posting.link"].sudo().create(link_vals)
        posted = self.browse().union(*(group for group, _keys in prepared))
        posted.write({"jxc_posting_state": "posted", "jxc_posting_error": False})
        # Odoo's matching of interim accounts, once for the whole batch, for
        # the layers that have something to match
        to_match = posted._jxc_to_match()
        if to_match:
            with switches.no_entries(self.env, to_match.ids):
                super(StockValuationLayer, to_match)._validate_accounting_entries()
        return account_moves

    def _jxc_to_match(self):
        """The posted layers with a journal item on a reconcilable (interim)
        account that an open item can match: same account and product, the
        opposite sign (a bill, an invoice, a return, the other side of a
        transfer). Odoo's matching has nothing to do for the others."""
        if not self:
            return self
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT link.layer_id
                  FROM jxc_posting_link link
                  JOIN account_move_line_jxc_posting_link_rel rel
                    ON rel.jxc_posting_link_id = link.id
                  JOIN account_move_line aml ON aml.id = rel.account_move_line_id
                  JOIN account_account account ON account.id = aml.account_id
                 WHERE link.layer_id IN %s
                   AND account.reconcile
                   AND aml.reconciled IS NOT TRUE
                   AND EXISTS (
                        SELECT 1
                          FROM account_move_line other
                         WHERE other.account_id = aml.account_id
                           AND other.product_id = aml.product_id
                           AND other.id != aml.id
                           AND (other.reconciled IS NULL
                                OR other.reconciled = false
                                OR other.reconciled IS NOT true)
                           AND other.parent_state = 'posted'
                           AND (other.balance * aml.balance < 0
                                OR other.amount_currency * aml.amount_currency < 0)
                   )
                """,
                tuple(self.ids),
            )
        )
        return self.browse([row[0] for row in rows])

    def _jxc_voucher_vals(
        self,
        move_directions=None,
        no_analytic_models=False,
        narrations=None,
        product_accounts=None,
    ):
        """The values of one voucher for these layers, from Odoo's entry values,
        and the layers of each merged line; (False, {}) if nothing to post.
        ``no_analytic_models``: no analytic distribution model to look up."""
        narrations = narrations or self._jxc_narrations()
        product_accounts = {} if product_accounts is None else product_accounts
        entries = []
        for layer in self:
            entries += layer._jxc_entry_vals(
                move_directions, narrations, product_accounts
            )
        if not entries:
            return False, {}
        first = entries[0]
        lines, layers_by_key = [], defaultdict(set)
        for layer, entry in self._jxc_entries_by_layer(entries):
            for command in entry["line_ids"]:
                vals = command[2]
                if no_analytic_models:
                    # nothing for Odoo to look up per line
                    vals.setdefault("analytic_distribution", False)
                lines.append(vals)
                key = _line_key(
                    vals["account_id"],
                    vals.get("product_id"),
                    vals.get("partner_id"),
                    vals.get("analytic_distribution"),
                    vals["balance"],
                )
                layers_by_key[key].add(layer.id)
        date = max(layer._jxc_entry_date() for layer in self)
        self._jxc_check_lock_date(date)
        pickings = self.jxc_picking_id
        partners = {e.get("partner_id") for e in entries}
        rule = self.jxc_posting_rule_id[:1]
        if rule.grouping == "per_day":
            ref = self.env._(
                "%(rule)s: %(date)s", rule=rule.name, date=format_date(self.env, date)
            )
        else:
            ref = ", ".join(pickings.mapped("name")) or first.get("ref")
        stock_moves = {e.get("stock_move_id") for e in entries}
        vals = {
            "journal_id": first["journal_id"],
            "date": date,
            "ref": ref,
            "move_type": "entry",
            "company_id": first["company_id"],
            "partner_id": partners.pop() if len(partners) == 1 else False,
            "stock_move_id": stock_moves.pop() if len(stock_moves) == 1 else False,
            "line_ids": [Command.create(line) for line in voucher.merge_lines(lines)],
            "stock_valuation_layer_ids": [Command.set(self.ids)],
        }
        return vals, layers_by_key

    def _jxc_without_analytic_models(self):
        """True when no analytic distribution model applies to these layers'
        companies: Odoo would search them for every journal item in vain."""
        return not self.env["account.analytic.distribution.model"].search_count(
            [("company_id", "in", [*self.company_id.ids, False])], limit=1
        )

    def _jxc_entries_by_layer(self, entries):
        by_id = {layer.id: layer for layer in self}
        for entry in entries:
            for svl_command in entry.get("stock_valuation_layer_ids", []):
                for layer_id in svl_command[2]:
                    yield by_id[layer_id], entry

    def _jxc_post_queued(self):
        """Post queued or failed layers by group; each group all or nothing.
        Returns the layers posted."""
        posted = self.browse()
        unruled = self.filtered(
            lambda x: not x.jxc_posting_rule_id or not x.jxc_operation_kind
        )
        unruled._jxc_assign_rules()
        todo = self.filtered(lambda x: x.jxc_posting_state in ("to_post", "failed"))
        groups = defaultdict(list)
        for layer in todo:
            groups[layer._jxc_group_key()].append(layer.id)
        grouped = []
        for key, ids in groups.items():
            layers = self.browse(ids)
            if key[0] == "per_move":
                layers._jxc_post_per_move()
                posted |= layers.filtered(lambda x: x.jxc_posting_state == "posted")
            else:
                grouped.append(layers)
        if grouped:
            try:
                with self.env.cr.savepoint():
                    self._jxc_post_groups(grouped)
                posted |= self.browse().union(*grouped)
                grouped = []
            except (IntegrityError, UserError, ValidationError) as error:
                # a group fails or was posted meanwhile (the savepoint dropped
                # the batch): each group on its own, all or nothing
                _logger.info("jxc batch posting retried group by group: %s", error)
        for layers in grouped:
            try:
                with self.env.cr.savepoint():
                    layers._jxc_post_group()
                posted |= layers
            except IntegrityError:
                # another server posted these layers meanwhile: the unique link
                # refused a second voucher, which the savepoint dropped
                _logger.info("jxc layers %s already posted, skipped", layers.ids)
            except (UserError, ValidationError) as error:
                layers._jxc_mark_failed(error)
        posted._jxc_close_activities()
        return posted

    @api.model
    def _jxc_queue_query(self, limit):
        """The queued layers to post now, locked; a daily voucher waits for the
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
             WHERE svl.jxc_posting_state IN ('to_post', 'failed')
               AND svl.account_move_id IS NULL
               AND (COALESCE(rule.grouping, 'per_move') != 'per_day'
                    OR svl.jxc_posting_date < today.day)
             ORDER BY svl.id
             LIMIT %s
               FOR UPDATE OF svl SKIP LOCKED
            """,
            todays,
            limit,
        )

    @api.model
    def _cron_jxc_post_queue(self, limit=1000):
        """Post the queue in batches; several servers may run it at once.
        Layers whose entry was deleted or cancelled meanwhile are queued again
        first."""
        self._jxc_requeue_unposted()
        self.env.flush_all()
        ids = [row[0] for row in self.env.execute_query(self._jxc_queue_query(limit))]
        posted = self.browse(ids)._jxc_post_queued()
        remaining = self.search_count(
            [
                ("jxc_posting_state", "=", "to_post"),
                ("account_move_id", "=", False),
                ("id", "not in", ids),
            ]
        )
        self.env["ir.cron"]._notify_progress(
            done=len(posted), remaining=remaining if len(ids) == limit else 0
        )
        return posted

    # ------------------------------------------------------ entries undone
    def _jxc_entry_undone(self, entries, reason):
        """These layers' entries ``entries`` are reset to draft (``reason``
        "draft"), cancelled or deleted: a layer is posted no more. Reset to
        draft, it fails with the reason and stays with its entry (posting that
        entry again posts it); cancelled or deleted, it leaves the entry and
        goes back to the queue."""
        states = ("posted",) if reason == "draft" else ("posted", "failed")
        layers = self.filtered(lambda x: x.jxc_posting_state in states)
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
                mine.write(
                    {
                        "jxc_posting_state": "failed",
                        "jxc_posting_error": self.env._(
                            "The entry %(entry)s of this layer was reset to draft: "
                            "post it again, or delete it so that the layer is "
                            "posted anew.",
                            entry=entry.display_name,
                        ),
                    }
                )
            layers._jxc_notify_failure()
            return
        layers.jxc_link_ids.exists().unlink()
        layers.filtered(lambda x: x.account_move_id in entries).account_move_id = False
        layers.write({"jxc_posting_state": "to_post", "jxc_posting_error": False})

    def _jxc_entry_reposted(self):
        """These layers' entry, reset to draft, is posted again."""
        layers = self.filtered(
            lambda x: x.jxc_posting_state == "failed" and x.jxc_link_ids
        ).sudo()
        layers.write({"jxc_posting_state": "posted", "jxc_posting_error": False})
        layers._jxc_close_activities()

    @api.model
    def _jxc_requeue_unposted(self, companies=None):
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
        layers = self.sudo().browse([row[0] for row in rows])
        drafts = {row[0] for row in rows if row[2] == "draft"}
        Move = self.env["account.move"].sudo()
        for layer in layers.filtered(lambda x: x.id in drafts):
            layer._jxc_entry_undone(layer.account_move_id, "draft")
        gone = layers.filtered(lambda x: x.id not in drafts)
        gone._jxc_entry_undone(
            Move.browse({row[1] for row in rows if row[1] and row[0] not in drafts}),
            "deleted",
        )
        if layers:
            _logger.info("jxc layers %s posted no more: queued again", layers.ids)
        return layers

    # ------------------------------------------------------------ actions
    def action_jxc_post_now(self):
        """Post the selected queued or failed layers now: the accountants'
        button on their posting queue. They read the layers but may not write
        them (their values stay Odoo's): the posting, which writes the layers'
        posting state and creates the entries, runs as the system once their
        right to post is checked, on the layers they may read."""
        self.check_access("read")
        if not self._jxc_may_post():
            raise AccessError(
                self.env._(
                    "Only accountants and inventory managers may post stock "
                    "valuation entries: ask one of them to post these layers."
                )
            )
        layers = self.filtered(
            lambda x: (
                x.jxc_posting_state in ("to_post", "failed") and not x.account_move_id
            )
        )
        if not layers:
            raise UserError(
                self.env._("Select layers that are queued or failed to post them.")
            )
        layers.sudo()._jxc_post_queued()
        return True

    @api.model
    def _jxc_may_post(self):
        user = self.env.user
        return self.env.su or any(
            user.has_group(group)
            for group in ("account.group_account_invoice", "stock.group_stock_manager")
        )

    def action_jxc_explain_failure(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.valuation.layer",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("jxc_bridge.stock_valuation_layer_view_form_jxc").id,
                    "form",
                )
            ],
            "target": "new",
        }

    def action_jxc_open_document(self):
        self.ensure_one()
        document = self._jxc_document()
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
        }
