# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.jxc_report_facts import VALUE_GROUPS


class JxcValuationLedgerLine(models.TransientModel):
    """A stock account (product empty: the account's total) or a product of it
    whose valuation and ledger differ."""

    _name = "jxc.valuation.ledger.line"
    _inherit = "jxc.report.line.mixin"
    _description = "Valuation vs Ledger Line"
    _order = "account_id, is_account desc, product_id"

    wizard_id = fields.Many2one(
        "jxc.valuation.ledger.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    account_id = fields.Many2one("account.account", "Stock Account", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    is_account = fields.Boolean("Account Total", readonly=True)
    valuation_value = fields.Monetary("Valuation", groups=VALUE_GROUPS, aggregator=None)
    ledger_balance = fields.Monetary(groups=VALUE_GROUPS, aggregator=None)
    difference = fields.Monetary(
        groups=VALUE_GROUPS, aggregator=None, help="Ledger balance minus valuation."
    )
    unposted_value = fields.Monetary(
        "Layers without Entry", groups=VALUE_GROUPS, aggregator=None
    )
    manual_balance = fields.Monetary(
        "Entries without Layer", groups=VALUE_GROUPS, aggregator=None
    )
    unexplained = fields.Monetary(groups=VALUE_GROUPS, aggregator=None)
