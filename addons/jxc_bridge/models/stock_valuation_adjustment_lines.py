# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_date

from . import voucher


class StockValuationAdjustmentLines(models.Model):
    """Odoo prepares the landed cost entry line by line; the landed-cost
    posting rule gives its accounts, narration and analytic distribution."""

    _inherit = "stock.valuation.adjustment.lines"

    def _jxc_warehouse(self):
        """The warehouse of the line's move, as for its valuation layers."""
        move = self.move_id
        if move.location_id.usage == "internal":
            return move.location_id.warehouse_id
        return move.location_dest_id.warehouse_id

    def _jxc_posting_rule(self):
        self.ensure_one()
        rule, error = self.env["jxc.posting.rule"]._jxc_match(
            self.cost_id.company_id,
            "landed_cost",
            self._jxc_warehouse(),
            self.product_id.categ_id,
        )
        if error:
            raise UserError(error)
        return rule

    def _jxc_narration(self, rule):
        if not rule.narration_template:
            return False
        cost = self.cost_id
        partner = cost.vendor_bill_id.partner_id or self.move_id.picking_id.partner_id
        return voucher.render(
            rule.narration_template,
            {
                "document": cost.name,
                "partner": partner.display_name,
                "product": self.product_id.display_name,
                "warehouse": self._jxc_warehouse().name,
                "date": format_date(self.env, cost.date),
            },
        )

    def _prepare_account_move_line_values(self):
        vals = super()._prepare_account_move_line_values()
        narration = self._jxc_narration(self._jxc_posting_rule())
        if narration:
            vals["name"] = narration
        return vals

    def _create_account_move_line(
        self, move, credit_account_id, debit_account_id, qty_out, already_out_account_id
    ):
        rule = self._jxc_posting_rule()
        debit_account_id = rule.debit_account_id.id or debit_account_id
        credit_account_id = rule.credit_account_id.id or credit_account_id
        lines = super()._create_account_move_line(
            move, credit_account_id, debit_account_id, qty_out, already_out_account_id
        )
        if rule.analytic_distribution:
            for command in lines:
                if command[2]["account_id"] != debit_account_id:
                    command[2]["analytic_distribution"] = rule.analytic_distribution
        return lines
