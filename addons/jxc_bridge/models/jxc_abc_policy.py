# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .jxc_abc_profile import ABC_CLASSES


class JxcAbcPolicy(models.Model):
    _name = "jxc.abc.policy"
    _inherit = ("jxc.audit.mixin",)
    _description = "ABC Class Policy"
    _order = "profile_id, abc_class"

    profile_id = fields.Many2one(
        "jxc.abc.profile", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="profile_id.company_id", store=True)
    abc_class = fields.Selection(ABC_CLASSES, "Class", required=True)
    safety_factor = fields.Float(
        "Safety Stock Factor",
        default=1.0,
        digits=(16, 2),
        help="Multiplies the safety stock of the reordering rules of the class's "
        "products.",
    )
    alert_severity = fields.Selection(
        [
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
        ],
        default="medium",
        required=True,
        help="Severity of the stock alerts raised for products of this class.",
    )
    oversell_policy = fields.Selection(
        [
            ("company", "Company default"),
            ("off", "Off"),
            ("warn", "Warn"),
            ("block", "Block"),
        ],
        "Overselling",
        default="company",
        required=True,
        help="Refines the company's overselling policy for products of this class.",
    )
    count_frequency_months = fields.Integer(
        "Count every (months)",
        default=12,
        help="Cycle counts: after a run is applied, the products of this class are "
        "scheduled for counting in Physical Inventory at most this many months "
        "later. 0: no planned count.",
    )

    _sql_constraints = (
        (
            "profile_class_uniq",
            "UNIQUE(profile_id, abc_class)",
            "A profile has one policy per class.",
        ),
    )

    @api.constrains("safety_factor", "count_frequency_months")
    def _check_values(self):
        for policy in self:
            if policy.safety_factor <= 0 or policy.count_frequency_months < 0:
                raise ValidationError(
                    self.env._(
                        "Policy of class %(cls)s in profile %(profile)s: the safety "
                        "stock factor must be positive and the count frequency "
                        "cannot be negative.",
                        cls=policy.abc_class,
                        profile=policy.profile_id.name,
                    )
                )

    def _jxc_audit_field_names(self):
        return self._tracked_fields()

    def write(self, vals):
        """Log every change of a policy in the profile's chatter."""
        tracked = [name for name in vals if name in self._tracked_fields()]
        before = {policy: policy._tracking_values(tracked) for policy in self}
        res = super().write(vals)
        for policy in self:
            after = policy._tracking_values(tracked)
            changes = [
                f"{label}: {old} → {after[label]}"
                for label, old in before[policy].items()
                if old != after[label]
            ]
            if changes:
                policy.profile_id.message_post(
                    body=self.env._(
                        "Policy of class %(cls)s changed: %(changes)s",
                        cls=policy.abc_class,
                        changes="; ".join(changes),
                    )
                )
        return res

    def _tracked_fields(self):
        return (
            "abc_class",
            "safety_factor",
            "alert_severity",
            "oversell_policy",
            "count_frequency_months",
        )

    def _tracking_values(self, names):
        """{field label: displayed value} of this policy."""
        self.ensure_one()
        values = {}
        for name in names:
            field = self._fields[name]
            value = self[name]
            if field.type == "selection":
                value = dict(field._description_selection(self.env)).get(value, value)
            values[field._description_string(self.env)] = value
        return values

    @api.model
    def _get_for_products(self, products, company=None):
        """Policy of each product in the main profile of ``company``:
        ``{product: jxc.abc.policy}`` (products without a class are left out)."""
        company = company or self.env.company
        profile = (
            self.env["jxc.abc.profile"]._main_profile_by_company(company).get(company)
        )
        if not profile:
            return {}
        rows = self.env["jxc.product.abc"]._read_group(
            [("profile_id", "=", profile.id), ("product_id", "in", products.ids)],
            ["product_id", "abc_class"],
        )
        policies = {p.abc_class: p for p in profile.policy_ids}
        return {
            product: policies[abc_class]
            for product, abc_class in rows
            if abc_class in policies
        }
