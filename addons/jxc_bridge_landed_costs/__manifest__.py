# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "JXC Bridge: Landed Costs (到岸成本过账)",
    "summary": "Post Odoo's landed costs through jxc's landed-cost posting rule",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/jxc-odoo/jxc",
    "author": "jxc contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["jxc_bridge", "stock_landed_costs"],
    "data": [],
}
