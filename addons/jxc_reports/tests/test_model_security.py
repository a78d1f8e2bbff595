import re

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

JXC_ADDONS = ("jxc_bridge", "jxc_reports")
# fields that hold a cost or a value (monetary fields are all of them)
COST_NAME = re.compile(r"(^|_)(value|cost|cogs|margin|revenue)(_|$)")
# the groups of every role that may see everything jxc shows in a company
ALL_RIGHTS = (
    "stock.group_stock_manager,account.group_account_manager,"
    "sales_team.group_sale_manager,purchase.group_purchase_manager"
)


@tagged("post_install", "-at_install")
class TestModelSecurity(TransactionCase):
    """Generated over every model of jxc_bridge and jxc_reports, so that a new
    model without a company rule or with an unprotected cost field fails here:
    a user of company A reads nothing of company B, and a user without the
    groups that may see costs reads no cost field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.company"].create({"name": "JXC Company A"})
        cls.company_b = cls.env["res.company"].create({"name": "JXC Company B"})
        # a fresh database has no product: the rows planted below need one
        cls.env["product.product"].create({"name": "JXC Planted", "is_storable": True})
        cls.user_a = new_test_user(
            cls.env,
            "jxc_sec_a",
            groups=ALL_RIGHTS,
            company_id=cls.company_a.id,
            company_ids=cls.company_a.ids,
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            "jxc_sec_wh",
            groups="stock.group_stock_user",
            company_id=cls.company_a.id,
            company_ids=cls.company_a.ids,
        )

    @classmethod
    def jxc_models(cls):
        return sorted(
            name
            for name, model in cls.env.registry.items()
            if model._original_module in JXC_ADDONS and not model._abstract
        )

    def company_models(self):
        return [
            name for name in self.jxc_models() if "company_id" in self.env[name]._fields
        ]

    def company_rules(self, name):
        return (
            self.env["ir.rule"]
            .search([("model_id.model", "=", name), ("groups", "=", False)])
            .filtered(lambda r: "company_ids" in (r.domain_force or ""))
        )

    def test_every_model_with_a_company_has_a_company_rule(self):
        models = self.company_models()
        # the wizards and the report lines are there too
        for name in ("jxc.valuation.reconcile.line", "jxc.abc.report.wizard"):
            self.assertIn(name, models)
        missing = [name for name in models if not self.company_rules(name)]
        self.assertEqual(missing, [], "models with a company but no company rule")

    # ---------------------------------------------------------- planting
    def _not_null_columns(self, table):
        rows = self.env.execute_query(
            SQL(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = %s AND is_nullable = 'NO'",
                table,
            )
        )
        return {row[0] for row in rows}

    def _any(self, comodel, company, planted):
        """A record of ``comodel`` (of ``company`` if it has one), planted if
        the database has none."""
        Model = self.env[comodel].with_context(active_test=False)
        records = Model.search([], limit=100)
        if "company_id" in Model._fields:
            records = records.filtered(lambda r: r.company_id == company) or records
        if records:
            return records[0].id
        return self._plant(comodel, company, planted)

    def _value(self, field, company, planted):
        if field.type == "many2one":
            if field.comodel_name == "res.company":
                return company.id
            if field.comodel_name in self.jxc_models():
                return self._plant(field.comodel_name, company, planted)
            return self._any(field.comodel_name, company, planted)
        if field.type == "selection":
            return field._description_selection(self.env)[0][0]
        if field.type in ("char", "text", "html"):
            return "x"
        if field.type == "date":
            return fields.Date.today()
        if field.type == "datetime":
            return fields.Datetime.now()
        if field.type == "boolean":
            return False
        return 0

    def _plant(self, name, company, planted):
        """One row of ``name`` for ``company``, written with SQL: no business
        rule stands between the test and the record rule it checks. Its
        parents (required or carrying the company) are planted the same way;
        the row belongs to user A, as a transient record must to be seen."""
        if name in planted:
            return planted[name]
        planted[name] = None  # being planted: parents refer back to it
        Model = self.env[name].with_company(company)
        not_null = self._not_null_columns(Model._table)
        now = fields.Datetime.now()
        values = {
            "create_uid": self.user_a.id,
            "write_uid": self.user_a.id,
            "create_date": now,
            "write_date": now,
        }
        columns = {
            fname: field
            for fname, field in Model._fields.items()
            if field.store
            and field.column_type
            and fname not in values
            and fname != "id"
        }
        defaults = Model.default_get(list(columns))
        for fname, field in columns.items():
            carries_company = (
                field.type == "many2one"
                and field.comodel_name in self.jxc_models()
                and "company_id" in self.env[field.comodel_name]._fields
            )
            required = field.required or fname in not_null
            if fname == "company_id":
                values[fname] = company.id
            elif defaults.get(fname) not in (None, False) and not carries_company:
                values[fname] = defaults[fname]
            elif (
                carries_company
                and not required
                and field.comodel_name in planted
                and planted[field.comodel_name] is None
            ):
                continue  # a back reference to a row being planted
            elif required or carries_company:
                values[fname] = self._value(field, company, planted)
        row = self.env.execute_query(
            SQL(
                "INSERT INTO %s (%s) VALUES %s RETURNING id",
                SQL.identifier(Model._table),
                SQL(", ").join(SQL.identifier(f) for f in values),
                tuple(
                    Model._fields[f].convert_to_column_insert(v, Model)
                    for f, v in values.items()
                ),
            )
        )
        planted[name] = row[0][0]
        return planted[name]

    def test_user_of_a_reads_nothing_of_b(self):
        planted = {}
        for name in self.company_models():
            if not self.env[name]._auto:
                continue
            with self.subTest(model=name):
                record_id = self._plant(name, self.company_b, planted)
                self.env.invalidate_all()
                Model = self.env[name].with_user(self.user_a)
                self.assertFalse(Model.search([("id", "=", record_id)]))
                with self.assertRaises(AccessError):
                    Model.browse(record_id).read(["id"])
        self.assertIn("jxc.stock.alert.report.line", planted)

    # ----------------------------------------------------------- costs
    def test_no_cost_field_without_the_cost_groups(self):
        """A warehouse user without accounting rights reads no cost or value
        on any jxc model he may read (ABC values, report values...)."""
        self.assertFalse(
            self.warehouse_user.has_group("account.group_account_readonly")
        )
        env = self.env(user=self.warehouse_user)
        readable = []
        for name in self.jxc_models():
            Model = env[name]
            if not Model.has_access("read"):
                continue
            cost_fields = [
                fname
                for fname, field in Model._fields.items()
                if field.type == "monetary"
                or (
                    field.type in ("float", "integer")
                    and COST_NAME.search(fname)
                    and "qty" not in fname
                )
            ]
            for fname in cost_fields:
                with self.subTest(model=name, field=fname):
                    readable.append(name)
                    with self.assertRaises(AccessError):
                        Model.check_field_access_rights("read", [fname])
        for name in ("jxc.abc.run.line", "jxc.stock.summary.line"):
            self.assertIn(name, readable)
