from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import JxcReportsCommon


@tagged("post_install", "-at_install")
class TestStockSummaryAbc(JxcReportsCommon):
    """The summary filtered by the current ABC class of a profile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = cls.env["jxc.abc.profile"].create(
            {"name": "Summary Profile", "company_id": cls.company.id, "sequence": 1}
        )
        cls.other_profile = cls.env["jxc.abc.profile"].create(
            {"name": "Other Profile", "company_id": cls.company.id, "sequence": 2}
        )
        for profile, classes in (
            (cls.profile, {cls.product_a: "A", cls.product_b: "C"}),
            (cls.other_profile, {cls.product_a: "C", cls.product_b: "A"}),
        ):
            run = cls.env["jxc.abc.run"].create(
                {
                    "profile_id": profile.id,
                    "company_id": cls.company.id,
                    "date": date(2026, 3, 31),
                    "date_from": date(2026, 1, 1),
                    "criterion": "consumption_value",
                    "state": "applied",
                    "is_current": True,
                }
            )
            # the lines of the current run are the products' classes
            for product, abc_class in classes.items():
                cls.env["jxc.abc.run.line"].create(
                    {
                        "run_id": run.id,
                        "product_id": product.id,
                        "product_tmpl_id": product.product_tmpl_id.id,
                        "profile_id": profile.id,
                        "company_id": cls.company.id,
                        "abc_class": abc_class,
                        "xyz_class": "X",
                    }
                )

    def test_class_of_the_profile(self):
        feb = (date(2026, 2, 1), date(2026, 2, 28))
        lines = self._jxc_summary(*feb, abc_class="A").line_ids
        # the company's first profile is the default one: A is product A there
        self.assertEqual(lines.product_id, self.product_a)
        self.assertEqual(
            (lines.opening_qty, lines.in_qty, lines.out_qty, lines.closing_qty),
            (30, 15, 17, 28),
        )
        self.assertEqual(lines.closing_value, 308)
        lines = self._jxc_summary(
            *feb, abc_class="A", abc_profile_id=self.other_profile.id
        ).line_ids
        self.assertEqual(lines.product_id, self.product_b)
        self.assertEqual((lines.closing_qty, lines.closing_value), (5, 40))
        self.assertFalse(self._jxc_summary(*feb, abc_class="B").line_ids)
        # no class: every product, whatever the profile
        self.assertEqual(
            self._jxc_summary(*feb).line_ids.product_id,
            self.product_a | self.product_b,
        )

    def test_class_per_category_and_drill_down(self):
        wizard = self._jxc_summary(
            date(2026, 2, 1),
            date(2026, 2, 28),
            abc_class="C",
            group_by="category",
            categ_ids=(self.categ_avco | self.categ_fifo).ids,
        )
        self.assertEqual(wizard.line_ids.categ_id, self.categ_fifo)
        action = wizard.line_ids.action_open_moves()
        moves = self.env["stock.move"].search(action["domain"])
        self.assertEqual(moves.product_id, self.product_b)
        self.assertEqual(sorted(moves.mapped("product_qty")), [10.0, 15.0])

    def test_class_needs_a_profile(self):
        with self.assertRaisesRegex(ValidationError, "needs an ABC profile"):
            self._jxc_summary(
                date(2026, 2, 1),
                date(2026, 2, 28),
                abc_class="A",
                abc_profile_id=False,
            )
