# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models

from .stock_valuation_layer import POSTING_STATES


def aggregate_posting_state(states):
    """One state for a document from the states of its layers."""
    for state in ("failed", "to_post", "posted"):
        if state in states:
            return state
    return "not_needed"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        res = super()._action_done()
        self._jxc_warn_below_safety()
        return res

    def _jxc_warn_below_safety(self):
        """An outgoing picking that left products below their safety stock says
        so in its chatter and to the user; it never blocks."""
        outgoing = self.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done"
        )
        if not outgoing:
            return
        alerts = (
            self.env["jxc.stock.alert"]
            .sudo()
            .search(
                [
                    ("product_id", "in", outgoing.move_ids.product_id.ids),
                    ("warehouse_id", "in", outgoing.picking_type_id.warehouse_id.ids),
                    ("kind", "in", ("below_safety", "stockout")),
                    ("state", "!=", "resolved"),
                ]
            )
        )
        for picking in outgoing:
            low = alerts.filtered(
                lambda a, p=picking: (
                    a.warehouse_id == p.picking_type_id.warehouse_id
                    and a.product_id in p.move_ids.product_id
                )
            )
            if not low:
                continue
            lines = Markup().join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(product)s: %(qty)s %(uom)s on hand, safety stock %(safety)s",
                    product=alert.product_id.display_name,
                    qty=alert.qty_on_hand,
                    uom=alert.product_uom_id.name,
                    safety=alert.limit_qty,
                )
                for alert in low
            )
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("This delivery left products below their safety stock:"),
                lines,
            )
            picking.message_post(body=body)
            self.env.user._bus_send(
                "simple_notification",
                {
                    "type": "warning",
                    "title": self.env._("Below safety stock"),
                    "message": self.env._(
                        "%(picking)s left %(count)s product(s) below safety stock.",
                        picking=picking.name,
                        count=len(low),
                    ),
                },
            )

    jxc_posting_state = fields.Selection(
        POSTING_STATES,
        string="Posting State",
        compute="_compute_jxc_posting_state",
        store=True,
        index=True,
        help="Accounting of the transfer's stock valuation: failed, still queued "
        "for a grouped voucher, posted, or nothing to post.",
    )
    jxc_posting_error = fields.Text(
        string="Posting Error", compute="_compute_jxc_posting_error"
    )
    jxc_voucher_count = fields.Integer(
        string="Vouchers", compute="_compute_jxc_voucher_count"
    )

    @api.depends("move_ids.stock_valuation_layer_ids.jxc_posting_state")
    def _compute_jxc_posting_state(self):
        for picking in self:
            layers = picking.move_ids.stock_valuation_layer_ids
            picking.jxc_posting_state = aggregate_posting_state(
                set(layers.mapped("jxc_posting_state"))
            )

    @api.depends_context("lang")
    def _compute_jxc_posting_error(self):
        # in the reader's language: rendered from the layers' failure causes
        for picking in self:
            layers = picking.move_ids.stock_valuation_layer_ids
            picking.jxc_posting_error = "\n".join(
                sorted(set(filter(None, layers.mapped("jxc_posting_error"))))
            )

    def _compute_jxc_voucher_count(self):
        for picking in self:
            picking.jxc_voucher_count = len(picking._jxc_vouchers())

    def _jxc_vouchers(self):
        return self.move_ids.stock_valuation_layer_ids.account_move_id

    def action_jxc_view_vouchers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_journal_line"
        )
        action["domain"] = [("id", "in", self._jxc_vouchers().ids)]
        action["context"] = {"create": False}
        return action

    def action_jxc_view_layers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.stock_valuation_layer_action_jxc_queue"
        )
        action["domain"] = [("jxc_picking_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def get_empty_list_help(self, help_message):
        """The posting queue of transfers says what its emptiness means, not
        stock's advert for the barcode app."""
        if self.env.context.get("jxc_posting_queue"):
            return help_message
        return super().get_empty_list_help(help_message)
