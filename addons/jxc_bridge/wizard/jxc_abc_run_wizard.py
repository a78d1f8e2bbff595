# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class JxcAbcRunWizard(models.TransientModel):
    _name = "jxc.abc.run.wizard"
    _description = "Run ABC Classification"

    profile_ids = fields.Many2many("jxc.abc.profile", string="Profiles")
    date = fields.Date(
        "Reference Date",
        required=True,
        default=fields.Date.context_today,
        help="Last day of the period analysed.",
    )
    mode = fields.Selection(
        [("preview", "Preview"), ("apply", "Compute and apply")],
        required=True,
        default="preview",
        help="Preview computes the classes without changing the products; apply "
        "writes them to the products and plans the cycle counts.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "profile_ids" in fields_list
            and self.env.context.get("active_model") == "jxc.abc.profile"
        ):
            res["profile_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return res

    def action_run(self):
        self.ensure_one()
        if not self.profile_ids:
            raise UserError(self.env._("Choose at least one ABC profile to run."))
        runs = self.env["jxc.abc.run"]
        for profile in self.profile_ids:
            runs |= profile.with_company(profile.company_id)._run(
                apply=self.mode == "apply", date=self.date
            )
        return runs._action_open()
