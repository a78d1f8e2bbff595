# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .jxc_abc_profile import ABC_CLASSES, XYZ_CLASSES
from .jxc_valuation import VALUE_GROUPS


class JxcAbcRunLine(models.Model):
    """A product's result in a run; lines are written by one INSERT ... SELECT,
    without foreign keys (``jxc.bulk.line.mixin``). What the foreign keys did,
    the ORM does: a run's lines go with the run (and a profile's runs with the
    profile), a product's lines with the product, as with ``ondelete='cascade'``
    before; a deleted category is emptied on the lines that named it."""

    _name = "jxc.abc.run.line"
    _inherit = "jxc.bulk.line.mixin"
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
    value = fields.Float(readonly=True, digits=(16, 2), groups=VALUE_GROUPS)
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

    @api.model
    def _jxc_unlink_lines(self, column, ids):
        """Delete the lines whose ``column`` names one of ``ids`` (a run, a
        product or a product template being deleted)."""
        if ids:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "DELETE FROM jxc_abc_run_line WHERE %s = ANY(%s)",
                    SQL.identifier(column),
                    list(ids),
                )
            )
            self.invalidate_model()
            self.env["jxc.abc.run"].invalidate_model(
                ["line_ids", "total_value", "product_count", "change_count"]
            )
            self.env["jxc.product.abc"].invalidate_model()

    @api.model
    def _jxc_forget_categories(self, ids):
        """Empty the category of the lines that name one of ``ids`` (categories
        being deleted; a line keeps the category its product had at the run)."""
        if ids:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "UPDATE jxc_abc_run_line SET categ_id = NULL "
                    "WHERE categ_id = ANY(%s)",
                    list(ids),
                )
            )
            self.invalidate_model(["categ_id"])
