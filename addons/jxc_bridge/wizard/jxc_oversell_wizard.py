# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class JxcOversellWizard(models.TransientModel):
    _name = "jxc.oversell.wizard"
    _description = "Overselling Check"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    mode = fields.Selection(
        [("warn", "Warn"), ("block", "Block")],
        compute="_compute_mode",
        help="Decided on the server from the overselling policies of the short "
        "lines, whatever a client sends.",
    )
    reason = fields.Text(
        help="Why the order is confirmed without the stock to deliver it (required "
        "to override a block)."
    )
    line_ids = fields.One2many("jxc.oversell.wizard.line", "wizard_id", readonly=True)

    @api.depends("order_ids")
    def _compute_mode(self):
        for wizard in self:
            policies = {s["policy"] for s in wizard._jxc_shortages()}
            wizard.mode = "block" if "block" in policies else "warn"

    def _jxc_shortages(self):
        return [
            s
            for s in self.order_ids._origin._jxc_oversell_shortages()
            if s["policy"] != "off"
        ]

    def action_confirm_anyway(self):
        """Confirm past the guard. What may be overridden is decided here, from
        the shortages computed again now, not from the wizard's values."""
        self.ensure_one()
        orders = self.order_ids
        shortages = self._jxc_shortages()
        level = "warn"
        if any(s["policy"] == "block" for s in shortages):
            level = "block"
            if not self.env.user.has_group("sales_team.group_sale_manager"):
                raise UserError(
                    self.env._(
                        "Only a sales manager can override an overselling block."
                    )
                )
            if not (self.reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason for confirming the order without enough stock."
                    )
                )
        if shortages:
            orders._jxc_log_oversell(shortages, level, self.reason)
        return orders._jxc_confirm_overselling(level)


class JxcOversellWizardLine(models.TransientModel):
    _name = "jxc.oversell.wizard.line"
    _description = "Overselling Check Line"

    wizard_id = fields.Many2one(
        "jxc.oversell.wizard", required=True, ondelete="cascade"
    )
    order_id = fields.Many2one("sale.order", required=True)
    product_id = fields.Many2one("product.product", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    demand_qty = fields.Float(string="Ordered", digits="Product Unit of Measure")
    available_qty = fields.Float(
        string="Available to Promise", digits="Product Unit of Measure"
    )
    missing_qty = fields.Float(string="Missing", digits="Product Unit of Measure")
