# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jxc_dead_stock_days = fields.Integer(
        related="company_id.jxc_dead_stock_days", readonly=False
    )
    jxc_alert_user_id = fields.Many2one(
        related="company_id.jxc_alert_user_id", readonly=False
    )
    jxc_digest_user_ids = fields.Many2many(
        related="company_id.jxc_digest_user_ids", readonly=False
    )
    jxc_oversell_policy = fields.Selection(
        related="company_id.jxc_oversell_policy", readonly=False
    )
    jxc_oversell_count_incoming = fields.Boolean(
        related="company_id.jxc_oversell_count_incoming", readonly=False
    )
    jxc_scan_interval_hours = fields.Integer(
        string="Alert Scan Interval (Hours)",
        help="How often the scheduled scan looks for stock alerts (all companies).",
    )

    @api.model
    def _jxc_scan_cron(self):
        # the scan cron belongs to this settings page: reading and writing its
        # interval is the point of the field, for an Inventory administrator
        return self.env.ref(
            "jxc_bridge.ir_cron_jxc_stock_alert_scan", raise_if_not_found=False
        ).sudo()

    @api.model
    def get_values(self):
        res = super().get_values()
        cron = self._jxc_scan_cron()
        hours = 1
        if cron:
            hours = cron.interval_number * {
                "hours": 1,
                "days": 24,
                "weeks": 24 * 7,
                "months": 24 * 30,
            }.get(cron.interval_type, 1)
        res["jxc_scan_interval_hours"] = max(hours, 1)
        return res

    def set_values(self):
        self._jxc_check_stock_accounting_automatic()
        res = super().set_values()
        cron = self._jxc_scan_cron()
        for settings in self:
            if settings.jxc_scan_interval_hours < 1:
                raise ValidationError(
                    self.env._("The alert scan interval must be at least one hour.")
                )
            if cron and (cron.interval_number, cron.interval_type) != (
                settings.jxc_scan_interval_hours,
                "hours",
            ):
                cron.write(
                    {
                        "interval_number": settings.jxc_scan_interval_hours,
                        "interval_type": "hours",
                    }
                )
        return res

    def _jxc_check_stock_accounting_automatic(self):
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

    def action_jxc_valuation_switch(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "jxc.valuation.switch",
            "view_mode": "form",
            "target": "new",
        }
