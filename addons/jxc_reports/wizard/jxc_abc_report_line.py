# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.jxc_bridge.models.jxc_abc_profile import ABC_CLASSES
from odoo.addons.jxc_bridge.models.jxc_valuation import VALUE_GROUPS


class JxcAbcReportLine(models.TransientModel):
    """A product of the Pareto table of an ABC run."""

    _name = "jxc.abc.report.line"
    _inherit = "jxc.report.line.mixin"
    _description = "ABC Analysis Report Line"
    _order = "rank"

    wizard_id = fields.Many2one(
        "jxc.abc.report.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    rank = fields.Integer(readonly=True, aggregator=None)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    value = fields.Float(
        readonly=True, digits=(16, 2), aggregator="sum", groups=VALUE_GROUPS
    )
    share = fields.Float("Share (%)", readonly=True, digits=(16, 2), aggregator="sum")
    cumulative_share = fields.Float(
        "Cumulative Share (%)", readonly=True, digits=(16, 2), aggregator="max"
    )
    abc_class = fields.Selection(ABC_CLASSES, "ABC Class", readonly=True)
