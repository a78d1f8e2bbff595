"""Valuation-core workloads of the benchmark (issue 15), imported by ``bench.py``.

The reconciliation of one company at the last month end: the valuation of its
real-time layers per stock account and product against the ledger balance of
its stock accounts, with the difference explained (queued layers, posted layers
without a posted entry, manual items). Measured two ways:

* ``jxc_reconcile_screen``: the reconcile screen (``jxc.valuation.reconcile``,
  created and computed, its lines written), the same workload at every commit
  since the screen exists, so that before/after ratios compare like with like;
* ``jxc_reconcile``: the core alone, ``jxc.valuation._reconcile`` (what the
  month close and the valuation-vs-ledger report call).

Both against ``floor_reconcile``: the two bare statements a reconciliation
cannot do without (the layers' value per product up to the date, the stock
accounts' posted balance per account and product), joined per product.

The benchmark's categories are valued periodically (its layers are written by
SQL, posting nothing): the set-up of each run switches them to real-time
valuation on one stock account by SQL, inside the measured transaction (rolled
back after), without Odoo's revaluation of every product that a write through
the ORM would trigger. The ledger then holds no stock entry: every product with
value differs, the reconciliation's worst case (one row per product).
"""

from datetime import datetime, time, timedelta

ACCOUNT_CODE = "BENREC1405"
_STATE = {}  # the stock account of the set-up, for the floor


def _month_end():
    return datetime.now().date().replace(day=1) - timedelta(days=1)


def _real_time_categories(env):
    """Untimed set-up: every category valued in real time on one stock account."""
    company = env.company
    Account = env["account.account"]
    account = Account.search([("code", "=", ACCOUNT_CODE)], limit=1) or Account.create(
        {
            "name": "Bench stock (reconciliation)",
            "code": ACCOUNT_CODE,
            "account_type": "asset_current",
            "company_ids": [(6, 0, company.ids)],
        }
    )
    _STATE["account_id"] = account.id
    env.flush_all()
    env.cr.execute(
        """
        UPDATE product_category
           SET property_valuation = jsonb_build_object(%s::text, 'real_time'),
               property_stock_valuation_account_id = jsonb_build_object(%s::text, %s)
        """,
        [company.id, company.id, account.id],
    )
    env.invalidate_all()
    env.registry.clear_cache()


def floor_reconcile(env):
    """Bare SQL: layers per product up to the month end, stock account items
    per product up to the same day, joined."""
    from odoo.addons.jxc_bridge.tools.planner import planner_settings

    day = _month_end()
    with planner_settings(env.cr):
        env.cr.execute(
            """
            WITH valuation AS (
                SELECT product_id, sum(value) AS value
                  FROM stock_valuation_layer
                 WHERE company_id = %(company)s AND create_date < %(end)s
                 GROUP BY product_id
            ), ledger AS (
                SELECT account_id, product_id, sum(balance) AS balance
                  FROM account_move_line
                 WHERE company_id = %(company)s AND account_id IN %(accounts)s
                   AND parent_state = 'posted' AND date <= %(day)s
                 GROUP BY account_id, product_id
            )
            SELECT coalesce(v.product_id, g.product_id), v.value, g.balance
              FROM valuation v FULL JOIN ledger g ON g.product_id = v.product_id
            """,
            {
                "company": env.company.id,
                "end": datetime.combine(day + timedelta(days=1), time.min),
                "day": day,
                "accounts": (_STATE["account_id"],),
            },
        )
        return len(env.cr.fetchall())


floor_reconcile.setup = _real_time_categories


def jxc_reconcile_screen(env):
    """The reconcile screen of the last month end, computed (its lines written)."""
    wizard = env["jxc.valuation.reconcile"].create(
        {"company_id": env.company.id, "date": _month_end()}
    )
    wizard.action_compute()
    return len(wizard.line_ids)


jxc_reconcile_screen.setup = _real_time_categories
# an ORM loop over every product: timed untraced, like the floor
jxc_reconcile_screen.trace_memory = False


def jxc_reconcile(env):
    """The valuation core's reconciliation of the last month end."""
    result = env["jxc.valuation"]._reconcile(env.company, _month_end())
    return len(result["accounts"]) + len(result["products"])


jxc_reconcile.setup = _real_time_categories
jxc_reconcile.trace_memory = False

WORKLOADS = {
    "floor_reconcile": (
        "bare SQL: layers and stock-account items per product at the last month end",
        None,
        floor_reconcile,
    ),
    "jxc_reconcile_screen": (
        "jxc: the reconcile screen of one company at the last month end",
        "floor_reconcile",
        jxc_reconcile_screen,
        False,
    ),
    "jxc_reconcile": (
        "jxc: jxc.valuation._reconcile of one company at the last month end",
        "floor_reconcile",
        jxc_reconcile,
        False,
    ),
}
