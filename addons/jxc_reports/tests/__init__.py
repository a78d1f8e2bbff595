from . import test_menus
from . import test_stock_summary
from . import test_stock_snapshot
from . import test_stock_card
from . import test_analysis_reports
