# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import stock_landed_cost
from . import stock_valuation_adjustment_lines
