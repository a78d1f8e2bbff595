# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class StockLandedCost(models.Model):
    """A landed cost posts Odoo's entry, one per landed cost, in the journal of
    its posting rule; its valuation layers are then posted once, like the
    others (a link per layer)."""

    _inherit = "stock.landed.cost"

    def button_validate(self):
        self._check_can_validate()
        self.filtered(lambda c: not c.valuation_adjustment_lines).compute_landed_cost()
        self._jxc_apply_rule_journal()
        res = super().button_validate()
        self._jxc_link_layers()
        return res

    def _jxc_apply_rule_journal(self):
        for cost in self:
            lines = cost.valuation_adjustment_lines.filtered("move_id")
            journals = {
                line._jxc_posting_rule().journal_id or cost.account_journal_id
                for line in lines
            }
            if len(journals) > 1:
                raise UserError(
                    self.env._(
                        "The products of landed cost %(cost)s match posting rules "
                        "with different journals (%(journals)s): give these rules "
                        "the same journal or split the landed cost.",
                        cost=cost.name,
                        journals=", ".join(j.display_name for j in journals),
                    )
                )
            if journals and cost.account_journal_id not in journals:
                cost.account_journal_id = journals.pop()

    def _jxc_link_layers(self):
        for cost in self:
            layers = cost.stock_valuation_layer_ids._jxc_needs_entry().filtered(
                "account_move_id"
            )
            layers._jxc_assign_rules()
            layers.jxc_posting_date = cost.date
            layers._jxc_link_posted()
