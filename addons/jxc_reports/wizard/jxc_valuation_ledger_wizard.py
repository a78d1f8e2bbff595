# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import fields, models
from odoo.tools import SQL


class JxcValuationLedgerWizard(models.TransientModel):
    """Valuation vs ledger: the reconciliation of jxc_bridge
    (``jxc.valuation._reconcile``) at a date, printed per stock account with the
    products whose valuation and ledger differ under it. The figures are those
    of the reconciliation; its lines are stored with one INSERT ... SELECT."""

    _name = "jxc.valuation.ledger.wizard"
    _inherit = "jxc.report.mixin"
    _description = "Valuation vs Ledger"
    _jxc_line_model = "jxc.valuation.ledger.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_valuation_ledger"

    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("jxc.valuation.ledger.line", "wizard_id")

    def _jxc_title(self):
        return self.env._("Valuation vs Ledger")

    def _jxc_filters(self):
        return [
            (self.env._("Date"), str(self.date)),
            (self.env._("Company"), self.company_id.name),
        ]

    def _jxc_line_columns(self):
        return [
            "account_id",
            "product_id",
            "valuation_value",
            "ledger_balance",
            "difference",
            "unposted_value",
            "manual_balance",
            "unexplained",
        ]

    def _jxc_compute(self):
        self.ensure_one()
        result = self.env["jxc.valuation"]._reconcile(self.company_id, self.date)
        rows = result["accounts"] + result["products"]
        self.env.execute_query(
            SQL(
                """
                INSERT INTO jxc_valuation_ledger_line
                    (wizard_id, company_id, account_id, product_id, is_account,
                     valuation_value, ledger_balance, difference, unposted_value,
                     manual_balance, unexplained,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, %(company)s, r.account_id, r.product_id,
                       r.product_id IS NULL,
                       r.v, r.l, ROUND(r.l - r.v, %(digits)s), r.u, r.m,
                       ROUND(r.x, %(digits)s),
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(
                       account_id int, product_id int,
                       v numeric, l numeric, u numeric, m numeric, x numeric)
                """,
                wizard=self.id,
                company=self.company_id.id,
                digits=self.company_id.currency_id.decimal_places,
                uid=self.env.uid,
                now=fields.Datetime.now(),
                rows=json.dumps(
                    [
                        {
                            "account_id": row["account_id"],
                            "product_id": row.get("product_id") or None,
                            "v": row.get("valuation_value", 0.0),
                            "l": row.get("ledger_balance", 0.0),
                            "u": row.get("unposted_value", 0.0),
                            "m": row.get("manual_balance", 0.0),
                            "x": row.get("unexplained", 0.0),
                        }
                        for row in rows
                    ]
                ),
            )
        )
