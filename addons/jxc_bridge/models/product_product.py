# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .jxc_abc_profile import ABC_CLASSES, XYZ_CLASSES


class ProductProduct(models.Model):
    _inherit = "product.product"

    # written in bulk by the runs of the company's first ABC profile
    jxc_abc_class = fields.Selection(
        ABC_CLASSES, "ABC Class", readonly=True, copy=False, index=True
    )
    jxc_xyz_class = fields.Selection(
        XYZ_CLASSES, "XYZ Class", readonly=True, copy=False
    )
    jxc_abc_run_id = fields.Many2one(
        "jxc.abc.run", "ABC Run", readonly=True, copy=False, index="btree_not_null"
    )
    jxc_abc_date = fields.Date("ABC Date", readonly=True, copy=False)
    jxc_abc_ids = fields.One2many(
        "jxc.product.abc", "product_id", string="ABC Classes", readonly=True
    )

    def unlink(self):
        # the ABC run lines carry no foreign key
        self.env["jxc.abc.run.line"]._jxc_unlink_lines("product_id", self.ids)
        return super().unlink()
