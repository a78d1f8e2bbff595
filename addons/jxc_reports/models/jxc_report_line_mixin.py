# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class JxcReportLineMixin(models.AbstractModel):
    """What every line of a jxc report shares: a report writes thousands of
    lines with one ``INSERT ... SELECT`` and they live only as long as their
    wizard (its ``unlink`` deletes them, the transient vacuum does it for old
    wizards). The lines therefore carry no foreign key (``jxc.bulk.line.mixin``): they
    would protect rows that outlive the report by minutes. The records the
    lines name (products, moves, partners with stock history) cannot be deleted
    while a report shows them anyway."""

    _name = "jxc.report.line.mixin"
    _inherit = "jxc.bulk.line.mixin"
    _description = "JXC Report Line"
