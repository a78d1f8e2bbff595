# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .jxc_stock_alert import OPEN_MOVE_STATES


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        # the guard is for people confirming orders; system flows that confirm in
        # superuser mode (portal signature, online payment) are not stopped
        if not self.env.su and not self.env.context.get("jxc_skip_oversell_check"):
            action = self._jxc_check_oversell()
            if action:
                return action
        return super().action_confirm()

    def _jxc_available_to_promise(self, products):
        """Available to promise per product in the order's warehouse: on hand −
        reserved − the unreserved part of other open outgoing moves due by the
        order's commitment date (or its order date)."""
        self.ensure_one()
        warehouse = self.warehouse_id
        if not warehouse or not products:
            return {}
        date = self.commitment_date or self.date_order
        Quant = self.env["stock.quant"].sudo()
        Move = self.env["stock.move"].sudo()
        # availability is what sales may see; quants and moves are read for it only
        quants = Quant._read_group(
            [
                ("product_id", "in", products.ids),
                ("location_id.usage", "=", "internal"),
                ("location_id.warehouse_id", "=", warehouse.id),
            ],
            ["product_id"],
            ["quantity:sum", "reserved_quantity:sum"],
        )
        atp = defaultdict(float)
        for product, qty, reserved in quants:
            atp[product] += qty - reserved
        moves = Move._read_group(
            [
                ("product_id", "in", products.ids),
                ("state", "in", OPEN_MOVE_STATES),
                ("location_id.usage", "=", "internal"),
                ("location_id.warehouse_id", "=", warehouse.id),
                ("location_dest_id.warehouse_id", "!=", warehouse.id),
                ("date", "<=", date),
                "|",
                ("sale_line_id", "=", False),
                ("sale_line_id.order_id", "not in", self._origin.ids),
            ],
            ["product_id", "product_uom"],
            ["product_uom_qty:sum", "quantity:sum"],
        )
        for product, uom, demand, reserved in moves:
            atp[product] -= uom._compute_quantity(
                max(demand - reserved, 0.0), product.uom_id, rounding_method="HALF-UP"
            )
        return {product: atp.get(product, 0.0) for product in products}

    def _jxc_oversell_shortages(self):
        """Lines of storable products that ask more than is available to promise,
        as dicts with the policy that applies to them."""
        shortages = []
        for order in self:
            demand = defaultdict(float)
            for line in order.order_line.filtered(
                lambda ln: ln.product_id.is_storable and not ln.display_type
            ):
                demand[line.product_id] += line.product_uom._compute_quantity(
                    line.product_uom_qty, line.product_id.uom_id
                )
            if not demand:
                continue
            products = self.env["product.product"].concat(*demand)
            atp = order._jxc_available_to_promise(products)
            missing = {}
            for product, qty in demand.items():
                short = qty - max(atp.get(product, 0.0), 0.0)
                rounding = product.uom_id.rounding
                if float_compare(short, 0.0, precision_rounding=rounding) > 0:
                    missing[product] = short
            if not missing:
                continue
            # the class policy is configuration the salesman applies, not data
            # shown to them
            abc_policies = (
                self.env["jxc.abc.policy"]
                .sudo()
                ._get_for_products(
                    products.browse(p.id for p in missing), order.company_id
                )
            )
            for product, short in missing.items():
                shortages.append(
                    {
                        "order": order,
                        "product": product,
                        "demand": demand[product],
                        "available": atp.get(product, 0.0),
                        "missing": short,
                        "policy": product.categ_id._jxc_effective_oversell_policy(
                            order.company_id, abc_policies.get(product)
                        ),
                    }
                )
        return shortages

    def _jxc_check_oversell(self):
        shortages = [s for s in self._jxc_oversell_shortages() if s["policy"] != "off"]
        if not shortages:
            return False
        blocked = [s for s in shortages if s["policy"] == "block"]
        if blocked and not self.env.user.has_group("sales_team.group_sale_manager"):
            lines = "\n".join(
                self.env._(
                    "- %(order)s, %(product)s: %(demand)s ordered, %(available)s "
                    "available, %(missing)s missing",
                    order=s["order"].name,
                    product=s["product"].display_name,
                    demand=s["demand"],
                    available=s["available"],
                    missing=s["missing"],
                )
                for s in blocked
            )
            raise UserError(
                self.env._(
                    "These lines ask for more than is available to promise in the "
                    "warehouse:\n%(lines)s\nReduce the quantities, or ask a sales "
                    "manager to confirm the order with a reason.",
                    lines=lines,
                )
            )
        wizard = self.env["jxc.oversell.wizard"].create(
            {
                "order_ids": [(6, 0, self.ids)],
                "mode": "block" if blocked else "warn",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "order_id": s["order"].id,
                            "product_id": s["product"].id,
                            "demand_qty": s["demand"],
                            "available_qty": s["available"],
                            "missing_qty": s["missing"],
                        },
                    )
                    for s in shortages
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not enough stock"),
            "res_model": "jxc.oversell.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
