from . import test_security
from . import test_posting_engine
from . import test_posting_flows
from . import test_valuation_reconcile
from . import test_period_close
from . import test_valuation_settings
from . import test_posting_anglo_saxon
from . import test_posting_multi_company
