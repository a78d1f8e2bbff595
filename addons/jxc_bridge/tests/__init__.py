from . import test_security
from . import test_abc_classification
from . import test_abc_policy
from . import test_abc_cross_check
from . import test_abc_tour
