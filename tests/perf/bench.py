"""The benchmark command behind ``make bench``.

    python tests/perf/bench.py --config CONF --database DB --scale S generate
    python tests/perf/bench.py --config CONF --database DB --scale S run [--json FILE]

``generate`` writes the data of ``bench_data.py`` into a database where both
addons are installed and verifies it; ``run`` measures every workload on it and
prints time, peak Python memory, query count and the ratio to its baseline, all
measured in the same run. A baseline is either the *floor* (the bare SQL
aggregate over the same rows) or an *anchor* (what Odoo, or OCA, does for the
same question). Workloads of jxc features register in ``WORKLOADS`` as their
issues land; until then the anchors are measured against their floors, which
is the gap a jxc workload has to close.
"""

import argparse
import json
import os
import platform
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import posting_workloads
from bench_data import SCALES, BenchDataGenerator, check
from closing_workloads import OCA_REPORT, jxc_summary_closing
from closing_workloads import WORKLOADS as CLOSING_WORKLOADS
from posting_workloads import WORKLOADS as POSTING_WORKLOADS
from valuation_workloads import WORKLOADS as VALUATION_WORKLOADS


def measure(env, func):
    """Run ``func(env)`` once: seconds, peak Python memory (MiB), queries.
    ``func.setup(env)``, if any, runs first, untimed, in the same transaction;
    ``func.check(env)``, if any, runs after, untimed, before the rollback: what
    it returns is kept as the run's ``check``. ``func.vacuum``, if any, names
    the tables to ``VACUUM ANALYZE`` before the set-up (``vacuum_analyze``).
    ``func.trace_memory = False``
    times it without tracemalloc (no peak memory then): tracing every Python
    allocation slows an ORM loop severalfold, which a ratio between a Python
    loop and one SQL statement must not count."""
    if getattr(func, "vacuum", None):
        vacuum_analyze(env, func.vacuum)
    if getattr(func, "setup", None):
        func.setup(env)
    env.invalidate_all()
    env.flush_all()
    cr = env.cr
    queries = cr.sql_log_count
    traced = getattr(func, "trace_memory", True)
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    rows = func(env)
    env.flush_all()
    seconds = time.perf_counter() - started
    peak = None
    if traced:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {
        "seconds": seconds,
        "peak_mib": peak,
        "queries": cr.sql_log_count - queries,
        "rows": rows,
        "unit": getattr(func, "unit", None),
        "check": func.check(env) if getattr(func, "check", None) else None,
    }


def vacuum_analyze(env, tables):
    """``VACUUM ANALYZE`` of ``tables`` before a measured transaction begins,
    so that every run is planned on the same, true statistics.

    The rows a run inserts are rolled back; when autovacuum later passes over
    them without giving the pages back, ``pg_class`` keeps 0 rows on N pages,
    a density of zero that makes the planner expect one row where a run writes
    thousands (nested loops). A ``VACUUM`` gives the empty pages back (0 rows,
    0 pages: the planner then estimates from the table's actual size) or
    counts the rows that are there. ``VACUUM`` cannot run in a transaction: it
    runs on a connection of its own, in autocommit, after the bench's cursor
    has ended its transaction (a lock it held would keep the pages)."""
    from odoo.sql_db import db_connect
    from odoo.tools import SQL

    env.cr.rollback()
    cr = db_connect(env.cr.dbname).cursor()
    try:
        cr._cnx.autocommit = True
        cr.execute(
            SQL("VACUUM ANALYZE %s", SQL(", ").join(map(SQL.identifier, tables)))
        )
        cr.execute(
            "SELECT relname FROM pg_class WHERE relname IN %s "
            "AND relkind = 'r' AND reltuples = 0 AND relpages > 0",
            [tuple(tables)],
        )
        for (table,) in cr.fetchall():
            print(f"[bench] {table}: no rows but pages kept after VACUUM (locked?)")
    finally:
        cr._cnx.autocommit = False
        cr.close()


def _sql(query, params=None):
    """A floor: the bare statement, with the planner settings jxc's own
    statements get (no JIT, 64 MB of work memory), so that a ratio compares
    the work, not the settings."""

    def run(env):
        # imported when run: the addons path is set up after this module loads
        from odoo.addons.jxc_bridge.tools.planner import planner_settings

        with planner_settings(env.cr):
            env.cr.execute(query, params or {})
            return len(env.cr.fetchall())

    return run


