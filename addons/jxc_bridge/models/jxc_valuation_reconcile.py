# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reconciliation of valuation and ledger, the job of the valuation core
that the reconcile screen, the valuation-vs-ledger report and the month close
share.

At the end of a local day, per stock account and per account x product:

* valuation: the real-time layers on the account (rule overrides included);
* ledger: the posted journal items of the account;
* difference = ledger - valuation, explained only by
  - layers queued or failed (``to_post``/``failed``) that count at that day:
    their entry is still to come;
  - journal items without a layer (manual entries) that an accountant marked
    explained, with a reason (an opening balance, for instance).

Everything else is unexplained: a layer marked posted whose entry is missing,
draft or cancelled, a manual entry nobody explained, an entry whose amounts
differ from its layers. Each of these errors is counted positive, per product
and per account, so that two errors of opposite signs (a deleted entry and a
manual entry of the same amount) never cancel into "balanced".
"""

from collections import defaultdict

from odoo import api, models

EXPLAINED_STATES = ("to_post", "failed")


class JxcValuation(models.AbstractModel):
    _inherit = "jxc.valuation"

    # ------------------------------------------------------------- domains
    @api.model
    def _queued_layer_domain(self):
        """Layers whose entry is still to come: the only explained ones."""
        return [("jxc_posting_state", "in", EXPLAINED_STATES)]

    @api.model
    def _missing_entry_layer_domain(self):
        """Layers marked posted whose entry is missing, draft or cancelled."""
        return [
            ("jxc_posting_state", "=", "posted"),
            "|",
            ("account_move_id", "=", False),
            ("account_move_id.state", "!=", "posted"),
        ]

    @api.model
    def _manual_item_domain(self, company, day, accounts, explained=None):
        """Posted items of ``accounts`` up to ``day`` that no layer explains
        (``explained``: only those an accountant marked, or did not mark)."""
        domain = self._item_domain(company, day, accounts) + [
            ("move_id.stock_valuation_layer_ids", "=", False),
            ("move_id.stock_move_id", "=", False),
        ]
        if explained is not None:
            domain.append(("jxc_stock_explained", "=", explained))
        return domain

    @api.model
    def _manual_items(self, lines):
        """Of the journal items ``lines``, the posted ones without a layer."""
        return lines.filtered(
            lambda x: (
                not x.move_id.stock_valuation_layer_ids
                and not x.move_id.stock_move_id
                and x.parent_state == "posted"
            )
        )

    @api.model
    def _unexplained(
        self,
        currency,
        valuation_value,
        ledger_balance,
        unposted_value,
        missing_value,
        manual_balance,
        manual_explained,
    ):
        """What nobody explained in one account x product, each error counted
        positive: the layers marked posted without a posted entry, the items
        without layer nobody explained, and what is left of the difference
        once every part is accounted for (entries that differ from their
        layers)."""
        difference = ledger_balance - valuation_value
        residual = difference + unposted_value + missing_value - manual_balance
        return currency.round(
            abs(currency.round(residual))
            + abs(currency.round(missing_value))
            + abs(currency.round(manual_balance - manual_explained))
        )

    # ------------------------------------------------------- reconciliation
    @api.model
    def _reconcile(self, company, day):
        """Valuation against ledger at the end of the local ``day``.

        Returns ``{"accounts": [...], "products": [...], "unexplained": float,
        "balanced": bool}``: one dict per stock account and one per account x
        product whose valuation and ledger differ, each with account_id,
        product_id (False on account rows), valuation_value, ledger_balance,
        unposted_value (queued or failed: explained), missing_value (posted
        without a posted entry), manual_balance (items without layer),
        manual_explained (of which marked explained) and unexplained."""
        accounts = self._stock_accounts(company)
        valuation = self._value_by_account(company, day)
        queued = self._value_by_account(company, day, self._queued_layer_domain())
        missing = self._value_by_account(
            company, day, self._missing_entry_layer_domain()
        )
        ledger = self._ledger_balance(company, day, accounts)
        manual = self._item_values(self._manual_item_domain(company, day, accounts))
        explained = self._item_values(
            self._manual_item_domain(company, day, accounts, explained=True)
        )
        currency = company.currency_id
        per_account = defaultdict(lambda: defaultdict(float))
        products = []
        for account, product in set(valuation) | set(ledger):
            if account not in accounts:
                continue
            key = (account, product)
            vals = {
                "valuation_value": valuation.get(key, 0.0),
                "ledger_balance": ledger.get(key, 0.0),
                "unposted_value": queued.get(key, 0.0),
                "missing_value": missing.get(key, 0.0),
                "manual_balance": manual.get(key, 0.0),
                "manual_explained": explained.get(key, 0.0),
            }
            unexplained = self._unexplained(currency, **vals)
            for name, value in vals.items():
                per_account[account][name] += value
            per_account[account]["unexplained"] += unexplained
            if product and not (
                currency.is_zero(vals["valuation_value"] - vals["ledger_balance"])
                and currency.is_zero(unexplained)
            ):
                products.append(
                    {
                        "account_id": account.id,
                        "product_id": product.id,
                        "unexplained": unexplained,
                        **vals,
                    }
                )
        names = (
            "valuation_value",
            "ledger_balance",
            "unposted_value",
            "missing_value",
            "manual_balance",
            "manual_explained",
            "unexplained",
        )
        rows = []
        for account in accounts.sorted("code"):
            vals = {name: currency.round(per_account[account][name]) for name in names}
            rows.append({"account_id": account.id, "product_id": False, **vals})
        unexplained = currency.round(sum(row.get("unexplained", 0.0) for row in rows))
        return {
            "accounts": rows,
            "products": products,
            "unexplained": unexplained,
            "balanced": currency.is_zero(unexplained),
        }
