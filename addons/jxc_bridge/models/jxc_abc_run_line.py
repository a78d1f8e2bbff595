# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .jxc_abc_profile import ABC_CLASSES, XYZ_CLASSES


class JxcAbcRunLine(models.Model):
    """A product's result in a run; lines are written by one INSERT ... SELECT."""

    _name = "jxc.abc.run.line"
    _description = "ABC Classification Run Line"
    _order = "run_id desc, rank, product_id"

    run_id = fields.Many2one(
        "jxc.abc.run", required=True, ondelete="cascade", index=True, readonly=True
    )
    profile_id = fields.Many2one("jxc.abc.profile", readonly=True, index=True)
    run_state = fields.Selection(related="run_id.state", string="Run Status")
    is_current = fields.Boolean(related="run_id.is_current", string="Current Run")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", required=True, ondelete="cascade", index=True, readonly=True
    )
    product_tmpl_id = fields.Many2one(
        "product.template", "Product Template", readonly=True
    )
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    rank = fields.Integer(readonly=True, aggregator=None)
    value = fields.Float(readonly=True, digits=(16, 2))
    share = fields.Float("Share (%)", readonly=True, digits=(16, 4))
    cumulative_share = fields.Float(
        "Cumulative Share (%)", readonly=True, digits=(16, 4), aggregator="max"
    )
    abc_class = fields.Selection(ABC_CLASSES, "ABC Class", readonly=True)
    previous_abc_class = fields.Selection(ABC_CLASSES, "Previous ABC", readonly=True)
    class_changed = fields.Boolean("ABC Class Changed", readonly=True)
    demand_qty = fields.Float(
        "Quantity Delivered", readonly=True, digits="Product Unit of Measure"
    )
    cv = fields.Float(
        "Coefficient of Variation",
        readonly=True,
        digits=(16, 4),
        aggregator=None,
        help="Population standard deviation of the monthly quantity delivered "
        "divided by its mean; empty without demand.",
    )
    xyz_class = fields.Selection(XYZ_CLASSES, "XYZ Class", readonly=True)
    previous_xyz_class = fields.Selection(XYZ_CLASSES, "Previous XYZ", readonly=True)