# ------------------------------------------------------------------ floors
FLOOR_STOCK_POSITION = _sql(
    """
    WITH onhand AS (
        SELECT q.product_id, l.warehouse_id, sum(q.quantity) AS qty
          FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
         WHERE l.usage = 'internal' GROUP BY 1, 2
    ), incoming AS (
        SELECT m.product_id, m.warehouse_id, sum(m.product_qty) AS qty
          FROM stock_move m
         WHERE m.state NOT IN ('done', 'cancel', 'draft') GROUP BY 1, 2
    )
    SELECT r.id, COALESCE(o.qty, 0) + COALESCE(i.qty, 0) - r.product_min_qty
      FROM stock_warehouse_orderpoint r
      LEFT JOIN onhand o ON o.product_id = r.product_id AND o.warehouse_id = r.warehouse_id
      LEFT JOIN incoming i ON i.product_id = r.product_id AND i.warehouse_id = r.warehouse_id
     WHERE r.active
    """
)

FLOOR_MONTH_SUMMARY = _sql(
    """
    SELECT product_id,
           sum(quantity) FILTER (WHERE quantity > 0), sum(value) FILTER (WHERE quantity > 0),
           sum(-quantity) FILTER (WHERE quantity < 0), sum(-value) FILTER (WHERE quantity < 0)
      FROM stock_valuation_layer
     WHERE create_date >= date_trunc('month', now() at time zone 'utc') - interval '1 month'
       AND create_date < date_trunc('month', now() at time zone 'utc')
     GROUP BY product_id
    """
)

FLOOR_CLOSING_VALUE = _sql(
    "SELECT product_id, sum(quantity), sum(value) FROM stock_valuation_layer GROUP BY product_id"
)

FLOOR_ABC = _sql(
    """
    WITH consumption AS (
        SELECT product_id, sum(-value) AS value FROM stock_valuation_layer
         WHERE quantity < 0 AND create_date >= (now() at time zone 'utc') - interval '12 months'
         GROUP BY product_id
    )
    SELECT product_id, value,
           sum(value) OVER (ORDER BY value DESC, product_id) / NULLIF(sum(value) OVER (), 0)
      FROM consumption
    """
)

# the same, and what an ABC/XYZ run also reads: the monthly quantity delivered
# to customers (net of returns) per product over the 12 months, and its
# coefficient of variation
FLOOR_ABC_XYZ = _sql(
    """
    WITH consumption AS (
        SELECT product_id, sum(-value) AS value FROM stock_valuation_layer
         WHERE quantity < 0 AND create_date >= (now() at time zone 'utc') - interval '12 months'
         GROUP BY product_id
    ), monthly AS (
        SELECT m.product_id, date_trunc('month', m.date),
               sum(CASE WHEN dst.usage = 'customer' THEN m.product_qty
                        ELSE -m.product_qty END) AS qty
          FROM stock_move m
          JOIN stock_location src ON src.id = m.location_id
          JOIN stock_location dst ON dst.id = m.location_dest_id
         WHERE m.state = 'done'
           AND m.date >= (now() at time zone 'utc') - interval '12 months'
           AND ((src.usage = 'internal' AND dst.usage = 'customer')
             OR (src.usage = 'customer' AND dst.usage = 'internal'))
         GROUP BY 1, 2
    ), demand AS (
        SELECT product_id, sum(qty) / 12 AS mean, sum(qty * qty) / 12 AS mean_square
          FROM monthly GROUP BY product_id
    )
    SELECT product_id, c.value,
           sum(c.value) OVER (ORDER BY c.value DESC, product_id)
               / NULLIF(sum(c.value) OVER (), 0),
           sqrt(GREATEST(d.mean_square - d.mean * d.mean, 0)) / NULLIF(d.mean, 0)
      FROM consumption c FULL JOIN demand d USING (product_id)
    """
)


# ----------------------------------------------------------------- samples
# How much of each slow anchor a scale measures (docs/performance.md, "Scales"),
# so that measuring S takes minutes: Odoo's orderpoint computation (rules, ratio
# per rule), Odoo's validation of one-move pickings with perpetual valuation
# (pickings, half receipts, half deliveries), the queued layers posted (pickings
# of 10 moves) and the ABC by order lines of OCA and jxc (the products of the
# first bench categories, on both sides and for their floor).
SAMPLES = {
    "T": {"orderpoints": 50, "pickings": 10, "queued_pickings": 4, "abc_categories": 2},
    "S": {
        "orderpoints": 250,
        "pickings": 60,
        "queued_pickings": 10,
        "abc_categories": 2,
    },
    "M": {
        "orderpoints": 1000,
        "pickings": 500,
        "queued_pickings": 50,
        "abc_categories": 20,
    },
    "L": {
        "orderpoints": 1000,
        "pickings": 500,
        "queued_pickings": 50,
        "abc_categories": 20,
    },
}
SAMPLE = dict(SAMPLES["M"])


