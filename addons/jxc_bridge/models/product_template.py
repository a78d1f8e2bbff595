# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .jxc_abc_profile import ABC_CLASSES, XYZ_CLASSES


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # the best class of the variants in the company's first ABC profile
    jxc_abc_class = fields.Selection(
        ABC_CLASSES, "ABC Class", readonly=True, copy=False, index=True
    )
    jxc_xyz_class = fields.Selection(
        XYZ_CLASSES, "XYZ Class", readonly=True, copy=False
    )
    jxc_abc_ids = fields.One2many(
        "jxc.product.abc", "product_tmpl_id", string="ABC Classes", readonly=True
    )

    def unlink(self):
        # the ABC run lines carry no foreign key; deleting a template deletes
        # its variants in the database, not through their unlink
        self.env["jxc.abc.run.line"]._jxc_unlink_lines("product_tmpl_id", self.ids)
        return super().unlink()
