# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models
from odoo.tools import SQL, format_date

from . import jxc_posting_batch as posting_batch
from . import voucher
from .jxc_posting_failure import PostingFailure

SUMMARY_GROUPINGS = ("summary_day", "summary_picking")


class JxcPostingVoucher(models.AbstractModel):
    """The values of the engine's vouchers: Odoo's entry values of each layer,
    the rule applied, merged into one voucher whose lines know the layers they
    come from. A part of ``jxc.posting.engine``."""

    _name = "jxc.posting.voucher"
    _description = "Valuation Posting Vouchers"

    @api.model
    def _group_key(self, layer):
        """The voucher a queued layer belongs to."""
        rule = layer.jxc_posting_rule_id
        grouping = rule.grouping or "per_move"
        if grouping in ("per_picking", "summary_picking") and layer.jxc_picking_id:
            return (grouping, layer.company_id.id, "picking", layer.jxc_picking_id.id)
        if grouping in ("per_day", "summary_day"):
            return (grouping, layer.company_id.id, rule.id, layer.jxc_posting_date)
        return ("per_move", layer.company_id.id, "layer", layer.id)

    # ---------------------------------------------------------- narrations
    @api.model
    def _render_narrations(self, batch, layers):
        """Render the narration of ``layers`` into the batch, each day
        formatted once; a template that cannot be rendered is the layer's
        failure (``batch.narration_errors``), never the operation's."""
        days = {}
        for layer in layers:
            if layer.id in batch.narrations:
                continue
            rule = layer.jxc_posting_rule_id
            if not rule.narration_template:
                batch.narrations[layer.id] = False
                continue
            day = layer.jxc_posting_date
            if day not in days:
                days[day] = format_date(self.env, day)
            move = layer.stock_move_id or layer.stock_valuation_layer_id.stock_move_id
            picking = move.picking_id
            try:
                batch.narrations[layer.id] = voucher.render(
                    rule.narration_template,
                    {
                        "document": picking.name or move.reference or layer.description,
                        "partner": picking.partner_id.display_name,
                        "product": layer.product_id.display_name,
                        "warehouse": layer.warehouse_id.name,
                        "date": days[day],
                    },
                )
            except voucher.TemplateError as error:
                batch.narrations[layer.id] = False
                batch.narration_errors[layer.id] = PostingFailure(
                    self.env, "narration", rule=rule.id, error=str(error)
                )

    @api.model
    def _narration(self, batch, layer):
        if batch is None:
            # Odoo builds some lines outside any posting (the FIFO vacuum's
            # anglo-saxon expense entry): a batch of this layer alone
            with posting_batch.opened(self.env, layer) as own:
                return self._narration(own, layer)
        if layer.id not in batch.narrations:
            self._render_narrations(batch, layer)
        if layer.id in batch.narration_errors:
            raise batch.narration_errors[layer.id]
        return batch.narrations[layer.id]

    # -------------------------------------------------------------- values
    @api.model
    def _entry_vals(self, batch, layer):
        """Odoo's entry values for ``layer`` (one dict per entry), the rule
        applied by jxc's overrides of ``stock.move``, which read the batch."""
        move = layer.stock_move_id or layer.stock_valuation_layer_id.stock_move_id
        move = move.with_company(layer.company_id).with_context(
            move_directions=batch.move_directions or move._get_move_directions(),
            force_period_date=layer.jxc_posting_date,
        )
        batch.layer = layer
        try:
            return move._account_entry_move(
                layer.quantity, layer.description, layer.id, layer.value
            )
        finally:
            batch.layer = layer.browse()

    @api.model
    def _voucher_vals(self, batch, layers):
        """The values of one voucher for ``layers`` and, for each of its lines
        in order, the ids of the layers the line comes from; (False, [])
        when there is nothing to post."""
        for layer in layers:
            if layer.id in batch.narration_errors:
                raise batch.narration_errors[layer.id]
        lines, sources, entries = [], [], []
        for layer in layers:
            for entry in self._entry_vals(batch, layer):
                entries.append(entry)
                for command in entry["line_ids"]:
                    vals = command[2]
                    if batch.no_analytic_models:
                        # nothing for Odoo to look up per line
                        vals.setdefault("analytic_distribution", False)
                    lines.append(vals)
                    sources.append(layer.id)
        if not entries:
            return False, []
        date = max(self._entry_date(batch, layer) for layer in layers)
        self._check_lock_date(layers.company_id, date)
        rule = layers.jxc_posting_rule_id[:1]
        if rule.grouping in ("per_day", "summary_day"):
            ref = self.env._(
                "%(rule)s: %(date)s", rule=rule.name, date=format_date(self.env, date)
            )
        else:
            ref = ", ".join(layers.jxc_picking_id.mapped("name")) or entries[0].get(
                "ref"
            )
        if rule.grouping in SUMMARY_GROUPINGS:
            merged = self._summary_lines(rule, lines, sources, ref)
        else:
            merged = voucher.merge_lines_with_sources(lines, sources)
        partners = {e.get("partner_id") for e in entries}
        stock_moves = {e.get("stock_move_id") for e in entries}
        vals = {
            "journal_id": entries[0]["journal_id"],
            "date": date,
            "ref": ref,
            "move_type": "entry",
            "company_id": entries[0]["company_id"],
            "partner_id": partners.pop() if len(partners) == 1 else False,
            "stock_move_id": stock_moves.pop() if len(stock_moves) == 1 else False,
            "line_ids": [Command.create(line) for line, _ids in merged],
            "stock_valuation_layer_ids": [Command.set(layers.ids)],
        }
        return vals, [ids for _line, ids in merged]

    @api.model
    def _summary_lines(self, rule, lines, sources, label):
        """Merge by account and side (按科目汇总): one line per account and
        side, and per partner only where the rule asks. The lines of an
        account Odoo matches per product (an interim stock input or output
        account, reconcilable) keep their product and partner, so that vendor
        bills and customer invoices still match them; an analytic distribution
        (the rule's, or a model's) keeps its lines apart."""
        interim = set(
            self.env["account.account"]
            .browse({line["account_id"] for line in lines})
            .filtered("reconcile")
            .ids
        )
        summarized = []
        for line in lines:
            if line["account_id"] in interim:
                summarized.append(line)
                continue
            line = dict(line, product_id=False, quantity=0.0)
            line.pop("product_uom_id", None)
            if not rule.summary_by_partner:
                line["partner_id"] = False
            summarized.append(line)
        merged = []
        for line, ids, names in voucher.merge(summarized, sources):
            if len(names) > 1:
                line["name"] = label
            merged.append((line, ids))
        return merged

    @api.model
    def _without_analytic_models(self, layers):
        """True when no analytic distribution model applies to these layers'
        companies: Odoo would search them for every journal item in vain."""
        return not self.env["account.analytic.distribution.model"].search_count(
            [("company_id", "in", [*layers.company_id.ids, False])], limit=1
        )

    @api.model
    def _to_match(self, layers):
        """The posted layers with a journal item on a reconcilable (interim)
        account that an open item can match: same account and product, the
        opposite sign (a bill, an invoice, a return, the other side of a
        transfer). Odoo's matching has nothing to do for the others."""
        if not layers:
            return layers
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT link.layer_id
                  FROM jxc_posting_link link
                  JOIN account_move_line_jxc_posting_link_rel rel
                    ON rel.jxc_posting_link_id = link.id
                  JOIN account_move_line aml ON aml.id = rel.account_move_line_id
                  JOIN account_account account ON account.id = aml.account_id
                 WHERE link.layer_id IN %s
                   AND account.reconcile
                   AND aml.reconciled IS NOT TRUE
                   AND EXISTS (
                        SELECT 1
                          FROM account_move_line other
                         WHERE other.account_id = aml.account_id
                           AND other.product_id = aml.product_id
                           AND other.id != aml.id
                           AND other.reconciled IS NOT TRUE
                           AND other.parent_state = 'posted'
                           AND (other.balance * aml.balance < 0
                                OR other.amount_currency * aml.amount_currency < 0)
                   )
                """,
                tuple(layers.ids),
            )
        )
        return layers.browse([row[0] for row in rows])

    # ------------------------------------------------------------- preview
    @api.model
    def _preview_lines(self, rule, layers):
        """The lines of the voucher ``rule`` would post for ``layers``; run it
        inside a savepoint that is rolled back."""
        layers.write(
            {
                "jxc_posting_rule_id": rule.id,
                "jxc_operation_kind": rule.operation_kind,
            }
        )
        with posting_batch.opened(self.env, layers, queued=True) as batch:
            self._render_narrations(batch, layers)
            if rule.grouping == "per_move":
                lines = []
                for layer in layers:
                    if layer.id in batch.narration_errors:
                        raise batch.narration_errors[layer.id]
                    for entry in self._entry_vals(batch, layer):
                        lines += [command[2] for command in entry["line_ids"]]
                return lines
            vals, _sources = self._voucher_vals(batch, layers)
        return [command[2] for command in vals["line_ids"]] if vals else []
