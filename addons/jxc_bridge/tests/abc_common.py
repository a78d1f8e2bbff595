from datetime import date, datetime

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import done_move

# every test classifies at this reference date; the default period of 12 months
# runs from 2025-07-01 to 2026-06-30
REF_DATE = date(2026, 6, 30)


class AbcCommon(AccountTestInvoicingCommon):
    """Hand-built movements placed in past months, with known classes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        cls.category = cls.env["product.category"].create({"name": "ABC goods"})
        cls.jxc_user = new_test_user(
            cls.env,
            "abc_user",
            groups="stock.group_stock_user",
            company_id=cls.company.id,
        )
        cls.jxc_manager = new_test_user(
            cls.env,
            "abc_manager",
            groups="stock.group_stock_manager",
            company_id=cls.company.id,
        )

    @classmethod
    def _product(cls, name, cost=10.0, category=None, stock=1000.0, company=None):
        product = cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "standard_price": cost,
                "categ_id": (category or cls.category).id,
            }
        )
        if stock:
            warehouse = cls.warehouse
            if company:
                warehouse = cls.env["stock.warehouse"].search(
                    [("company_id", "=", company.id)], limit=1
                )
            cls.env["stock.quant"].with_company(
                company or cls.company
            )._update_available_quantity(product, warehouse.lot_stock_id, stock)
        return product

    @classmethod
    def _set_date(cls, moves, when):
        """Place done moves and their valuation layers at ``when``."""
        when = datetime.combine(when, datetime.min.time().replace(hour=12))
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL("UPDATE stock_move SET date = %s WHERE id = ANY(%s)", when, moves.ids)
        )
        cls.env.cr.execute(
            SQL(
                "UPDATE stock_move_line SET date = %s WHERE move_id = ANY(%s)",
                when,
                moves.ids,
            )
        )
        cls.env.cr.execute(
            SQL(
                "UPDATE stock_valuation_layer SET create_date = %s "
                "WHERE stock_move_id = ANY(%s)",
                when,
                moves.ids,
            )
        )
        cls.env.invalidate_all()

    @classmethod
    def _move(cls, product, qty, when, source=None, dest=None, company=None):
        """A done move of ``qty`` (default: a delivery to a customer) at ``when``."""
        company = company or cls.company
        source = (
            source
            or cls.env["stock.warehouse"]
            .search([("company_id", "=", company.id)], limit=1)
            .lot_stock_id
        )
        dest = dest or cls.customer_location
        move = done_move(cls.env, product, qty, source, dest, company=company)
        cls._set_date(move, when)
        return move

    @classmethod
    def _invoice(cls, lines, when, move_type="out_invoice", post=True):
        """A customer invoice: ``lines`` = [(product, qty, price_unit)]."""
        invoice = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": cls.partner_a.id,
                "invoice_date": when,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": qty,
                            "price_unit": price,
                            "tax_ids": [],
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )
        if post:
            invoice.action_post()
        return invoice

    @classmethod
    def _profile(cls, **vals):
        vals.setdefault("name", "Test profile")
        vals.setdefault("categ_include_ids", [Command.set(cls.category.ids)])
        return cls.env["jxc.abc.profile"].create(vals)

    @classmethod
    def _main_profile_of_two(cls):
        """The only active profile, "Main", over P1 (consumption 800) and P2
        (200), moved in March 2026."""
        cls.env["jxc.abc.profile"].search([]).active = False
        cls.p1, cls.p2 = cls._product("P1"), cls._product("P2")
        cls._move(cls.p1, 80, date(2026, 3, 10))  # 800
        cls._move(cls.p2, 20, date(2026, 3, 10))  # 200
        cls.profile = cls._profile(name="Main", sequence=1)

    def _classes(self, run):
        """{product: (abc class, xyz class)} of a run."""
        return {
            line.product_id: (line.abc_class, line.xyz_class) for line in run.line_ids
        }

    def _line(self, run, product):
        return run.line_ids.filtered(lambda line: line.product_id == product)
