# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from . import voucher


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

    # ------------------------------------------------------- landed costs
    # Landed costs post through the landed-cost rule.
    #
    # ``stock_landed_costs`` is not a dependency of jxc_bridge: where it is installed,
    # validating a landed cost creates one entry for the cost from the journal items
    # Odoo prepares per adjustment line (debit the stock valuation account, credit the
    # cost line's account, then move the share already delivered to the output and
    # expense accounts), and links the cost's new valuation layers to it. Before that
    # entry is created, jxc gives it the journal, accounts, narration and analytic
    # distribution of each product's landed-cost rule; after, it marks the layers
    # posted (one link each, never queued).
    @api.model_create_multi
    def create(self, vals_list):
        costs = [self._jxc_landed_cost(vals) for vals in vals_list]
        for vals, cost in zip(vals_list, costs, strict=True):
            if cost:
                self._jxc_apply_landed_cost_rules(vals, cost)
        moves = super().create(vals_list)
        for move, cost in zip(moves, costs, strict=True):
            if cost:
                move._jxc_link_landed_cost_layers(cost)
        return moves

    @api.model
    def _jxc_landed_cost(self, vals):
        """The landed cost being validated whose entry ``vals`` are, if any:
        Odoo names the entry after the cost, in the cost's journal, and gives
        it the cost's new layers; the cost is done only after."""
        if (
            "stock.landed.cost" not in self.env
            or "stock_valuation_layer_ids" not in vals
            or not vals.get("ref")
        ):
            return None
        return self.env["stock.landed.cost"].search(
            [
                ("name", "=", vals["ref"]),
                ("state", "=", "draft"),
                ("account_journal_id", "=", vals.get("journal_id")),
            ],
            limit=1,
        )

    @api.model
    def _jxc_landed_cost_slots(self, cost):
        """Per product and adjustment line name: the rule and the accounts
        Odoo used for the stock valuation and for its counterpart."""
        Rule = self.env["jxc.posting.rule"]
        company = cost.company_id
        slots = {}
        for line in cost.valuation_adjustment_lines.filtered("move_id"):
            product = line.product_id.with_company(company)
            move = line.move_id
            warehouse = (
                move.location_id.warehouse_id
                if move.location_id.usage == "internal"
                else move.location_dest_id.warehouse_id
            )
            rule, error = Rule._jxc_match(
                company, "landed_cost", warehouse, product.categ_id
            )
            if error:
                raise UserError(error)
            accounts = product.product_tmpl_id.get_product_accounts()
            valuation = accounts[
                "expense" if move._is_dropshipped() else "stock_valuation"
            ]
            cost_line = line.cost_line_id
            counterpart = (
                cost_line.account_id
                or cost_line.product_id.categ_id.property_stock_account_input_categ_id
            )
            slot = {
                "rule": rule,
                "valuation": valuation.id,
                "counterpart": counterpart.id,
                "narration": rule.narration_template
                and voucher.render(
                    rule.narration_template,
                    {
                        "document": cost.name,
                        "partner": (
                            cost.vendor_bill_id.partner_id or move.picking_id.partner_id
                        ).display_name,
                        "product": product.display_name,
                        "warehouse": warehouse.name,
                        "date": format_date(self.env, cost.date),
                    },
                ),
            }
            key = (product.id, line.name)
            if slots.setdefault(key, slot) != slot:
                raise UserError(
                    self.env._(
                        "Landed cost %(cost)s puts %(product)s of different "
                        "warehouses under different posting rules or accounts: "
                        "split the landed cost by warehouse.",
                        cost=cost.name,
                        product=product.display_name,
                    )
                )
        return slots

    @api.model
    def _jxc_apply_landed_cost_rules(self, vals, cost):
        """Rule journal, accounts, narration and analytic distribution on the
        values of Odoo's landed cost entry. The rule's debit account replaces
        the stock valuation account on every line of the product (the share
        already delivered leaves from where it was put); its credit account
        replaces the cost line's account."""
        slots = self._jxc_landed_cost_slots(cost)
        journals = {
            slot["rule"].journal_id or cost.account_journal_id
            for slot in slots.values()
        }
        if len(journals) > 1:
            raise UserError(
                self.env._(
                    "The products of landed cost %(cost)s match posting rules "
                    "with different journals (%(journals)s): give these rules "
                    "the same journal or split the landed cost.",
                    cost=cost.name,
                    journals=", ".join(j.display_name for j in journals),
                )
            )
        if journals:
            vals["journal_id"] = journals.pop().id
        # which of the rule's accounts is the stock side and which the
        # counterpart: the rule's semantics (jxc.posting.rule) decide
        valuation = {
            (product_id, slot["valuation"]): slot["rule"]._jxc_stock_account().id
            for (product_id, _name), slot in slots.items()
            if slot["rule"]
        }
        for command in vals.get("line_ids", ()):
            line = command[2]
            slot = slots.get((line.get("product_id"), line.get("name")))
            account_id = line["account_id"]
            new_account = valuation.get((line.get("product_id"), account_id))
            if (
                slot
                and slot["rule"]
                and account_id == slot["counterpart"] != slot["valuation"]
            ):
                new_account = slot["rule"]._jxc_counterpart_account().id
                if slot["rule"].analytic_distribution:
                    line["analytic_distribution"] = slot["rule"].analytic_distribution
            if new_account:
                line["account_id"] = new_account
            if slot and slot["narration"]:
                line["name"] = slot["narration"]

    def _jxc_link_landed_cost_layers(self, cost):
        layers = self.stock_valuation_layer_ids._jxc_needs_entry()
        layers.jxc_posting_date = cost.date
        layers._jxc_assign_rules()
        layers.filtered(lambda x: x.jxc_posting_state == "to_post")._jxc_link_posted()
