# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import closing

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class JxcPostingRulePreview(models.TransientModel):
    _name = "jxc.posting.rule.preview"
    _description = "Posting Rule Preview"

    rule_id = fields.Many2one("jxc.posting.rule", required=True, ondelete="cascade")
    picking_id = fields.Many2one(
        "stock.picking",
        string="Transfer",
        domain="[('state', '=', 'done'), ('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(related="rule_id.company_id")
    line_ids = fields.One2many("jxc.posting.rule.preview.line", "preview_id")
    message = fields.Char(readonly=True)

    def action_preview(self):
        self.ensure_one()
        if not self.picking_id:
            raise UserError(self.env._("Choose a done transfer to preview."))
        layers = self.picking_id.move_ids.stock_valuation_layer_ids._jxc_needs_entry()
        if not layers:
            raise UserError(
                self.env._(
                    "The transfer %(picking)s has no valuation to post (products "
                    "not valued in real time, or zero value).",
                    picking=self.picking_id.name,
                )
            )
        # apply the rule on a savepoint that is always rolled back: nothing stays
        with closing(self.env.cr.savepoint()):
            lines = self.env["jxc.posting.engine"]._preview_lines(self.rule_id, layers)
            values = [
                {
                    "name": line.get("name"),
                    "account_id": line["account_id"],
                    "product_id": line.get("product_id"),
                    "partner_id": line.get("partner_id"),
                    "quantity": line.get("quantity"),
                    "debit": max(line["balance"], 0.0),
                    "credit": max(-line["balance"], 0.0),
                }
                for line in lines
            ]
        # debit lines first, then credit lines, as a voucher is written
        values.sort(key=lambda vals: vals["credit"] > 0)
        self.line_ids = [Command.clear()] + [Command.create(v) for v in values]
        return self._jxc_dialog_action(res_id=self.id)

    @api.model
    def _jxc_dialog_action(self, res_id=False, context=None):
        """The preview dialog (its title and size), on ``res_id`` or new."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.jxc_posting_rule_preview_action"
        )
        action["context"] = {"dialog_size": "extra-large", **(context or {})}
        if res_id:
            action["res_id"] = res_id
        return action


class JxcPostingRulePreviewLine(models.TransientModel):
    _name = "jxc.posting.rule.preview.line"
    _description = "Posting Rule Preview Line"

    preview_id = fields.Many2one("jxc.posting.rule.preview", ondelete="cascade")
    company_id = fields.Many2one(related="preview_id.company_id")
    name = fields.Char(string="Label")
    account_id = fields.Many2one("account.account")
    product_id = fields.Many2one("product.product")
    partner_id = fields.Many2one("res.partner")
    quantity = fields.Float(digits="Product Unit of Measure")
    debit = fields.Float(digits="Account")
    credit = fields.Float(digits="Account")
