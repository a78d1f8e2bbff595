# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.jxc_report_facts import VALUE_GROUPS

QTY = "Product Unit of Measure"


class JxcStockSummaryLine(models.TransientModel):
    """A row of the stock movement summary: quantities in the product's unit,
    values in the company's currency; outs are positive numbers."""

    _name = "jxc.stock.summary.line"
    _inherit = "jxc.report.line.mixin"
    _description = "Stock Movement Summary Line"
    _order = "categ_id, product_id, warehouse_id"

    wizard_id = fields.Many2one(
        "jxc.stock.summary.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    opening_qty = fields.Float(digits=QTY, aggregator="sum")
    opening_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    purchase_qty = fields.Float("Purchase Receipt Qty", digits=QTY, aggregator="sum")
    purchase_value = fields.Monetary(
        "Purchase Receipt Value", groups=VALUE_GROUPS, aggregator="sum"
    )
    customer_return_qty = fields.Float(digits=QTY, aggregator="sum")
    customer_return_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    transfer_in_qty = fields.Float(digits=QTY, aggregator="sum")
    transfer_in_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    inventory_gain_qty = fields.Float(digits=QTY, aggregator="sum")
    inventory_gain_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    other_in_qty = fields.Float(digits=QTY, aggregator="sum")
    other_in_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    in_qty = fields.Float(digits=QTY, aggregator="sum")
    in_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    sale_qty = fields.Float("Sales Delivery Qty", digits=QTY, aggregator="sum")
    sale_value = fields.Monetary(
        "Sales Delivery Value", groups=VALUE_GROUPS, aggregator="sum"
    )
    vendor_return_qty = fields.Float(digits=QTY, aggregator="sum")
    vendor_return_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    transfer_out_qty = fields.Float(digits=QTY, aggregator="sum")
    transfer_out_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    scrap_qty = fields.Float(digits=QTY, aggregator="sum")
    scrap_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    inventory_loss_qty = fields.Float(digits=QTY, aggregator="sum")
    inventory_loss_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    other_out_qty = fields.Float(digits=QTY, aggregator="sum")
    other_out_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    out_qty = fields.Float(digits=QTY, aggregator="sum")
    out_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")
    closing_qty = fields.Float(digits=QTY, aggregator="sum")
    closing_value = fields.Monetary(groups=VALUE_GROUPS, aggregator="sum")

    def action_open_moves(self):
        """The done moves behind this row, in the wizard's period."""
        self.ensure_one()
        wizard = self.wizard_id
        facts = self.env["jxc.report.facts"]
        start, end = facts._jxc_period_bounds(
            wizard.company_id, wizard.date_from, wizard.date_to
        )
        domain = [
            ("state", "=", "done"),
            ("company_id", "=", wizard.company_id.id),
            ("date", ">=", start),
            ("date", "<", end),
            ("product_id.is_storable", "=", True),
        ]
        if self.product_id:
            domain.append(("product_id", "=", self.product_id.id))
        else:
            domain.append(("product_id.categ_id", "=", self.categ_id.id))
            if wizard.product_ids:
                domain.append(("product_id", "in", wizard.product_ids.ids))
            if wizard.abc_class:
                domain.append(
                    (
                        "product_id.jxc_abc_ids",
                        "any",
                        [
                            ("profile_id", "=", wizard.abc_profile_id.id),
                            ("abc_class", "=", wizard.abc_class),
                        ],
                    )
                )
        warehouses = self.warehouse_id or wizard.warehouse_ids
        if warehouses:
            domain += [
                "|",
                ("location_id.warehouse_id", "in", warehouses.ids),
                ("location_dest_id.warehouse_id", "in", warehouses.ids),
            ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Stock Moves"),
            "res_model": "stock.move",
            "view_mode": "list,form",
            "domain": domain,
            "context": {"create": False},
        }
