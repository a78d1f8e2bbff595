# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A layer's posting failure is stored as a cause (a code and its arguments)
and shown in the reader's language: the messages stored before, in the language
of whoever validated the operation, become causes of the code ``odoo`` that
keep the message as it was written. The pickings' stored copy of the message
is no longer kept (it is read from the layers)."""

from openupgradelib import openupgrade

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    if openupgrade.column_exists(cr, "stock_valuation_layer", "jxc_posting_error"):
        cr.execute(
            SQL(
                """
                UPDATE stock_valuation_layer
                   SET jxc_posting_error_code = 'odoo',
                       jxc_posting_error_args = json_build_object(
                           'message', jxc_posting_error)::text
                 WHERE jxc_posting_state = 'failed'
                   AND jxc_posting_error IS NOT NULL
                   AND jxc_posting_error_code IS NULL
                """
            )
        )
