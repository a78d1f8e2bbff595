# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.jxc_bridge.models import voucher


class StockValuationAdjustmentLines(models.Model):
    _inherit = "stock.valuation.adjustment.lines"

    def _jxc_warehouse(self):
        self.ensure_one()
        move = self.move_id
        if move.location_id.usage == "internal":
            return move.location_id.warehouse_id
        return move.location_dest_id.warehouse_id

    def _jxc_posting_rule(self):
        """The landed-cost rule of this line's product and warehouse (empty:
        none); a rule conflict is refused with the rule checker's message."""
        self.ensure_one()
        company = self.cost_id.company_id
        rule, error = self.env["jxc.posting.rule"]._jxc_match(
            company,
            "landed_cost",
            self._jxc_warehouse(),
            self.product_id.with_company(company).categ_id,
        )
        if error:
            raise UserError(error)
        return rule

    def _jxc_narration(self, rule):
        self.ensure_one()
        if not rule.narration_template:
            return False
        cost = self.cost_id
        return voucher.render(
            rule.narration_template,
            {
                "document": cost.name,
                "partner": (
                    cost.vendor_bill_id.partner_id or self.move_id.picking_id.partner_id
                ).display_name,
                "product": self.product_id.display_name,
                "warehouse": self._jxc_warehouse().name,
                "date": format_date(self.env, cost.date),
            },
        )

    def _create_accounting_entries(self, move, qty_out):
        """Odoo's journal items of this line, through its landed-cost rule: the
        rule's stock account replaces the stock valuation account on every
        item (the share already delivered leaves from where it was put), its
        counterpart replaces the cost line's account and takes the rule's
        analytic distribution; the narration names the line's own items."""
        commands = super()._create_accounting_entries(move, qty_out)
        rule = commands and self._jxc_posting_rule()
        if not rule:
            return commands
        company = self.cost_id.company_id
        accounts = self.product_id.product_tmpl_id.with_company(
            company
        ).get_product_accounts()
        valuation = accounts[
            "expense" if self.move_id._is_dropshipped() else "stock_valuation"
        ]
        cost_line = self.cost_line_id
        counterpart = (
            cost_line.account_id
            or cost_line.product_id.categ_id.property_stock_account_input_categ_id
        )
        stock_account = rule._jxc_stock_account()
        rule_counterpart = rule._jxc_counterpart_account()
        narration = self._jxc_narration(rule)
        for command in commands:
            vals = command[2]
            if vals["account_id"] == valuation.id:
                if stock_account:
                    vals["account_id"] = stock_account.id
            elif vals["account_id"] == counterpart.id:
                if rule_counterpart:
                    vals["account_id"] = rule_counterpart.id
                if rule.analytic_distribution:
                    vals["analytic_distribution"] = rule.analytic_distribution
            if narration and vals.get("name") == self.name:
                vals["name"] = narration
        return commands
