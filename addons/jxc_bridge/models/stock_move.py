# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import switches
from . import jxc_posting_batch as posting_batch
from .jxc_posting_failure import PostingFailure


class StockMove(models.Model):
    _inherit = "stock.move"

    def _jxc_scan_alerts(self):
        """Incremental alert scan: only the products these done moves touched."""
        if switches.is_off(self.env, switches.ALERT_SCAN):
            return
        storable = self.filtered(
            lambda m: m.state == "done" and m.product_id.is_storable
        )
        for company in storable.company_id:
            products = storable.filtered(lambda m, c=company: m.company_id == c)
            # the scan is a system process: it writes alerts whatever the rights of
            # the user who validated the picking, and shows that user nothing
            self.env["jxc.stock.alert"].sudo().with_company(
                company
            )._jxc_scan_validated(company, products.product_id.ids)

    def _jxc_operation_kind(self):
        """The kind of operation a done move is, for the posting rules."""
        self.ensure_one()
        src, dest = self.location_id, self.location_dest_id
        if self.scrapped or dest.scrap_location:
            return "scrap"
        usages = (src.usage, dest.usage)
        if usages[0] == "supplier":
            return "receipt"
        if usages[1] == "customer":
            return "delivery"
        if usages[0] == "customer":
            return "customer_return"
        if usages[1] == "supplier":
            return "vendor_return"
        if usages[0] == "inventory":
            return "inventory_gain"
        if usages[1] == "inventory":
            return "inventory_loss"
        if "transit" in usages or (
            usages == ("internal", "internal") and src.warehouse_id != dest.warehouse_id
        ):
            return "internal_transfer"
        return False

    def _jxc_posting_off(self):
        """Odoo's own perpetual valuation, jxc's posting engine out of the way
        (the benchmark's baseline): a server-side switch, never the context."""
        return switches.is_off(self.env, switches.POSTING)

    def _jxc_batch(self):
        """The engine's batch open on the cursor (see ``jxc_posting_batch``)."""
        return posting_batch.current(self.env)

    def _account_entry_move(self, qty, description, svl_id, cost):
        if switches.without_entry(self.env, svl_id):
            # jxc posts this layer itself (queue, grouped voucher)
            return []
        if self._jxc_posting_off():
            return super()._account_entry_move(qty, description, svl_id, cost)
        batch = self._jxc_batch()
        layer = self.env["stock.valuation.layer"].browse(svl_id)
        if batch is None:
            # outside the engine (another module calls Odoo's method): a batch
            # of this layer alone
            with posting_batch.opened(self.env, layer):
                return self._account_entry_move(qty, description, svl_id, cost)
        previous, batch.layer = batch.layer, layer
        try:
            return super()._account_entry_move(qty, description, svl_id, cost)
        finally:
            batch.layer = previous

    def _get_accounting_data_for_valuation(self):
        if self._jxc_posting_off():
            return super()._get_accounting_data_for_valuation()
        journal_id, acc_src, acc_dest, acc_valuation = (
            super()._get_accounting_data_for_valuation()
        )
        batch = self._jxc_batch()
        layer = batch.layer if batch else self.env["stock.valuation.layer"]
        rule = layer.jxc_posting_rule_id
        if rule:
            accounts = {"src": acc_src, "dest": acc_dest, "valuation": acc_valuation}
            debit_slots, credit_slots = rule._jxc_account_slots(
                layer.jxc_operation_kind
            )
            for slots, account in (
                (debit_slots, rule.debit_account_id),
                (credit_slots, rule.credit_account_id),
            ):
                if account:
                    accounts.update(dict.fromkeys(slots, account.id))
            acc_src, acc_dest = accounts["src"], accounts["dest"]
            acc_valuation = accounts["valuation"]
            journal_id = rule.journal_id.id or journal_id
        journal = self.env["account.journal"].browse(journal_id)
        if not journal.active:
            raise PostingFailure(self.env, "archived_journal", journal=journal.id)
        return journal_id, acc_src, acc_dest, acc_valuation

    def _generate_valuation_lines_data(
        self,
        partner_id,
        qty,
        debit_value,
        credit_value,
        debit_account_id,
        credit_account_id,
        svl_id,
        description,
    ):
        res = super()._generate_valuation_lines_data(
            partner_id,
            qty,
            debit_value,
            credit_value,
            debit_account_id,
            credit_account_id,
            svl_id,
            description,
        )
        if self._jxc_posting_off():
            return res
        layer = self.env["stock.valuation.layer"].browse(svl_id)
        rule = layer.jxc_posting_rule_id
        if not rule:
            return res
        narration = self.env["jxc.posting.engine"]._narration(self._jxc_batch(), layer)
        stock_side = (
            debit_account_id
            if rule._jxc_stock_side(layer.jxc_operation_kind) == "debit"
            else credit_account_id
        )
        for vals in res.values():
            if narration:
                vals["name"] = narration
            if rule.analytic_distribution and vals["account_id"] != stock_side:
                vals["analytic_distribution"] = rule.analytic_distribution
        return res

    def _prepare_account_move_vals(
        self,
        credit_account_id,
        debit_account_id,
        journal_id,
        qty,
        description,
        svl_id,
        cost,
    ):
        vals = super()._prepare_account_move_vals(
            credit_account_id,
            debit_account_id,
            journal_id,
            qty,
            description,
            svl_id,
            cost,
        )
        if self._jxc_posting_off():
            return vals
        layer = self.env["stock.valuation.layer"].browse(svl_id)
        Engine = self.env["jxc.posting.engine"]
        batch = self._jxc_batch()
        narration = layer.jxc_posting_rule_id and Engine._narration(batch, layer)
        if narration:
            vals["ref"] = narration
        if layer.jxc_posting_date:
            # the local day of the operation, also when posted later
            vals["date"] = Engine._entry_date(batch, layer)
        return vals

    def _get_all_related_aml(self):
        """Also the items of grouped vouchers, so interim accounts still match
        vendor bills and customer invoices."""
        amls = super()._get_all_related_aml()
        links = self.stock_valuation_layer_ids.jxc_link_ids
        return amls | links.line_ids.filtered(
            lambda line: line.product_id in self.product_id
        )

    def _action_confirm(self, merge=True, merge_into=False):
        self.env["jxc.stock.promise.lock"]._jxc_take_stock(self._jxc_stock_takers())
        return super()._action_confirm(merge=merge, merge_into=merge_into)

    def _jxc_stock_takers(self):
        """The draft moves that, once confirmed, take stock from a warehouse the
        oversell guard promises from without being a sales order's: deliveries
        made by hand, returns to vendors, transfers to another warehouse, scrap
        and inventory losses (see ``product.product._jxc_atp_query``). A sales
        order's moves are confirmed under its own lock."""
        return self.filtered(
            lambda m: (
                m.state == "draft"
                and not m.sale_line_id
                and m.product_id.is_storable
                and m.location_id.usage == "internal"
                and m.location_id.warehouse_id
                and m.location_dest_id.warehouse_id != m.location_id.warehouse_id
            )
        )

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves._jxc_check_stock_lock_date()
        moves._jxc_scan_alerts()
        return moves

    def write(self, vals):
        res = super().write(vals)
        if "date" in vals:
            self.filtered(lambda m: m.state == "done")._jxc_check_stock_lock_date()
        return res

    def _jxc_check_stock_lock_date(self):
        """Refuse done moves dated, in the company's calendar, on or before its
        month close; take the company's lock row when a close may be running."""
        Valuation = self.env["jxc.valuation"]
        for company in self.company_id:
            moves = self.filtered(lambda m, c=company: m.company_id == c and m.date)
            days = {move: Valuation._local_date(company, move.date) for move in moves}
            company._jxc_guard_stock_days(set(days.values()))
            lock_date = company.jxc_stock_lock_date
            for move, day in days.items():
                if lock_date and day <= lock_date:
                    raise UserError(
                        self.env._(
                            "Inventory is closed up to %(date)s (month close): the "
                            "move %(move)s cannot be done or dated on %(move_date)s. "
                            "Date it after the lock date or ask an accounting "
                            "manager to reopen the period.",
                            date=format_date(self.env, lock_date),
                            move=move.reference or move.name,
                            move_date=format_date(self.env, day),
                        )
                    )
