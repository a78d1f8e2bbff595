# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import res_company
from . import res_config_settings
from . import product_category
from . import stock_warehouse
from . import stock_warehouse_orderpoint
from . import jxc_stock_alert
from . import stock_move
from . import stock_picking
from . import stock_picking_type
from . import sale_order
from . import sale_order_line
from . import jxc_abc_profile
from . import jxc_abc_policy
from . import jxc_abc_run
from . import jxc_abc_run_line
from . import jxc_product_abc
from . import product_product
from . import product_template
from . import jxc_posting_rule
from . import jxc_posting_link
from . import stock_valuation_layer
from . import stock_scrap
from . import account_move
from . import jxc_period_close
from . import ir_module_module
from . import account_chart_template
