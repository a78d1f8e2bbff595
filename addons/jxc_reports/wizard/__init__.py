from . import jxc_stock_summary_wizard
from . import jxc_stock_summary_line
from . import jxc_stock_card_wizard
from . import jxc_stock_card_line
