# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class JxcStockAlertReportWizard(models.TransientModel):
    """Unresolved stock alerts counted by kind x warehouse x responsible:
    open ones, and acknowledged ones unless excluded."""

    _name = "jxc.stock.alert.report.wizard"
    _inherit = "jxc.report.mixin"
    _description = "Stock Alerts Report"
    _jxc_line_model = "jxc.stock.alert.report.line"
    _jxc_pdf_report = "jxc_reports.action_report_jxc_stock_alert"

    warehouse_ids = fields.Many2many("stock.warehouse", string="Warehouses")
    include_acknowledged = fields.Boolean(
        default=True, help="Count the acknowledged alerts with the open ones."
    )
    line_ids = fields.One2many("jxc.stock.alert.report.line", "wizard_id")

    def _jxc_title(self):
        return self.env._("Stock Alerts")

    def _jxc_filters(self):
        filters = [(self.env._("Company"), self.company_id.name)]
        if self.warehouse_ids:
            filters.append(
                (
                    self.env._("Warehouses"),
                    ", ".join(self.warehouse_ids.mapped("name")),
                )
            )
        filters.append(
            (
                self.env._("Acknowledged Alerts"),
                self.env._("Included")
                if self.include_acknowledged
                else self.env._("Excluded"),
            )
        )
        return filters

    def _jxc_line_columns(self):
        return [
            "kind",
            "warehouse_id",
            "user_id",
            "open_count",
            "acknowledged_count",
            "alert_count",
        ]

    def _jxc_compute(self):
        self.ensure_one()
        states = ("open", "acknowledged") if self.include_acknowledged else ("open",)
        warehouses = (
            SQL("a.warehouse_id IN %s", tuple(self.warehouse_ids.ids))
            if self.warehouse_ids
            else SQL("TRUE")
        )
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                INSERT INTO jxc_stock_alert_report_line
                    (wizard_id, company_id, kind, warehouse_id, user_id,
                     open_count, acknowledged_count, alert_count,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(wizard)s, a.company_id, a.kind, a.warehouse_id, a.user_id,
                       COUNT(*) FILTER (WHERE a.state = 'open'),
                       COUNT(*) FILTER (WHERE a.state = 'acknowledged'),
                       COUNT(*),
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM jxc_stock_alert a
                 WHERE a.company_id = %(company)s AND a.state IN %(states)s
                   AND %(warehouses)s
                 GROUP BY a.company_id, a.kind, a.warehouse_id, a.user_id
                """,
                wizard=self.id,
                company=self.company_id.id,
                states=states,
                warehouses=warehouses,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
