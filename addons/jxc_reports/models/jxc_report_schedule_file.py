# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class JxcReportScheduleFile(models.Model):
    """The file of one sending of a scheduled report whose figures hold values
    (costs): its attachment belongs to this record, and Odoo's attachment
    access follows the record's, which only the groups that may see values
    read. Anyone who reads the schedule does not read its files. Written by
    the sending only."""

    _name = "jxc.report.schedule.file"
    _description = "Scheduled Report File"
    _order = "id desc"
    _check_company_auto = True

    schedule_id = fields.Many2one(
        "jxc.report.schedule",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    name = fields.Char(required=True, readonly=True)
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        domain=[("res_model", "=", "jxc.report.schedule.file")],
        string="File",
        readonly=True,
    )
