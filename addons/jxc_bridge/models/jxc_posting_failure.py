# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Why a layer's posting failed, stored as a code with parameters and shown
in the reader's language (no ORM model).

A layer keeps ``jxc_posting_error_code`` and ``jxc_posting_error_args`` (JSON);
its ``jxc_posting_error`` is rendered from them when read. A failure of
Odoo's own (a missing account Odoo complains about) has the code ``odoo`` and
keeps Odoo's message as it was raised.
"""

import json

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MESSAGES = {
    "rule_conflict": _lt(
        "Rule conflict: %(first)s and %(second)s match equally; give one of "
        "them a different sequence."
    ),
    "locked_period": _lt(
        "Locked period: entries on %(date)s are not allowed (%(locks)s). Reopen "
        "the period or change the lock date, then retry."
    ),
    "archived_journal": _lt(
        "The journal %(journal)s is archived: restore it or choose another "
        "journal on the posting rule."
    ),
    "narration": _lt(
        "The narration of rule %(rule)s cannot be written (%(error)s): correct "
        "the narration (and its translations) on the rule."
    ),
    "entry_draft": _lt(
        "The entry %(entry)s of this layer was reset to draft: post it again, or "
        "delete it so that the layer is posted anew."
    ),
}
# the arguments that are records (model, argument) or dates, shown by their
# name or in the reader's date format
RECORD_ARGS = {
    "journal": "account.journal",
    "entry": "account.move",
    "first": "jxc.posting.rule",
    "second": "jxc.posting.rule",
    "rule": "jxc.posting.rule",
}
DATE_ARGS = ("date",)


class PostingFailure(UserError):
    """A failure the engine knows: ``code`` (a key of ``MESSAGES``) and its
    arguments (ids of records, ISO dates, plain text)."""

    def __init__(self, env, code, **args):
        self.code = code
        self.args_by_name = args
        super().__init__(render(env, code, args))


def encode(error):
    """(code, JSON arguments) to store for ``error``."""
    if isinstance(error, PostingFailure):
        return error.code, json.dumps(error.args_by_name, sort_keys=True)
    message = error.args[0] if error.args else str(error)
    return "odoo", json.dumps({"message": message})


def render(env, code, args):
    """The message of ``code`` with ``args`` in ``env``'s language."""
    if not code:
        return False
    if isinstance(args, str):
        args = json.loads(args or "{}")
    args = dict(args or {})
    if code not in MESSAGES:
        return args.get("message") or code
    for name, model in RECORD_ARGS.items():
        if name in args:
            record = env[model].sudo().browse(args[name]).exists()
            args[name] = record.display_name if record else f"#{args[name]}"
    for name in DATE_ARGS:
        if args.get(name):
            args[name] = format_date(env, args[name])
    if code == "locked_period" and isinstance(args.get("locks"), list):
        company = env["res.company"].sudo().browse(args.pop("company", False))
        locks = [(fields.Date.to_date(day), field) for day, field in args["locks"]]
        args["locks"] = (
            company._format_lock_dates(locks)
            if company
            else ", ".join(field for _date, field in locks)
        )
    return env._(MESSAGES[code]) % args
