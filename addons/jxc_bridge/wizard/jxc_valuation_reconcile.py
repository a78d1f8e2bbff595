# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class JxcValuationReconcile(models.TransientModel):
    """Stock valuation (layers) against the ledger (stock accounts), per account
    and per product: a screen over ``jxc.valuation._reconcile``."""

    _name = "jxc.valuation.reconcile"
    _description = "Valuation vs Ledger Reconciliation"

    date = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("jxc.valuation.reconcile.line", "reconcile_id")
    product_line_ids = fields.One2many(
        "jxc.valuation.reconcile.line",
        "reconcile_id",
        string="Per Product",
        domain=[("product_id", "!=", False)],
    )
    account_line_ids = fields.One2many(
        "jxc.valuation.reconcile.line",
        "reconcile_id",
        string="Per Account",
        domain=[("product_id", "=", False)],
    )
    computed = fields.Boolean(readonly=True)
    unexplained = fields.Monetary(
        compute="_compute_totals",
        help="What nobody explained, each error counted positive: two errors "
        "of opposite signs never cancel.",
    )
    difference = fields.Monetary(compute="_compute_totals")
    state = fields.Selection(
        [("balanced", "Balanced"), ("differences", "Differences")],
        compute="_compute_totals",
        help="Balanced: every difference between valuation and ledger is "
        "explained (layers still to post, manual items an accountant explained).",
    )
    product_message = fields.Char(compute="_compute_totals")

    @api.depends("line_ids.unexplained", "line_ids.difference", "computed")
    def _compute_totals(self):
        for wizard in self:
            accounts = wizard.line_ids.filtered(lambda x: not x.product_id)
            currency = wizard.currency_id or wizard.env.company.currency_id
            wizard.unexplained = currency.round(sum(accounts.mapped("unexplained")))
            wizard.difference = currency.round(sum(accounts.mapped("difference")))
            state = False
            if wizard.computed:
                balanced = currency.is_zero(wizard.unexplained)
                state = "balanced" if balanced else "differences"
            wizard.state = state
            wizard.product_message = (
                wizard.computed
                and not wizard.line_ids.filtered("product_id")
                and _(
                    "No product differs: for every product, the valuation equals "
                    "the ledger balance of its stock account."
                )
                or False
            )

    @api.depends("date")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = _(
                "Valuation vs Ledger %(date)s", date=fields.Date.to_string(wizard.date)
            )

    @api.onchange("date", "company_id")
    def _onchange_date(self):
        """Another day or company: the figures shown are no longer its own."""
        self.line_ids = [Command.clear()]
        self.computed = False

    @api.model
    def action_open_today(self):
        """The menu's entry: today's reconciliation of the current company (its
        own calendar day), already computed."""
        company = self.env.company
        today = self.env["jxc.valuation"]._today(company)
        return self.create({"date": today, "company_id": company.id}).action_compute()

    # --------------------------------------------------------------- data
    def _compute_lines(self):
        """Per account and per (account, product): valuation, ledger, and the
        difference explained (see ``jxc.valuation._reconcile``)."""
        self.ensure_one()
        result = self.env["jxc.valuation"]._reconcile(self.company_id, self.date)
        return result["accounts"] + result["products"]

    def action_compute(self):
        self.ensure_one()
        self.line_ids = [Command.clear()] + [
            Command.create(vals) for vals in self._compute_lines()
        ]
        self.computed = True
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }


class JxcValuationReconcileLine(models.TransientModel):
    _name = "jxc.valuation.reconcile.line"
    _description = "Valuation vs Ledger Reconciliation Line"
    _order = "account_id, product_id"

    reconcile_id = fields.Many2one(
        "jxc.valuation.reconcile", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="reconcile_id.company_id")
    currency_id = fields.Many2one(related="reconcile_id.currency_id")
    account_id = fields.Many2one("account.account", string="Stock Account")
    product_id = fields.Many2one("product.product")
    valuation_value = fields.Monetary(string="Valuation")
    ledger_balance = fields.Monetary()
    difference = fields.Monetary(
        compute="_compute_difference",
        help="Ledger balance minus valuation.",
    )
    unposted_value = fields.Monetary(
        string="Layers to Post",
        help="Value of layers still queued or failed: their entry is to come. "
        "The only layers that explain a difference.",
    )
    missing_value = fields.Monetary(
        string="Posted without Entry",
        help="Value of layers marked posted whose journal entry is missing, draft "
        "or cancelled: unexplained until they are posted again.",
    )
    manual_balance = fields.Monetary(
        string="Entries without Layer",
        help="Journal items on the stock account that no valuation layer explains "
        "(manual entries).",
    )
    manual_explained = fields.Monetary(
        string="Explained Entries",
        help="Of the entries without layer, those an accountant explained with a "
        "reason (an opening balance, for instance).",
    )
    unexplained = fields.Monetary(
        help="What nobody explained, each error counted positive: layers marked "
        "posted without a posted entry, entries without layer nobody explained, "
        "and what is left of the difference (entries that differ from their "
        "layers). Two errors of opposite signs never cancel."
    )

    @api.depends("valuation_value", "ledger_balance")
    def _compute_difference(self):
        for line in self:
            line.difference = line.ledger_balance - line.valuation_value

    def _product_domain(self):
        return [("product_id", "=", self.product_id.id)] if self.product_id else []

    def _jxc_layer_action(self, extra_domain=()):
        self.ensure_one()
        wizard = self.reconcile_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.stock_valuation_layer_action_jxc_queue"
        )
        domain = (
            self.env["jxc.valuation"]._layer_domain(wizard.company_id, wizard.date)
            + self._product_domain()
            + list(extra_domain)
        )
        action.update({"domain": domain, "context": {}})
        return action

    def _jxc_item_action(self, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_account_moves_all"
        )
        action.update(
            {"domain": domain + self._product_domain(), "context": {"create": False}}
        )
        return action

    def action_open_layers(self):
        """The layers of the line; with ``jxc_unposted`` in the context (a
        presentation choice of the button), only those still to post."""
        extra = []
        if self.env.context.get("jxc_unposted"):
            extra = self.env["jxc.valuation"]._queued_layer_domain()
        return self._jxc_layer_action(extra)

    def action_open_missing_layers(self):
        return self._jxc_layer_action(
            self.env["jxc.valuation"]._missing_entry_layer_domain()
        )

    def action_open_items(self):
        """The journal items of the line; with ``jxc_manual`` in the context,
        only those without layer."""
        self.ensure_one()
        wizard = self.reconcile_id
        valuation = self.env["jxc.valuation"]
        if self.env.context.get("jxc_manual"):
            domain = valuation._manual_item_domain(
                wizard.company_id, wizard.date, self.account_id
            )
        else:
            domain = valuation._item_domain(
                wizard.company_id, wizard.date, self.account_id
            )
        return self._jxc_item_action(domain)

    def action_explain_items(self):
        """Open the explanation wizard on the line's unexplained items without
        layer (accounting managers)."""
        self.ensure_one()
        self.env["jxc.stock.item.explain"]._jxc_check_rights()
        wizard = self.reconcile_id
        items = self.env["account.move.line"].search(
            self.env["jxc.valuation"]._manual_item_domain(
                wizard.company_id, wizard.date, self.account_id, explained=False
            )
            + self._product_domain()
        )
        if not items:
            raise UserError(
                _("This line has no journal item without layer left to explain.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Explain Stock Account Items"),
            "res_model": "jxc.stock.item.explain",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_ids": [Command.set(items.ids)]},
        }
