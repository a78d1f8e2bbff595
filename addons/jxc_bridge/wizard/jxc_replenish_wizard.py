# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

SHORTAGE_KINDS = (
    "stockout",
    "below_safety",
    "below_min",
    "forecast_shortage",
    "oversell",
)


class JxcReplenishWizard(models.TransientModel):
    _name = "jxc.replenish.wizard"
    _description = "Replenishment Wizard"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        help="Warehouse to replenish when the wizard starts from products.",
    )
    line_ids = fields.One2many("jxc.replenish.wizard.line", "wizard_id")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        ids = self.env.context.get("active_ids") or []
        if "line_ids" not in fields_list or not ids:
            return res
        company = self.env.company
        if model == "jxc.stock.alert":
            alerts = self.env[model].browse(ids)
            alerts = alerts.filtered(
                lambda a: a.kind in SHORTAGE_KINDS and a.state != "resolved"
            )
            if not alerts:
                raise UserError(
                    self.env._(
                        "Select open shortage alerts (stock-out, below safety stock, "
                        "below minimum, forecast shortage or oversell) to replenish."
                    )
                )
            company = alerts.company_id[:1]
            groups = defaultdict(lambda: self.env["jxc.stock.alert"])
            for alert in alerts:
                groups[(alert.product_id, alert.warehouse_id)] |= alert
        elif model in ("product.product", "product.template"):
            products = self.env[model].browse(ids)
            if model == "product.template":
                products = products.product_variant_ids
            warehouse = self.env["stock.warehouse"].browse(
                res.get("warehouse_id")
            ) or self.env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            groups = {
                (product, warehouse): self.env["jxc.stock.alert"]
                for product in products.filtered("is_storable")
            }
        else:
            return res
        res["company_id"] = company.id
        res["line_ids"] = [
            (0, 0, self.env["jxc.replenish.wizard.line"]._jxc_prepare_vals(p, w, a))
            for (p, w), a in groups.items()
        ]
        return res

    def action_create_rfqs(self):
        """Create one RFQ per vendor (and receiving warehouse, and currency),
        linked back to the alerts, and open them."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Add at least one product to replenish."))
        problems = []
        for line in self.line_ids:
            if not line.partner_id:
                problems.append(
                    self.env._(
                        "%(product)s has no vendor.",
                        product=line.product_id.display_name,
                    )
                )
            if (
                float_compare(
                    line.product_qty, 0.0, precision_rounding=line.uom_id.rounding
                )
                <= 0
            ):
                problems.append(
                    self.env._(
                        "%(product)s has no quantity to order.",
                        product=line.product_id.display_name,
                    )
                )
        if problems:
            raise UserError(
                self.env._(
                    "Fix these lines or remove them:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        groups = defaultdict(lambda: self.env["jxc.replenish.wizard.line"])
        for line in self.line_ids:
            key = (line.partner_id, line.warehouse_id, line.currency_id)
            groups[key] |= line
        orders = self.env["purchase.order"]
        for (partner, warehouse, currency), lines in groups.items():
            order = self.env["purchase.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "currency_id": (currency or self.company_id.currency_id).id,
                    "picking_type_id": warehouse.in_type_id.id,
                    "order_line": [
                        (0, 0, line._jxc_prepare_purchase_line_vals()) for line in lines
                    ],
                }
            )
            for line, po_line in zip(lines, order.order_line, strict=True):
                line.alert_ids.write({"purchase_line_ids": [(4, po_line.id)]})
            orders |= order
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("id", "in", orders.ids)]
        action["context"] = {}
        return action


class JxcReplenishWizardLine(models.TransientModel):
    _name = "jxc.replenish.wizard.line"
    _description = "Replenishment Wizard Line"

    wizard_id = fields.Many2one(
        "jxc.replenish.wizard", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="wizard_id.company_id")
    product_id = fields.Many2one("product.product", required=True)
    warehouse_id = fields.Many2one("stock.warehouse", required=True)
    alert_ids = fields.Many2many("jxc.stock.alert", string="Alerts")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    qty_forecast = fields.Float(string="Forecast", digits="Product Unit of Measure")
    target_qty = fields.Float(
        string="Target",
        digits="Product Unit of Measure",
        help="The maximum of the reordering rule, else its minimum plus the safety "
        "stock.",
    )
    partner_id = fields.Many2one("res.partner", string="Vendor")
    product_qty = fields.Float(
        string="Quantity", digits="Product Unit of Measure", required=True
    )
    price_unit = fields.Float(
        string="Unit Price",
        digits="Product Price",
        help="In the line's currency, which is the RFQ's: the vendor's price from "
        "its supplier info, else the product's cost converted.",
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    currency_id = fields.Many2one(
        "res.currency", help="Currency of the vendor's price: the RFQ's currency."
    )
    date_planned = fields.Datetime(string="Expected Arrival")

    @api.model
    def _jxc_prepare_vals(self, product, warehouse, alerts):
        """Proposal for ``product`` in ``warehouse``: up to the maximum (else the
        minimum plus safety stock) less the forecast, rounded up to the vendor's
        minimum quantity and the purchase packaging."""
        rules = self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", product.id), ("warehouse_id", "=", warehouse.id)]
        )
        max_qty = sum(rules.mapped("product_max_qty"))
        target = max_qty or sum(rules.mapped("product_min_qty")) + sum(
            rules.mapped("jxc_safety_qty")
        )
        forecast = product.with_context(warehouse_id=warehouse.id).virtual_available
        qty = max(target - forecast, 0.0)
        product = product.with_company(warehouse.company_id)
        # the cheapest vendor who sells this quantity, else any vendor (then its
        # minimum quantity applies)
        seller = product._select_seller(
            quantity=qty, uom_id=product.uom_id
        ) or product._select_seller(quantity=None, uom_id=product.uom_id)
        if seller:
            min_qty = seller.product_uom._compute_quantity(
                seller.min_qty, product.uom_id
            )
            qty = max(qty, min_qty)
        packaging = product.packaging_ids.filtered("purchase")[:1]
        if packaging.qty > 0 and qty:
            qty = math.ceil(round(qty / packaging.qty, 6)) * packaging.qty
        return {
            "product_id": product.id,
            "warehouse_id": warehouse.id,
            "alert_ids": [(6, 0, alerts.ids)],
            "qty_forecast": forecast,
            "target_qty": target,
            "product_qty": qty,
            **self._jxc_vendor_vals(
                product, seller.partner_id, qty, warehouse.company_id
            ),
        }

    @api.model
    def _jxc_vendor_vals(self, product, partner, qty, company):
        """Vendor, price, currency and expected date of ``qty`` of ``product``
        bought from ``partner``, the way Odoo's replenishment buys it: the
        supplier info's price in the supplier info's currency (the RFQ is then in
        that currency); without supplier info, the product's cost converted into
        the vendor's purchase currency (else the company's)."""
        product = product.with_company(company)
        seller = partner and (
            product._select_seller(
                partner_id=partner, quantity=qty, uom_id=product.uom_id
            )
            or product._select_seller(
                partner_id=partner, quantity=None, uom_id=product.uom_id
            )
        )
        if seller:
            return {
                "partner_id": partner.id,
                "price_unit": seller.product_uom._compute_price(
                    seller.price, product.uom_id
                ),
                "discount": seller.discount,
                "currency_id": seller.currency_id.id,
                "date_planned": fields.Datetime.now() + timedelta(days=seller.delay),
            }
        currency = (
            partner.with_company(company).property_purchase_currency_id
            or company.currency_id
        )
        return {
            "partner_id": partner.id,
            "price_unit": product.cost_currency_id._convert(
                product.standard_price,
                currency,
                company,
                fields.Date.context_today(self),
                round=False,
            )
            if partner
            else 0.0,
            "discount": 0.0,
            "currency_id": currency.id,
            "date_planned": fields.Datetime.now(),
        }

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        """Another vendor: its price, currency and lead time."""
        for line in self:
            company = line.wizard_id.company_id or line.warehouse_id.company_id
            line.update(
                self._jxc_vendor_vals(
                    line.product_id, line.partner_id, line.product_qty, company
                )
            )

    def _jxc_prepare_purchase_line_vals(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_qty": self.product_qty,
            "product_uom": self.product_id.uom_id.id,
            "price_unit": self.price_unit,
            "discount": self.discount,
            "date_planned": self.date_planned or fields.Datetime.now(),
        }
