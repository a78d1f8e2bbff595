# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "JXC Bridge (进销存)",
    "summary": "Join purchasing, sales and inventory to accounting: stock alerts, "
    "ABC/XYZ classes, valuation posting rules",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/jxc-odoo/jxc",
    "author": "jxc contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["stock_account", "purchase_stock", "sale_stock"],
    "external_dependencies": {"python": ["openupgradelib"]},
    "data": [
        "security/jxc_bridge_groups.xml",
        "security/ir.model.access.csv",
        "security/jxc_posting_rule_security.xml",
        "views/stock_warehouse_orderpoint_views.xml",
        "data/ir_cron.xml",
        "data/stock_accounting_automatic.xml",
        "views/jxc_posting_rule_views.xml",
        "views/stock_valuation_layer_views.xml",
        "views/stock_picking_views.xml",
        "views/jxc_valuation_reconcile_views.xml",
        "views/jxc_period_close_views.xml",
        "views/res_config_settings_views.xml",
        "views/jxc_bridge_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
}