def use_samples(scale):
    """Measure the samples of ``scale`` (the posting workloads' sizes included)."""
    SAMPLE.update(SAMPLES[scale])
    posting_workloads.PICKINGS = SAMPLE["pickings"]
    posting_workloads.QUEUED_PICKINGS = SAMPLE["queued_pickings"]


# ----------------------------------------------------------------- anchors
def anchor_orderpoint_qty(env):
    """Odoo's own forecast computation of reordering rules, on a sample of them.

    Odoo spends about one query per rule; the whole set would take many minutes,
    so a fixed sample (by scale) is measured and compared per rule.
    """
    rules = env["stock.warehouse.orderpoint"].search(
        [], limit=SAMPLE["orderpoints"], order="id"
    )
    rules._compute_qty()
    return len(rules)


def anchor_quant_read_group(env):
    """Odoo's stock.quant grouped by product and warehouse (its stock report's read)."""
    return len(
        env["stock.quant"]._read_group(
            [("location_id.usage", "=", "internal")],
            groupby=["product_id", "warehouse_id"],
            aggregates=["quantity:sum"],
        )
    )


def anchor_valuation_at_date(env):
    """Odoo's valuation per product from stock.valuation.layer (its valuation report)."""
    return len(
        env["stock.valuation.layer"]._read_group(
            [("create_date", "<=", datetime.now())],
            groupby=["product_id"],
            aggregates=["quantity:sum", "value:sum"],
        )
    )


# ------------------------------------------------------------ jxc workloads
def _last_month(env):
    today = datetime.now().date().replace(day=1)
    end = today - timedelta(days=1)
    return end.replace(day=1), end


def jxc_alert_scan(env):
    """jxc's full alert scan of the company: every rule, quant and open move."""
    env["jxc.stock.alert"]._scan(env.company)
    return env["stock.warehouse.orderpoint"].search_count([])


def jxc_alert_scan_incremental(env):
    """The scan after a picking: only the 10 products that picking touched."""
    env.cr.execute(
        "SELECT product_id FROM stock_move WHERE state = 'done' "
        "ORDER BY date DESC, id DESC LIMIT 10"
    )
    products = [row[0] for row in env.cr.fetchall()]
    env["jxc.stock.alert"]._scan(env.company, product_ids=products)
    return len(products)


def jxc_abc_run(env):
    """A full ABC/XYZ run on consumption value over 12 months, computed and applied."""
    profile = env["jxc.abc.profile"].create(
        {"name": "bench", "criterion": "consumption_value", "months_back": 12}
    )
    run = profile._run(apply=True)
    # the products ranked by value, counted in the database (reading the lines
    # into Python would add their ORM cost to the run's)
    return env["jxc.abc.run.line"].search_count(
        [("run_id", "=", run.id), ("value", ">", 0)]
    )


def _warm_abc_run(env):
    """Untimed set-up of ``jxc_abc_run``: on its first measurement in the
    process, one run in a savepoint that is rolled back, so that a single
    measurement (``JXC_BENCH_REPEAT=1``) does not time the first use of the
    ORM code and registry caches a running server has warm (1.5-3.5 s under
    load); the best of several measurements is warm without it."""
    if not _warm_abc_run.done:
        savepoint = env.cr.savepoint()
        try:
            jxc_abc_run(env)
        finally:
            savepoint.close(rollback=True)
            env.invalidate_all()
        _warm_abc_run.done = True


_warm_abc_run.done = False
jxc_abc_run.setup = _warm_abc_run


def jxc_month_summary(env):
    """The stock movement summary (进销存汇总表) of last month, all products."""
    date_from, date_to = _last_month(env)
    wizard = env["jxc.stock.summary.wizard"].create(
        {"date_from": date_from, "date_to": date_to}
    )
    wizard._jxc_refresh()
    return env["jxc.stock.summary.line"].search_count([("wizard_id", "=", wizard.id)])


# ------------------------------------- ABC by order lines: OCA's anchor and jxc
# OCA's product_abc_classification_sale_stock ranks the products of a profile by
# the number of delivered sale order lines of the profile's warehouse (it needs
# one); jxc's criterion "number of order lines" counts the same lines. Both
# classify the company's main warehouse over the same 12 months (jxc: the month
# of the run and the 11 before it; OCA: its period in days back to the same
# first day) and the same products: those of the scale's sample of bench
# categories (jxc: the profile's categories; OCA: every product of them moved in
# the company, linked to its profile).
ABC_PROFILE = "Bench order lines %s"


