# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductProduct(models.Model):
    _name = "product.product"
    _inherit = ("product.product", "jxc.abc.class.mixin")

    jxc_abc_ids = fields.One2many(
        "jxc.product.abc", "product_id", string="ABC Classes", readonly=True
    )

    def unlink(self):
        # the ABC run lines carry no foreign key
        self.env["jxc.abc.run.line"]._jxc_unlink_lines("product_id", self.ids)
        return super().unlink()
