# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class JxcAuditLog(models.Model):
    """访问审计: one line per change of a control (stock limits, oversell
    policies, dead-stock days, the stock lock date, posting rules, ABC
    policies, month close and reopen): who, when, the old and the new value,
    and the reason where one is asked. Written by the server only
    (``jxc.audit.mixin``), never by a user."""

    _name = "jxc.audit.log"
    _description = "JXC Audit Log"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    model_id = fields.Many2one(
        "ir.model", "Object Type", required=True, readonly=True, ondelete="cascade"
    )
    res_model = fields.Char(related="model_id.model", store=True, string="Model")
    res_id = fields.Many2oneReference(
        "Record ID", model_field="res_model", readonly=True, index=True
    )
    record_name = fields.Char("Object", readonly=True)
    field_id = fields.Many2one("ir.model.fields", readonly=True, ondelete="cascade")
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    reason = fields.Text(readonly=True)
    kind = fields.Selection(
        [("change", "Change"), ("override", "Override")],
        default="change",
        required=True,
        readonly=True,
        help="Change: a control's value changed. Override: a control was passed "
        "by someone allowed to (an overselling block or warning, a month closed "
        "despite differences).",
    )

    @api.model
    def _jxc_log_override(self, record, old_value, new_value, reason=False):
        """Log that ``record``'s control was overridden: what it said
        (``old_value``), what was done (``new_value``) and why."""
        company = record if record._name == "res.company" else False
        if company is False and "company_id" in record._fields:
            company = record.company_id
        return self.sudo().create(
            {
                "date": fields.Datetime.now(),
                "user_id": self.env.uid,
                "company_id": company.id if company else False,
                "model_id": self.env["ir.model"]._get(record._name).id,
                "res_id": record.id,
                "record_name": record.display_name,
                "old_value": old_value,
                "new_value": new_value,
                "reason": reason or False,
                "kind": "override",
            }
        )

    @api.model
    def _jxc_log(self, records, before, reason=False):
        """Log the changes of ``records`` since ``before`` ({record id:
        {field name: displayed value}})."""
        IrFields = self.env["ir.model.fields"]
        model = self.env["ir.model"]._get(records._name)
        now = fields.Datetime.now()
        vals_list = []
        for record in records:
            old = before.get(record.id, {})
            new = record._jxc_audit_values(list(old))
            company = record if records._name == "res.company" else False
            if company is False and "company_id" in record._fields:
                company = record.company_id
            for name, old_value in old.items():
                if old_value == new[name]:
                    continue
                vals_list.append(
                    {
                        "date": now,
                        "user_id": self.env.uid,
                        "company_id": company.id if company else False,
                        "model_id": model.id,
                        "res_id": record.id,
                        "record_name": record.display_name,
                        "field_id": IrFields._get(records._name, name).id,
                        "old_value": old_value,
                        "new_value": new[name],
                        "reason": reason or False,
                    }
                )
        # the users change controls, they never write the log themselves
        return self.sudo().create(vals_list)
