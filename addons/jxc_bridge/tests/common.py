from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def load_chinese(env, modules=("jxc_bridge",)):
    """Activate Simplified Chinese and load the translations of ``modules``."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search(
        [("name", "in", list(modules))]
    )._update_translations(["zh_CN"])


def foreign_currency(env, company):
    """A currency other than ``company``'s, active, of which one unit of the
    company's currency buys 2 units (since 2020, the only rate)."""
    eur = env.ref("base.EUR")
    currency = eur if company.currency_id != eur else env.ref("base.USD")
    currency.active = True
    currency.rate_ids.unlink()
    env["res.currency.rate"].create(
        {
            "name": "2020-01-01",
            "rate": 2.0,
            "currency_id": currency.id,
            "company_id": company.id,
        }
    )
    return currency


def done_move(env, product, qty, src, dest, price_unit=0.0, company=None):
    """``qty`` of ``product`` moved from ``src`` to ``dest`` and done, the way
    a validated transfer does it (valuation layers and entries included)."""
    company = company or env.company
    move = (
        env["stock.move"]
        .with_company(company)
        .create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom": product.uom_id.id,
                "product_uom_qty": qty,
                "location_id": src.id,
                "location_dest_id": dest.id,
                "price_unit": price_unit,
                "company_id": company.id,
            }
        )
    )
    move._action_confirm()
    move._action_assign()
    move.quantity = qty
    move.picked = True
    move._action_done()
    return move


class JxcAccountCommon(AccountTestInvoicingCommon):
    """The common base of jxc_bridge's tests: Odoo's accounting test base (a
    company of its own with Odoo's generic chart of accounts) whose company
    lives in the users' time zone, Asia/Shanghai, unless a test is about
    another zone. The tests run as the system, as Odoo's stock tests do: those
    about rights log in with their own users (``JxcCommon``)."""

    @classmethod
    def setup_independent_user(cls):
        return None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the users' time zone: China is UTC+8, its days start at 16:00 UTC
        cls.env.company.partner_id.tz = "Asia/Shanghai"


class JxcCommon(JxcAccountCommon):
    """Users of each kind that jxc serves, built on Odoo's own groups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse_user = new_test_user(
            cls.env, "jxc_wh", groups="stock.group_stock_user", name="Warehouse User"
        )
        cls.stock_manager = new_test_user(
            cls.env, "jxc_whm", groups="stock.group_stock_manager", name="Stock Manager"
        )
        cls.salesman = new_test_user(
            cls.env,
            "jxc_sales",
            groups="sales_team.group_sale_salesman",
            name="Salesman",
        )
        cls.accountant = new_test_user(
            cls.env,
            "jxc_acc",
            groups="account.group_account_manager",
            name="Accountant",
        )

    def visible_menus(self, user):
        """The menus ``user`` can reach: visible, and so is every parent."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        menus = self.env["ir.ui.menu"].browse(visible)
        return menus.filtered(
            lambda m: all(
                int(i) in visible for i in m.parent_path.strip("/").split("/")
            )
        )
