# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import planner_settings

# most urgent first: the order of the kanban columns, filters and groups
ALERT_KINDS = [
    ("stockout", "Stock-out"),
    ("oversell", "Oversell"),
    ("below_safety", "Below Safety Stock"),
    ("forecast_shortage", "Forecast Shortage"),
    ("below_min", "Below Minimum"),
    ("overstock", "Overstock"),
    ("dead_stock", "Dead Stock"),
]
# the kinds a purchase or a receipt cures (shown on the operation types' cards)
SHORTAGE_KINDS = (
    "stockout",
    "oversell",
    "below_safety",
    "forecast_shortage",
    "below_min",
)
KIND_SEVERITY = {
    "stockout": "3",
    "oversell": "3",
    "below_safety": "2",
    "forecast_shortage": "2",
    "below_min": "1",
    "overstock": "1",
    "dead_stock": "1",
}
# the severity an ABC class policy gives to the alerts of its products
ABC_SEVERITY = {"high": "3", "medium": "2", "low": "1"}
OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")
# what the scan measures: only a jxc manager may change it by hand
SCAN_FIELDS = {
    "company_id",
    "product_id",
    "warehouse_id",
    "kind",
    "qty_on_hand",
    "qty_forecast",
    "limit_qty",
    "date_opened",
    "date_last_activity",
    "sale_order_id",
}


