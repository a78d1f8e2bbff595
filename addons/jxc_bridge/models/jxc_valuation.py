# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The valuation core: the one reader of stock valuation in jxc.

A day is the company's local day: it starts at midnight in the time zone of the
company's partner (UTC when it has none). Every period, month end, lock date,
report column and entry date in jxc is cut here, once, so that the summary, the
reconciliation, the month close and the stock lock agree on what "31 January"
means for a company in Asia/Shanghai.

It also owns the reading of valuation: the layers of a period as an SQL
fragment for set-based callers (reports, ABC, aging), the quantity and value at
a date per product and per stock account, and the ledger balance of the stock
accounts at a date. The reconciliation of the two lives beside it
(``jxc_valuation_reconcile.py``). Nothing else in jxc names
``stock_valuation_layer``: an Odoo 19 port, which replaces the layers, changes
these two files.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# the groups that may see costs and stock values (the accountants and the
# auditors): every cost or value field of jxc carries them
VALUE_GROUPS = "account.group_account_readonly,account.group_account_invoice"


class JxcValuation(models.AbstractModel):
    _name = "jxc.valuation"
    _description = "JXC Valuation Core"

    # ---------------------------------------------------------------- days
    @api.model
    def _tz(self, company):
        """The company's time zone (its partner's, else UTC)."""
        return pytz.timezone(company.partner_id.tz or "UTC")

    @api.model
    def _day_start(self, company, day):
        """The naive UTC datetime of the local midnight that starts ``day``."""
        local = self._tz(company).localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _day_end(self, company, day):
        """The naive UTC datetime of the local midnight that ends ``day``
        (exclusive bound: ``moment < _day_end(day)``)."""
        return self._day_start(company, day + timedelta(days=1))

    @api.model
    def _period_bounds(self, company, date_from, date_to):
        """UTC bounds ``[start, end)`` of the local days ``date_from`` to
        ``date_to`` included."""
        return self._day_start(company, date_from), self._day_end(company, date_to)

    @api.model
    def _local_date(self, company, moment):
        """The company's local date of a naive UTC datetime."""
        return pytz.utc.localize(moment).astimezone(self._tz(company)).date()

    @api.model
    def _today(self, company):
        """Today in the company's calendar."""
        return self._local_date(company, fields.Datetime.now())

    @api.model
    def _month_start(self, day):
        return date(day.year, day.month, 1)

    @api.model
    def _month_end(self, day):
        return self._month_start(day) + relativedelta(months=1, days=-1)

    @api.model
    def _next_month(self, day):
        return self._month_start(day) + relativedelta(months=1)

    # -------------------------------------------------------------- layers
    @api.model
    def _layers_sql(self, company, start=None, end=None):
        """The valuation layers of ``company`` dated in ``[start, end)`` (naive
        UTC bounds, see :meth:`_period_bounds`; None: unbounded), as a
        parenthesised subquery to alias in a FROM clause. Columns: id,
        product_id, company_id, date (the moment the layer counts from),
        quantity, value, remaining_qty, remaining_value, stock_move_id,
        description, posting_state. PostgreSQL flattens it into the caller's
        query, so conditions and joins of the caller reach the table's
        indexes."""
        conditions = [SQL("l.company_id = %s", company.id)]
        if start:
            conditions.append(SQL("l.create_date >= %s", start))
        if end:
            conditions.append(SQL("l.create_date < %s", end))
        return SQL(
            """(SELECT l.id, l.product_id, l.company_id, l.create_date AS date,
                       l.quantity, l.value, l.remaining_qty, l.remaining_value,
                       l.stock_move_id, l.description,
                       l.jxc_posting_state AS posting_state
                  FROM stock_valuation_layer l
                 WHERE %s)""",
            SQL(" AND ").join(conditions),
        )

    @api.model
    def _layer_domain(self, company, day, date_from=None):
        """Domain of the layers of ``company`` that count at the end of the
        local ``day`` (since the local ``date_from`` when given), of products
        valued in real time."""
        domain = [
            ("company_id", "=", company.id),
            ("create_date", "<", self._day_end(company, day)),
            ("product_id.categ_id.property_valuation", "=", "real_time"),
        ]
        if date_from:
            domain.append(("create_date", ">=", self._day_start(company, date_from)))
        return domain

    @api.model
    def _value_at(self, company, day, product_ids=None):
        """{product: (quantity, value)} of ``company`` at the end of the local
        ``day``, every product (not only those valued in real time)."""
        domain = [
            ("company_id", "=", company.id),
            ("create_date", "<", self._day_end(company, day)),
        ]
        if product_ids is not None:
            domain.append(("product_id", "in", list(product_ids)))
        rows = self.env["stock.valuation.layer"]._read_group(
            domain, ["product_id"], ["quantity:sum", "value:sum"]
        )
        return {product: (qty, value) for product, qty, value in rows}

    @api.model
    def _value_by_account(self, company, day, extra_domain=()):
        """{(stock account, product): value} of the real-time layers at the end
        of the local ``day``. The account is the one the layer was (or will
        be) posted to: its rule's account on the stock side
        (``jxc.posting.rule._jxc_stock_side``), else the product category's
        stock valuation account."""
        Layer = self.env["stock.valuation.layer"].with_company(company)
        rows = Layer._read_group(
            self._layer_domain(company, day) + list(extra_domain),
            ["product_id", "jxc_posting_rule_id", "jxc_operation_kind"],
            ["value:sum"],
        )
        values = defaultdict(float)
        for product, rule, kind, value in rows:
            account = product.with_company(
                company
            ).categ_id.property_stock_valuation_account_id
            if rule and kind:
                override = (
                    rule.debit_account_id
                    if rule._jxc_stock_side(kind) == "debit"
                    else rule.credit_account_id
                )
                account = override or account
            values[(account, product)] += value
        return values

    # -------------------------------------------------------------- ledger
    @api.model
    def _stock_accounts(self, company, real_time_only=True, with_rules=True):
        """The accounts that hold the stock of ``company``: the stock valuation
        accounts of its product categories and the stock side of its posting
        rules (archived ones too: what they posted stays on their account).

        ``real_time_only``: only the categories valued in real time, whose
        layers the ledger must match (the reconciliation). Off: every category
        and the company's default, for the controls that must see any account
        holding stock (the closed-period guard on entries). ``with_rules``
        off: the categories' accounts only (what a rule's stock side is checked
        against)."""
        Category = self.env["product.category"].with_company(company).sudo()
        if real_time_only:
            categories = Category.search([("property_valuation", "=", "real_time")])
            accounts = categories.property_stock_valuation_account_id
        else:
            field = Category._fields["property_stock_valuation_account_id"]
            accounts = (
                Category.search([]).property_stock_valuation_account_id
                | field.get_company_dependent_fallback(Category)
            )
        if with_rules:
            rules = (
                self.env["jxc.posting.rule"]
                .sudo()
                .with_context(active_test=False)
                .search([("company_id", "=", company.id)])
            )
            for rule in rules:
                accounts |= rule._jxc_stock_account()
        return accounts.sudo(False)

    @api.model
    def _item_domain(self, company, day, accounts):
        """Posted journal items of ``accounts`` dated up to the local ``day``
        (an entry's date is already a local date)."""
        return [
            ("company_id", "=", company.id),
            ("account_id", "in", accounts.ids),
            ("parent_state", "=", "posted"),
            ("date", "<=", day),
        ]

    @api.model
    def _ledger_balance(self, company, day, accounts=None):
        """{(account, product): balance} of the stock accounts (or
        ``accounts``) at the end of the local ``day``."""
        if accounts is None:
            accounts = self._stock_accounts(company)
        return self._item_values(self._item_domain(company, day, accounts))

    @api.model
    def _item_values(self, domain):
        rows = self.env["account.move.line"]._read_group(
            domain, ["account_id", "product_id"], ["balance:sum"]
        )
        return {(account, product): balance for account, product, balance in rows}
