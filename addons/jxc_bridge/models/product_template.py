# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ("product.template", "jxc.abc.class.mixin")
    # the best class of the variants
    _jxc_abc_key = "product_tmpl_id"

    jxc_abc_ids = fields.One2many(
        "jxc.product.abc", "product_tmpl_id", string="ABC Classes", readonly=True
    )

    def unlink(self):
        # the ABC run lines carry no foreign key; deleting a template deletes
        # its variants in the database, not through their unlink
        self.env["jxc.abc.run.line"]._jxc_unlink_lines("product_tmpl_id", self.ids)
        return super().unlink()
