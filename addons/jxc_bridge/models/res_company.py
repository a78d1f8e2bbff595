# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

OVERSELL_POLICIES = [
    ("off", "Off"),
    ("warn", "Warn"),
    ("block", "Block"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    jxc_dead_stock_days = fields.Integer(
        string="Dead Stock After (Days)",
        default=90,
        help="A product with stock on hand and no outgoing move for this many days "
        "raises a dead stock alert.",
    )
    jxc_alert_user_id = fields.Many2one(
        "res.users",
        string="Alert Responsible",
        help="Gets the activity of a stock alert when the product has no responsible.",
    )
    jxc_digest_user_ids = fields.Many2many(
        "res.users",
        "jxc_company_digest_user_rel",
        "company_id",
        "user_id",
        string="Alert Digest Recipients",
        help="Users who receive the daily digest e-mail of open stock alerts.",
    )
    jxc_oversell_policy = fields.Selection(
        OVERSELL_POLICIES,
        string="Overselling Policy",
        default="off",
        required=True,
        help="What happens when a sales order is confirmed for more than is "
        "available to promise in its warehouse: nothing, a warning, or a block "
        "(a sales manager may override it with a reason).",
    )

    @api.constrains("jxc_dead_stock_days")
    def _check_jxc_dead_stock_days(self):
        if any(company.jxc_dead_stock_days < 1 for company in self):
            raise ValidationError(
                self.env._("The dead stock period must be at least one day.")
            )

    def jxc_alert_digest_lines(self):
        """(kind label, count) of the company's open alerts, for the digest."""
        self.ensure_one()
        Alert = self.env["jxc.stock.alert"]
        counts = dict(
            Alert._read_group(
                [("company_id", "=", self.id), ("state", "!=", "resolved")],
                ["kind"],
                ["__count"],
            )
        )
        labels = dict(Alert._fields["kind"]._description_selection(self.env))
        return [(labels[kind], counts[kind]) for kind in labels if counts.get(kind)]
