# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The state of one posting batch of the engine (no ORM model).

Odoo prepares a layer's entry through a chain of ``stock.move`` methods
(``_account_entry_move`` → ``_get_accounting_data_for_valuation`` →
``_generate_valuation_lines_data`` → ``_prepare_account_move_vals``) and
``product.template.get_product_accounts``. jxc's overrides of these need the
layer being prepared, its narration and the caches of the batch. They find
them on the batch the engine opened on the database cursor, which only server
code reaches (a client sends any context it likes, never a batch)::

    with posting_batch.opened(env, layers) as batch:
        ...  # Odoo's entry values, jxc's rule applied

Batches nest (a batch opened inside another one is the current one until its
block ends).
"""

from contextlib import contextmanager

_BATCHES = "jxc_posting_batches"


class PostingBatch:
    """What the engine knows while it prepares the entries of ``layers``."""

    __slots__ = (
        "layer",
        "layers",
        "move_directions",
        "narration_errors",
        "narrations",
        "no_analytic_models",
        "product_accounts",
        "queued",
    )

    def __init__(self, layers, queued=False):
        self.layers = layers
        # layer id -> narration (False without a template), rendered once
        self.narrations = {}
        # layer id -> the template's error, when rendering it failed
        self.narration_errors = {}
        # (template ids, company id, fiscal position id) -> Odoo's accounts
        self.product_accounts = {}
        # the layer whose entry Odoo prepares now
        self.layer = layers.browse()
        self.move_directions = None
        self.no_analytic_models = False
        # posted by the queue (later than the operation), not while validating
        self.queued = queued


@contextmanager
def opened(env, layers, queued=False):
    """Open a batch for ``layers`` on the cursor for the block inside."""
    stack = env.cr.cache.setdefault(_BATCHES, [])
    batch = PostingBatch(layers, queued=queued)
    stack.append(batch)
    try:
        yield batch
    finally:
        stack.pop()


def current(env):
    """The batch open on this cursor, or None."""
    stack = env.cr.cache.get(_BATCHES)
    return stack[-1] if stack else None
