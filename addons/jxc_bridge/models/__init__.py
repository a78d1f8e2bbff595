# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import jxc_posting_rule
from . import jxc_posting_link
from . import res_company
from . import stock_valuation_layer
from . import stock_move
from . import stock_picking
from . import stock_scrap
from . import account_move
from . import jxc_period_close
from . import res_config_settings
