# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

# indexes jxc_bridge puts on Odoo's own tables (Odoo drops the ones of jxc's
# tables and columns itself)
ODOO_TABLE_INDEXES = ("jxc_stock_move_done_out_idx",)


def post_init_hook(env):
    env["res.company"].search([])._jxc_create_default_posting_rules()


def uninstall_hook(env):
    """Take back what the install added to Odoo's own records: automatic stock
    accounting implied for every internal user (and the users it gave the
    group to), and the indexes on Odoo's tables."""
    automatic = env.ref(
        "stock_account.group_stock_accounting_automatic", raise_if_not_found=False
    )
    if automatic:
        env.ref("base.group_user")._remove_group(automatic.sudo())
    drop_indexes(env.cr, ODOO_TABLE_INDEXES)


def drop_indexes(cr, names):
    for name in names:
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
