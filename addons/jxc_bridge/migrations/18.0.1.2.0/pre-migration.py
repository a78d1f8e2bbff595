# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The products' ABC and XYZ classes are read from the lines of the current run
of the company's first profile instead of being copied onto every product and
template by each run: drop the columns the runs used to write (with their
indexes and the foreign key of the run). Nothing is lost: the classes are the
lines of the current runs. The foreign keys of the run lines are dropped by
``jxc.bulk.line.mixin`` when the module is updated."""

from openupgradelib import openupgrade

from odoo.tools import SQL

COLUMNS = {
    "product_product": (
        "jxc_abc_class",
        "jxc_xyz_class",
        "jxc_abc_run_id",
        "jxc_abc_date",
    ),
    "product_template": ("jxc_abc_class", "jxc_xyz_class"),
}


def migrate(cr, version):
    if not version:
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            if openupgrade.column_exists(cr, table, column):
                drop = SQL(
                    "ALTER TABLE %s DROP COLUMN %s CASCADE",
                    SQL.identifier(table),
                    SQL.identifier(column),
                )
                openupgrade.logged_query(cr, drop.code)
