from . import test_security
from . import test_stock_alert_scan
from . import test_stock_limits
from . import test_oversell
from . import test_picking_check
from . import test_replenish_wizard
from . import test_alert_settings
from . import test_alert_views_zh
