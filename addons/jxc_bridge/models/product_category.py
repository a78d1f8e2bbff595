# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .res_company import OVERSELL_POLICIES


class ProductCategory(models.Model):
    _name = "product.category"
    _inherit = ("product.category", "jxc.audit.mixin")
    _jxc_audit_fields = ("jxc_oversell_policy",)

    jxc_oversell_policy = fields.Selection(
        [("company", "Company Default"), *OVERSELL_POLICIES],
        string="Overselling Policy",
        default="company",
        required=True,
        help="Refines the company's overselling policy for the products of this "
        "category.",
    )

    def write(self, vals):
        res = super().write(vals)
        if any(name.startswith("property_") for name in vals):
            # an account or journal that failed postings may be fixed
            self.env["jxc.posting.engine"]._wake_failed()
        return res

    def unlink(self):
        # subcategories go with their parent
        categories = self.search([("id", "child_of", self.ids)])
        self.env["jxc.abc.run.line"]._jxc_forget_categories(categories.ids)
        return super().unlink()

    def _jxc_effective_oversell_policy(self, company, abc_policy=None):
        """The policy that applies to this category's products in ``company``.

        Precedence, from the most specific decision to the most general: the
        category's own policy (set for the nature of the goods, e.g. made to
        order), else the policy of the product's ABC class (``abc_policy``, a
        ``jxc.abc.policy``: it follows the product's weight, recomputed by each
        run), else the company's policy."""
        self.ensure_one()
        if self.jxc_oversell_policy != "company":
            return self.jxc_oversell_policy
        if abc_policy and abc_policy.oversell_policy != "company":
            return abc_policy.oversell_policy
        return company.jxc_oversell_policy
