"""Posting workloads of the benchmark (issue 5), imported by ``bench.py``.

(a) validating receipts and deliveries of one move each, products valued in
real time: Odoo's own perpetual valuation (jxc's posting engine switched off by
the server-side switch ``switches.POSTING``) against jxc with per-move rules;
(b) posting N queued valuation layers: Odoo's one entry per layer against the
jxc queue cron's per-picking and daily vouchers (a line per product and
account) and the summary vouchers merged by account (按科目汇总凭证, per day
and per document), and the per-picking queue with 1,000 failed layers present
(their back-off over: they wait behind the queued ones).

Each workload has a ``setup`` (run before the timer, in the same transaction,
rolled back with it) and, where it matters, a ``unit`` for the time per row.
The alert scan after each picking is switched off in every workload
(the server-side switch ``switches.ALERT_SCAN``): it is measured on its own, and here it would only
add the same time to both sides of the ratio.

Before each run, the benchmark vacuums and analyzes the tables every workload
writes its entries to (``vacuum``, the same for Odoo and jxc): the entries of
earlier runs were rolled back, and statistics left by autovacuum (0 rows on N
pages) would plan the run's statements with nested loops. Every posting
workload is timed without tracemalloc (``trace_memory``), on both sides.
"""

import functools
from contextlib import contextmanager

from odoo import Command, fields

PICKINGS = 500  # (a): half receipts, half deliveries, one move each
QUEUED_PICKINGS = 50  # (b): half receipts, half deliveries ...
MOVES_PER_PICKING = 10  # ... of 10 moves each: 500 queued layers
PRODUCTS = 50

CONTEXT = {"tracking_disable": True}
_STATE = {}  # what a workload's setup prepared for it (same transaction)
ACCOUNT_TABLES = (
    "account_move",
    "account_move_line",
    "account_partial_reconcile",
    "jxc_posting_link",
    "account_move_line_jxc_posting_link_rel",
)


def _env(env, **context):
    return env(context=dict(env.context, **CONTEXT, **context))


@contextmanager
def _switched_off(env, *names):
    """jxc's server-side switches ``names`` (``ALERT_SCAN``, ``POSTING``) off
    inside: never a context key, which a client could send."""
    # imported when run: the addons path is set up after this module loads
    from odoo.addons.jxc_bridge.tools import switches

    if not names:
        yield
        return
    with (
        switches.switched_off(env, getattr(switches, names[0])),
        _switched_off(env, *names[1:]),
    ):
        yield


def _without_alert_scan(func):
    """Run ``func(env, ...)`` with the alert scan after each picking off."""

    @functools.wraps(func)
    def wrapper(env, *args, **kwargs):
        with _switched_off(env, "ALERT_SCAN"):
            return func(env, *args, **kwargs)

    return wrapper


def _setup_master(env):
    """Products valued in real time (FIFO) on their own stock accounts and
    journal, a vendor and a customer."""
    env = _env(env)
    company = env.company
    Account = env["account.account"]

    def account(code, name, account_type="asset_current", reconcile=False):
        return Account.create(
            {
                "code": code,
                "name": name,
                "account_type": account_type,
                "reconcile": reconcile,
            }
        )

    journal = env["account.journal"].create(
        {"name": "Bench Stock", "code": "BSTK", "type": "general"}
    )
    categ = env["product.category"].create(
        {
            "name": "Bench real-time",
            "property_cost_method": "fifo",
            "property_valuation": "real_time",
            "property_stock_valuation_account_id": account("BEN1405", "Stock").id,
            "property_stock_account_input_categ_id": account(
                "BEN1402", "Stock Input", reconcile=True
            ).id,
            "property_stock_account_output_categ_id": account(
                "BEN6401", "Stock Output", "expense_direct_cost", True
            ).id,
            "property_stock_journal": journal.id,
        }
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench real-time {i:02d}",
                "is_storable": True,
                "categ_id": categ.id,
                "standard_price": 10.0,
            }
            for i in range(PRODUCTS)
        ]
    )
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", company.id)], limit=1, order="id"
    )
    partners = env["res.partner"].create(
        [{"name": "Bench Vendor"}, {"name": "Bench Customer"}]
    )
    return {
        "accounts": {
            "stock": categ.property_stock_valuation_account_id,
            "input": categ.property_stock_account_input_categ_id,
            "output": categ.property_stock_account_output_categ_id,
        },
        "categ": categ,
        "products": products,
        "warehouse": warehouse,
        "vendor": partners[0],
        "customer": partners[1],
    }


def _set_rules(env, master, grouping):
    """The default receipt and delivery rules with their accounts, a narration
    and ``grouping``."""
    accounts = master["accounts"]
    Rule = env["jxc.posting.rule"]
    domain = [("company_id", "=", env.company.id), ("warehouse_id", "=", False)]
    for kind, debit, credit in (
        ("receipt", accounts["stock"], accounts["input"]),
        ("delivery", accounts["output"], accounts["stock"]),
    ):
        Rule.search(domain + [("operation_kind", "=", kind)]).write(
            {
                "grouping": grouping,
                "debit_account_id": debit.id,
                "credit_account_id": credit.id,
                "narration_template": "{document} {partner} {product}",
            }
        )


