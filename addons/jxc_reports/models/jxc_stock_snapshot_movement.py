# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .jxc_report_facts import IN_KINDS, KIND_SELECTION, OUT_KINDS


class JxcStockSnapshotMovement(models.Model):
    """The movements of a month per product, warehouse and kind (qty and value).

    Built with the month's ``jxc.stock.snapshot`` (and deleted with it): the
    sums of the month's facts per kind, signed as facts (outs negative), the
    transfers between warehouses valued once, when the month is built. A
    report reads a complete month from these rows instead of its facts; a
    group whose facts were all zero has no row.
    """

    _name = "jxc.stock.snapshot.movement"
    _description = "Monthly Stock Movement"
    _inherit = "jxc.stock.month.mixin"
    _order = "date desc, product_id, warehouse_id, kind"

    kind = fields.Selection(
        [k for k in KIND_SELECTION if k[0] in IN_KINDS + OUT_KINDS],
        required=True,
        readonly=True,
    )

    @api.model
    def _jxc_rows_sql(self, company, first, last):
        """The rows of the months ``first`` to ``last`` shaped as facts."""
        return SQL(
            "(SELECT product_id, warehouse_id, NULL::integer AS move_id, "
            "NULL::integer AS svl_id, NULL::timestamp AS date, kind, qty, value "
            "FROM jxc_stock_snapshot_movement "
            "WHERE company_id = %s AND date >= %s AND date <= %s)",
            company.id,
            first,
            last,
        )

    @api.model
    def _jxc_insert(self, company, month, facts):
        """Insert the rows of ``month`` from its ``facts`` (a subquery)."""
        self.env.execute_query(
            SQL(
                """
                INSERT INTO jxc_stock_snapshot_movement
                    (company_id, product_id, warehouse_id, date, kind, qty, value,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, f.product_id, f.warehouse_id, %(month)s, f.kind,
                       SUM(f.qty), SUM(f.value),
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM %(facts)s f
                 GROUP BY f.product_id, f.warehouse_id, f.kind
                HAVING bool_or(f.qty <> 0 OR f.value <> 0)
                """,
                company=company.id,
                month=month,
                uid=self.env.uid,
                facts=facts,
            )
        )
