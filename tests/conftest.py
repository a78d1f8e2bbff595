"""Shared set-up of the pytest-odoo session.

- ``tools/`` and ``tests/perf/`` are importable for the tests that cross both addons;
- pytest-odoo imports Odoo's test framework before it switches Odoo to test mode,
  which makes Odoo log a spurious error; it is dropped here, nothing else is.
"""

import logging
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE.parent / "tools", HERE / "perf"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


class _ImportedBeforeTestMode(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework, avoid")


logging.getLogger("odoo.tests.common").addFilter(_ImportedBeforeTestMode())