def _pickings(env, master, kind, count, moves_per_picking):
    warehouse = master["warehouse"]
    stock = warehouse.lot_stock_id
    if kind == "in":
        picking_type = warehouse.in_type_id
        src, dest = env.ref("stock.stock_location_suppliers"), stock
        partner, qty = master["vendor"], 10.0
    else:
        picking_type = warehouse.out_type_id
        src, dest = stock, env.ref("stock.stock_location_customers")
        partner, qty = master["customer"], 4.0
    products = master["products"]
    pickings = env["stock.picking"].create(
        [
            {
                "picking_type_id": picking_type.id,
                "location_id": src.id,
                "location_dest_id": dest.id,
                "partner_id": partner.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": src.id,
                            "location_dest_id": dest.id,
                            "price_unit": 10.0 + (n + j) % 7,
                        }
                    )
                    for j in range(moves_per_picking)
                    for product in [products[(n + j) % len(products)]]
                ],
            }
            for n in range(count)
        ]
    )
    pickings.action_confirm()
    pickings.action_assign()
    return pickings


def _validate(pickings):
    """Validate each picking on its own, as a warehouse user does."""
    for picking in pickings:
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
    return len(pickings)


# ------------------------------------------------ (a) per-move validation
@_without_alert_scan
def _setup_validation(env, jxc):
    env = _env(env)
    master = _setup_master(env)
    if jxc:
        _set_rules(env, master, "per_move")
    _STATE["master"] = master


@_without_alert_scan
def _run_validation(env, jxc):
    if not jxc:
        with _switched_off(env, "POSTING"):
            return _validate_sample(env)
    return _validate_sample(env)


def _validate_sample(env):
    env = _env(env)
    master = {
        key: value.with_env(env) if hasattr(value, "with_env") else value
        for key, value in _STATE["master"].items()
    }
    half = PICKINGS // 2
    receipts = _pickings(env, master, "in", half, 1)
    done = _validate(receipts)
    deliveries = _pickings(env, master, "out", PICKINGS - half, 1)
    done += _validate(deliveries)
    layers = (receipts | deliveries).move_ids.stock_valuation_layer_ids
    entries = layers.account_move_id
    if len(entries) != len(layers):
        raise AssertionError(f"{len(layers)} layers but {len(entries)} journal entries")
    return done


def odoo_perpetual_500(env):
    """Odoo: validate 500 receipts and deliveries, one entry per move."""
    return _run_validation(env, jxc=False)


odoo_perpetual_500.setup = lambda env: _setup_validation(env, jxc=False)


def jxc_per_move_500(env):
    """jxc: the same with per-move posting rules (accounts, narration)."""
    return _run_validation(env, jxc=True)


jxc_per_move_500.setup = lambda env: _setup_validation(env, jxc=True)


# --------------------------------------------- (b) posting queued layers
@_without_alert_scan
def _setup_queue(env, grouping):
    """Queue the layers of 25 receipts and 25 deliveries of 10 moves each."""
    env = _env(env)
    master = _setup_master(env)
    _set_rules(env, master, "per_picking")
    half = QUEUED_PICKINGS // 2
    pickings = _pickings(env, master, "in", half, MOVES_PER_PICKING)
    _validate(pickings)
    deliveries = _pickings(env, master, "out", half, MOVES_PER_PICKING)
    _validate(deliveries)
    pickings |= deliveries
    layers = pickings.move_ids.stock_valuation_layer_ids
    if set(layers.mapped("jxc_posting_state")) != {"to_post"}:
        raise AssertionError("the benchmark's layers are not queued")
    if grouping != "per_picking":
        _set_rules(env, master, grouping)
    if grouping in ("per_day", "summary_day"):
        layers.jxc_posting_date = fields.Date.subtract(fields.Date.today(), days=1)
    env.flush_all()
    _STATE["layers"] = layers.ids


FAILED_LAYERS = 1000


def _setup_queue_with_failed(env):
    """The per-picking queue, and 1,000 failed layers whose back-off is over
    (copies of the queued ones, of no document)."""
    _setup_queue(env, "per_picking")
    env.cr.execute(
        """
        INSERT INTO stock_valuation_layer (
            company_id, product_id, quantity, unit_cost, value, remaining_qty,
            remaining_value, description, jxc_posting_state,
            jxc_posting_error_code, jxc_posting_error_args, jxc_posting_attempts,
            jxc_posting_date, create_uid, create_date, write_uid, write_date)
        SELECT svl.company_id, svl.product_id, 0, 0, svl.value, 0, 0,
               'bench failed', 'failed', 'odoo', '{"message": "bench"}', 1,
               svl.jxc_posting_date, svl.create_uid, svl.create_date,
               svl.write_uid, svl.write_date
          FROM stock_valuation_layer svl
          CROSS JOIN generate_series(1, %s) AS n
         WHERE svl.id IN %s
         LIMIT %s
        """,
        [
            FAILED_LAYERS // len(_STATE["layers"]) + 1,
            tuple(_STATE["layers"]),
            FAILED_LAYERS,
        ],
    )
    env.cr.execute("ANALYZE stock_valuation_layer")


