# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import index_exists

from .jxc_abc_profile import CRITERIA
from .jxc_valuation import VALUE_GROUPS

# the partial unique index: one current run per profile
CURRENT_INDEX = "jxc_abc_run_one_current_idx"


class JxcAbcRun(models.Model):
    """One classification of a profile's products at a reference date.

    The lines are computed by one set-based SQL statement (``_compute_lines``):

    1. scope: active goods of the company, filtered by the profile's categories;
    2. the criterion's value per product over the period (calendar months, the
       month of the reference date included);
    3. products with a positive value ranked by value descending, then product id
       (ties are broken by product id); the cumulative value is a window sum over
       that order. A product is A when its cumulative share (its own value
       included) is at most the A threshold, or when it is the first product; B
       when it is at most the B threshold; C otherwise. Products with no positive
       value, and all products when the total is zero, get the profile's class
       without movement;
    4. XYZ: coefficient of variation (population standard deviation / mean) of
       the quantity delivered per calendar month, months without demand counting
       as zero; X below the X threshold, Y below the Y threshold, else Z (and Z
       without demand).
    """

    _name = "jxc.abc.run"
    _description = "ABC Classification Run"
    _inherit = "mail.thread"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    profile_id = fields.Many2one(
        "jxc.abc.profile",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    date = fields.Date(
        "Reference Date",
        required=True,
        readonly=True,
        help="Last day of the period analysed.",
    )
    date_from = fields.Date("Period Start", required=True, readonly=True)
    state = fields.Selection(
        [("draft", "Preview"), ("applied", "Applied")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    is_current = fields.Boolean(
        "Current",
        readonly=True,
        help="The applied run whose classes the products carry.",
    )
    applied_date = fields.Datetime(readonly=True)
    previous_run_id = fields.Many2one(
        "jxc.abc.run",
        readonly=True,
        help="The run applied when this run was computed: the previous classes "
        "come from it.",
    )
    # the profile's settings at the time of the run, to explain the result
    criterion = fields.Selection(CRITERIA, required=True, readonly=True)
    threshold_a = fields.Float("A up to (%)", readonly=True)
    threshold_b = fields.Float("B up to (%)", readonly=True)
    threshold_x = fields.Float("X below (CV)", readonly=True)
    threshold_y = fields.Float("Y below (CV)", readonly=True)
    line_ids = fields.One2many("jxc.abc.run.line", "run_id", string="Lines")
    total_value = fields.Float(
        compute="_compute_totals", digits=(16, 2), groups=VALUE_GROUPS
    )
    product_count = fields.Integer("Products", compute="_compute_totals")
    change_count = fields.Integer("Class Changes", compute="_compute_totals")

    @api.depends("profile_id.name", "date")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.profile_id.name or ''} {run.date or ''}".strip()

    def _compute_totals(self):
        # the counts are shown to users who may not see values: the lines'
        # values are summed for the runs they read, and only shown (total_value)
        # to the groups that may see them
        Line = self.env["jxc.abc.run.line"].sudo()
        totals = {
            run: (value, count)
            for run, value, count in Line._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["value:sum", "__count"]
            )
        }
        positive = dict(
            Line._read_group(
                [("run_id", "in", self.ids), ("value", ">", 0)],
                ["run_id"],
                ["value:sum"],
            )
        )
        changes = dict(
            Line._read_group(
                [("run_id", "in", self.ids), ("class_changed", "=", True)],
                ["run_id"],
                ["__count"],
            )
        )
        for run in self:
            run.total_value = positive.get(run, 0.0)
            run.product_count = totals.get(run, (0, 0))[1]
            run.change_count = changes.get(run, 0)

    def init(self):
        """At most one current run per profile, held by the database (a partial
        unique index): two runs applied at once cannot both become current.
        Runs made current twice by an earlier version keep the last applied."""
        res = super().init()
        if not index_exists(self.env.cr, CURRENT_INDEX):
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE jxc_abc_run r
                       SET is_current = FALSE
                     WHERE r.is_current
                       AND EXISTS (
                           SELECT 1 FROM jxc_abc_run o
                            WHERE o.profile_id = r.profile_id
                              AND o.is_current
                              AND (COALESCE(o.applied_date, o.create_date), o.id)
                                  > (COALESCE(r.applied_date, r.create_date), r.id))
                    """
                )
            )
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON jxc_abc_run (profile_id) "
                    "WHERE is_current",
                    SQL.identifier(CURRENT_INDEX),
                )
            )
        return res

    def unlink(self):
        self.env["jxc.abc.run.line"]._jxc_unlink_lines("run_id", self.ids)
        return super().unlink()

    @api.model
    def _create_for_profile(self, profile, date=None):
        date = fields.Date.to_date(date) or self.env["jxc.valuation"]._today(
            profile.company_id
        )
        date_from = date.replace(day=1) - relativedelta(months=profile.months_back - 1)
        previous = self.search(
            [("profile_id", "=", profile.id), ("is_current", "=", True)], limit=1
        )
        return self.create(
            {
                "profile_id": profile.id,
                "company_id": profile.company_id.id,
                "date": date,
                "date_from": date_from,
                "previous_run_id": previous.id,
                "criterion": profile.criterion,
                "threshold_a": profile.threshold_a,
                "threshold_b": profile.threshold_b,
                "threshold_x": profile.threshold_x,
                "threshold_y": profile.threshold_y,
            }
        )

    # ------------------------------------------------------------------ actions
    def action_apply(self):
        """Make the run the current one of its profile (the products' classes
        are read from it), then apply the policies."""
        for run in self:
            if run.state == "applied":
                raise UserError(
                    self.env._("Run %(name)s is already applied.", name=run.name)
                )
            current = self.search(
                [("profile_id", "=", run.profile_id.id), ("is_current", "=", True)],
                limit=1,
            )
            if current != run.previous_run_id:
                raise UserError(
                    self.env._(
                        "Run %(name)s was computed before run %(current)s was "
                        "applied: its previous classes are out of date. Compute a "
                        "new run of the profile instead.",
                        name=run.name,
                        current=current.name,
                    )
                )
            run._apply_policies()
            current.is_current = False
            # before the new run becomes current: one current run per profile
            current.flush_recordset(["is_current"])
            run.write(
                {
                    "state": "applied",
                    "is_current": True,
                    "applied_date": fields.Datetime.now(),
                }
            )
            self._invalidate_current_classes()
            run.profile_id.message_post(
                body=self.env._(
                    "Run %(name)s applied: %(count)s products, %(changes)s class "
                    "changes.",
                    name=run.name,
                    count=run.product_count,
                    changes=run.change_count,
                )
            )
        return True

    def _invalidate_current_classes(self):
        """The classes per profile are a view of the current runs' lines, the
        classes of the products are read from the lines of their company's
        first profile (``jxc.abc.class.mixin``): making the run current is all
        that applying its classes takes."""
        self.env["jxc.product.abc"].invalidate_model()
        fnames = [
            "jxc_abc_ids",
            "jxc_abc_class",
            "jxc_xyz_class",
            "jxc_abc_run_id",
            "jxc_abc_date",
        ]
        self.env["product.product"].invalidate_model(fnames)
        self.env["product.template"].invalidate_model(fnames)

    def action_view_changes(self):
        self.ensure_one()
        action = self.action_view_lines()
        action["context"] = dict(action["context"], search_default_changed=1)
        return action

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.jxc_abc_run_line_action"
        )
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {}
        return action

    def _action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.jxc_abc_run_action"
        )
        if len(self) == 1:
            action.update(res_id=self.id, views=[(False, "form")], view_mode="form")
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    # ------------------------------------------------------------- computation
    def _period_bounds(self):
        """(start, end exclusive): the naive UTC bounds of the company's local
        days ``date_from`` to ``date``."""
        self.ensure_one()
        return self.env["jxc.valuation"]._period_bounds(
            self.company_id, self.date_from, self.date
        )

    def _sql_scope(self):
        """Products classified by the run's profile."""
        profile = self.profile_id
        conditions = [
            SQL("pp.active AND pt.active AND pt.type = 'consu'"),
            SQL("(pt.company_id IS NULL OR pt.company_id = %s)", self.company_id.id),
        ]
        Category = self.env["product.category"].sudo()
        if profile.categ_include_ids:
            ids = Category.search([("id", "child_of", profile.categ_include_ids.ids)])
            conditions.append(SQL("pt.categ_id = ANY(%s)", ids.ids))
        if profile.categ_exclude_ids:
            ids = Category.search([("id", "child_of", profile.categ_exclude_ids.ids)])
            conditions.append(SQL("pt.categ_id != ALL(%s)", ids.ids))
        return SQL(
            """SELECT pp.id AS product_id, pp.product_tmpl_id, pt.categ_id
                 FROM product_product pp
                 JOIN product_template pt ON pt.id = pp.product_tmpl_id
                WHERE %s""",
            SQL(" AND ").join(conditions),
        )

    def _sql_warehouse(self, column):
        if not self.profile_id.warehouse_id:
            return SQL("TRUE")
        return SQL("%s = %s", column, self.profile_id.warehouse_id.id)

    def _sql_delivered(self):
        """Done moves between the scope's internal locations and customers:
        delivered quantity (returns negative), month and sale line."""
        start, end = self._period_bounds()
        return SQL(
            """SELECT sm.product_id,
                      date_trunc('month', (sm.date AT TIME ZONE 'UTC')
                                          AT TIME ZONE %(tz)s) AS month,
                      sm.sale_line_id,
                      CASE WHEN dst.usage = 'customer' THEN sm.product_qty
                           ELSE -sm.product_qty END::numeric AS qty
                 FROM stock_move sm
                 JOIN stock_location src ON src.id = sm.location_id
                 JOIN stock_location dst ON dst.id = sm.location_dest_id
                WHERE sm.state = 'done'
                  AND sm.company_id = %(company)s
                  AND sm.date >= %(start)s AND sm.date < %(end)s
                  AND ((src.usage = 'internal' AND dst.usage = 'customer'
                        AND %(wh_src)s)
                    OR (src.usage = 'customer' AND dst.usage = 'internal'
                        AND %(wh_dst)s))""",
            company=self.company_id.id,
            start=start,
            end=end,
            tz=self.env["jxc.valuation"]._tz(self.company_id).zone,
            wh_src=self._sql_warehouse(SQL("src.warehouse_id")),
            wh_dst=self._sql_warehouse(SQL("dst.warehouse_id")),
        )

    def _sql_revenue(self):
        """Untaxed revenue of posted customer invoices minus credit notes."""
        warehouse = self.profile_id.warehouse_id
        wh_cond = SQL("TRUE")
        if warehouse:
            wh_cond = SQL(
                """EXISTS (SELECT 1
                             FROM sale_order_line_invoice_rel rel
                             JOIN sale_order_line sol ON sol.id = rel.order_line_id
                             JOIN sale_order so ON so.id = sol.order_id
                            WHERE rel.invoice_line_id = aml.id
                              AND so.warehouse_id = %s)""",
                warehouse.id,
            )
        return SQL(
            """SELECT aml.product_id, -SUM(aml.balance)::numeric AS value
                 FROM account_move_line aml
                 JOIN account_move am ON am.id = aml.move_id
                WHERE am.company_id = %(company)s
                  AND am.state = 'posted'
                  AND am.move_type IN ('out_invoice', 'out_refund')
                  AND aml.display_type = 'product'
                  AND aml.product_id IS NOT NULL
                  AND am.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                  AND %(wh)s
             GROUP BY aml.product_id""",
            company=self.company_id.id,
            date_from=self.date_from,
            date_to=self.date,
            wh=wh_cond,
        )

    def _sql_layers(self, delivered_only):
        """Value of the outgoing valuation layers (positive), per product.
        ``delivered_only``: the cost of goods delivered to customers, net of
        returns; otherwise every outgoing layer (consumption)."""
        start, end = self._period_bounds()
        if delivered_only:
            cond = SQL(
                """((src.usage = 'internal' AND dst.usage = 'customer' AND %s)
                   OR (src.usage = 'customer' AND dst.usage = 'internal' AND %s))""",
                self._sql_warehouse(SQL("src.warehouse_id")),
                self._sql_warehouse(SQL("dst.warehouse_id")),
            )
        else:
            cond = SQL(
                "svl.quantity < 0 AND %s",
                self._sql_warehouse(SQL("src.warehouse_id")),
            )
        return SQL(
            """SELECT svl.product_id, -SUM(svl.value)::numeric AS value
                 FROM %s svl
                 LEFT JOIN stock_move sm ON sm.id = svl.stock_move_id
                 LEFT JOIN stock_location src ON src.id = sm.location_id
                 LEFT JOIN stock_location dst ON dst.id = sm.location_dest_id
                WHERE %s
             GROUP BY svl.product_id""",
            self.env["jxc.valuation"]._layers_sql(self.company_id, start, end),
            cond,
        )

    def _sql_criterion(self):
        """SELECT product_id, value: the value of the profile's criterion."""
        criterion = self.criterion
        if criterion == "consumption_value":
            return self._sql_layers(delivered_only=False)
        if criterion == "revenue":
            return self._sql_revenue()
        if criterion == "margin":
            return SQL(
                """SELECT COALESCE(r.product_id, c.product_id) AS product_id,
                          COALESCE(r.value, 0) - COALESCE(c.value, 0) AS value
                     FROM (%s) r FULL JOIN (%s) c ON c.product_id = r.product_id""",
                self._sql_revenue(),
                self._sql_layers(delivered_only=True),
            )
        if criterion == "quantity":
            return SQL(
                "SELECT product_id, SUM(qty) AS value "
                "FROM delivered GROUP BY product_id"
            )
        # order_lines: sale order lines still delivered (net of returns), with
        # a delivery in the period
        return SQL(
            """SELECT d.product_id, COUNT(DISTINCT d.sale_line_id)::numeric AS value
                 FROM delivered d
                 JOIN sale_order_line sol ON sol.id = d.sale_line_id
                WHERE d.qty > 0 AND sol.qty_delivered > 0
             GROUP BY d.product_id"""
        )

    def _compute_lines(self):
        """Insert the run's lines with one INSERT ... SELECT.

        Every product of the scope is read once: the criterion and the monthly
        demand are aggregated per product, joined to the scope, and one sort
        feeds the window functions (rank, cumulative value, total), partitioned
        by "has a positive value" so that products without movement rank apart.
        The statement keeps row estimates close to the scope's size, which
        keeps PostgreSQL from planning (and JIT-compiling) it for millions of
        rows.
        """
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Only a preview run can be computed."))
        self.env.flush_all()
        self.env.cr.execute(
            SQL("DELETE FROM jxc_abc_run_line WHERE run_id = %s", self.id)
        )
        previous = self.previous_run_id
        prev_join = (
            SQL(
                "LEFT JOIN jxc_abc_run_line prev ON prev.run_id = %s "
                "AND prev.product_id = res.product_id",
                previous.id,
            )
            if previous
            else SQL(
                "LEFT JOIN (SELECT NULL::varchar AS abc_class, "
                "NULL::varchar AS xyz_class) prev ON FALSE"
            )
        )
        query = SQL(
            """
            WITH scope AS (%(scope)s),
            delivered AS (%(delivered)s),
            criterion AS (%(criterion)s),
            demand AS (
                SELECT product_id,
                       SUM(qty) AS qty,
                       SUM(qty) / %(months)s AS mean,
                       SUM(qty * qty) / %(months)s AS mean_square
                  FROM (SELECT product_id, month, SUM(qty) AS qty
                          FROM delivered GROUP BY product_id, month) monthly
              GROUP BY product_id
            ),
            base AS (
                SELECT s.product_id, s.product_tmpl_id, s.categ_id,
                       COALESCE(c.value, 0) AS value,
                       COALESCE(c.value, 0) > 0 AS ranked,
                       COALESCE(d.qty, 0) AS demand_qty,
                       CASE WHEN d.mean > 0 THEN
                           sqrt(GREATEST(d.mean_square - d.mean * d.mean, 0)) / d.mean
                       END AS cv
                  FROM scope s
                  LEFT JOIN criterion c ON c.product_id = s.product_id
                  LEFT JOIN demand d ON d.product_id = s.product_id
            ),
            ranked AS (
                SELECT b.*,
                       ROW_NUMBER() OVER w AS rank,
                       SUM(b.value) OVER (w ROWS UNBOUNDED PRECEDING) AS cumulative,
                       SUM(b.value) OVER (PARTITION BY b.ranked) AS total
                  FROM base b
                WINDOW w AS (PARTITION BY b.ranked ORDER BY b.value DESC, b.product_id)
            ),
            result AS (
                SELECT r.*,
                       CASE WHEN NOT r.ranked THEN %(no_movement)s
                            WHEN r.rank = 1
                              OR 100 * r.cumulative <= %(a)s * r.total THEN 'A'
                            WHEN 100 * r.cumulative <= %(b)s * r.total THEN 'B'
                            ELSE 'C' END AS abc_class,
                       CASE WHEN r.cv < %(x)s THEN 'X'
                            WHEN r.cv < %(y)s THEN 'Y'
                            ELSE 'Z' END AS xyz_class
                  FROM ranked r
            )
            INSERT INTO jxc_abc_run_line (
                run_id, profile_id, company_id, product_id, product_tmpl_id, categ_id,
                value, share, cumulative_share, rank, abc_class, demand_qty, cv,
                xyz_class, previous_abc_class, previous_xyz_class, class_changed,
                create_uid, write_uid, create_date, write_date)
            SELECT %(run)s, %(profile)s, %(company)s, res.product_id,
                   res.product_tmpl_id, res.categ_id, res.value,
                   CASE WHEN res.ranked THEN 100 * res.value / res.total ELSE 0 END,
                   CASE WHEN res.ranked THEN 100 * res.cumulative / res.total
                        ELSE 0 END,
                   CASE WHEN res.ranked THEN res.rank END,
                   res.abc_class, res.demand_qty, res.cv, res.xyz_class,
                   prev.abc_class, prev.xyz_class,
                   prev.abc_class IS DISTINCT FROM res.abc_class,
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM result res
              %(prev_join)s
            """,
            scope=self._sql_scope(),
            delivered=self._sql_delivered(),
            criterion=self._sql_criterion(),
            months=self.profile_id.months_back,
            no_movement=self.profile_id.no_movement_class,
            a=self.threshold_a,
            b=self.threshold_b,
            x=self.threshold_x,
            y=self.threshold_y,
            run=self.id,
            profile=self.profile_id.id,
            company=self.company_id.id,
            prev_join=prev_join,
            uid=self.env.uid,
        )
        self.env.cr.execute(query)
        self.env["jxc.abc.run.line"].invalidate_model()
        self.invalidate_recordset(["line_ids"])

    # ----------------------------------------------------------------- apply
    def _apply_policies(self):
        """Plan the cycle counts on the quants and scale the safety stocks."""
        self.ensure_one()
        self.env.flush_all()
        warehouse = self.profile_id.warehouse_id
        wh_cond = (
            SQL("loc.warehouse_id = %s", warehouse.id) if warehouse else SQL("TRUE")
        )
        # next count date: the planned date, or earlier when the class asks for
        # it; quants already planned on or before that date are not rewritten
        self.env.cr.execute(
            SQL(
                """
                UPDATE stock_quant q
                   SET inventory_date = d.next_date
                  FROM (SELECT l.product_id,
                               (%(date)s::date
                                + make_interval(months => pol.count_frequency_months)
                               )::date AS next_date
                          FROM jxc_abc_run_line l
                          JOIN jxc_abc_policy pol
                            ON pol.profile_id = %(profile)s
                           AND pol.abc_class = l.abc_class
                         WHERE l.run_id = %(run)s
                           AND pol.count_frequency_months > 0) d,
                       stock_location loc
                 WHERE q.product_id = d.product_id
                   AND loc.id = q.location_id
                   AND loc.usage = 'internal'
                   AND q.company_id = %(company)s
                   AND %(wh)s
                   AND (q.inventory_date IS NULL OR q.inventory_date > d.next_date)
                """,
                date=self.date,
                profile=self.profile_id.id,
                run=self.id,
                company=self.company_id.id,
                wh=wh_cond,
            )
        )
        self.env["stock.quant"].invalidate_model(["inventory_date"])
        self._apply_safety_factor()

    def _apply_safety_factor(self):
        """Scale the reordering rules' safety stock (``jxc_safety_qty``, added by
        the stock limits feature) by the class's factor. The factor applied is
        kept on the rule, so that a new run replaces it instead of compounding;
        rules whose factor does not change are not rewritten (an empty factor
        is 1, as the division below reads it: a rule that never had one is not
        rewritten for a class of factor 1). The safety stock
        never exceeds the rule's minimum (a limit of the rule); an empty safety
        stock counts as zero."""
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        field = Orderpoint._fields.get("jxc_safety_qty")
        if not field or not field.store or not field.column_type:
            return
        warehouse = self.profile_id.warehouse_id
        wh_cond = (
            SQL("op.warehouse_id = %s", warehouse.id) if warehouse else SQL("TRUE")
        )
        # one statement: the rules rewritten, and a line of the audit log per
        # rule whose safety stock changed (its old value read from the row as
        # it was before the update, ``old``)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                WITH changed AS (
                    UPDATE stock_warehouse_orderpoint op
                       SET jxc_safety_qty = LEAST(
                               op.product_min_qty,
                               COALESCE(op.jxc_safety_qty, 0) * pol.safety_factor
                                   / COALESCE(NULLIF(op.jxc_abc_safety_factor, 0), 1)),
                           jxc_abc_safety_factor = pol.safety_factor
                      FROM jxc_abc_run_line l
                      JOIN jxc_abc_policy pol
                        ON pol.profile_id = %(profile)s
                       AND pol.abc_class = l.abc_class,
                           stock_warehouse_orderpoint old
                     WHERE l.run_id = %(run)s
                       AND op.product_id = l.product_id
                       AND old.id = op.id
                       AND op.company_id = %(company)s
                       AND op.active
                       AND %(wh)s
                       AND COALESCE(NULLIF(op.jxc_abc_safety_factor, 0), 1)
                           != pol.safety_factor
                 RETURNING op.id, op.name, op.company_id,
                           COALESCE(old.jxc_safety_qty, 0) AS old_qty,
                           op.jxc_safety_qty AS new_qty
                )
                INSERT INTO jxc_audit_log
                    (date, user_id, company_id, model_id, res_model, res_id,
                     record_name, field_id, old_value, new_value, reason, kind,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(now)s, %(uid)s, c.company_id, %(model)s,
                       'stock.warehouse.orderpoint', c.id, c.name, %(field)s,
                       c.old_qty::float8::text, c.new_qty::float8::text,
                       %(reason)s, 'change', %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM changed c
                 WHERE c.old_qty IS DISTINCT FROM c.new_qty
                """,
                profile=self.profile_id.id,
                run=self.id,
                company=self.company_id.id,
                wh=wh_cond,
                now=now,
                uid=self.env.uid,
                model=self.env["ir.model"]._get_id("stock.warehouse.orderpoint"),
                field=self.env["ir.model.fields"]
                ._get("stock.warehouse.orderpoint", "jxc_safety_qty")
                .id,
                reason=self.env._(
                    "Safety factor of ABC run %(name)s applied", name=self.name
                ),
            )
        )
        self.env["jxc.audit.log"].invalidate_model()
        Orderpoint.invalidate_model(["jxc_safety_qty", "jxc_abc_safety_factor"])
