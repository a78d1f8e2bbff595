# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class StockWarehouseOrderpoint(models.Model):
    """Stock limits live on Odoo's reordering rules: minimum and maximum stay
    Odoo's, jxc adds the safety stock and the overstock limit."""

    _name = "stock.warehouse.orderpoint"
    _inherit = ("stock.warehouse.orderpoint", "jxc.audit.mixin")
    _jxc_audit_fields = (
        "product_min_qty",
        "product_max_qty",
        "jxc_safety_qty",
        "jxc_overstock_qty",
    )

    jxc_abc_safety_factor = fields.Float(
        "ABC Safety Factor",
        default=1.0,
        readonly=True,
        digits=(16, 2),
        help="Factor of the product's ABC class last applied to the safety stock; "
        "the next run replaces it rather than multiplying again.",
    )
    jxc_safety_qty = fields.Float(
        string="Safety Stock",
        digits="Product Unit of Measure",
        help="Below this quantity on hand the product raises a below-safety alert. "
        "It may not exceed the minimum.",
    )
    jxc_overstock_qty = fields.Float(
        string="Overstock Limit",
        digits="Product Unit of Measure",
        help="Above this quantity on hand the product raises an overstock alert. "
        "Zero or empty means no overstock alert.",
    )
    jxc_alerting = fields.Boolean(
        string="Alerting",
        compute="_compute_jxc_alerting",
        search="_search_jxc_alerting",
        help="The product has an open stock alert in this warehouse.",
    )

    def _compute_jxc_alerting(self):
        alerting = set(self._jxc_alerting_ids(self.ids))
        for orderpoint in self:
            orderpoint.jxc_alerting = orderpoint.id in alerting

    def _search_jxc_alerting(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(self.env._("Unsupported search on Alerting."))
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", self._jxc_alerting_ids())]

    def _jxc_alerting_ids(self, ids=None):
        """Ids of the rules (among ``ids``) whose product has an open alert in
        the rule's warehouse."""
        self.env["jxc.stock.alert"].flush_model()
        where = SQL("AND op.id = ANY(%s)", [i for i in ids if i]) if ids else SQL()
        rows = self.env.execute_query(
            SQL(
                """SELECT DISTINCT op.id FROM stock_warehouse_orderpoint op
                    JOIN jxc_stock_alert a ON a.product_id = op.product_id
                     AND a.warehouse_id = op.warehouse_id AND a.state != 'resolved'
                   WHERE TRUE %s""",
                where,
            )
        )
        return [r[0] for r in rows]

    @api.constrains(
        "product_min_qty", "product_max_qty", "jxc_safety_qty", "jxc_overstock_qty"
    )
    # min <= max is Odoo's own constraint (_check_min_max_qty)
    def _check_jxc_limits(self):
        for op in self:
            name = op.product_id.display_name
            if (
                min(
                    op.product_min_qty,
                    op.product_max_qty,
                    op.jxc_safety_qty,
                    op.jxc_overstock_qty,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Stock limits of %(product)s cannot be negative: "
                        "enter zero or a positive quantity.",
                        product=name,
                    )
                )
            if op.jxc_safety_qty > op.product_min_qty:
                raise ValidationError(
                    self.env._(
                        "The safety stock of %(product)s (%(safety)s) exceeds its "
                        "minimum (%(min)s): the safety stock must be at most the "
                        "minimum.",
                        product=name,
                        safety=op.jxc_safety_qty,
                        min=op.product_min_qty,
                    )
                )
            if op.jxc_overstock_qty and op.jxc_overstock_qty < op.product_max_qty:
                raise ValidationError(
                    self.env._(
                        "The overstock limit of %(product)s (%(over)s) is below its "
                        "maximum (%(max)s): set it to at least the maximum, or to "
                        "zero for no overstock alert.",
                        product=name,
                        over=op.jxc_overstock_qty,
                        max=op.product_max_qty,
                    )
                )
