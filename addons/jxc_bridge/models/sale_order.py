# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.tools import float_compare, formatLang

_logger = logging.getLogger(__name__)

# the oversell levels a server-side decision approved in this transaction, per
# order id (set by the oversell wizard around its confirmation, never by a client)
APPROVALS = "jxc_oversell_approvals"
POLICY_RANK = {"off": 0, "warn": 1, "block": 2}
# the conflicts with concurrent confirmations in this request (cursor): Odoo
# retries the request, the last try ends in a "try again" error
CONFLICTS = "jxc_confirm_conflicts"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    jxc_oversell_level = fields.Selection(
        [("warn", "Warn"), ("block", "Block")],
        string="Oversell Level",
        compute="_compute_jxc_oversell",
        help="The strictest overselling policy among the lines that ask for more "
        "than is available to promise.",
    )
    jxc_oversell_message = fields.Html(
        string="Oversell Warning",
        compute="_compute_jxc_oversell",
        sanitize=False,
    )

    @api.depends(
        "state",
        "warehouse_id",
        "commitment_date",
        "company_id",
        "order_line.product_id",
        "order_line.product_uom_qty",
        "order_line.product_uom",
    )
    def _compute_jxc_oversell(self):
        self.jxc_oversell_level = False
        self.jxc_oversell_message = False
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            short = [
                ln
                for ln in order._jxc_oversell_lines()
                if ln["policy"] != "off" and ln["missing"]
            ]
            if not short:
                continue
            blocked = any(ln["policy"] == "block" for ln in short)
            order.jxc_oversell_level = "block" if blocked else "warn"
            order.jxc_oversell_message = order._jxc_oversell_banner(short, blocked)

    def _jxc_oversell_banner(self, short, blocked):
        def qty(value):
            return formatLang(self.env, value, dp="Product Unit of Measure")

        items = Markup().join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(product)s: %(ordered)s %(unit)s ordered, %(available)s "
                "available to promise, %(missing)s %(unit)s missing",
                product=ln["line"].product_id.display_name,
                ordered=qty(ln["demand"]),
                available=qty(ln["atp"]),
                missing=qty(ln["missing"]),
                unit=ln["line"].product_id.uom_id.name,
            )
            for ln in short
        )
        if blocked:
            head = self.env._(
                "Not enough stock to promise in %(warehouse)s: the order cannot be "
                "confirmed with these quantities (a sales manager may confirm it "
                "with a reason).",
                warehouse=self.warehouse_id.name,
            )
        else:
            head = self.env._(
                "Not enough stock to promise in %(warehouse)s: confirming will ask "
                "you to confirm anyway.",
                warehouse=self.warehouse_id.name,
            )
        return Markup("<p>%s</p><ul>%s</ul>") % (head, items)

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        try:
            # a conflict rolls back to here: the transaction can still say so
            with self.env.cr.savepoint():
                res = self._jxc_action_confirm()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            self._jxc_confirm_conflict()
            raise
        self.env.cr.cache.pop(CONFLICTS, None)
        return res

    def _jxc_action_confirm(self):
        # the rows of the checked products are locked before availability is
        # read, and written once the orders are confirmed: see
        # jxc.stock.promise.lock
        keys = self._jxc_promise_keys()
        Lock = self.env["jxc.stock.promise.lock"]
        Lock._jxc_lock(keys)
        # the guard is for people confirming orders; system flows that confirm in
        # superuser mode (portal signature, online payment) are not stopped
        if not self.env.su:
            action = self._jxc_check_oversell()
            if action:
                return action
        res = super().action_confirm()
        Lock._jxc_promised(keys)
        return res

    def _jxc_confirm_conflict(self):
        """A confirmation ran into a concurrent one (serialization failure,
        deadlock). Odoo's request retry runs it again; the last try it would let
        fail says, in the user's language, to try again instead."""
        cache = self.env.cr.cache
        cache[CONFLICTS] = cache.get(CONFLICTS, 0) + 1
        if cache[CONFLICTS] >= MAX_TRIES_ON_CONCURRENCY_FAILURE:
            cache.pop(CONFLICTS)
            _logger.info(
                "confirmation of %s given up after %s conflicts with concurrent "
                "confirmations",
                self.mapped("name"),
                MAX_TRIES_ON_CONCURRENCY_FAILURE,
            )
            raise UserError(
                self.env._(
                    "Other users are confirming orders or delivering the same "
                    "products right now: %(orders)s could not be confirmed after "
                    "%(tries)s tries. Nothing was changed; try again in a moment.",
                    orders=", ".join(self.mapped("name")),
                    tries=MAX_TRIES_ON_CONCURRENCY_FAILURE,
                )
            )

    # --------------------------------------------------------- oversell guard
    def _jxc_guarded_lines(self):
        return self.order_line.filtered(
            lambda ln: not ln.display_type and ln.product_id.is_storable
        )

    def _jxc_oversell_policies(self, products):
        """The overselling policy of each product in this order's company."""
        self.ensure_one()
        return products._jxc_oversell_policies(self.company_id)

    def _jxc_promise_keys(self):
        """The (product, warehouse) pairs whose promises these orders make under
        a policy other than off."""
        keys = set()
        for order in self.filtered("warehouse_id"):
            products = order._jxc_guarded_lines().product_id
            if not products:
                continue
            for product, policy in order._jxc_oversell_policies(products).items():
                if policy != "off":
                    keys.add((product.id, order.warehouse_id.id))
        return keys

    def _jxc_oversell_lines(self, guarded_only=False):
        """Each line of a storable product with what can be promised for it, as
        dicts: ``line``, ``demand`` (in the product's unit), ``atp`` (available
        to promise before these orders), ``left`` (what the lines before it left),
        ``missing`` and the ``policy``.

        Lines of one product and warehouse take from the same available quantity
        in turn, order after order: confirming two orders together promises
        their sum. ``guarded_only``: only the lines whose policy is not off (the
        guard reads no stock for the others)."""
        result = []
        remaining = {}
        for order in self:
            warehouse = order.warehouse_id
            lines = order._jxc_guarded_lines()
            if not warehouse or not lines:
                continue
            policies = order._jxc_oversell_policies(lines.product_id)
            if guarded_only:
                lines = lines.filtered(lambda ln, p=policies: p[ln.product_id] != "off")
                if not lines:
                    continue
            until = (
                order.commitment_date
                if order.company_id.jxc_oversell_count_incoming
                else None
            )
            atp = lines.product_id._jxc_available_to_promise(
                warehouse, exclude_orders=self._origin, until=until
            )
            for line in lines:
                product = line.product_id
                key = (product, warehouse)
                remaining.setdefault(key, atp.get(product, 0.0))
                demand = line.product_uom._compute_quantity(
                    line.product_uom_qty, product.uom_id
                )
                left = remaining[key]
                missing = demand - max(left, 0.0)
                rounding = product.uom_id.rounding
                if float_compare(missing, 0.0, precision_rounding=rounding) <= 0:
                    missing = 0.0
                remaining[key] -= demand
                result.append(
                    {
                        "line": line,
                        "order": order,
                        "product": product,
                        "demand": demand,
                        "atp": atp.get(product, 0.0),
                        "left": left,
                        "missing": missing,
                        "policy": policies[product],
                    }
                )
        return result

    def _jxc_oversell_shortages(self):
        """Per order and product whose policy is not off and that asks more than
        can be promised: a dict with the ``demand``, what was ``available`` to
        it, the ``missing`` quantity and the ``policy`` that applies."""
        by_key = {}
        for ln in self._jxc_oversell_lines(guarded_only=True):
            key = (ln["order"], ln["product"])
            if key not in by_key:
                by_key[key] = {
                    "order": ln["order"],
                    "product": ln["product"],
                    "demand": 0.0,
                    # what the orders before this one left to it
                    "available": ln["left"],
                    "missing": 0.0,
                    "policy": ln["policy"],
                }
            entry = by_key[key]
            entry["demand"] += ln["demand"]
            entry["missing"] += ln["missing"]
        return [s for s in by_key.values() if s["missing"]]

    def _jxc_check_oversell(self):
        approvals = self.env.cr.cache.get(APPROVALS, {})
        shortages = [
            s
            for s in self._jxc_oversell_shortages()
            if POLICY_RANK[s["policy"]]
            > POLICY_RANK[approvals.get(s["order"].id, "off")]
        ]
        if not shortages:
            return False
        blocked = [s for s in shortages if s["policy"] == "block"]
        if blocked and not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(self._jxc_block_message(blocked))
        wizard = self.env["jxc.oversell.wizard"].create(
            {
                "order_ids": [Command.set(self.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "order_id": s["order"].id,
                            "product_id": s["product"].id,
                            "demand_qty": s["demand"],
                            "available_qty": s["available"],
                            "missing_qty": s["missing"],
                        }
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

    def _jxc_block_message(self, blocked):
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
        return self.env._(
            "These lines ask for more than is available to promise in the "
            "warehouse:\n%(lines)s\nReduce the quantities, or ask a sales "
            "manager to confirm the order with a reason.",
            lines=lines,
        )

    def _jxc_confirm_overselling(self, level):
        """Confirm these orders past the oversell guard at ``level`` ("warn" or
        "block"), a decision the caller took on the server: the confirmation
        still locks its products and re-checks, and a shortage above ``level``
        still stops it."""
        approvals = self.env.cr.cache.setdefault(APPROVALS, {})
        for order in self:
            approvals[order.id] = level
        try:
            return self.action_confirm()
        finally:
            for order in self:
                approvals.pop(order.id, None)

    def _jxc_log_oversell(self, shortages, level, reason=None):
        """Say in each order's chatter, in the log and on the oversell alerts who
        confirmed which missing quantities, and why."""
        for order in self:
            mine = [s for s in shortages if s["order"] == order]
            if not mine:
                continue
            items = Markup().join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(product)s: %(missing)s missing",
                    product=s["product"].display_name,
                    missing=s["missing"],
                )
                for s in mine
            )
            if level == "block":
                head = self.env._("Overselling block overridden. Reason: %s", reason)
                done = self.env._("Confirmed despite the overselling block.")
            else:
                head = self.env._("Confirmed despite the overselling warning.")
                done = head
            order.message_post(body=Markup("<p>%s</p><ul>%s</ul>") % (head, items))
            self.env["jxc.audit.log"]._jxc_log_override(
                order,
                "; ".join(
                    self.env._(
                        "%(product)s: %(missing)s missing",
                        product=s["product"].display_name,
                        missing=s["missing"],
                    )
                    for s in mine
                ),
                done,
                reason,
            )
            _logger.info(
                "oversell %s on %s by user %s: %s (reason: %s)",
                level,
                order.name,
                self.env.uid,
                ", ".join(f"{s['product'].id}: {s['missing']} missing" for s in mine),
                reason or "-",
            )
        self._jxc_oversell_alerts(shortages, reason)

    def _jxc_oversell_alerts(self, shortages, reason=None):
        """Open (or refresh) the oversell alert of each short product in its
        order's warehouse, with what remains to promise once it is confirmed."""
        # alerts are system records: the salesman who oversold may not create them
        Alert = self.env["jxc.stock.alert"].sudo()
        new = Alert
        for s in shortages:
            order, product = s["order"], s["product"]
            vals = {
                "qty_on_hand": s["available"],
                "qty_forecast": s["available"] - s["demand"],
                "limit_qty": 0.0,
                "sale_order_id": order.id,
            }
            if reason:
                vals["note"] = self.env._(
                    "%(order)s confirmed by %(user)s: %(reason)s",
                    order=order.name,
                    user=self.env.user.name,
                    reason=reason,
                )
            alert = Alert.search(
                [
                    ("product_id", "=", product.id),
                    ("warehouse_id", "=", order.warehouse_id.id),
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
                        "product_id": product.id,
                        "warehouse_id": order.warehouse_id.id,
                        "company_id": order.company_id.id,
                        "kind": "oversell",
                    }
                )
        if new:
            new._jxc_assign_responsible()
