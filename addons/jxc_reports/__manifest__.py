# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "JXC Reports (进销存报表)",
    "summary": "Stock movement summary, stock card, ABC, alerts, valuation vs ledger, "
    "margin, turnover and aging reports",
    "version": "18.0.1.2.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/jxc-odoo/jxc",
    "author": "jxc contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["jxc_bridge"],
    "external_dependencies": {"python": ["openupgradelib"]},
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "data": [
        "security/ir.model.access.csv",
        "security/jxc_reports_security.xml",
        "data/ir_cron.xml",
        "data/mail_template.xml",
        "report/jxc_reports_reports.xml",
        "report/jxc_reports_templates.xml",
        "views/jxc_stock_summary_views.xml",
        "views/jxc_stock_card_views.xml",
        "views/jxc_stock_aging_views.xml",
        "views/jxc_gross_margin_views.xml",
        "views/jxc_stock_turnover_views.xml",
        "views/jxc_report_schedule_views.xml",
        "views/jxc_stock_alert_report_views.xml",
        "views/jxc_abc_report_views.xml",
        "views/jxc_valuation_ledger_views.xml",
        "views/jxc_reports_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "jxc_reports/static/src/**/*",
        ],
        "web.assets_tests": [
            "jxc_reports/static/tests/tours/*.js",
        ],
    },
}
