# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError


class JxcOversellWizard(models.TransientModel):
    _name = "jxc.oversell.wizard"
    _description = "Overselling Check"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    mode = fields.Selection(
        [("warn", "Warn"), ("block", "Block")], required=True, default="warn"
    )
    reason = fields.Text(
        help="Why the order is confirmed without the stock to deliver it (required "
        "to override a block)."
    )
    line_ids = fields.One2many("jxc.oversell.wizard.line", "wizard_id")

    def action_confirm_anyway(self):
        self.ensure_one()
        if self.mode == "block":
            if not self.env.user.has_group("sales_team.group_sale_manager"):
                raise UserError(
                    self.env._(
                        "Only a sales manager can override an overselling block."
                    )
                )
            if not (self.reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason for confirming the order without enough stock."
                    )
                )
        for order in self.order_ids:
            lines = self.line_ids.filtered(lambda ln, o=order: ln.order_id == o)
            if not lines:
                continue
            items = Markup().join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(product)s: %(missing)s missing",
                    product=line.product_id.display_name,
                    missing=line.missing_qty,
                )
                for line in lines
            )
            if self.mode == "block":
                head = self.env._(
                    "Overselling block overridden. Reason: %s", self.reason
                )
            else:
                head = self.env._("Confirmed despite the overselling warning.")
            order.message_post(body=Markup("<p>%s</p><ul>%s</ul>") % (head, items))
            lines._jxc_oversell_alerts()
        return self.order_ids.with_context(
            jxc_skip_oversell_check=True
        ).action_confirm()


class JxcOversellWizardLine(models.TransientModel):
    _name = "jxc.oversell.wizard.line"
    _description = "Overselling Check Line"

    wizard_id = fields.Many2one(
        "jxc.oversell.wizard", required=True, ondelete="cascade"
    )
    order_id = fields.Many2one("sale.order", required=True)
    product_id = fields.Many2one("product.product", required=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    demand_qty = fields.Float(string="Ordered", digits="Product Unit of Measure")
    available_qty = fields.Float(
        string="Available to Promise", digits="Product Unit of Measure"
    )
    missing_qty = fields.Float(string="Missing", digits="Product Unit of Measure")

    def _jxc_oversell_alerts(self):
        """Open (or refresh) the oversell alert of each line's product in the
        order's warehouse."""
        # alerts are system records: the salesman who oversold may not create them
        Alert = self.env["jxc.stock.alert"].sudo()
        new = Alert
        for line in self:
            warehouse = line.order_id.warehouse_id
            vals = {
                "qty_on_hand": line.available_qty,
                "qty_forecast": line.available_qty - line.demand_qty,
                "limit_qty": 0.0,
                "sale_order_id": line.order_id.id,
            }
            alert = Alert.search(
                [
                    ("product_id", "=", line.product_id.id),
                    ("warehouse_id", "=", warehouse.id),
                    ("kind", "=", "oversell"),
                    ("state", "!=", "resolved"),
                ],
                limit=1,
            )
            if alert:
                alert.write(vals)
            else:
                new |= Alert.create(
                    {
                        **vals,
                        "product_id": line.product_id.id,
                        "warehouse_id": warehouse.id,
                        "company_id": line.order_id.company_id.id,
                        "kind": "oversell",
                    }
                )
        if new:
            new._jxc_assign_responsible()
