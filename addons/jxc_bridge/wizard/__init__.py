# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import jxc_oversell_wizard
from . import jxc_replenish_wizard
from . import jxc_abc_run_wizard
from . import jxc_posting_rule_preview
from . import jxc_valuation_reconcile
from . import jxc_stock_item_explain
from . import jxc_valuation_switch
from . import jxc_period_close_reopen
