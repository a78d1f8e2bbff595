from datetime import date

from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools import SQL
from odoo.tools.misc import file_path
from odoo.tools.sql import column_exists

from .abc_common import REF_DATE, AbcCommon


@tagged("post_install", "-at_install")
class TestAbcRunLines(AbcCommon):
    """Run lines are written without foreign keys; the ORM does what the keys
    did: lines go with their run, profile and product, a deleted category is
    emptied on them, and no line is left naming a missing record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._main_profile_of_two()
        # never moved and without stock: it can be deleted
        cls.idle = cls._product("Idle", stock=0)

    def _foreign_keys(self):
        return self.env.execute_query(
            SQL(
                "SELECT c.conname FROM pg_constraint c "
                "JOIN pg_class t ON t.oid = c.conrelid "
                "WHERE t.relname = 'jxc_abc_run_line' AND c.contype = 'f'"
            )
        )

    def _orphans(self):
        """Lines naming a run, product, template or category that is gone."""
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """SELECT count(*) FROM jxc_abc_run_line l
                    WHERE NOT EXISTS (SELECT FROM jxc_abc_run r WHERE r.id = l.run_id)
                       OR NOT EXISTS (SELECT FROM product_product p
                                       WHERE p.id = l.product_id)
                       OR NOT EXISTS (SELECT FROM product_template t
                                       WHERE t.id = l.product_tmpl_id)
                       OR (l.categ_id IS NOT NULL AND NOT EXISTS (
                           SELECT FROM product_category c WHERE c.id = l.categ_id))"""
            )
        )[0][0]

    def test_lines_carry_no_foreign_key(self):
        self.assertEqual(self._foreign_keys(), [])
        run = self.profile._run(apply=True, date=REF_DATE)
        self.assertEqual(
            self._classes(run),
            {self.p1: ("A", "Z"), self.p2: ("C", "Z"), self.idle: ("C", "Z")},
        )

    def test_deleting_runs_and_profiles_deletes_their_lines(self):
        Line = self.env["jxc.abc.run.line"]
        first = self.profile._run(apply=True, date=REF_DATE)
        preview = self.profile._run(date=date(2026, 7, 31))
        other = self._profile(name="Quantity", criterion="quantity", sequence=2)
        other_run = other._run(apply=True, date=REF_DATE)
        first_lines, other_lines = first.line_ids.ids, other_run.line_ids.ids
        self.assertEqual(len(preview.line_ids), 3)
        preview.unlink()
        self.assertEqual(Line.search_count([("run_id", "=", preview.id)]), 0)
        self.assertEqual(first.line_ids.ids, first_lines)
        other.unlink()
        self.assertFalse(other_run.exists())
        self.assertFalse(Line.browse(other_lines).exists())
        self.assertEqual(Line.browse(first_lines).exists().ids, first_lines)
        self.assertEqual(self._orphans(), 0)

    def test_deleting_a_product_deletes_its_lines(self):
        """A product deleted (only a product that never moved can be) leaves
        the runs as if it had not been in scope: its lines go, the others keep
        their values and classes; the current classes no longer list it."""
        run = self.profile._run(apply=True, date=REF_DATE)
        before = {
            line.product_id: (line.value, line.cumulative_share, line.abc_class)
            for line in run.line_ids
        }
        self.assertEqual(run.product_count, 3)
        idle_id = self.idle.id
        self.idle.unlink()
        self.assertEqual(run.product_count, 2)
        self.assertEqual(
            {
                line.product_id: (line.value, line.cumulative_share, line.abc_class)
                for line in run.line_ids
            },
            {product: before[product] for product in (self.p1, self.p2)},
        )
        self.assertFalse(
            self.env["jxc.product.abc"].search([("product_id", "=", idle_id)])
        )
        # through its template (which deletes the variant in the database)
        gone = self._product("Gone", stock=0)
        again = self.profile._run(apply=True, date=REF_DATE)
        self.assertEqual(self._classes(again)[gone], ("C", "Z"))
        gone.product_tmpl_id.unlink()
        self.assertEqual(again.line_ids.product_id, self.p1 | self.p2)
        self.assertEqual(self._orphans(), 0)

    def test_deleting_a_category_empties_it_on_the_lines(self):
        old = self.env["product.category"].create(
            {"name": "Old", "parent_id": self.category.id}
        )
        child = self.env["product.category"].create(
            {"name": "Old child", "parent_id": old.id}
        )
        self.p2.categ_id = child
        run = self.profile._run(apply=True, date=REF_DATE)
        self.assertEqual(self._line(run, self.p2).categ_id, child)
        self.p2.categ_id = self.category
        old.unlink()  # and its subcategory with it
        self.assertFalse(child.exists())
        self.assertFalse(self._line(run, self.p2).categ_id)
        self.assertEqual(self._line(run, self.p1).categ_id, self.category)
        self.assertEqual(self._line(run, self.p2).abc_class, "C")
        self.assertEqual(self._orphans(), 0)

    def test_upgrade_drops_foreign_keys_and_copied_classes(self):
        """Upgrading from 18.0.1.1.0: the lines' foreign keys are dropped when
        the module is updated, the products' copied classes by the migration."""
        run = self.profile._run(apply=True, date=REF_DATE)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE jxc_abc_run_line ADD CONSTRAINT jxc_abc_run_line_run_id_fkey "
            "FOREIGN KEY (run_id) REFERENCES jxc_abc_run(id) ON DELETE CASCADE"
        )
        cr.execute("ALTER TABLE product_product ADD COLUMN jxc_abc_class varchar")
        cr.execute("ALTER TABLE product_template ADD COLUMN jxc_xyz_class varchar")
        self.assertEqual(self._foreign_keys(), [("jxc_abc_run_line_run_id_fkey",)])
        self.env["jxc.abc.run.line"]._jxc_drop_foreign_keys()
        self.assertEqual(self._foreign_keys(), [])
        script = load_script(
            file_path("jxc_bridge/migrations/18.0.1.2.0/pre-migration.py"),
            "jxc_bridge_pre_migration_18_0_1_2_0",
        )
        script.migrate(cr, "18.0.1.1.0")
        self.assertFalse(column_exists(cr, "product_product", "jxc_abc_class"))
        self.assertFalse(column_exists(cr, "product_template", "jxc_xyz_class"))
        self.env.invalidate_all()
        self.assertEqual(
            (self.p1.jxc_abc_class, self.p1.jxc_abc_run_id, self.p1.jxc_abc_date),
            ("A", run, REF_DATE),
        )
        script.migrate(cr, None)  # a new database: nothing to do
