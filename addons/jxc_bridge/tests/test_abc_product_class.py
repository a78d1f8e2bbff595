from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools.misc import file_path
from odoo.tools.sql import TableKind, table_kind

from .abc_common import REF_DATE, AbcCommon

LATER = date(2026, 7, 31)


@tagged("post_install", "-at_install")
class TestAbcProductClass(AbcCommon):
    """The class of a product per profile (``jxc.product.abc``) is a view of the
    lines of the profile's current applied run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._main_profile_of_two()

    def shown(self, product):
        """What the product's form shows: (profile, ABC, XYZ, run, date)."""
        return {
            (c.profile_id, c.abc_class, c.xyz_class, c.run_id, c.date)
            for c in product.jxc_abc_ids
        }

    def test_applied_run_replaces_classes_and_preview_does_not(self):
        first = self.profile._run(apply=True, date=REF_DATE)
        self.assertEqual(
            self.shown(self.p1), {(self.profile, "A", "Z", first, REF_DATE)}
        )
        self.assertEqual(
            self.shown(self.p2), {(self.profile, "C", "Z", first, REF_DATE)}
        )
        self.assertEqual((self.p1.jxc_abc_class, self.p2.jxc_abc_class), ("A", "C"))
        # p2 becomes the larger: 200 + 2,000 of 2,800 in the 12 months to July
        self._move(self.p2, 200, date(2026, 7, 10))
        preview = self.profile._run(date=LATER)
        self.assertEqual(
            {p: c[0] for p, c in self._classes(preview).items()},
            {self.p1: "C", self.p2: "A"},
        )
        # a preview changes no class shown
        self.assertEqual(
            self.shown(self.p1), {(self.profile, "A", "Z", first, REF_DATE)}
        )
        self.assertEqual(
            self.shown(self.p2), {(self.profile, "C", "Z", first, REF_DATE)}
        )
        Class = self.env["jxc.product.abc"]
        self.assertEqual(
            Class.search(
                [("profile_id", "=", self.profile.id), ("abc_class", "=", "A")]
            ).product_id,
            self.p1,
        )
        preview.action_apply()
        self.assertEqual(
            self.shown(self.p1), {(self.profile, "C", "Z", preview, LATER)}
        )
        self.assertEqual(
            self.shown(self.p2), {(self.profile, "A", "Z", preview, LATER)}
        )
        self.assertEqual(self.p2.product_tmpl_id.jxc_abc_ids, self.p2.jxc_abc_ids)
        self.assertEqual((self.p1.jxc_abc_class, self.p2.jxc_abc_class), ("C", "A"))
        # filters and group-bys read the new classes
        self.assertEqual(
            Class.search(
                [("profile_id", "=", self.profile.id), ("abc_class", "=", "A")]
            ).product_id,
            self.p2,
        )
        self.assertEqual(
            dict(
                Class._read_group(
                    [("profile_id", "=", self.profile.id)], ["abc_class"], ["__count"]
                )
            ),
            {"A": 1, "C": 1},
        )
        self.assertEqual(
            self.env["product.product"].search(
                [("id", "in", (self.p1 | self.p2).ids), ("jxc_abc_class", "=", "A")]
            ),
            self.p2,
        )

    def test_other_profile_and_products_out_of_scope(self):
        """A run shows the classes of its own profile only; a product the new
        run no longer classifies loses its class of the profile."""
        other = self._profile(name="Quantity", criterion="quantity", sequence=2)
        main_run = self.profile._run(apply=True, date=REF_DATE)
        other_run = other._run(apply=True, date=REF_DATE)
        self.assertEqual(
            {(c.profile_id, c.run_id) for c in self.p1.jxc_abc_ids},
            {(self.profile, main_run), (other, other_run)},
        )
        self.p1.categ_id = self.env["product.category"].create({"name": "Elsewhere"})
        again = other._run(apply=True, date=LATER)
        self.assertEqual(again.line_ids.product_id, self.p2)
        self.assertEqual(
            {(c.profile_id, c.run_id) for c in self.p1.jxc_abc_ids},
            {(self.profile, main_run)},
        )
        self.assertEqual(
            {(c.profile_id, c.run_id) for c in self.p2.jxc_abc_ids},
            {(self.profile, main_run), (other, again)},
        )

    def test_product_classes_read_from_the_current_run(self):
        """Products and templates show, filter, group and sort by the classes
        of the current run of the company's first profile (a template: the
        best class of its variants); applying a run writes no product."""
        size = self.env["product.attribute"].create(
            {
                "name": "Size",
                "value_ids": [
                    Command.create({"name": "S"}),
                    Command.create({"name": "L"}),
                ],
            }
        )
        shirt = self.env["product.template"].create(
            {
                "name": "Shirt",
                "is_storable": True,
                "standard_price": 10.0,
                "categ_id": self.category.id,
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": size.id,
                            "value_ids": [Command.set(size.value_ids.ids)],
                        }
                    )
                ],
            }
        )
        small, large = shirt.product_variant_ids
        small.standard_price = 10.0  # a template's cost goes to a single variant only
        self._move(small, 70, date(2026, 3, 10))  # 700 of 1,700: B after P1
        Product, Template = self.env["product.product"], self.env["product.template"]
        self.assertFalse(small.jxc_abc_class)
        self.env.flush_all()
        write_date = self.p1.write_date
        run = self.profile._run(apply=True, date=REF_DATE)
        self.assertEqual(self.p1.write_date, write_date, "no product written")
        self.assertEqual(
            [
                (p.jxc_abc_class, p.jxc_xyz_class)
                for p in (self.p1, small, self.p2, large)
            ],
            [("A", "Z"), ("B", "Z"), ("C", "Z"), ("C", "Z")],
        )
        self.assertEqual((small.jxc_abc_run_id, small.jxc_abc_date), (run, REF_DATE))
        self.assertEqual(shirt.jxc_abc_class, "B")
        products = self.p1 | self.p2 | small | large
        scope = [("id", "in", products.ids)]
        self.assertEqual(
            Product.search(scope + [("jxc_abc_class", "=", "C")]), self.p2 | large
        )
        self.assertEqual(
            Product.search(scope + [("jxc_abc_class", "not in", ["A", "B"])]),
            self.p2 | large,
        )
        self.assertEqual(
            Product.search(scope + [("jxc_abc_class", "!=", "C")]), self.p1 | small
        )
        self.assertEqual(
            Product.search(scope + [("jxc_xyz_class", "=", "Z")]), products
        )
        templates = products.product_tmpl_id
        tscope = [("id", "in", templates.ids)]
        self.assertEqual(
            Template.search(tscope + [("jxc_abc_class", "in", ["A", "B"])]),
            self.p1.product_tmpl_id | shirt,
        )
        self.assertEqual(
            dict(Template._read_group(tscope, ["jxc_abc_class"], ["__count"])),
            {"A": 1, "B": 1, "C": 1},
        )
        self.assertEqual(
            dict(Product._read_group(scope, ["jxc_abc_run_id"], ["__count"])),
            {run: 4},
        )
        self.assertEqual(
            Product.search(scope, order="jxc_abc_class desc, id").mapped(
                "jxc_abc_class"
            ),
            ["C", "C", "B", "A"],
        )
        # a product out of the run's scope has no class
        other = self._product(
            "Elsewhere", category=self.env["product.category"].create({"name": "Other"})
        )
        self.assertFalse(other.jxc_abc_class)
        self.assertEqual(
            Product.search(
                [("id", "in", (other | self.p1).ids), ("jxc_abc_class", "=", False)]
            ),
            other,
        )
        self.assertEqual(
            Product.search(
                [("id", "in", (other | self.p1).ids), ("jxc_abc_class", "!=", False)]
            ),
            self.p1,
        )
        with self.assertRaisesRegex(UserError, "only be searched with"):
            Product.search([("jxc_abc_class", "ilike", "A")])
        # without an applied run of the first profile, no product has a class
        self.profile.active = False
        Product.invalidate_model(["jxc_abc_class"])
        self.assertFalse(self.p1.jxc_abc_class)
        self.assertEqual(Product.search(scope + [("jxc_abc_class", "=", "A")]), Product)
        self.assertEqual(
            Product.search(scope + [("jxc_abc_class", "=", False)]), products
        )
        self.assertEqual(
            dict(Product._read_group(scope, ["jxc_abc_class"], ["__count"])), {False: 4}
        )

    def test_migration_drops_the_table_of_copied_classes(self):
        """Upgrading from 18.0.1.0.0: the table the runs copied their classes
        into is dropped, so that the view can be created; the classes shown
        are then those of the current runs, nothing is lost."""
        run = self.profile._run(apply=True, date=REF_DATE)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("DROP VIEW jxc_product_abc")
        cr.execute(
            "CREATE TABLE jxc_product_abc (id serial PRIMARY KEY, "
            "product_id int, profile_id int, abc_class varchar)"
        )
        script = load_script(
            file_path("jxc_bridge/migrations/18.0.1.1.0/pre-migration.py"),
            "jxc_bridge_pre_migration_18_0_1_1_0",
        )
        script.migrate(cr, "18.0.1.0.0")
        self.assertIsNone(table_kind(cr, "jxc_product_abc"))
        self.env["jxc.product.abc"].init()
        self.assertEqual(table_kind(cr, "jxc_product_abc"), TableKind.View)
        self.env.invalidate_all()
        self.assertEqual(self.shown(self.p1), {(self.profile, "A", "Z", run, REF_DATE)})
        # a new database: nothing to migrate
        script.migrate(cr, None)
        self.assertEqual(table_kind(cr, "jxc_product_abc"), TableKind.View)
