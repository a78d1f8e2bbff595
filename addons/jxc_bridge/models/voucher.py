# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain-Python helpers of the posting engine (no ORM): narration templates
and the merge of journal item values into one voucher."""

import json
import string

NARRATION_PLACEHOLDERS = ("document", "partner", "product", "warehouse", "date")


def template_fields(template):
    """The placeholder names used in ``template``; raises ValueError on bad syntax."""
    names = []
    for _literal, name, _spec, _conv in string.Formatter().parse(template or ""):
        if name is not None:
            names.append(name)
    return names


def unknown_placeholders(template):
    """Placeholders of ``template`` that the engine cannot fill."""
    return [n for n in template_fields(template) if n not in NARRATION_PLACEHOLDERS]


def render(template, values):
    """Fill ``template`` with ``values`` (missing values become empty)."""
    return template.format(**{n: values.get(n) or "" for n in NARRATION_PLACEHOLDERS})


def _analytic_key(distribution):
    return json.dumps(distribution or {}, sort_keys=True)


def merge_lines(lines):
    """Merge journal item values by account, product, partner, analytic and
    currency.

    ``lines`` are dicts with at least account_id, balance; quantity, product_id,
    partner_id, analytic_distribution, currency_id, amount_currency, name
    optional. Debit and credit sides of one account are kept apart (a line is a
    debit or a credit, never both); amounts in a foreign currency add up in it.
    Returns the merged dicts, in the order of first appearance.
    """
    merged = {}
    for line in lines:
        balance = line.get("balance", 0.0)
        key = (
            line["account_id"],
            line.get("product_id") or False,
            line.get("partner_id") or False,
            _analytic_key(line.get("analytic_distribution")),
            line.get("currency_id") or False,
            balance >= 0,
        )
        if key in merged:
            target = merged[key]
            target["balance"] += balance
            target["quantity"] = target.get("quantity", 0.0) + line.get("quantity", 0.0)
            if "amount_currency" in line or "amount_currency" in target:
                target["amount_currency"] = target.get(
                    "amount_currency", 0.0
                ) + line.get("amount_currency", 0.0)
        else:
            merged[key] = dict(line)
    return list(merged.values())
