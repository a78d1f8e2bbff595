# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .jxc_report_facts import IN_KINDS, OUT_KINDS, VALUE_GROUPS
from .jxc_stock_month_mixin import create_company_month_index

QTY = "Product Unit of Measure"


class JxcStockSnapshotProduct(models.Model):
    """The stock movement summary of a month per product, as its line reads.

    Built with the month's ``jxc.stock.snapshot`` and movements, from them, and
    deleted with them: the opening (the previous month's snapshot summed over
    the warehouses), the ins and outs per kind (the month's movement rows summed
    over the warehouses; outs are positive numbers), their totals and the
    closing. A product has a row when it had stock at the start of the month or
    moved in it, as it has a line in the summary. The summary per product or
    per category over every warehouse, for a period of complete months, reads
    one row per product and month here instead of the opening per product and
    warehouse and the movements per product, warehouse and kind.
    """

    _name = "jxc.stock.snapshot.product"
    _description = "Monthly Stock Summary per Product"
    _order = "date desc, product_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    date = fields.Date("Month", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    opening_qty = fields.Float(digits=QTY, readonly=True)
    opening_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    purchase_qty = fields.Float("Purchase Receipt Qty", digits=QTY, readonly=True)
    purchase_value = fields.Monetary(
        "Purchase Receipt Value", groups=VALUE_GROUPS, readonly=True
    )
    customer_return_qty = fields.Float(digits=QTY, readonly=True)
    customer_return_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    transfer_in_qty = fields.Float(digits=QTY, readonly=True)
    transfer_in_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    inventory_gain_qty = fields.Float(digits=QTY, readonly=True)
    inventory_gain_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    other_in_qty = fields.Float(digits=QTY, readonly=True)
    other_in_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    in_qty = fields.Float(digits=QTY, readonly=True)
    in_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    sale_qty = fields.Float("Sales Delivery Qty", digits=QTY, readonly=True)
    sale_value = fields.Monetary(
        "Sales Delivery Value", groups=VALUE_GROUPS, readonly=True
    )
    vendor_return_qty = fields.Float(digits=QTY, readonly=True)
    vendor_return_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    transfer_out_qty = fields.Float(digits=QTY, readonly=True)
    transfer_out_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    scrap_qty = fields.Float(digits=QTY, readonly=True)
    scrap_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    inventory_loss_qty = fields.Float(digits=QTY, readonly=True)
    inventory_loss_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    other_out_qty = fields.Float(digits=QTY, readonly=True)
    other_out_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    out_qty = fields.Float(digits=QTY, readonly=True)
    out_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)
    closing_qty = fields.Float(digits=QTY, readonly=True)
    closing_value = fields.Monetary(groups=VALUE_GROUPS, readonly=True)

    def init(self):
        res = super().init()
        create_company_month_index(self)
        return res

    @api.model
    def _jxc_movement_columns(self):
        """The names of the columns of the ins and outs, per kind and in total."""
        names = [
            f"{kind}_{m}" for kind in IN_KINDS + OUT_KINDS for m in ("qty", "value")
        ]
        return names + ["in_qty", "in_value", "out_qty", "out_value"]

    @api.model
    def _jxc_insert(self, company, month, prev):
        """Insert the rows of ``month`` from the snapshot of ``prev`` (the
        month before it, None for the first month) and the movement rows of
        ``month``."""
        parts = [
            self.env["jxc.stock.snapshot.movement"]._jxc_rows_sql(company, month, month)
        ]
        if prev:
            parts.append(self.env["jxc.stock.snapshot"]._jxc_rows_sql(company, prev))

        def total(measure, kinds, sign):
            return SQL(
                "%s * COALESCE(SUM(f.%s) FILTER (WHERE f.kind IN %s), 0)",
                sign,
                SQL.identifier(measure),
                tuple(kinds),
            )

        values = []
        for kind in IN_KINDS + OUT_KINDS:
            sign = 1 if kind in IN_KINDS else -1
            values += [total(m, (kind,), sign) for m in ("qty", "value")]
        values += [
            total("qty", IN_KINDS, 1),
            total("value", IN_KINDS, 1),
            total("qty", OUT_KINDS, -1),
            total("value", OUT_KINDS, -1),
        ]
        self.env.execute_query(
            SQL(
                """
                INSERT INTO jxc_stock_snapshot_product
                    (company_id, product_id, date, opening_qty, opening_value,
                     closing_qty, closing_value, %(columns)s,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, f.product_id, %(month)s,
                       COALESCE(SUM(f.qty) FILTER (WHERE f.kind = 'balance'), 0),
                       COALESCE(SUM(f.value) FILTER (WHERE f.kind = 'balance'), 0),
                       SUM(f.qty), SUM(f.value), %(values)s,
                       %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM (%(rows)s) f
                 GROUP BY f.product_id
                """,
                columns=SQL(", ").join(
                    SQL.identifier(name) for name in self._jxc_movement_columns()
                ),
                company=company.id,
                month=month,
                values=SQL(", ").join(values),
                uid=self.env.uid,
                rows=SQL(" UNION ALL ").join(
                    SQL("SELECT * FROM %s p", part) for part in parts
                ),
            )
        )

    @api.model
    def _jxc_fill(self, company):
        """Build again the rows of every built month of ``company`` from its
        snapshots and movements (the upgrade to the version that keeps these
        rows). Returns the number of months."""
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                "DELETE FROM jxc_stock_snapshot_product WHERE company_id = %s",
                company.id,
            )
        )
        months = [
            month
            for (month,) in self.env.execute_query(
                SQL(
                    "SELECT date FROM jxc_stock_snapshot WHERE company_id = %(c)s "
                    "UNION SELECT date FROM jxc_stock_snapshot_movement "
                    "WHERE company_id = %(c)s ORDER BY date",
                    c=company.id,
                )
            )
        ]
        for month in months:
            prev = month - relativedelta(months=1) if month != months[0] else None
            self._jxc_insert(company, month, prev)
        self.invalidate_model()
        return len(months)
