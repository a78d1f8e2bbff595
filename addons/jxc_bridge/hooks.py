# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

# indexes jxc_bridge puts on Odoo's own tables (Odoo drops the ones of jxc's
# tables and columns itself)
ODOO_TABLE_INDEXES = ("jxc_stock_move_done_out_idx",)


# the stored computed columns jxc_bridge adds to Odoo's tables: (table, column,
# type). The pre-init hook creates and fills them with SQL, so that the install
# does not compute them through the ORM for every picking, scrap and layer of
# a company's history (Odoo computes a stored field only when it creates its
# column).
COMPUTED_COLUMNS = (
    ("stock_picking", "jxc_posting_state", "varchar"),
    ("stock_picking", "jxc_posting_error", "text"),
    ("stock_scrap", "jxc_posting_state", "varchar"),
    ("stock_valuation_layer", "jxc_picking_id", "int4"),
)


def pre_init_hook(env):
    """Create and fill the stored computed columns on Odoo's tables, one
    statement each. Before jxc no layer has been queued for posting: every
    layer is "not needed" (its column's default), so is every picking and
    scrap, without an error; a layer's transfer is its move's."""
    cr = env.cr
    for table, column, column_type in COMPUTED_COLUMNS:
        if not column_exists(cr, table, column):
            create_column(cr, table, column, column_type)
    for table in ("stock_picking", "stock_scrap"):
        cr.execute(
            SQL(
                "UPDATE %s SET jxc_posting_state = 'not_needed' "
                "WHERE jxc_posting_state IS NULL",
                SQL.identifier(table),
            )
        )
    cr.execute(
        SQL(
            """
            UPDATE stock_valuation_layer l
               SET jxc_picking_id = m.picking_id
              FROM stock_move m
             WHERE m.id = l.stock_move_id
               AND m.picking_id IS NOT NULL
               AND l.jxc_picking_id IS NULL
            """
        )
    )


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
