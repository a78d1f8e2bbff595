# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Internal switches that turn one of jxc's controls off, for server code only.

A client sends any context it likes over RPC, so a switch never travels in the
context: it lives on the database cursor (``cr.cache``), which only Python code
running in the server can reach, and only for the ``with`` block that sets it::

    with switches.switched_off(env, switches.ALERT_SCAN):
        picking.button_validate()

``no_entries`` is narrower: Odoo's ``_validate_accounting_entries`` creates no
journal entry for the given valuation layers (jxc posts them itself) while it
still reconciles their interim accounts.
"""

from contextlib import contextmanager

# the incremental alert scan after each validated picking (benchmarks,
# back-dated test data)
ALERT_SCAN = "alert_scan"
# jxc's posting engine out of the way: Odoo's own perpetual valuation (the
# benchmark's baseline)
POSTING = "posting"

_SWITCHES = "jxc_switches_off"
_NO_ENTRY_LAYERS = "jxc_no_entry_layers"


@contextmanager
def switched_off(env, switch):
    """Turn ``switch`` off for the code run inside (nested blocks count)."""
    off = env.cr.cache.setdefault(_SWITCHES, {})
    off[switch] = off.get(switch, 0) + 1
    try:
        yield
    finally:
        off[switch] -= 1


def is_off(env, switch):
    return env.cr.cache.get(_SWITCHES, {}).get(switch, 0) > 0


@contextmanager
def no_entries(env, layer_ids):
    """No journal entry for the valuation layers ``layer_ids`` inside."""
    layers = env.cr.cache.setdefault(_NO_ENTRY_LAYERS, {})
    for layer_id in layer_ids:
        layers[layer_id] = layers.get(layer_id, 0) + 1
    try:
        yield
    finally:
        for layer_id in layer_ids:
            layers[layer_id] -= 1
            if not layers[layer_id]:
                del layers[layer_id]


def without_entry(env, layer_id):
    return layer_id in env.cr.cache.get(_NO_ENTRY_LAYERS, {})
