# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each monthly snapshot now comes with its summary per product
(``jxc.stock.snapshot.product``), which the stock movement summary reads for
complete months. Build it for the months already built, from their snapshots
and movements (set-based, one statement a month), and gather the table's
statistics, so that the first reports are not planned on an empty table."""

from openupgradelib import openupgrade

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    products = env["jxc.stock.snapshot.product"]
    for company in env["res.company"].with_context(active_test=False).search([]):
        products._jxc_fill(company)
    openupgrade.logged_query(cr, "ANALYZE jxc_stock_snapshot_product")
