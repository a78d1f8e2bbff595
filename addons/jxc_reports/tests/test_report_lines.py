from datetime import date

from odoo.tests import tagged
from odoo.tools import SQL

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestReportLines(JxcReportsCommon):
    """Report lines are written in bulk without foreign-key checks and go away
    with their wizard."""

    def _line_models(self):
        return [
            self.env[name]
            for name in self.env.registry.descendants(
                ["jxc.report.line.mixin"], "_inherit"
            )
            if not self.env[name]._abstract
        ]

    def _summary(self):
        wizard = self.env["jxc.stock.summary.wizard"].create(
            {"date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)}
        )
        wizard._jxc_refresh()
        return wizard

    def _orphans(self, model):
        wizard_model = self.env[model._fields["wizard_id"].comodel_name]
        return self.env.execute_query(
            SQL(
                "SELECT count(*) FROM %s l WHERE NOT EXISTS "
                "(SELECT FROM %s w WHERE w.id = l.wizard_id)",
                SQL.identifier(model._table),
                SQL.identifier(wizard_model._table),
            )
        )[0][0]

    def test_lines_carry_no_foreign_key(self):
        models = self._line_models()
        self.assertEqual(len(models), 8)
        for model in models:
            foreign_keys = self.env.execute_query(
                SQL(
                    "SELECT c.conname FROM pg_constraint c "
                    "JOIN pg_class t ON t.oid = c.conrelid "
                    "WHERE t.relname = %s AND c.contype = 'f'",
                    model._table,
                )
            )
            self.assertEqual(foreign_keys, [], model._name)

    def test_unlink_wizard_deletes_its_lines(self):
        Line = self.env["jxc.stock.summary.line"]
        kept, deleted = self._summary(), self._summary()
        kept_lines = kept.line_ids
        self.assertEqual(len(kept_lines), 2)  # products A and B
        self.assertEqual(len(deleted.line_ids), 2)
        deleted_ids = deleted.line_ids.ids
        deleted.unlink()
        self.assertFalse(Line.search([("id", "in", deleted_ids)]))
        self.assertEqual(kept.line_ids, kept_lines)
        self.assertEqual(sum(kept_lines.mapped("closing_qty")), 28 + 5)
        for model in self._line_models():
            self.assertEqual(self._orphans(model), 0, model._name)

    def test_vacuum_deletes_old_wizards_with_their_lines(self):
        Wizard = self.env["jxc.stock.card.wizard"]
        old = Wizard.create(
            {
                "product_id": self.product_a.id,
                "warehouse_id": self.wh1.id,
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 2, 28),
            }
        )
        old._jxc_refresh()
        # opening, customer return, vendor return, transfer out, gain, closing
        self.assertEqual(len(old.line_ids), 6)
        self.assertEqual(old.line_ids[-1].balance_qty, 21)
        line_ids = old.line_ids.ids
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE jxc_stock_card_wizard SET create_date = create_date "
                "- interval '2 hours', write_date = write_date - interval '2 hours' "
                "WHERE id = %s",
                old.id,
            )
        )
        Wizard._transient_clean_rows_older_than(3600)
        self.assertFalse(Wizard.browse(old.id).exists())
        self.assertFalse(self.env["jxc.stock.card.line"].browse(line_ids).exists())
        self.assertEqual(self._orphans(self.env["jxc.stock.card.line"]), 0)