def _abc_categories(env):
    return env["product.category"].search(
        [("name", "=like", "Bench category %")],
        order="id",
        limit=SAMPLE["abc_categories"],
    )


def _abc_profile_name(env):
    return ABC_PROFILE % (
        f"{_bench_warehouses(env).code}, {len(_abc_categories(env))} categories"
    )


OCA_LEVELS = [("A", 80.0, 20.0), ("B", 15.0, 30.0), ("C", 5.0, 50.0)]


def _abc_date_from():
    today = datetime.now().date()
    first = today.replace(day=1)
    for _month in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def floor_abc_order_lines(env):
    """Bare SQL: delivered sale order lines per product of the main warehouse
    over the period, with their cumulative share."""
    env.cr.execute(
        """
        WITH counted AS (
            SELECT src.warehouse_id, sm.product_id,
                   count(DISTINCT sm.sale_line_id) AS lines
              FROM stock_move sm
              JOIN stock_location src ON src.id = sm.location_id
              JOIN stock_location dst ON dst.id = sm.location_dest_id
              JOIN sale_order_line sol ON sol.id = sm.sale_line_id
              JOIN product_product pp ON pp.id = sm.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE sm.state = 'done' AND src.usage = 'internal'
               AND dst.usage = 'customer' AND sm.date >= %s AND sol.qty_delivered > 0
               AND src.warehouse_id = %s AND pt.categ_id = ANY(%s)
             GROUP BY 1, 2
        )
        SELECT warehouse_id, product_id, lines,
               sum(lines) OVER (PARTITION BY warehouse_id ORDER BY lines DESC, product_id)
               / sum(lines) OVER (PARTITION BY warehouse_id)
          FROM counted
        """,
        (_abc_date_from(), _bench_warehouses(env).id, _abc_categories(env).ids),
    )
    return len(env.cr.fetchall())


def _bench_warehouses(env):
    return env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], order="id", limit=1
    )


def _oca_profiles(env):
    return env["abc.classification.profile"].search(
        [("name", "=", _abc_profile_name(env))]
    )


def _jxc_order_line_profiles(env):
    return env["jxc.abc.profile"].search([("name", "=", _abc_profile_name(env))])


def oca_abc_run(env):
    """OCA's monthly cron: every sale_stock profile classifies its products."""
    env["abc.classification.profile"]._cron_compute_abc_classification()
    env.cr.execute(
        "SELECT count(*) FROM abc_classification_product_level WHERE profile_id IN %s",
        (tuple(_oca_profiles(env).ids),),
    )
    return env.cr.fetchone()[0]


def jxc_abc_order_lines(env):
    """jxc's run on the number of order lines, applied."""
    runs = env["jxc.abc.run"]
    for profile in _jxc_order_line_profiles(env):
        runs |= profile._run(apply=True)
    return env["jxc.abc.run.line"].search_count([("run_id", "in", runs.ids)])


# OCA's cron is a Python loop over the products, which tracemalloc slows
# several times over: both sides are timed untraced
oca_abc_run.trace_memory = False
jxc_abc_order_lines.trace_memory = False


def prepare_abc_order_lines(env):
    """Once per database: the profiles of both sides (the measured runs are
    their first classification, rolled back)."""
    if "abc.classification.profile" not in env or _oca_profiles(env):
        return
    started = time.perf_counter()
    # profiles of another sample would be classified by OCA's cron too
    like = [("name", "=like", ABC_PROFILE % "%")]
    env["abc.classification.profile"].search(like).unlink()
    env["jxc.abc.profile"].search(like).unlink()
    date_from = _abc_date_from()
    categories = _abc_categories(env)
    env.cr.execute(
        "SELECT DISTINCT sm.product_id FROM stock_move sm "
        "JOIN product_product pp ON pp.id = sm.product_id "
        "JOIN product_template pt ON pt.id = pp.product_tmpl_id "
        "WHERE sm.state = 'done' AND sm.company_id = %s AND sm.date >= %s "
        "AND pt.categ_id = ANY(%s)",
        (env.company.id, date_from, categories.ids),
    )
    moved = [row[0] for row in env.cr.fetchall()]
    period = (datetime.now().date() - date_from).days
    for warehouse in _bench_warehouses(env):
        env["abc.classification.profile"].create(
            {
                "name": _abc_profile_name(env),
                "profile_type": "sale_stock",
                "company_id": env.company.id,
                "warehouse_id": warehouse.id,
                "period": period,
                "product_variant_ids": [(6, 0, moved)],
                "level_ids": [
                    (0, 0, {"name": n, "percentage": p, "percentage_products": pp})
                    for n, p, pp in OCA_LEVELS
                ],
            }
        )
        env["jxc.abc.profile"].create(
            {
                "name": _abc_profile_name(env),
                "categ_include_ids": [(6, 0, categories.ids)],
                "criterion": "order_lines",
                "months_back": 12,
                "warehouse_id": warehouse.id,
                "sequence": 100,
            }
        )
    env.cr.commit()
    print(
        f"[bench] ABC by order lines: OCA and jxc profiles of warehouse "
        f"{_bench_warehouses(env).code}, {len(categories)} categories, "
        f"{len(moved)} moved products linked, in {time.perf_counter() - started:.1f}s"
    )


