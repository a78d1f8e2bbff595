# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class StockLandedCost(models.Model):
    _inherit = "stock.landed.cost"

    def button_validate(self):
        """Odoo's validation, through each product's landed-cost rule: the
        rule's journal is the cost's (checked first, so that nothing is written
        when the rules disagree), the adjustment lines put the rule's accounts,
        narration and analytic distribution on their journal items
        (``stock.valuation.adjustment.lines._create_accounting_entries``), and
        the cost's new valuation layers are linked to its entry."""
        # what Odoo's validation starts with, so that the rules are read from
        # the adjustment lines the entry is built from
        self._check_can_validate()
        self.filtered(lambda c: not c.valuation_adjustment_lines).compute_landed_cost()
        for cost in self:
            journal = cost._jxc_journal()
            if journal != cost.account_journal_id:
                cost.account_journal_id = journal
        res = super().button_validate()
        for cost in self:
            cost._jxc_link_layers()
        return res

    def _jxc_journal(self):
        """The journal of this cost's entry: the one of its products' rules
        (the cost's own where a rule has none or a product has no rule)."""
        self.ensure_one()
        lines = self.valuation_adjustment_lines.filtered("move_id")
        journals = {
            line._jxc_posting_rule().journal_id or self.account_journal_id
            for line in lines
        }
        if len(journals) > 1:
            raise UserError(
                self.env._(
                    "The products of landed cost %(cost)s match posting rules "
                    "with different journals (%(journals)s): give these rules "
                    "the same journal or split the landed cost.",
                    cost=self.name,
                    journals=", ".join(sorted(j.display_name for j in journals)),
                )
            )
        return journals.pop() if journals else self.account_journal_id

    def _jxc_link_layers(self):
        """This validated cost's valuation layers are posted by its entry:
        classified, given the cost's day and linked to the entry, never
        queued."""
        self.ensure_one()
        layers = self.stock_valuation_layer_ids._jxc_needs_entry().filtered(
            "account_move_id"
        )
        if not layers:
            return
        layers.jxc_posting_date = self.date
        layers._jxc_assign_rules()
        layers.filtered(lambda x: x.jxc_posting_state == "to_post")._jxc_link_posted()
