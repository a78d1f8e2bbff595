from odoo.tests import tagged
from odoo.tools import SQL

from ..hooks import COMPUTED_COLUMNS, pre_init_hook
from .posting_common import PostingCommon


@tagged("post_install", "-at_install")
class TestInstallHook(PostingCommon):
    """Installing on a database with history: the pre-init hook creates the
    stored computed columns jxc adds to Odoo's tables and fills them with SQL,
    with what the ORM would compute for them, so that Odoo does not compute
    them record by record."""

    def _values(self, query, ids):
        return dict(self.env.execute_query(SQL(query, ids)))

    def test_fills_the_columns_as_the_orm_would(self):
        receipt = self.picking("in", [(self.product, 10, 5.0)])
        delivery = self.picking("out", [(self.product, 4, 0.0)])
        layers = self.layers(receipt) | self.layers(delivery)
        self.assertEqual(len(layers), 2)
        # as before the install: no layer queued or posted by jxc
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE stock_valuation_layer SET jxc_posting_state = 'not_needed'"
                " WHERE id = ANY(%s)",
                layers.ids,
            )
        )
        for table, column, _type in COMPUTED_COLUMNS:
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s DROP COLUMN %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                )
            )
        pre_init_hook(self.env)
        pickings = receipt | delivery
        self.assertEqual(
            self._values(
                "SELECT id, jxc_posting_state FROM stock_picking WHERE id = ANY(%s)",
                pickings.ids,
            ),
            {receipt.id: "not_needed", delivery.id: "not_needed"},
        )
        self.assertEqual(
            self._values(
                "SELECT id, jxc_posting_error FROM stock_picking WHERE id = ANY(%s)",
                pickings.ids,
            ),
            {receipt.id: None, delivery.id: None},
        )
        self.assertEqual(
            self._values(
                "SELECT id, jxc_picking_id FROM stock_valuation_layer "
                "WHERE id = ANY(%s)",
                layers.ids,
            ),
            {
                self.layers(receipt).id: receipt.id,
                self.layers(delivery).id: delivery.id,
            },
        )
        # what the ORM computes from the same rows
        self.env.invalidate_all()
        pickings._compute_jxc_posting_state()
        self.assertEqual(pickings.mapped("jxc_posting_state"), ["not_needed"] * 2)
        # no error: empty either way
        self.assertEqual(
            [bool(error) for error in pickings.mapped("jxc_posting_error")],
            [False, False],
        )
        # a second run changes nothing
        pre_init_hook(self.env)
        self.assertEqual(
            self._values(
                "SELECT id, jxc_picking_id FROM stock_valuation_layer "
                "WHERE id = ANY(%s)",
                layers.ids,
            ),
            {
                self.layers(receipt).id: receipt.id,
                self.layers(delivery).id: delivery.id,
            },
        )