def prepare_jxc(env, names=None):
    """Once per database: the monthly snapshots the summary starts from, and the
    first alert scan (it opens every alert with its activity: a one-off cost,
    printed here; the hourly scan that the workload measures refreshes them).
    With ``names``, only what those workloads need."""

    def wanted(*prefixes):
        return not names or any(n.startswith(prefixes) for n in names)

    if (
        wanted(
            "jxc_month_summary",
            "jxc_year_summary",
            "jxc_stock_card",
            "jxc_summary",
            "jxc_snapshot",
        )
        and "jxc.stock.snapshot" in env
        and not env["jxc.stock.snapshot"].search_count([], limit=1)
    ):
        started = time.perf_counter()
        months = env["jxc.stock.snapshot"]._jxc_build(env.company)
        seconds = time.perf_counter() - started
        # the statistics autovacuum would gather a little later: measured at
        # once, the reports would be planned on empty tables
        env.cr.execute(
            "ANALYZE jxc_stock_snapshot, jxc_stock_snapshot_movement, "
            "jxc_stock_snapshot_product"
        )
        env.cr.commit()
        print(
            f"[bench] monthly snapshots, movements and products: {months} months "
            f"built in {seconds:.1f}s"
        )
    if (
        wanted("jxc_alert_scan")
        and "jxc.stock.alert" in env
        and not env["jxc.stock.alert"].search_count([], limit=1)
    ):
        started = time.perf_counter()
        new, _resolved = env["jxc.stock.alert"]._scan(env.company)
        env.cr.commit()
        print(
            f"[bench] first alert scan: {len(new)} alerts opened with their "
            f"activities in {time.perf_counter() - started:.1f}s"
        )
    if wanted("oca_abc_run", "jxc_abc_order_lines"):
        prepare_abc_order_lines(env)


# ------------------------------------------- jxc workloads of the reports
def _last_year(env):
    """The twelve complete months before this one."""
    first = datetime.now().date().replace(day=1)
    return first.replace(year=first.year - 1), first - timedelta(days=1)


FLOOR_YEAR_SUMMARY = _sql(
    """
    SELECT product_id,
           sum(quantity) FILTER (WHERE quantity > 0), sum(value) FILTER (WHERE quantity > 0),
           sum(-quantity) FILTER (WHERE quantity < 0), sum(-value) FILTER (WHERE quantity < 0)
      FROM stock_valuation_layer
     WHERE create_date >= date_trunc('month', now() at time zone 'utc') - interval '12 months'
       AND create_date < date_trunc('month', now() at time zone 'utc')
     GROUP BY product_id
    """
)


def jxc_year_summary(env):
    """The stock movement summary of the last twelve complete months."""
    date_from, date_to = _last_year(env)
    wizard = env["jxc.stock.summary.wizard"].create(
        {"date_from": date_from, "date_to": date_to}
    )
    wizard._jxc_refresh()
    return env["jxc.stock.summary.line"].search_count([("wizard_id", "=", wizard.id)])


def jxc_snapshot_month(env):
    """Last month's snapshot and movements built again (what the monthly
    scheduled action does, or a back-dated move into last month costs)."""
    date_from, _date_to = _last_month(env)
    env["jxc.stock.snapshot"]._jxc_build(env.company, from_month=date_from)
    return env["jxc.stock.snapshot.movement"].search_count(
        [("company_id", "=", env.company.id), ("date", "=", date_from)]
    )


# the target: "the stock card for one product with 10,000 moves"
CARD_MOVES = 10_000
_CARD = {}


def _find_card_product(env):
    """Untimed set-up of the stock card workloads: the product whose number of
    done moves is closest to ``CARD_MOVES`` (the fewer on a tie), that number
    and the date of its first move (choosing the product scans every move: not
    the card's work)."""
    env.cr.execute(
        "SELECT product_id, count(*), min(date) FROM stock_move WHERE state = 'done' "
        "GROUP BY product_id ORDER BY abs(count(*) - %s), count(*), product_id "
        "LIMIT 1",
        [CARD_MOVES],
    )
    _CARD["product_id"], _CARD["count"], _CARD["first"] = env.cr.fetchone()


