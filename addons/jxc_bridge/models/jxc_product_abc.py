# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .jxc_abc_profile import ABC_CLASSES, XYZ_CLASSES


class JxcProductAbc(models.Model):
    """The current class of a product in a profile, written by applied runs."""

    _name = "jxc.product.abc"
    _description = "Product ABC Class"
    _order = "profile_id, product_id"

    product_id = fields.Many2one(
        "product.product", required=True, ondelete="cascade", index=True
    )
    product_tmpl_id = fields.Many2one(
        "product.template",
        "Product Template",
        required=True,
        ondelete="cascade",
        index=True,
    )
    profile_id = fields.Many2one(
        "jxc.abc.profile", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True)
    run_id = fields.Many2one("jxc.abc.run", required=True, ondelete="cascade")
    abc_class = fields.Selection(ABC_CLASSES, "ABC Class", required=True)
    xyz_class = fields.Selection(XYZ_CLASSES, "XYZ Class", required=True)
    date = fields.Date(required=True, help="Reference date of the run.")

    _sql_constraints = (
        (
            "profile_product_uniq",
            "UNIQUE(profile_id, product_id)",
            "A product has one class per profile.",
        ),
    )
