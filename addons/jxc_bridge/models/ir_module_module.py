# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "jxc_bridge" in modules:
            # the default posting rules are created by code: name them in the
            # languages just loaded
            self.env["jxc.posting.rule"].sudo()._jxc_name_defaults(langs)
        return res
