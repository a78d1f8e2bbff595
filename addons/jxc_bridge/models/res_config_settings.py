# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    def set_values(self):
        """jxc posts stock valuation: automatic stock accounting stays on while
        categories are valued in real time (Odoo would silently turn them
        periodic)."""
        group = "stock_account.group_stock_accounting_automatic"
        if self.env.user.has_group(group) and not self.group_stock_accounting_automatic:
            count = (
                self.env["product.category"]
                .sudo()
                .search_count([("property_valuation", "=", "real_time")])
            )
            if count:
                raise UserError(
                    self.env._(
                        "Automatic stock accounting is in use: %(count)s product "
                        "categories are valued in real time and posted by JXC. "
                        "Switch them to periodic valuation first.",
                        count=count,
                    )
                )
        return super().set_values()

    def action_jxc_valuation_switch(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "jxc.valuation.switch",
            "view_mode": "form",
            "target": "new",
        }
