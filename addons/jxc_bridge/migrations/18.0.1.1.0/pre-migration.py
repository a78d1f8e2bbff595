# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""jxc.product.abc became an SQL view of the current runs' lines: drop the table
the runs used to copy their classes into, so that the view can be created. The
classes are not lost: they are the lines of each profile's current run."""

from openupgradelib import openupgrade

from odoo.tools.sql import TableKind, table_kind


def migrate(cr, version):
    if not version:
        return
    if table_kind(cr, "jxc_product_abc") == TableKind.Regular:
        openupgrade.logged_query(cr, "DROP TABLE jxc_product_abc CASCADE")
