# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..tools import switches
from . import jxc_posting_failure as failure
from .jxc_posting_rule import OPERATION_KINDS

POSTING_STATES = [
    ("not_needed", "Not Needed"),
    ("to_post", "To Post"),
    ("posted", "Posted"),
    ("failed", "Failed"),
]


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
    jxc_posting_error = fields.Text(
        string="Posting Error",
        compute="_compute_jxc_posting_error",
        search="_search_jxc_posting_error",
        help="Why the posting failed, in your language.",
    )
    jxc_posting_error_code = fields.Char(
        string="Failure Cause", readonly=True, copy=False, index="btree_not_null"
    )
    jxc_posting_error_args = fields.Text(
        string="Failure Details", readonly=True, copy=False
    )
    jxc_posting_attempts = fields.Integer(
        string="Posting Attempts", readonly=True, copy=False
    )
    jxc_posting_retry_at = fields.Datetime(
        string="Next Retry",
        readonly=True,
        copy=False,
        help="A failed posting is retried after queued layers, and waits longer "
        "after each failure; a change to rules, categories, journals or lock "
        "dates retries it at the next run.",
    )
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

    @api.depends_context("lang")
    def _compute_jxc_posting_error(self):
        for layer in self:
            layer.jxc_posting_error = failure.render(
                self.env, layer.jxc_posting_error_code, layer.jxc_posting_error_args
            )

    def _search_jxc_posting_error(self, operator, value):
        if operator in ("=", "!=") and not value:
            return [("jxc_posting_error_code", operator, value)]
        if operator not in ("ilike", "=ilike", "like", "="):
            return [("jxc_posting_error_args", operator, value)]
        # the causes whose message reads so, or whose details hold the text
        text = str(value).lower()
        english = self.with_context(lang="en_US").env
        codes = [
            code
            for code, message in failure.MESSAGES.items()
            if text in self.env._(message).lower() or text in english._(message).lower()
        ]
        return [
            "|",
            ("jxc_posting_error_code", "in", codes),
            ("jxc_posting_error_args", "ilike", value),
        ]

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
        Engine = self.env["jxc.posting.engine"]
        rules = Rule.search(
            [("company_id", "in", self.company_id.ids)], order="sequence, id"
        )
        by_vals = defaultdict(list)
        for layer in self:
            kind = layer._jxc_kind()
            rule, twin = Rule.browse(), Rule.browse()
            if kind:
                rule, twin = Rule._jxc_rank(
                    layer.company_id,
                    kind,
                    layer.warehouse_id,
                    layer.product_id.categ_id,
                    rules=rules,
                )
            conflict = (rule.id, twin.id) if twin else False
            day = layer.jxc_posting_date or layer._jxc_operation_day()
            by_vals[(kind, rule.id, conflict, day)].append(layer.id)
        for (kind, rule_id, conflict, day), ids in by_vals.items():
            layers = self.browse(ids)
            vals = {
                "jxc_operation_kind": kind,
                # a conflict is matched by no rule
                "jxc_posting_rule_id": False if conflict else rule_id,
                "jxc_posting_date": day,
            }
            if conflict:
                # never posted with Odoo's accounts: it waits until the rules
                # are fixed
                layers.write(vals)
                Engine._mark_failed(
                    layers,
                    failure.PostingFailure(
                        self.env,
                        "rule_conflict",
                        first=conflict[0],
                        second=conflict[1],
                    ),
                )
                continue
            # a layer failed for another cause stays failed until it posts
            kept = layers.filtered(
                lambda x: (
                    x.jxc_posting_state == "failed"
                    and x.jxc_posting_error_code != "rule_conflict"
                )
            )
            kept.write(vals)
            (layers - kept).write(
                dict(
                    vals,
                    jxc_posting_state="to_post",
                    jxc_posting_error_code=False,
                    jxc_posting_error_args=False,
                )
            )

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

    # ---------------------------------------------------------------- core
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
        self.env["jxc.posting.engine"]._post_per_move(immediate)
        # Odoo's reconciliation of interim accounts for the layers posted
        # elsewhere (queued, failed, not valued): no entry is created here.
        rest = self - immediate
        if rest:
            with switches.no_entries(self.env, rest.ids):
                super(StockValuationLayer, rest)._validate_accounting_entries()
        return None

    def _jxc_odoo_accounting_entries(self):
        """Odoo's own ``_validate_accounting_entries`` (entries and the matching
        of interim accounts), for the engine."""
        return super()._validate_accounting_entries()

    def _jxc_link_posted(self):
        """These layers' entries are Odoo's own (one per layer): link them."""
        self.env["jxc.posting.engine"]._link_own_entries(self)

    def _jxc_post_queued(self):
        """Post these queued or failed layers now (see the posting engine)."""
        return self.env["jxc.posting.engine"]._post_queued(self)

    @api.model
    def _jxc_queue_query(self, limit):
        return self.env["jxc.posting.engine"]._queue_query(limit)

    @api.model
    def _cron_jxc_post_queue(self, limit=1000):
        return self.env["jxc.posting.engine"]._cron_post_queue(limit=limit)

    # ------------------------------------------------------ entries undone
    def _jxc_entry_undone(self, entries, reason):
        """These layers' entries were reset to draft, cancelled or deleted."""
        self.env["jxc.posting.engine"]._entry_undone(self, entries, reason)

    def _jxc_entry_reposted(self):
        """These layers' entry, reset to draft, is posted again."""
        self.env["jxc.posting.engine"]._entry_reposted(self)

    @api.model
    def _jxc_requeue_unposted(self, companies=None):
        return self.env["jxc.posting.engine"]._requeue_unposted(companies)

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
        # asked by hand: no back-off
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
        document = self.env["jxc.posting.engine"]._document(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "view_mode": "form",
        }