class JxcStockAlert(models.Model):
    _name = "jxc.stock.alert"
    _description = "Stock Alert"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "severity desc, date_opened desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    product_id = fields.Many2one(
        "product.product", required=True, index=True, check_company=True
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        related="product_id.categ_id",
        store=True,
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, index=True, check_company=True
    )
    kind = fields.Selection(ALERT_KINDS, required=True, tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("acknowledged", "Acknowledged"),
            ("resolved", "Resolved"),
        ],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    severity = fields.Selection(
        [("1", "Low"), ("2", "Medium"), ("3", "High")],
        compute="_compute_severity",
        store=True,
        help="From the alert policy of the product's ABC class in the company's "
        "first ABC profile; for products without a class, from the kind of alert. "
        "The scan refreshes it when the class changes.",
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", index=True, tracking=True
    )
    qty_on_hand = fields.Float(
        string="On Hand", digits="Product Unit of Measure", aggregator="sum"
    )
    qty_forecast = fields.Float(
        string="Forecast", digits="Product Unit of Measure", aggregator="sum"
    )
    limit_qty = fields.Float(
        string="Limit",
        digits="Product Unit of Measure",
        aggregator="sum",
        help="The limit the quantity crossed: minimum, safety stock, overstock "
        "limit, or zero.",
    )
    date_opened = fields.Datetime(
        string="Opened On", default=fields.Datetime.now, required=True, index=True
    )
    date_resolved = fields.Datetime(string="Resolved On", tracking=True)
    date_last_activity = fields.Datetime(
        string="Last Outgoing Move",
        help="For dead stock: the last outgoing move of the product from the "
        "warehouse, or its oldest stock when it never left.",
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Oversold Order", check_company=True
    )
    note = fields.Text()
    purchase_line_ids = fields.Many2many(
        "purchase.order.line",
        "jxc_stock_alert_purchase_line_rel",
        "alert_id",
        "purchase_line_id",
        string="RFQ Lines",
        check_company=True,
    )
    purchase_order_count = fields.Integer(
        string="RFQs", compute="_compute_purchase_order_count"
    )

    def init(self):
        # one open (not resolved) alert per product x warehouse x kind, enforced by
        # the database; the scan inserts against it with ON CONFLICT DO NOTHING
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS jxc_stock_alert_open_uniq
                   ON jxc_stock_alert (product_id, warehouse_id, kind)
                   WHERE state != 'resolved'"""
            )
        )
        # the dead-stock lookup (last outgoing move per product and warehouse)
        # reads only this index: an index-only scan, by product when incremental
        self.env.cr.execute(
            SQL(
                """CREATE INDEX IF NOT EXISTS jxc_stock_move_done_out_idx
                   ON stock_move (product_id, location_id, location_dest_id, date)
                   WHERE state = 'done'"""
            )
        )

    @api.depends("kind", "product_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for alert in self:
            alert.display_name = self.env._(
                "%(kind)s: %(product)s",
                kind=kinds.get(alert.kind, ""),
                product=alert.product_id.display_name or "",
            )

    @api.depends("kind", "product_id", "company_id")
    def _compute_severity(self):
        # the scan writes the same severity in its SQL (see _scan_query)
        Policy = self.env["jxc.abc.policy"].sudo()
        for company, alerts in self.grouped("company_id").items():
            policies = Policy._get_for_products(alerts.product_id, company)
            for alert in alerts:
                policy = policies.get(alert.product_id)
                alert.severity = (
                    ABC_SEVERITY[policy.alert_severity]
                    if policy
                    else KIND_SEVERITY.get(alert.kind, "1")
                )

    @api.depends("purchase_line_ids")
    def _compute_purchase_order_count(self):
        for alert in self:
            alert.purchase_order_count = len(alert.purchase_line_ids.order_id)

    def write(self, vals):
        if (
            SCAN_FIELDS.intersection(vals)
            and not self.env.su
            and not self.env.user.has_group("jxc_bridge.jxc_bridge_group_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only a JXC manager can change what a stock alert measures; "
                    "acknowledge it, assign it or add a note instead."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------ actions
    def action_acknowledge(self):
        if any(alert.state != "open" for alert in self):
            raise UserError(self.env._("Only open alerts can be acknowledged."))
        self.write({"state": "acknowledged"})
        return True

    def action_resolve(self):
        if any(alert.state == "resolved" for alert in self):
            raise UserError(self.env._("This alert is already resolved."))
        self.write({"state": "resolved", "date_resolved": fields.Datetime.now()})
        self._jxc_close_activities()
        return True

    def action_view_purchase_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("id", "in", self.purchase_line_ids.order_id.ids)]
        action["context"] = {}
        return action

    def action_open_replenish_wizard(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jxc_bridge.jxc_replenish_wizard_action"
        )
        action["context"] = {
            "active_model": "jxc.stock.alert",
            "active_ids": self.ids,
            "dialog_size": "extra-large",
        }
        return action

    # --------------------------------------------------------------------- scan
    @api.model
    def _cron_scan(self):
        companies = self.env["res.company"].search([])
        for company in companies:
            self.with_company(company)._scan(company)
        self.env["ir.cron"]._notify_progress(done=len(companies), remaining=0)

    @api.model
    def _scan(self, company, product_ids=None, quiet=False):
        """Open, refresh and resolve the alerts of ``company`` in one SQL pass.

        ``product_ids`` limits the scan to those products (incremental scan after
        a validated picking). ``quiet``: a failing query is not logged (the
        caller handles a conflict with another transaction). Returns
        ``(new_alerts, resolved_alerts)``.
        """
        self.env.flush_all()
        now = fields.Datetime.now()
        with planner_settings(self.env.cr):
            self.env.cr.execute(
                self._scan_query(company, product_ids, now), log_exceptions=not quiet
            )
            rows = self.env.cr.fetchall()
        new = self.browse([r[1] for r in rows if r[0] == "new"])
        resolved = self.browse([r[1] for r in rows if r[0] == "resolved"])
        self.invalidate_model()
        if new:
            new.with_company(company)._jxc_assign_responsible()
        if resolved:
            resolved._jxc_close_activities()
        return new, resolved

    def _scan_oversold(self, company, product_ids):
        """The products of ``company``'s open oversell alerts (among
        ``product_ids`` when given): the only ones whose available to promise
        the scan reads. It opens no oversell alert (the guard does), it
        refreshes or resolves those open, so the available to promise of every
        other product would be computed to be thrown away."""
        domain = [
            ("company_id", "=", company.id),
            ("kind", "=", "oversell"),
            ("state", "!=", "resolved"),
        ]
        if product_ids is not None:
            domain.append(("product_id", "in", list(product_ids)))
        rows = self.sudo()._read_group(domain, ["product_id"])
        return [product.id for (product,) in rows]

    def _scan_filter(self, column, product_ids):
        if product_ids is None:
            return SQL("")
        return SQL("AND %s = ANY(%s)", SQL.identifier(*column), list(product_ids))

    def _scan_query(self, company, product_ids, now):
        pf = self._scan_filter
        dead_days = company.jxc_dead_stock_days or 90
        return SQL(
            """
