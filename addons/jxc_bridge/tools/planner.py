# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.tools import SQL

# jxc's set-based statements are unions of CTEs whose rows the planner
# overestimates by orders of magnitude: it would JIT-compile them, which costs
# more than running them, and their sorts and hashes of a few megabytes would
# spill to disk with the default 4 MB of working memory
SET_BASED = {"jit": "off", "work_mem": "64MB"}


@contextmanager
def planner_settings(cr, settings=None):
    """Run the statements inside with PostgreSQL ``settings`` (default:
    ``SET_BASED``), local to the transaction, and restore them after. After an
    error the transaction (or its savepoint) is rolled back, and the settings
    with it."""
    settings = settings or SET_BASED
    names = list(settings)
    cr.execute(
        SQL(
            "SELECT %s",
            SQL(", ").join(
                SQL("current_setting(%s), set_config(%s, %s, true)", n, n, settings[n])
                for n in names
            ),
        )
    )
    saved = cr.fetchone()[::2]
    yield
    cr.execute(
        SQL(
            "SELECT %s",
            SQL(", ").join(
                SQL("set_config(%s, %s, true)", n, v)
                for n, v in zip(names, saved, strict=True)
            ),
        )
    )
