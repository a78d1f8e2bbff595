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


class TemplateError(ValueError):
    """A narration template that cannot be rendered."""


SAMPLE_VALUES = {
    "document": "WH/IN/00001",
    "partner": "Partner",
    "product": "Product",
    "warehouse": "WH",
    "date": "2026-01-31",
}


def render(template, values):
    """Fill ``template`` with ``values`` (missing values become empty); raises
    TemplateError when the template cannot be rendered (an unknown
    placeholder, a format spec or conversion that does not apply to text)."""
    try:
        return template.format(
            **{n: str(values.get(n) or "") for n in NARRATION_PLACEHOLDERS}
        )
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as error:
        raise TemplateError(f"{type(error).__name__}: {error}") from error


def check(template):
    """Raise TemplateError unless ``template`` renders with sample values and
    uses only known placeholders (an empty template is fine: no narration)."""
    if not template:
        return
    try:
        unknown = unknown_placeholders(template)
    except ValueError as error:
        raise TemplateError(str(error)) from error
    if unknown:
        raise TemplateError(", ".join(f"{{{n}}}" for n in unknown))
    render(template, SAMPLE_VALUES)


def _analytic_key(distribution):
    return json.dumps(distribution or {}, sort_keys=True)


def merge_lines(lines):
    """Merge journal item values by account, product, partner, analytic,
    currency and side (see ``merge``); returns the merged dicts."""
    return [vals for vals, _sources, _names in merge(lines, [None] * len(lines))]


def merge_lines_with_sources(lines, sources):
    """``merge`` without the labels: (merged dict, source ids) pairs."""
    return [(vals, ids) for vals, ids, _names in merge(lines, sources)]


def merge(lines, sources):
    """Merge journal item values by account, product, partner, analytic and
    currency.

    ``lines`` are dicts with at least account_id, balance; quantity, product_id,
    partner_id, analytic_distribution, currency_id, amount_currency, name
    optional; ``sources`` holds, for each line, the id of what it comes from
    (a valuation layer). Debit and credit sides of one account are kept apart
    (a line is a debit or a credit, never both); amounts in a foreign currency
    add up in it. Returns (merged dict, sorted source ids, set of labels)
    triples, in the order of first appearance.
    """
    merged = {}
    for line, source in zip(lines, sources, strict=True):
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
            target, ids, names = merged[key]
            target["balance"] += balance
            target["quantity"] = target.get("quantity", 0.0) + line.get("quantity", 0.0)
            if "amount_currency" in line or "amount_currency" in target:
                target["amount_currency"] = target.get(
                    "amount_currency", 0.0
                ) + line.get("amount_currency", 0.0)
        else:
            target, ids, names = dict(line), set(), set()
            merged[key] = (target, ids, names)
        if source is not None:
            ids.add(source)
        names.add(line.get("name") or "")
    return [(vals, sorted(ids), names) for vals, ids, names in merged.values()]
