from . import test_menus
from . import test_stock_summary
from . import test_stock_snapshot
from . import test_stock_card
from . import test_analysis_reports
from . import test_outputs
from . import test_report_schedule
from . import test_access
