# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    jxc_stock_explained = fields.Boolean(
        string="Stock Difference Explained",
        readonly=True,
        copy=False,
        help="An accountant explained this item on a stock account that no "
        "valuation layer explains (an opening balance, for instance): the "
        "valuation-vs-ledger reconciliation counts it as explained.",
    )
    jxc_stock_explanation = fields.Char(string="Explanation", readonly=True, copy=False)

    def _jxc_explain(self, reason, explained=True):
        """Mark (or unmark) these items explained with ``reason``, logged in
        their entries' chatter with who and when. Accounting managers only."""
        self.env["jxc.stock.item.explain"]._jxc_check_rights()
        self.write(
            {
                "jxc_stock_explained": explained,
                "jxc_stock_explanation": reason if explained else False,
            }
        )
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        for entry in self.move_id:
            lines = self.filtered(lambda line, entry=entry: line.move_id == entry)
            names = ", ".join(lines.mapped(lambda x: x.account_id.display_name))
            if explained:
                body = self.env._(
                    "Stock difference explained by %(user)s on %(when)s "
                    "(items on %(accounts)s): %(reason)s",
                    user=self.env.user.name,
                    when=fields.Datetime.to_string(now),
                    accounts=names,
                    reason=reason,
                )
            else:
                body = self.env._(
                    "Stock difference explanation withdrawn by %(user)s on "
                    "%(when)s (items on %(accounts)s): %(reason)s",
                    user=self.env.user.name,
                    when=fields.Datetime.to_string(now),
                    accounts=names,
                    reason=reason,
                )
            entry.message_post(body=body)
