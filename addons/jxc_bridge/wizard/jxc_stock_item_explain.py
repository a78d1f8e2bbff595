# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError


class JxcStockItemExplain(models.TransientModel):
    """Mark journal items on stock accounts that no valuation layer explains
    (manual entries) as explained, with a reason, for the valuation-vs-ledger
    reconciliation."""

    _name = "jxc.stock.item.explain"
    _description = "Explain Stock Account Items"

    line_ids = fields.Many2many(
        "account.move.line", string="Journal Items", required=True
    )
    reason = fields.Char(
        required=True, help="Why these items belong on the stock account."
    )
    explained = fields.Boolean(
        default=True,
        help="Untick to withdraw an explanation given before.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "line_ids" in fields_list
            and not values.get("line_ids")
            and context.get("active_model") == "account.move.line"
        ):
            values["line_ids"] = [Command.set(context.get("active_ids", []))]
        return values

    @api.model
    def _jxc_check_rights(self):
        if not self.env.user.has_group("account.group_account_manager"):
            raise AccessError(
                self.env._(
                    "Only accounting managers may explain differences between "
                    "stock valuation and ledger."
                )
            )

    def action_apply(self):
        self.ensure_one()
        self._jxc_check_rights()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason of the explanation."))
        lines = self.line_ids
        manual = self.env["jxc.valuation"]._manual_items(lines)
        if manual != lines:
            raise UserError(
                self.env._(
                    "Only posted journal items without a valuation layer can be "
                    "explained; these have one or are not posted: %(items)s. "
                    "A layer's own entry reconciles by itself.",
                    items=", ".join((lines - manual).mapped("display_name")),
                )
            )
        lines._jxc_explain(reason, explained=self.explained)
        return {"type": "ir.actions.act_window_close"}