def floor_stock_card(env):
    """Bare SQL: the card product's done moves with a running balance."""
    env.cr.execute(
        """
        SELECT m.id, m.date, m.product_qty,
               sum(CASE WHEN dl.usage = 'internal' THEN m.product_qty ELSE 0 END
                   - CASE WHEN sl.usage = 'internal' THEN m.product_qty ELSE 0 END)
                   OVER (ORDER BY m.date, m.id)
          FROM stock_move m
          JOIN stock_location sl ON sl.id = m.location_id
          JOIN stock_location dl ON dl.id = m.location_dest_id
         WHERE m.product_id = %s AND m.state = 'done'
        """,
        [_CARD["product_id"]],
    )
    return len(env.cr.fetchall())


def jxc_stock_card(env):
    """The stock card (明细账) of the card product over its whole history."""
    product_id = _CARD["product_id"]
    print(
        f"[bench] stock card: product {product_id} with {_CARD['count']} done moves "
        f"(the closest to {CARD_MOVES:,})"
    )
    wizard = env["jxc.stock.card.wizard"].create(
        {
            "product_id": product_id,
            "date_from": _CARD["first"].date(),
            "date_to": datetime.now().date(),
        }
    )
    wizard._jxc_refresh()
    return env["jxc.stock.card.line"].search_count([("wizard_id", "=", wizard.id)])


def _check_stock_card(env):
    """What the card measured: its product and that product's done moves."""
    return (
        f"product {_CARD['product_id']}: {_CARD['count']} done moves "
        f"(target {CARD_MOVES:,})"
    )


floor_stock_card.setup = jxc_stock_card.setup = _find_card_product
jxc_stock_card.check = _check_stock_card


def anchor_closing_figures(env):
    """Odoo's closing figures per product: value (valuation layers read_group)
    and quantity on hand (stock.quant read_group)."""
    values = anchor_valuation_at_date(env)
    quantities = env["stock.quant"]._read_group(
        [("location_id.usage", "=", "internal")],
        groupby=["product_id"],
        aggregates=["quantity:sum"],
    )
    return max(values, len(quantities))


