from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools import SQL

from .common import done_move
from .concurrency_common import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestPostingConcurrency(ConcurrencyCase):
    """Two database connections run the posting queue on the same queued
    layers: the second skips the rows the first has locked, each layer is
    posted once, none is lost.

    The second connection sees only committed data: the layers are built and
    committed by a connection of their own, and removed by it at the end.
    This class creates nothing in ``setUpClass``, so that the test's own
    transaction holds no data of its own when it starts anew."""

    TABLES = (
        "account_account",
        "account_journal",
        "account_move",
        "account_move_line",
        "jxc_posting_link",
        "jxc_posting_rule",
        "jxc_stock_alert",
        "ir_sequence",
        "mail_activity",
        "mail_alias",
        "mail_followers",
        "mail_message",
        "product_category",
        "product_product",
        "product_template",
        "stock_move",
        "stock_move_line",
        "stock_quant",
        "stock_valuation_layer",
    )

    def setUp(self):
        super().setUp()
        self._new_snapshot()

    # ------------------------------------------------------------ fixture
    def _build_fixture(self):
        """A product received three times (rule A, journal A) then delivered
        twice (rule B, journal B), both daily vouchers of yesterday, queued.
        Two journals: each connection numbers its own vouchers."""
        with self._fixture_env() as env:
            company = env.company
            Account = env["account.account"]
            stock, stock_in, stock_out = (
                Account.create(
                    {
                        "code": code,
                        "name": name,
                        "account_type": "asset_current",
                        "reconcile": rec,
                    }
                )
                for code, name, rec in (
                    ("JXCC1405", "Stock (concurrency)", False),
                    ("JXCC2202", "Stock Input (concurrency)", True),
                    ("JXCC6401", "Stock Output (concurrency)", True),
                )
            )
            journals = env["account.journal"].create(
                [
                    {"name": "JXC Queue A", "code": "JXCQA", "type": "general"},
                    {"name": "JXC Queue B", "code": "JXCQB", "type": "general"},
                ]
            )
            categ = env["product.category"].create(
                {
                    "name": "JXC Concurrency",
                    "property_cost_method": "fifo",
                    "property_valuation": "real_time",
                    "property_stock_valuation_account_id": stock.id,
                    "property_stock_account_input_categ_id": stock_in.id,
                    "property_stock_account_output_categ_id": stock_out.id,
                    "property_stock_journal": journals[0].id,
                }
            )
            rules = env["jxc.posting.rule"].create(
                [
                    {
                        "name": f"JXC concurrency {kind}",
                        "operation_kind": kind,
                        "categ_id": categ.id,
                        "journal_id": journal.id,
                        "grouping": "per_day",
                        "company_id": company.id,
                    }
                    for kind, journal in zip(
                        ("receipt", "delivery"), journals, strict=True
                    )
                ]
            )
            product = env["product.product"].create(
                {"name": "JXC Queue Tea", "is_storable": True, "categ_id": categ.id}
            )
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            supplier = env.ref("stock.stock_location_suppliers")
            customer = env.ref("stock.stock_location_customers")
            stock_location = warehouse.lot_stock_id
            for src, dest, qty, price in (
                (supplier, stock_location, 10, 5.0),
                (supplier, stock_location, 10, 6.0),
                (supplier, stock_location, 10, 7.0),
                (stock_location, customer, 4, 0.0),
                (stock_location, customer, 12, 0.0),
            ):
                done_move(env, product, qty, src, dest, price, company)
            layers = env["stock.valuation.layer"].search(
                [("product_id", "=", product.id)], order="id"
            )
            layers.jxc_posting_date = fields.Date.subtract(
                fields.Date.context_today(layers), days=1
            )
            fixture = {
                "accounts": (stock | stock_in | stock_out).ids,
                "journals": journals.ids,
                "categ": categ.id,
                "rules": rules.ids,
                "product": product.id,
                "template": product.product_tmpl_id.id,
                "receipts": layers[:3].ids,
                "deliveries": layers[3:].ids,
            }
        return fixture

    def _new_snapshot(self):
        """Let the test's own transaction see the committed fixture: it has
        written nothing (no transaction id assigned), so committing it commits
        nothing and starts a new snapshot. The test's savepoint is set again."""
        self.cr.execute("SELECT txid_current_if_assigned()")
        self.assertIsNone(self.cr.fetchone()[0], "the test transaction wrote data")
        Cursor.commit(self.cr)
        self.cr.execute(SQL("SAVEPOINT %s", self._savepoint()))
        self.env.invalidate_all()

    def _savepoint(self):
        return SQL.identifier(f"test_{self._savepoint_id}")

    def _drop_fixture(self):
        # the test's own postings first, and its row locks with them
        self.cr.execute(SQL("ROLLBACK TO SAVEPOINT %s", self._savepoint()))
        self.env.invalidate_all()
        f = self.fixture
        with self.registry.cursor() as cr:
            self._delete(
                cr,
                (
                    (
                        "DELETE FROM stock_valuation_layer WHERE product_id = %s",
                        f["product"],
                    ),
                    ("DELETE FROM stock_move_line WHERE product_id = %s", f["product"]),
                    ("DELETE FROM stock_quant WHERE product_id = %s", f["product"]),
                    ("DELETE FROM stock_move WHERE product_id = %s", f["product"]),
                    ("DELETE FROM product_product WHERE id = %s", f["product"]),
                    ("DELETE FROM product_template WHERE id = %s", f["template"]),
                    ("DELETE FROM jxc_posting_rule WHERE id = ANY(%s)", f["rules"]),
                    ("DELETE FROM product_category WHERE id = %s", f["categ"]),
                    ("DELETE FROM account_journal WHERE id = ANY(%s)", f["journals"]),
                    ("DELETE FROM account_account WHERE id = ANY(%s)", f["accounts"]),
                ),
            )

    # --------------------------------------------------------------- test
    def test_second_connection_skips_locked_layers(self):
        Layer = self.env["stock.valuation.layer"]
        f = self.fixture
        queued = Layer.search([("jxc_posting_state", "=", "to_post")], order="id")
        self.assertEqual(queued.ids, f["receipts"] + f["deliveries"])

        # connection 1 (the test's): takes the receipts, holds their locks
        posted_1 = Layer._cron_jxc_post_queue(limit=len(f["receipts"]))
        self.assertEqual(posted_1.ids, f["receipts"])

        with self.registry.cursor() as cr:
            # never wait for connection 1: a wait here would never end
            cr.execute("SET LOCAL lock_timeout = '30s'")
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Layer_2 = env["stock.valuation.layer"]
            # connection 2: the receipts are locked, it posts the deliveries
            posted_2 = Layer_2._cron_jxc_post_queue()
            self.assertEqual(posted_2.ids, f["deliveries"])
            # run again: the receipts are still locked, nothing is left
            self.assertFalse(Layer_2._cron_jxc_post_queue())
            layers_2 = Layer_2.browse(f["receipts"] + f["deliveries"])
            self.assertEqual(
                layers_2.mapped("jxc_posting_state"),
                ["to_post"] * 3 + ["posted"] * 2,
                "connection 2 sees the receipts queued (connection 1 has not "
                "committed) and posted only the deliveries",
            )
            voucher_2 = layers_2.filtered("account_move_id").account_move_id
            self.assertEqual(len(voucher_2), 1)
            self.assertEqual(voucher_2.journal_id.id, f["journals"][1])
            self.assertEqual(len(layers_2.jxc_link_ids), 2)
            # 16 delivered, FIFO: 10 at 5.00, 6 at 6.00
            self.assertEqual(sum(voucher_2.line_ids.mapped("debit")), 86.0)
            cr.rollback()

        # connection 1: its receipts once, in one voucher, nothing else
        layers_1 = Layer.browse(f["receipts"] + f["deliveries"])
        self.assertEqual(
            layers_1.mapped("jxc_posting_state"), ["posted"] * 3 + ["to_post"] * 2
        )
        voucher_1 = layers_1.filtered("account_move_id").account_move_id
        self.assertEqual(len(voucher_1), 1)
        self.assertEqual(voucher_1.journal_id.id, f["journals"][0])
        self.assertEqual(sum(voucher_1.line_ids.mapped("debit")), 180.0)
        links = self.env["jxc.posting.link"].search([("layer_id", "in", layers_1.ids)])
        self.assertEqual(links.layer_id.ids, f["receipts"])
        self.assertEqual(len(links), 3)
