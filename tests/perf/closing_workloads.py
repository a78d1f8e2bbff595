"""Closing figures of the benchmark (issue 6), imported by ``bench.py``.

The stock and value of every product now, three ways: Odoo's own read_groups
(``odoo_closing_figures`` in ``bench.py``), OCA's inventory valuation report
(``stock_inventory_valuation_report`` 18.0, installed in the benchmark
database only) and jxc's stock movement summary of this month so far, whose
closing columns are the same figures.

OCA's report (``report.stock.inventory.valuation.report``, its computed
``results``) lists every storable product of the company with stock at its
``inventory_datetime``: the quantity is summed from the done move lines up to
that date, the value is that quantity times the product's layer value over
layer quantity up to the date (``value_svl`` / ``quantity_svl`` read with
``to_date``), one transient line per product. After its run (untimed), each
side's figures are compared per product: ``compare_closing``. Both sides are
timed without tracemalloc: it slows OCA's loop about fivefold, and jxc's
single statement hardly at all.
"""

from datetime import datetime

QTY_TOLERANCE = 1e-6
VALUE_TOLERANCE = 0.005  # half a cent: both sides round to the currency
OCA_REPORT = "report.stock.inventory.valuation.report"

_STATE = {}  # the figures of the last run of each side, for the cross-check


def compare_closing(oca, jxc):
    """Compare two ``{product_id: (quantity, value)}``: OCA's report (products
    with stock only) and jxc's closing columns (every product that moved).

    A product jxc lists without stock (quantity zero or negative) is one that
    OCA leaves out by design; any other difference is counted as one."""
    both = oca.keys() & jxc.keys()
    only_jxc = jxc.keys() - oca.keys()
    return {
        "products": len(both),
        "qty_differ": sum(abs(oca[p][0] - jxc[p][0]) > QTY_TOLERANCE for p in both),
        "value_differ": sum(abs(oca[p][1] - jxc[p][1]) > VALUE_TOLERANCE for p in both),
        "max_value_difference": max(
            (abs(oca[p][1] - jxc[p][1]) for p in both), default=0.0
        ),
        "only_oca": len(oca.keys() - jxc.keys()),
        "only_jxc_without_stock": sum(jxc[p][0] <= QTY_TOLERANCE for p in only_jxc),
        "only_jxc_with_stock": sum(jxc[p][0] > QTY_TOLERANCE for p in only_jxc),
    }


def oca_closing_figures(env):
    """OCA's inventory valuation report for now, every product of the company."""
    report = env[OCA_REPORT].create({"inventory_datetime": datetime.now()})
    _STATE["oca_report"] = report
    return len(report.results)


def _read_oca_figures(env):
    """Untimed, after OCA's run: its figures per product. Its lines name the
    product by internal reference only; references that are missing or shared
    cannot be matched and are counted apart."""
    report = _STATE.pop("oca_report")
    env.cr.execute(
        "SELECT default_code, min(id) FROM product_product "
        "WHERE default_code IS NOT NULL GROUP BY 1 HAVING count(*) = 1"
    )
    product_of = dict(env.cr.fetchall())
    figures, unmatched = {}, 0
    for line in report.results:
        product_id = product_of.get(line.reference)
        if product_id:
            figures[product_id] = (line.qty_at_date, line.stock_value)
        else:
            unmatched += 1
    _STATE["oca"] = figures
    return {"lines": len(report.results), "unmatched": unmatched}


oca_closing_figures.check = _read_oca_figures
# OCA's report is a Python loop over the products: timed untraced, like jxc
oca_closing_figures.trace_memory = False


def jxc_summary_closing(env):
    """The summary of this month so far: its closing columns are the stock and
    value of every product now."""
    today = datetime.now().date()
    wizard = env["jxc.stock.summary.wizard"].create(
        {"date_from": today.replace(day=1), "date_to": today}
    )
    wizard._jxc_refresh()
    _STATE["wizard_id"] = wizard.id
    return env["jxc.stock.summary.line"].search_count([("wizard_id", "=", wizard.id)])


def jxc_closing_figures(env):
    """The same summary, compared with OCA's report after the run."""
    return jxc_summary_closing(env)


def _cross_check(env):
    """Untimed, after jxc's run: its closing columns against OCA's figures of
    the same run, per product (nothing to compare without OCA)."""
    if "oca" not in _STATE:
        return None
    env.cr.execute(
        "SELECT product_id, closing_qty, closing_value FROM jxc_stock_summary_line "
        "WHERE wizard_id = %s",
        [_STATE["wizard_id"]],
    )
    jxc = {product_id: (qty, value) for product_id, qty, value in env.cr.fetchall()}
    return compare_closing(_STATE["oca"], jxc)


jxc_closing_figures.check = _cross_check
jxc_closing_figures.trace_memory = False


def jxc_closing_figures_no_snapshot(env):
    """The same summary from the whole history, as before the first monthly
    snapshot is built (the context key ``jxc_no_snapshot``)."""
    return jxc_summary_closing(env(context=dict(env.context, jxc_no_snapshot=True)))


jxc_closing_figures_no_snapshot.check = _cross_check
jxc_closing_figures_no_snapshot.trace_memory = False

WORKLOADS = {
    "oca_closing_figures": (
        "OCA: stock_inventory_valuation_report results for now, every product",
        "floor_closing_value",
        oca_closing_figures,
        False,
    ),
    "jxc_summary_closing_vs_oca": (
        "jxc: this month's summary, closing qty and value per product (vs OCA)",
        "oca_closing_figures",
        jxc_closing_figures,
        False,
    ),
    "jxc_closing_no_snapshot": (
        "jxc: the same summary without its monthly snapshots (vs OCA)",
        "oca_closing_figures",
        jxc_closing_figures_no_snapshot,
        False,
    ),
}
