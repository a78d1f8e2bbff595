# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL, frozendict

from .jxc_abc_profile import ABC_CLASSES, XYZ_CLASSES


class JxcProductAbc(models.Model):
    """The current class of a product in a profile: the lines of the profile's
    current applied run (an SQL view, so that applying a run copies nothing)."""

    _name = "jxc.product.abc"
    _description = "Product ABC Class"
    _auto = False
    _order = "profile_id, product_id"
    _depends = frozendict(
        {
            "jxc.abc.run": ("profile_id", "company_id", "date", "state", "is_current"),
            "jxc.abc.run.line": (
                "run_id",
                "product_id",
                "product_tmpl_id",
                "abc_class",
                "xyz_class",
            ),
        }
    )

    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", "Product Template", readonly=True
    )
    profile_id = fields.Many2one("jxc.abc.profile", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    run_id = fields.Many2one("jxc.abc.run", readonly=True)
    abc_class = fields.Selection(ABC_CLASSES, "ABC Class", readonly=True)
    xyz_class = fields.Selection(XYZ_CLASSES, "XYZ Class", readonly=True)
    date = fields.Date(readonly=True, help="Reference date of the run.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT l.id, l.product_id, l.product_tmpl_id, r.profile_id,
                           r.company_id, l.run_id, l.abc_class, l.xyz_class, r.date
                      FROM jxc_abc_run r
                      JOIN jxc_abc_run_line l ON l.run_id = r.id
                     WHERE r.is_current AND r.state = 'applied'
                )
                """,
                SQL.identifier(self._table),
            )
        )
