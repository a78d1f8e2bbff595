# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class AccountMove(models.Model):
    _inherit = "account.move"

    jxc_picking_count = fields.Integer(
        string="Transfers", compute="_compute_jxc_picking_count"
    )

    def _compute_jxc_picking_count(self):
        for move in self:
            move.jxc_picking_count = len(move._jxc_pickings())

    def _jxc_pickings(self):
        return self.sudo().stock_valuation_layer_ids.stock_move_id.picking_id

    def action_jxc_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", self._jxc_pickings().ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------ stock entries undone
    def _jxc_layers(self):
        """The valuation layers these entries post (Odoo's link or jxc's)."""
        links = (
            self.env["jxc.posting.link"]
            .sudo()
            .search([("account_move_id", "in", self.ids)])
        )
        return self.sudo().stock_valuation_layer_ids | links.layer_id

    def button_draft(self):
        layers = self._jxc_layers()
        res = super().button_draft()
        layers._jxc_entry_undone(self, "draft")
        return res

    def button_cancel(self):
        layers = self._jxc_layers()
        res = super().button_cancel()
        layers._jxc_entry_undone(self, "cancelled")
        return res

    def unlink(self):
        layers = self._jxc_layers()
        res = super().unlink()
        # the database set their entry to null and removed their links
        layers.invalidate_recordset(["account_move_id", "jxc_link_ids"])
        layers._jxc_entry_undone(self.browse(), "deleted")
        return res

    def _post(self, soft=True):
        self._jxc_check_stock_lock()
        posted = super()._post(soft=soft)
        posted._jxc_layers()._jxc_entry_reposted()
        return posted

    def _jxc_check_stock_lock(self):
        """Refuse entries on a stock account dated inside a closed month (landed
        costs, revaluations, inventory adjustments with an accounting date,
        manual entries): the month close holds for the ledger too."""
        Valuation = self.env["jxc.valuation"]
        for company in self.company_id:
            closing_from = company._jxc_closing_from()
            suspects = self.filtered(
                lambda m, c=company, d=closing_from: (
                    m.company_id == c and m.state == "draft" and m.date < d
                )
            )
            if not suspects:
                continue
            stock_accounts = Valuation._stock_accounts(company, real_time_only=False)
            entries = suspects.filtered(
                lambda m, a=stock_accounts: m.line_ids.account_id & a
            )
            company._jxc_guard_stock_days(set(entries.mapped("date")))
            lock_date = company.jxc_stock_lock_date
            for entry in entries:
                if lock_date and entry.date <= lock_date:
                    raise UserError(
                        self.env._(
                            "Inventory is closed up to %(date)s (month close): "
                            "%(entry)s cannot post on %(accounts)s on %(day)s. Date "
                            "it after the lock date or ask an accounting manager to "
                            "reopen the month.",
                            date=format_date(self.env, lock_date),
                            entry=entry.display_name,
                            accounts=", ".join(
                                (entry.line_ids.account_id & stock_accounts).mapped(
                                    "display_name"
                                )
                            ),
                            day=format_date(self.env, entry.date),
                        )
                    )