WITH wh AS (
    SELECT w.id AS warehouse_id
      FROM stock_warehouse w
     WHERE w.company_id = %(company)s AND w.active
), loc AS (
    SELECT l.id AS location_id, l.warehouse_id
      FROM stock_location l
      JOIN wh ON wh.warehouse_id = l.warehouse_id
     WHERE l.usage = 'internal'
), onhand AS (
    SELECT q.product_id, loc.warehouse_id, SUM(q.quantity) AS qty,
           MIN(q.in_date) AS in_date
      FROM stock_quant q
      JOIN loc ON loc.location_id = q.location_id
     WHERE q.company_id = %(company)s %(pf_quant)s
     GROUP BY q.product_id, loc.warehouse_id
), lead AS (
    SELECT pp.id AS product_id, MIN(si.delay) AS delay
      FROM product_supplierinfo si
      JOIN product_product pp ON pp.product_tmpl_id = si.product_tmpl_id
     WHERE (si.company_id IS NULL OR si.company_id = %(company)s)
       AND (si.product_id IS NULL OR si.product_id = pp.id) %(pf_product)s
     GROUP BY pp.id
), open_moves AS (
    SELECT m.id, m.product_id, m.product_qty, m.date,
           src.warehouse_id AS src_wh, dst.warehouse_id AS dst_wh
      FROM stock_move m
      LEFT JOIN loc src ON src.location_id = m.location_id
      LEFT JOIN loc dst ON dst.location_id = m.location_dest_id
     WHERE m.state IN %(open_states)s AND m.company_id = %(company)s %(pf_move)s
       AND src.warehouse_id IS DISTINCT FROM dst.warehouse_id
), flows AS (
    SELECT product_id, dst_wh AS warehouse_id, product_qty AS qty, date
      FROM open_moves WHERE dst_wh IS NOT NULL
    UNION ALL
    SELECT product_id, src_wh, -product_qty, date
      FROM open_moves WHERE src_wh IS NOT NULL
), atp AS (
    -- available to promise, the definition the oversell guard uses
    %(atp)s
), forecast AS (
    SELECT f.product_id, f.warehouse_id, SUM(f.qty) AS qty_all,
           SUM(f.qty) FILTER (
               WHERE lead.delay IS NULL
                  OR f.date <= %(now)s + make_interval(days => lead.delay)
           ) AS qty_lead
      FROM flows f
      LEFT JOIN lead ON lead.product_id = f.product_id
     GROUP BY f.product_id, f.warehouse_id
), rules AS (
    SELECT op.product_id, op.warehouse_id,
           SUM(op.product_min_qty) AS min_qty,
           SUM(COALESCE(op.jxc_safety_qty, 0)) AS safety_qty,
           CASE WHEN bool_and(COALESCE(op.jxc_overstock_qty, 0) > 0)
                THEN SUM(op.jxc_overstock_qty) END AS overstock_qty
      FROM stock_warehouse_orderpoint op
      JOIN wh ON wh.warehouse_id = op.warehouse_id
     WHERE op.active %(pf_rule)s
     GROUP BY op.product_id, op.warehouse_id
), recent_out AS (
    -- the last outgoing move inside the dead-stock window: such stock is alive
    SELECT m.product_id, src.warehouse_id, MAX(m.date) AS date
      FROM stock_move m
      JOIN loc src ON src.location_id = m.location_id
      LEFT JOIN loc dst ON dst.location_id = m.location_dest_id
     WHERE m.state = 'done' AND m.date >= %(dead_since)s %(pf_move)s
       AND dst.warehouse_id IS DISTINCT FROM src.warehouse_id
     GROUP BY m.product_id, src.warehouse_id
), known_out AS (
    -- a full scan trusts the date its open dead-stock alerts already hold: what
    -- moved since is in recent_out, a back-dated move went through the
    -- incremental scan of its picking
    SELECT a.product_id, a.warehouse_id, a.date_last_activity AS date
      FROM jxc_stock_alert a
     WHERE %(trust_known)s AND a.company_id = %(company)s
       AND a.kind = 'dead_stock' AND a.state != 'resolved'
), storable AS (
    -- the products the scan measures, one lookup per position (a subquery
    -- kept whole, whose ids the planner still knows to be unique)
    SELECT pp.id AS product_id, pt.categ_id
      FROM product_product pp
      JOIN product_template pt ON pt.id = pp.product_tmpl_id AND pt.is_storable
     WHERE pp.active %(pf_product)s
    OFFSET 0
), pos AS (
    -- every product x warehouse with stock, open moves or a rule: the sources
    -- joined on their keys (the rare keys of open moves alone come last)
    SELECT COALESCE(oh.product_id, r.product_id, fc.product_id) AS product_id,
           COALESCE(oh.warehouse_id, r.warehouse_id, fc.warehouse_id)
           AS warehouse_id,
           oh.qty AS oh_qty, oh.in_date, fc.qty_all, fc.qty_lead,
           r.product_id IS NOT NULL AS has_rule,
           COALESCE(r.min_qty, 0) AS min_qty,
           COALESCE(r.safety_qty, 0) AS safety_qty,
           r.overstock_qty
      FROM onhand oh
      FULL JOIN rules r
        ON r.product_id = oh.product_id AND r.warehouse_id = oh.warehouse_id
      FULL JOIN forecast fc
        ON fc.product_id = COALESCE(oh.product_id, r.product_id)
       AND fc.warehouse_id = COALESCE(oh.warehouse_id, r.warehouse_id)
), measured AS (
    SELECT k.product_id, k.warehouse_id, pt.categ_id, k.has_rule, k.min_qty,
           k.safety_qty, k.overstock_qty,
           COALESCE(k.oh_qty, 0) AS on_hand,
           COALESCE(k.oh_qty, 0) + COALESCE(k.qty_all, 0) AS forecast,
           COALESCE(k.oh_qty, 0) + COALESCE(k.qty_lead, 0) AS forecast_lead,
           COALESCE(atp.atp, 0) AS atp,
           -- only stock that did not leave in the window and has no open
           -- dead-stock alert reads its older history (COALESCE is lazy)
           COALESCE(ro.date, ko.date, CASE WHEN k.oh_qty > 0 THEN (
               SELECT MAX(m.date)
                 FROM stock_move m
                 JOIN loc src ON src.location_id = m.location_id
                 LEFT JOIN loc dst ON dst.location_id = m.location_dest_id
                WHERE m.product_id = k.product_id AND m.state = 'done'
                  AND src.warehouse_id = k.warehouse_id
                  AND dst.warehouse_id IS DISTINCT FROM k.warehouse_id
           ) END, k.in_date) AS last_activity
      FROM pos k
      JOIN storable pt ON pt.product_id = k.product_id
      LEFT JOIN recent_out ro
        ON ro.product_id = k.product_id AND ro.warehouse_id = k.warehouse_id
      LEFT JOIN known_out ko
        ON ko.product_id = k.product_id AND ko.warehouse_id = k.warehouse_id
      LEFT JOIN atp
        ON atp.product_id = k.product_id AND atp.warehouse_id = k.warehouse_id
      -- computed once per position, before the kinds below read it twice
     OFFSET 0
), kinds AS (
    -- the kinds of alert each position calls for (one pass, mostly none);
    -- oversell only refreshes or resolves the alerts the oversell guard opened
    SELECT m.*, unnest(array_remove(ARRAY[
               -- stock-out, below safety stock and below minimum exclude each
               -- other: the first that holds
               CASE WHEN on_hand < 0 OR (has_rule AND on_hand <= 0)
                    THEN 'stockout'
                    WHEN has_rule AND on_hand < safety_qty THEN 'below_safety'
                    WHEN has_rule AND on_hand < min_qty THEN 'below_min' END,
               CASE WHEN on_hand >= min_qty AND forecast_lead < min_qty
                    THEN 'forecast_shortage' END,
               CASE WHEN overstock_qty > 0 AND on_hand > overstock_qty
                    THEN 'overstock' END,
               CASE WHEN on_hand > 0 AND last_activity < %(dead_since)s
                    THEN 'dead_stock' END,
               CASE WHEN atp < 0 THEN 'oversell' END
           ], NULL)) AS kind
      FROM measured m
), wanted AS (
    SELECT product_id, warehouse_id, categ_id, kind, on_hand,
           CASE kind WHEN 'forecast_shortage' THEN forecast_lead
                     WHEN 'oversell' THEN atp
                     ELSE forecast END AS forecast,
           CASE kind WHEN 'below_safety' THEN safety_qty
                     WHEN 'overstock' THEN overstock_qty
                     WHEN 'dead_stock' THEN 0
                     WHEN 'oversell' THEN 0
                     ELSE min_qty END AS limit_qty,
           CASE WHEN kind = 'dead_stock' THEN last_activity END AS last_activity
      FROM kinds
), abc AS (
    -- severity from the policy of the product's class in the company's first
    -- ABC profile (the one that sets the product's class)
    SELECT pa.product_id,
           CASE pol.alert_severity %(abc_severity)s END AS severity
      FROM jxc_product_abc pa
      JOIN jxc_abc_policy pol
        ON pol.profile_id = pa.profile_id AND pol.abc_class = pa.abc_class
     WHERE pa.profile_id = (
               SELECT p.id FROM jxc_abc_profile p
                WHERE p.company_id = %(company)s AND p.active
                ORDER BY p.sequence, p.id LIMIT 1
           ) %(pf_abc)s
), rated AS (
    SELECT w.*, COALESCE(abc.severity, CASE w.kind %(kind_severity)s END)
           AS severity
      FROM wanted w
      LEFT JOIN abc ON abc.product_id = w.product_id
), cmp AS (
    -- one join of the wanted alerts with the open ones, keeping what changes:
    -- new (but oversell), changed, gone
    SELECT w.*, a.id AS alert_id
      FROM rated w
      FULL JOIN (
          SELECT a.id, a.product_id, a.warehouse_id, a.kind, a.qty_on_hand,
                 a.qty_forecast, a.limit_qty, a.date_last_activity, a.severity
            FROM jxc_stock_alert a
           WHERE a.company_id = %(company)s AND a.state != 'resolved' %(pf_alert)s
      ) a ON a.product_id = w.product_id AND a.warehouse_id = w.warehouse_id
         AND a.kind = w.kind
     WHERE CASE WHEN a.id IS NULL THEN w.kind != 'oversell'
                WHEN w.product_id IS NULL THEN TRUE
                ELSE (a.qty_on_hand, a.qty_forecast, a.limit_qty,
                      a.date_last_activity, a.severity)
                     IS DISTINCT FROM (w.on_hand, w.forecast, w.limit_qty,
                                       w.last_activity, w.severity)
           END
), ins AS (
    INSERT INTO jxc_stock_alert (
        product_id, product_categ_id, warehouse_id, company_id, kind, state,
        severity, qty_on_hand, qty_forecast, limit_qty, date_last_activity,
        date_opened, create_uid, create_date, write_uid, write_date)
    SELECT w.product_id, w.categ_id, w.warehouse_id, %(company)s, w.kind, 'open',
           w.severity, w.on_hand, w.forecast, w.limit_qty, w.last_activity, %(now)s,
           %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM cmp w
     WHERE w.alert_id IS NULL
    ON CONFLICT (product_id, warehouse_id, kind) WHERE state != 'resolved'
    DO NOTHING
    RETURNING id
), upd AS (
    -- the few alerts to write are looked up by id: hashing every open alert
    -- would cost more than the writes
    UPDATE jxc_stock_alert a
       SET qty_on_hand = w.on_hand, qty_forecast = w.forecast,
           limit_qty = w.limit_qty, date_last_activity = w.last_activity,
           severity = w.severity, write_uid = %(uid)s, write_date = %(now)s
      FROM cmp w
     WHERE a.id = w.alert_id AND w.product_id IS NOT NULL
       AND a.id = ANY(ARRAY(
           SELECT alert_id FROM cmp WHERE product_id IS NOT NULL
       ))
    RETURNING a.id
), res AS (
    UPDATE jxc_stock_alert a
       SET state = 'resolved', date_resolved = %(now)s,
           write_uid = %(uid)s, write_date = %(now)s
     WHERE a.id = ANY(ARRAY(SELECT alert_id FROM cmp WHERE product_id IS NULL))
    RETURNING a.id
)
SELECT 'new', id FROM ins
UNION ALL SELECT 'resolved', id FROM res
UNION ALL SELECT 'updated', id FROM upd
""",
            company=company.id,
            now=now,
            uid=self.env.uid,
            dead_since=now - timedelta(days=dead_days),
            trust_known=product_ids is None,
            open_states=OPEN_MOVE_STATES,
            pf_quant=pf(("q", "product_id"), product_ids),
            pf_product=pf(("pp", "id"), product_ids),
            pf_move=pf(("m", "product_id"), product_ids),
            pf_rule=pf(("op", "product_id"), product_ids),
            pf_alert=pf(("a", "product_id"), product_ids),
            pf_abc=pf(("pa", "product_id"), product_ids),
            atp=self.env["product.product"]._jxc_atp_query(
                company,
                product_ids=self._scan_oversold(company, product_ids),
                until=now,
            ),
            abc_severity=self._scan_case(ABC_SEVERITY),
            kind_severity=self._scan_case(KIND_SEVERITY),
        )

    def _scan_case(self, mapping):
        """The WHEN ... THEN ... ELSE branches of a CASE mapping text values."""
        return SQL(
            "%s ELSE '1'",
            SQL(" ").join(
                SQL("WHEN %s THEN %s", key, value) for key, value in mapping.items()
            ),
        )

    def _jxc_responsible(self):
        """The user who gets the activity: the product's responsible, else the
        warehouse's alert responsible, else the company's. An archived user counts
        as none: products created by the system (imports, crons) default to the
        archived OdooBot."""
        self.ensure_one()
        for user in (
            self.product_id.product_tmpl_id.responsible_id,
            self.warehouse_id.jxc_alert_user_id,
            self.company_id.jxc_alert_user_id,
        ):
            if user.active:
                return user
        return self.env["res.users"]

    def _jxc_assign_responsible(self):
        """Set the responsible and schedule its activity, in batch."""
        # activities read each record's name one by one: compute them in batch
        self.mapped("display_name")
        by_user = defaultdict(list)
        for alert in self:
            by_user[alert._jxc_responsible()].append(alert.id)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        vals_list = []
        for user, ids in by_user.items():
            if not user:
                continue
            alerts = self.browse(ids)
            alerts.write({"user_id": user.id})
            # dead stock is reviewed in the list, not one to-do per product,
            # unless the company asks for them
            vals_list += [
                {
                    "res_model_id": model_id,
                    "res_id": alert.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": kinds[alert.kind],
                    "date_deadline": fields.Date.context_today(self),
                }
                for alert in alerts
                if alert.kind != "dead_stock"
                or alert.company_id.jxc_dead_stock_activity
            ]
        if vals_list:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(vals_list)

    def _jxc_close_activities(self):
        """Mark the to-dos of resolved alerts done (archived, as Odoo keeps a done
        activity): an ``unlink()`` here would clear the whole ORM cache of the
        transaction validating a transfer, under the feet of its caller."""
        self.env["mail.activity"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).write({"active": False})

    @api.model
    def _cron_send_digest(self):
        """Mail each company's digest recipients a summary of its open alerts,
        once a day (the company's) per recipient: a rerun sends nothing new."""
        template = self.env.ref("jxc_bridge.mail_template_jxc_stock_alert_digest")
        mails = self.env["mail.mail"]
        Digest = self.env["jxc.stock.alert.digest"]
        for company in self.env["res.company"].search(
            [("jxc_digest_user_ids", "!=", False)]
        ):
            if not self.search_count(
                [("company_id", "=", company.id), ("state", "!=", "resolved")],
                limit=1,
            ):
                continue
            today = self.env["jxc.valuation"]._today(company)
            for user in Digest._jxc_claim(company, company.jxc_digest_user_ids, today):
                mail_id = template.with_context(lang=user.lang).send_mail(
                    company.id,
                    email_values={"recipient_ids": [(4, user.partner_id.id)]},
                    email_layout_xmlid="mail.mail_notification_light",
                )
                mails |= self.env["mail.mail"].browse(mail_id)
        return mails
