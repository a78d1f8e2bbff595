# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.jxc_bridge.hooks import drop_indexes

# indexes jxc_reports puts on Odoo's own tables
ODOO_TABLE_INDEXES = ("jxc_stock_valuation_layer_create_date_idx",)


def post_init_hook(env):
    """Snapshot the history a company already has right after the install, in
    the background, rather than on the 1st of next month: until then every
    report would read all of it."""
    env.ref("jxc_reports.ir_cron_jxc_stock_snapshot_build")._trigger()


def uninstall_hook(env):
    """Drop the indexes the install put on Odoo's tables."""
    drop_indexes(env.cr, ODOO_TABLE_INDEXES)
