# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from .jxc_abc_profile import ABC_CLASSES, XYZ_CLASSES

# field of the product: column of the run's lines
CLASS_COLUMNS = {"jxc_abc_class": "abc_class", "jxc_xyz_class": "xyz_class"}


class JxcAbcClassMixin(models.AbstractModel):
    """The ABC and XYZ class of a product (of a template: the best class of its
    variants) in the current applied run of the company's first ABC profile.

    The classes are read from the run's lines, never copied onto the products:
    applying a run writes no product. Filters (``_search_*``), group-bys and
    sorting (``_field_to_sql``) read the lines in SQL, one join per query."""

    _name = "jxc.abc.class.mixin"
    _description = "ABC Class of a Product"
    # column of jxc_abc_run_line naming the record
    _jxc_abc_key = "product_id"

    jxc_abc_class = fields.Selection(
        ABC_CLASSES,
        "ABC Class",
        compute="_compute_jxc_abc_class",
        search="_search_jxc_abc_class",
    )
    jxc_xyz_class = fields.Selection(
        XYZ_CLASSES,
        "XYZ Class",
        compute="_compute_jxc_abc_class",
        search="_search_jxc_xyz_class",
    )
    jxc_abc_run_id = fields.Many2one(
        "jxc.abc.run", "ABC Run", compute="_compute_jxc_abc_class"
    )
    jxc_abc_date = fields.Date("ABC Date", compute="_compute_jxc_abc_class")

    def _compute_jxc_abc_class(self):
        run = self.env["jxc.abc.profile"]._main_run()
        ids = [record._origin.id for record in self if record._origin.id]
        classes = {}
        if run and ids:
            classes = {
                res_id: (abc, xyz)
                for res_id, abc, xyz in self.env.execute_query(
                    SQL(
                        "SELECT c.res_id, c.abc_class, c.xyz_class FROM (%s) c "
                        "WHERE c.res_id = ANY(%s)",
                        self._jxc_abc_classes(run),
                        ids,
                    )
                )
            }
        for record in self:
            abc, xyz = classes.get(record._origin.id, (False, False))
            record.jxc_abc_class = abc
            record.jxc_xyz_class = xyz
            record.jxc_abc_run_id = run if abc else False
            record.jxc_abc_date = run.date if abc else False

    def _search_jxc_abc_class(self, operator, value):
        return self._jxc_search_class("abc_class", operator, value)

    def _search_jxc_xyz_class(self, operator, value):
        return self._jxc_search_class("xyz_class", operator, value)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        if fname not in (*CLASS_COLUMNS, "jxc_abc_run_id", "jxc_abc_date"):
            return super()._field_to_sql(alias, fname, query, flush)
        run = self.env["jxc.abc.profile"]._main_run()
        if not run:
            return SQL("NULL::%s", SQL(self._fields[fname].column_type[1]))
        classes = self._jxc_abc_classes(run)
        if query is None:

            def pick(name):
                return SQL(
                    "(SELECT c.%s FROM (%s) c WHERE c.res_id = %s)",
                    SQL.identifier(name),
                    classes,
                    SQL.identifier(alias, "id"),
                )

        else:
            joined = query.make_alias(alias, "jxc_abc")
            query.add_join(
                "LEFT JOIN",
                joined,
                SQL("(%s)", classes),
                SQL(
                    "%s = %s",
                    SQL.identifier(joined, "res_id"),
                    SQL.identifier(alias, "id"),
                ),
            )

            def pick(name):
                return SQL.identifier(joined, name)

        classified = pick("res_id")
        column = pick(CLASS_COLUMNS.get(fname, "res_id"))
        if fname == "jxc_abc_run_id":
            return SQL("CASE WHEN %s IS NOT NULL THEN %s END", classified, run.id)
        if fname == "jxc_abc_date":
            return SQL(
                "CASE WHEN %s IS NOT NULL THEN %s::date END", classified, run.date
            )
        return column

    def _jxc_abc_classes(self, run):
        """SELECT res_id, abc_class, xyz_class: the classes of the records in
        ``run`` (a template's: the best of its variants)."""
        return SQL(
            """SELECT %(key)s AS res_id, MIN(abc_class) AS abc_class,
                      MIN(xyz_class) AS xyz_class
                 FROM jxc_abc_run_line
                WHERE run_id = %(run)s
             GROUP BY %(key)s""",
            key=SQL.identifier(self._jxc_abc_key),
            run=run.id,
        )

    def _jxc_search_class(self, column, operator, value):
        """Domain of the records whose class (``column`` of the lines) matches;
        a record without class has an empty one."""
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(
                self.env._(
                    "The ABC and XYZ classes can only be searched with the "
                    "operators =, !=, in and not in."
                )
            )
        values = list(value) if operator in ("in", "not in") else [value]
        classes = [v for v in values if v]
        with_empty = len(classes) < len(values)
        run = self.env["jxc.abc.profile"]._main_run()
        if run:
            rows = self._jxc_abc_classes(run)
            domain = [
                (
                    "id",
                    "in",
                    SQL(
                        "(SELECT c.res_id FROM (%s) c WHERE c.%s = ANY(%s))",
                        rows,
                        SQL.identifier(column),
                        classes,
                    ),
                )
            ]
            if with_empty:
                unclassified = SQL("(SELECT c.res_id FROM (%s) c)", rows)
                domain = expression.OR([domain, [("id", "not in", unclassified)]])
        else:
            domain = expression.TRUE_DOMAIN if with_empty else expression.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            domain = ["!", *expression.normalize_domain(domain)]
        return domain
