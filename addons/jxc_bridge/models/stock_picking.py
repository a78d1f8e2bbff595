# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import models


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
