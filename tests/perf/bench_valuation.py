"""Odoo's valuation of one product's moves, replayed in date order.

The benchmark generator writes valuation layers by SQL; their values are those
Odoo's ``stock_account`` would have written validating the moves one by one:

- an incoming move is valued at its unit cost; before its layer is created the
  product's cost (``standard_price``) becomes the average of the stock and the
  move (``stock.move.product_price_update_before_done``, FIFO and AVCO alike);
- an outgoing move consumes the oldest incoming layers' remaining quantity and
  value (``product.product._run_fifo``, for every cost method); a FIFO product's
  move is valued at what it consumed and its cost becomes the remaining value
  per unit; an AVCO product's move is valued at the product's cost, with
  Odoo's rounding adjustment (``_prepare_out_svl_vals``).

Amounts are rounded as Odoo rounds them: values to the currency (0.01), unit
costs and the product's cost to the ``Product Price`` precision (2 digits).
"""

import math
from collections import deque

CURRENCY_ROUNDING = 0.01
PRICE_DIGITS = 2
QUANTITY_ZERO = 0.00005  # a smaller quantity is zero (4 digits, as Odoo compares them)


def _round(amount, factor):
    """``odoo.tools.float_round(amount, precision_rounding=1 / factor)`` (HALF-UP
    with Odoo's epsilon), inlined: the replay rounds millions of amounts."""
    scaled = amount * factor
    return round(scaled + math.copysign(abs(scaled) * 2**-50, scaled)) / factor


def _money(amount):
    return _round(amount, round(1 / CURRENCY_ROUNDING))


def _price(amount):
    return _round(amount, 10**PRICE_DIGITS)


def _is_zero(quantity):
    return abs(quantity) < QUANTITY_ZERO


class ProductValuation:
    """The valuation state of one product: its cost, stock quantity and value,
    and the incoming layers that still have a remaining quantity."""

    def __init__(self, fifo, standard_price):
        self.fifo = fifo
        self.standard_price = _price(standard_price)
        self.quantity = 0.0
        self.value = 0.0
        self.candidates = deque()

    def receive(self, quantity, unit_cost):
        """An incoming layer: ``[unit_cost, value, remaining_qty, remaining_value]``,
        its remainder updated in place by later outgoing moves."""
        unit_cost = _price(unit_cost)
        if _is_zero(self.quantity) or _is_zero(self.quantity + quantity):
            self.standard_price = unit_cost
        else:
            self.standard_price = _price(
                (self.standard_price * self.quantity + unit_cost * quantity)
                / (self.quantity + quantity)
            )
        value = _money(quantity * unit_cost)
        layer = [unit_cost, value, quantity, value]
        self.candidates.append(layer)
        self.quantity += quantity
        self.value = _money(self.value + value)
        return layer

    def issue(self, quantity):
        """An outgoing layer ``[unit_cost, value, 0, 0]`` (value negative)."""
        consumed = self._run_fifo(quantity)
        if self.fifo:
            value = -consumed
            unit_cost = _price(consumed / quantity)
        else:
            unit_cost = self.standard_price
            value = _money(-quantity * unit_cost)
            if not _is_zero(self.quantity):
                error = _money(
                    (unit_cost * self.quantity - self.value) * quantity / self.quantity
                )
                threshold = _money(
                    max(quantity * CURRENCY_ROUNDING / 2, CURRENCY_ROUNDING)
                )
                if error and abs(error) <= threshold:
                    value = _money(value + error)
        self.quantity -= quantity
        self.value = _money(self.value + value)
        if self.fifo and self.quantity > 0:
            self.standard_price = _price(self.value / self.quantity)
        return [unit_cost, value, 0.0, 0.0]

    def _run_fifo(self, quantity):
        """Take ``quantity`` from the oldest remaining layers; their value taken."""
        taken = 0.0
        while quantity > 0:
            if not self.candidates:
                raise ValueError(
                    "the generated moves take a product below zero stock, "
                    "which the benchmark data does not value"
                )
            layer = self.candidates[0]
            qty = min(quantity, layer[2])
            value = _money(qty * layer[3] / layer[2])
            layer[2] -= qty
            layer[3] = _money(layer[3] - value)
            if _is_zero(layer[2]):
                self.candidates.popleft()
            quantity -= qty
            taken = _money(taken + value)
        return taken
