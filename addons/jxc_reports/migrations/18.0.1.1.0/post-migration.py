# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Monthly snapshots are now built with their movements per kind, which the
reports read for complete months. Snapshots of an earlier version have none:
delete them and have the scheduled action rebuild both. Until it has run, the
reports read the facts, as without snapshots, and stay exact."""

from openupgradelib import openupgrade

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    openupgrade.logged_query(cr, "DELETE FROM jxc_stock_snapshot_movement")
    if openupgrade.logged_query(cr, "DELETE FROM jxc_stock_snapshot"):
        env = api.Environment(cr, SUPERUSER_ID, {})
        cron = env.ref(
            "jxc_reports.ir_cron_jxc_stock_snapshot_build", raise_if_not_found=False
        )
        if cron:
            cron._trigger()
