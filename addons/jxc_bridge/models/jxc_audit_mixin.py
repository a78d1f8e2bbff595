# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class JxcAuditMixin(models.AbstractModel):
    """A control whose changes go to the JXC audit log: the model names the
    audited fields in ``_jxc_audit_fields`` (or overrides
    ``_jxc_audit_field_names``) and the reason of a change in
    ``_jxc_audit_reason``."""

    _name = "jxc.audit.mixin"
    _description = "JXC Audited Control"
    _jxc_audit_fields = ()

    def _jxc_audit_field_names(self):
        return self._jxc_audit_fields

    def _jxc_audit_reason(self, vals):
        """The reason to log with the change ``vals`` (False: none asked)."""
        return False

    def _jxc_audit_values(self, names):
        """{field name: displayed value} of this record, as the log shows it."""
        self.ensure_one()
        values = {}
        for name in names:
            field = self._fields[name]
            value = self[name]
            if field.type == "many2one":
                text = value.display_name or ""
            elif field.type in ("many2many", "one2many"):
                text = ", ".join(value.mapped("display_name"))
            elif field.type == "selection":
                text = dict(field._description_selection(self.env)).get(value) or ""
            elif field.type == "boolean":
                text = self.env._("Yes") if value else self.env._("No")
            elif field.type == "date":
                text = fields.Date.to_string(value) or ""
            elif field.type == "datetime":
                text = fields.Datetime.to_string(value) or ""
            elif field.type == "float":
                text = f"{value:g}"
            else:
                text = "" if value is False or value is None else str(value)
            values[name] = text
        return values

    def write(self, vals):
        names = [name for name in self._jxc_audit_field_names() if name in vals]
        if not names:
            return super().write(vals)
        before = {record.id: record._jxc_audit_values(names) for record in self}
        reason = self._jxc_audit_reason(vals)
        res = super().write(vals)
        self.env["jxc.audit.log"]._jxc_log(self, before, reason=reason)
        return res
