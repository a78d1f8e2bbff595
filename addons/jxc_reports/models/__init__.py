from . import jxc_report_facts
from . import jxc_report_mixin
from . import jxc_report_line_mixin
from . import jxc_stock_snapshot
from . import jxc_stock_snapshot_movement
from . import stock_move
from . import jxc_report_schedule
from . import stock_valuation_layer