def _queued(env):
    return env["stock.valuation.layer"].browse(_STATE["layers"])


def odoo_entries_per_layer(env):
    """Odoo: one journal entry per queued layer."""
    layers = _queued(_env(env))
    with _switched_off(env, "POSTING"):
        layers._validate_accounting_entries()
    if len(layers.account_move_id) != len(layers):
        raise AssertionError("Odoo did not post one entry per layer")
    return len(layers)


odoo_entries_per_layer.setup = lambda env: _setup_queue(env, "per_picking")
odoo_entries_per_layer.unit = "layer"


@_without_alert_scan
def _post_queue(env):
    env = _env(env)
    layers = _queued(env)
    posted = env["stock.valuation.layer"]._cron_jxc_post_queue(limit=len(layers))
    if posted != layers or set(layers.mapped("jxc_posting_state")) != {"posted"}:
        raise AssertionError("the queue cron did not post every queued layer")
    return len(posted)


def jxc_post_per_picking(env):
    """jxc: the queue cron posts the layers as one voucher per picking."""
    return _post_queue(env)


jxc_post_per_picking.setup = lambda env: _setup_queue(env, "per_picking")
jxc_post_per_picking.unit = "layer"


def jxc_post_daily(env):
    """jxc: the queue cron posts yesterday's layers as daily summary vouchers."""
    return _post_queue(env)


jxc_post_daily.setup = lambda env: _setup_queue(env, "per_day")
jxc_post_daily.unit = "layer"


def jxc_post_summary_daily(env):
    """jxc: the queue cron posts yesterday's layers as summary vouchers merged
    by account (one per rule and day)."""
    return _post_queue(env)


jxc_post_summary_daily.setup = lambda env: _setup_queue(env, "summary_day")
jxc_post_summary_daily.unit = "layer"


def jxc_post_summary_picking(env):
    """jxc: the queue cron posts the layers as summary vouchers merged by
    account, one per picking."""
    return _post_queue(env)


jxc_post_summary_picking.setup = lambda env: _setup_queue(env, "summary_picking")
jxc_post_summary_picking.unit = "layer"


def jxc_post_with_failed(env):
    """jxc: one voucher per picking with 1,000 failed layers in the queue."""
    return _post_queue(env)


jxc_post_with_failed.setup = _setup_queue_with_failed
jxc_post_with_failed.unit = "layer"

for _workload in (
    odoo_perpetual_500,
    jxc_per_move_500,
    odoo_entries_per_layer,
    jxc_post_per_picking,
    jxc_post_daily,
    jxc_post_summary_daily,
    jxc_post_summary_picking,
    jxc_post_with_failed,
):
    _workload.vacuum = ACCOUNT_TABLES
    # timed untraced, like Odoo's own timings of an entry: tracing every
    # allocation doubles the time of an ORM loop, and the queue's target is
    # also in milliseconds per layer
    _workload.trace_memory = False

WORKLOADS = {
    "odoo_perpetual_500": (
        "Odoo: validate the sample's receipts/deliveries, perpetual valuation per move",
        None,
        odoo_perpetual_500,
    ),
    "jxc_per_move_500": (
        "jxc: the same with per-move posting rules (target <= 1.10x)",
        "odoo_perpetual_500",
        jxc_per_move_500,
        False,
    ),
    "odoo_entries_per_layer": (
        "Odoo: one journal entry per queued layer",
        None,
        odoo_entries_per_layer,
    ),
    "jxc_post_per_picking": (
        "jxc: queue cron, one voucher per picking (no slower than before)",
        "odoo_entries_per_layer",
        jxc_post_per_picking,
    ),
    "jxc_post_daily": (
        "jxc: queue cron, daily vouchers per product (no slower than before)",
        "odoo_entries_per_layer",
        jxc_post_daily,
    ),
    "jxc_post_summary_daily": (
        "jxc: queue cron, daily summary vouchers by account (target <= 0.1x per layer)",
        "odoo_entries_per_layer",
        jxc_post_summary_daily,
    ),
    "jxc_post_summary_picking": (
        "jxc: queue cron, summary voucher by account per picking (target <= 0.1x)",
        "odoo_entries_per_layer",
        jxc_post_summary_picking,
    ),
    "jxc_post_with_failed": (
        "jxc: queue cron per picking, 1,000 failed layers present (target <= 1.10x)",
        "jxc_post_per_picking",
        jxc_post_with_failed,
    ),
}