# name: (what is measured, baseline name or None[, per row]); baselines are
# measured too. Ratios compare time per returned row when ``per row`` (a sample
# against the whole set), else total times over the same data.
WORKLOADS = {
    "floor_stock_position": (
        "bare SQL: on hand + incoming per rule",
        None,
        FLOOR_STOCK_POSITION,
    ),
    "odoo_orderpoint_qty": (
        "Odoo: orderpoint._compute_qty on a sample of rules (ratio per rule)",
        "floor_stock_position",
        anchor_orderpoint_qty,
    ),
    "floor_month_summary": (
        "bare SQL: last month's in/out per product from layers",
        None,
        FLOOR_MONTH_SUMMARY,
    ),
    "floor_closing_value": (
        "bare SQL: quantity and value per product",
        None,
        FLOOR_CLOSING_VALUE,
    ),
    "odoo_valuation_read_group": (
        "Odoo: stock.valuation.layer read_group per product",
        "floor_closing_value",
        anchor_valuation_at_date,
    ),
    "odoo_quant_read_group": (
        "Odoo: stock.quant read_group per product and warehouse",
        "floor_closing_value",
        anchor_quant_read_group,
    ),
    "floor_abc": ("bare SQL: 12-month consumption + cumulative share", None, FLOOR_ABC),
    "jxc_alert_scan": (
        "jxc: full stock alert scan (vs floor)",
        "floor_stock_position",
        jxc_alert_scan,
        False,
    ),
    "jxc_alert_scan_vs_odoo": (
        "jxc: full stock alert scan, per rule (vs Odoo's orderpoint computation)",
        "odoo_orderpoint_qty",
        jxc_alert_scan,
    ),
    "jxc_alert_scan_incremental": (
        "jxc: alert scan of the 10 products of a picking",
        "jxc_alert_scan",
        jxc_alert_scan_incremental,
        False,
    ),
    "jxc_abc_run": (
        "jxc: ABC/XYZ run, computed and applied",
        "floor_abc",
        jxc_abc_run,
        False,
    ),
    "floor_abc_xyz": (
        "bare SQL: floor_abc and the monthly demand's variation (XYZ)",
        None,
        FLOOR_ABC_XYZ,
    ),
    "jxc_abc_run_xyz_floor": (
        "jxc: the same ABC/XYZ run (vs the floor that also reads the demand)",
        "floor_abc_xyz",
        jxc_abc_run,
        False,
    ),
    "floor_abc_order_lines": (
        "bare SQL: delivered order lines per product, main warehouse, cumulative share",
        None,
        floor_abc_order_lines,
    ),
    "oca_abc_run": (
        "OCA: product_abc_classification_sale_stock cron, main warehouse",
        "floor_abc_order_lines",
        oca_abc_run,
        False,
    ),
    "jxc_abc_order_lines": (
        "jxc: ABC run on order lines, main warehouse, applied (vs OCA)",
        "oca_abc_run",
        jxc_abc_order_lines,
        False,
    ),
    "jxc_abc_order_lines_floor": (
        "jxc: the same runs (vs the floor)",
        "floor_abc_order_lines",
        jxc_abc_order_lines,
        False,
    ),
    "jxc_month_summary": (
        "jxc: last month's stock movement summary",
        "floor_month_summary",
        jxc_month_summary,
        False,
    ),
    **POSTING_WORKLOADS,
    "floor_year_summary": (
        "bare SQL: the last 12 months' in/out per product from layers",
        None,
        FLOOR_YEAR_SUMMARY,
    ),
    "jxc_year_summary": (
        "jxc: stock movement summary of the last 12 complete months",
        "floor_year_summary",
        jxc_year_summary,
        False,
    ),
    "jxc_snapshot_month": (
        "jxc: last month's snapshot and movements, built again",
        "floor_month_summary",
        jxc_snapshot_month,
        False,
    ),
    "floor_stock_card": (
        "bare SQL: running balance of the done moves of the product closest to 10,000",
        None,
        floor_stock_card,
    ),
    "jxc_stock_card": (
        "jxc: stock card of the product closest to 10,000 done moves, whole history",
        "floor_stock_card",
        jxc_stock_card,
        False,
    ),
    "odoo_closing_figures": (
        "Odoo: value (layers read_group) and on hand (quant read_group) per product",
        "floor_closing_value",
        anchor_closing_figures,
        False,
    ),
    "jxc_summary_closing_vs_odoo": (
        "jxc: this month's summary, closing qty and value per product (vs Odoo)",
        "odoo_closing_figures",
        jxc_summary_closing,
        False,
    ),
    **CLOSING_WORKLOADS,
    **VALUATION_WORKLOADS,
}

# the OCA anchors need their module in the database (the benchmark's only), and
# what jxc must reach against them (the acceptance of their issues)
OCA_MODELS = {
    "oca_abc_run": "abc.classification.profile",
    "oca_closing_figures": OCA_REPORT,
}
OCA_TARGETS = {"jxc_abc_order_lines": 10, "jxc_summary_closing_vs_oca": 20}


def _with_baselines(names):
    """The named workloads and, transitively, the baselines they compare with."""
    wanted, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in WORKLOADS:
            sys.exit(f"unknown workload {name!r}; known: {', '.join(WORKLOADS)}")
        if name not in wanted:
            wanted.add(name)
            if WORKLOADS[name][1]:
                todo.append(WORKLOADS[name][1])
    return wanted


def run_workloads(env, names=None, repeat=1, timings=None):
    """Measure the workloads (``names`` and their baselines, else all)
    ``repeat`` times each, in turn, keeping the fastest run of each (each run is
    rolled back); the seconds of the one-off preparation and of the measuring
    go to ``timings``."""
    results = {}
    timings = {} if timings is None else timings
    names = _with_baselines(names) if names else None
    started = time.perf_counter()
    prepare_jxc(env, names)
    timings["preparation"] = time.perf_counter() - started
    started = time.perf_counter()
    for name, (label, baseline, func, *per_row) in WORKLOADS.items():
        if names and name not in names:
            continue
        if name in OCA_MODELS and OCA_MODELS[name] not in env:
            print(f"[bench] {name} skipped: its OCA module is not installed")
            continue
        begun = time.perf_counter()
        result = None
        for _run in range(repeat):
            run = measure(env, func)
            env.cr.rollback()
            if result is None or run["seconds"] < result["seconds"]:
                result = run
        result["repeat"] = repeat
        print(
            f"[bench] {name}: {result['seconds']:.3f} s measured, "
            f"{time.perf_counter() - begun:.1f} s with its set-up",
            flush=True,
        )
        result["label"] = label
        result["baseline"] = baseline
        result["per_row"] = per_row[0] if per_row else True
        results[name] = result
    timings["measuring"] = time.perf_counter() - started
    for result in results.values():
        base = results.get(result["baseline"])
        if not base:
            result["ratio"] = None
        elif result["per_row"]:
            # per row of output, so that a workload measured on a sample compares fairly
            result["ratio"] = (result["seconds"] / max(result["rows"], 1)) / (
                base["seconds"] / max(base["rows"], 1)
            )
        else:
            result["ratio"] = result["seconds"] / base["seconds"]
    return results


