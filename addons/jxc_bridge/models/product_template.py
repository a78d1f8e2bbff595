# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from . import jxc_posting_batch as posting_batch


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ("product.template", "jxc.abc.class.mixin")
    # the best class of the variants
    _jxc_abc_key = "product_tmpl_id"

    jxc_abc_ids = fields.One2many(
        "jxc.product.abc", "product_tmpl_id", string="ABC Classes", readonly=True
    )

    def get_product_accounts(self, fiscal_pos=None):
        """Odoo's accounts of the product; while the posting engine prepares a
        batch, computed once per template, company and fiscal position."""
        batch = posting_batch.current(self.env)
        if batch is None:
            return super().get_product_accounts(fiscal_pos=fiscal_pos)
        cache = batch.product_accounts
        key = (
            tuple(self.ids),
            self.env.company.id,
            fiscal_pos.id if fiscal_pos else False,
        )
        if key not in cache:
            cache[key] = super().get_product_accounts(fiscal_pos=fiscal_pos)
        return dict(cache[key])

    def unlink(self):
        # the ABC run lines carry no foreign key; deleting a template deletes
        # its variants in the database, not through their unlink
        self.env["jxc.abc.run.line"]._jxc_unlink_lines("product_tmpl_id", self.ids)
        return super().unlink()
