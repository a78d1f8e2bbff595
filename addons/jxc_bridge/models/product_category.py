# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .res_company import OVERSELL_POLICIES


class ProductCategory(models.Model):
    _inherit = "product.category"

    jxc_oversell_policy = fields.Selection(
        [("company", "Company Default"), *OVERSELL_POLICIES],
        string="Overselling Policy",
        default="company",
        required=True,
        help="Refines the company's overselling policy for the products of this "
        "category.",
    )

    def _jxc_effective_oversell_policy(self, company):
        """The policy that applies to this category's products in ``company``."""
        self.ensure_one()
        if self.jxc_oversell_policy == "company":
            return company.jxc_oversell_policy
        return self.jxc_oversell_policy