def print_results(scale, results, timings):
    print(f"jxc benchmark — scale {scale} {SCALES[scale]}")
    print(f"samples of the slow anchors: {SAMPLES[scale]}")
    if timings.get("generation"):
        print(
            f"data generation: {timings['generation']:.1f} s (when the database was built)"
        )
    print(
        f"preparation, once per database: {timings['preparation']:.1f} s; "
        f"measuring: {timings['measuring']:.1f} s"
    )
    head = (
        f"{'workload':28} {'seconds':>9} {'rows':>8} {'peak MiB':>9} {'queries':>8} "
        f"{'ratio':>8}  baseline"
    )
    print(head)
    for name, r in results.items():
        ratio = f"{r['ratio']:.3g}x" if r["ratio"] is not None else "-"
        peak = f"{r['peak_mib']:.1f}" if r["peak_mib"] is not None else "-"
        print(
            f"{name:28} {r['seconds']:9.3f} {r['rows']:8d} {peak:>9} "
            f"{r['queries']:8d} {ratio:>8}  {r['baseline'] or 'floor'}"
        )
    for name, r in results.items():
        if r.get("unit"):
            per_row = 1000 * r["seconds"] / max(r["rows"], 1)
            print(f"{name}: {per_row:.2f} ms per {r['unit']}")
        if r["ratio"] and (r["baseline"] or "").startswith("oca_"):
            base = results[r["baseline"]]
            target = OCA_TARGETS.get(name)
            faster = (
                f"{1 / r['ratio']:.1f}× faster"
                if r["ratio"] <= 1
                else f"{r['ratio']:.1f}× slower"
            )
            print(
                f"{name}: jxc is {faster} than OCA "
                f"({r['seconds']:.2f} s against {base['seconds']:.2f} s, same data, "
                f"same run{f'; target ≥ {target}×' if target else ''})"
            )
        if r.get("check"):
            print(f"{name}, checked after its run: {r['check']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--scale", choices=sorted(SCALES), default="M")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument(
        "--only",
        help="comma-separated workloads to measure (their baselines are added)",
    )
    parser.add_argument("action", choices=["generate", "run"])
    args = parser.parse_args()

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if args.action == "generate":
            started = time.monotonic()
            BenchDataGenerator(env, args.scale, verbose=True).run()
            cr.commit()
            seconds = time.monotonic() - started
            env["ir.config_parameter"].set_param(
                "jxc.bench.generation_seconds", f"{seconds:.1f}"
            )
            checking = time.monotonic()
            problems = check(cr)
            for problem in problems:
                print(f"[bench] INCONSISTENT: {problem}")
            if problems:
                sys.exit(1)
            env["ir.config_parameter"].set_param("jxc.bench.scale", args.scale)
            cr.commit()
            print(
                f"[bench] generated scale {args.scale} in {seconds:.1f}s, "
                f"checked in {time.monotonic() - checking:.1f}s"
            )
            return
        timings = {
            "generation": float(
                env["ir.config_parameter"].get_param("jxc.bench.generation_seconds", 0)
            )
        }
        use_samples(args.scale)
        only = [name for name in (args.only or "").split(",") if name]
        repeat = max(int(os.environ.get("JXC_BENCH_REPEAT") or 1), 1)
        if repeat > 1:
            print(
                f"[bench] every workload and baseline measured {repeat} times: best kept"
            )
        results = run_workloads(env, only, repeat, timings)
        print_results(args.scale, results, timings)
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(
                json.dumps(
                    {
                        "scale": args.scale,
                        "size": SCALES[args.scale],
                        "date": datetime.now().isoformat(timespec="seconds"),
                        "machine": {
                            "python": platform.python_version(),
                            "cpus": _cpus(),
                        },
                        "generation_seconds": timings["generation"],
                        "preparation_seconds": timings["preparation"],
                        "measuring_seconds": timings["measuring"],
                        "samples": SAMPLES[args.scale],
                        "repeat": repeat,
                        "workloads": results,
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
            print(f"results written to {args.json}")


def _cpus():
    import os

    return os.cpu_count()


if __name__ == "__main__":
    main()
