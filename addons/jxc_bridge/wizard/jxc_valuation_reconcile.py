# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, time

from odoo import Command, _, api, fields, models


class JxcValuationReconcile(models.TransientModel):
    """Stock valuation (layers) against the ledger (stock accounts), per account."""

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
    unexplained = fields.Monetary(compute="_compute_totals")
    difference = fields.Monetary(compute="_compute_totals")

    @api.depends("line_ids.unexplained", "line_ids.difference")
    def _compute_totals(self):
        for wizard in self:
            accounts = wizard.line_ids.filtered(lambda x: not x.product_id)
            wizard.unexplained = sum(accounts.mapped("unexplained"))
            wizard.difference = sum(accounts.mapped("difference"))

    @api.depends("date")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = _(
                "Valuation vs Ledger %(date)s", date=fields.Date.to_string(wizard.date)
            )

    @api.model
    def action_open_today(self):
        """The menu's entry: today's reconciliation of the current company,
        already computed."""
        return self.create({}).action_compute()

    # --------------------------------------------------------------- data
    def _layer_domain(self):
        end = datetime.combine(self.date, time.max)
        return [
            ("company_id", "=", self.company_id.id),
            ("create_date", "<=", end),
            ("product_id.categ_id.property_valuation", "=", "real_time"),
        ]

    def _layer_values(self, extra_domain=()):
        """Layer value summed per (valuation account, product)."""
        Layer = self.env["stock.valuation.layer"].with_company(self.company_id)
        rows = Layer._read_group(
            self._layer_domain() + list(extra_domain),
            ["product_id", "jxc_posting_rule_id", "jxc_operation_kind"],
            ["value:sum"],
        )
        values = defaultdict(float)
        for product, rule, kind, value in rows:
            account = product.categ_id.property_stock_valuation_account_id
            if rule:
                override = (
                    rule.debit_account_id
                    if rule._jxc_stock_side(kind) == "debit"
                    else rule.credit_account_id
                )
                account = override or account
            values[(account, product)] += value
        return values

    def _stock_accounts(self):
        categories = (
            self.env["product.category"]
            .with_company(self.company_id)
            .search([("property_valuation", "=", "real_time")])
        )
        rules = self.env["jxc.posting.rule"].search(
            [("company_id", "=", self.company_id.id)]
        )
        accounts = categories.property_stock_valuation_account_id
        for rule in rules:
            accounts |= rule._jxc_stock_account()
        return accounts

    def _item_domain(self, accounts):
        return [
            ("company_id", "=", self.company_id.id),
            ("account_id", "in", accounts.ids),
            ("parent_state", "=", "posted"),
            ("date", "<=", self.date),
        ]

    def _manual_item_domain(self, accounts):
        return self._item_domain(accounts) + [
            ("move_id.stock_valuation_layer_ids", "=", False),
            ("move_id.stock_move_id", "=", False),
        ]

    def _unposted_layer_domain(self):
        return [
            "|",
            ("account_move_id", "=", False),
            ("account_move_id.state", "!=", "posted"),
        ]

    def _item_values(self, domain):
        rows = self.env["account.move.line"]._read_group(
            domain, ["account_id", "product_id"], ["balance:sum"]
        )
        return {(account, product): balance for account, product, balance in rows}

    def _compute_lines(self):
        """Per account and per (account, product): valuation, ledger, and the
        difference explained."""
        self.ensure_one()
        accounts = self._stock_accounts()
        valuation = self._layer_values()
        unposted = self._layer_values(self._unposted_layer_domain())
        ledger = self._item_values(self._item_domain(accounts))
        manual = self._item_values(self._manual_item_domain(accounts))
        keys = set(valuation) | set(ledger)
        per_account = defaultdict(lambda: defaultdict(float))
        lines = []
        rounding = self.company_id.currency_id
        for account, product in keys:
            if account not in accounts:
                continue
            vals = {
                "valuation_value": valuation.get((account, product), 0.0),
                "ledger_balance": ledger.get((account, product), 0.0),
                "unposted_value": unposted.get((account, product), 0.0),
                "manual_balance": manual.get((account, product), 0.0),
            }
            for name, value in vals.items():
                per_account[account][name] += value
            if product and not rounding.is_zero(
                vals["valuation_value"] - vals["ledger_balance"]
            ):
                lines.append(
                    {"account_id": account.id, "product_id": product.id, **vals}
                )
        for account in accounts:
            lines.append({"account_id": account.id, **per_account[account]})
        return lines

    def action_compute(self):
        self.ensure_one()
        self.line_ids = [Command.clear()] + [
            Command.create(vals) for vals in self._compute_lines()
        ]
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
        string="Layers without Entry",
        help="Value of layers with no posted journal entry (queued, failed, "
        "or whose entry was deleted).",
    )
    manual_balance = fields.Monetary(
        string="Entries without Layer",
        help="Journal items on the stock account that no valuation layer explains "
        "(manual entries).",
    )
    unexplained = fields.Monetary(compute="_compute_difference")

    @api.depends(
        "valuation_value", "ledger_balance", "unposted_value", "manual_balance"
    )
    def _compute_difference(self):
        for line in self:
            line.difference = line.ledger_balance - line.valuation_value
            line.unexplained = line.currency_id.round(
                line.difference + line.unposted_value - line.manual_balance
            )

    def _product_domain(self):
        return [("product_id", "=", self.product_id.id)] if self.product_id else []

    def action_open_layers(self):
        self.ensure_one()
        wizard = self.reconcile_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.stock_valuation_layer_action_jxc_queue"
        )
        domain = wizard._layer_domain() + self._product_domain()
        if self.env.context.get("jxc_unposted"):
            domain += wizard._unposted_layer_domain()
        action.update({"domain": domain, "context": {}})
        return action

    def action_open_items(self):
        self.ensure_one()
        wizard = self.reconcile_id
        if self.env.context.get("jxc_manual"):
            domain = wizard._manual_item_domain(self.account_id)
        else:
            domain = wizard._item_domain(self.account_id)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_account_moves_all"
        )
        action.update(
            {"domain": domain + self._product_domain(), "context": {"create": False}}
        )
        return action
