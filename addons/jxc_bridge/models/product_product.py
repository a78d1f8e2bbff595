# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

# the moves that are commitments: Odoo's forecast counts the same states (a draft
# transfer promises nothing until it is marked To Do)
ATP_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")


class ProductProduct(models.Model):
    _name = "product.product"
    _inherit = ("product.product", "jxc.abc.class.mixin")

    jxc_abc_ids = fields.One2many(
        "jxc.product.abc", "product_id", string="ABC Classes", readonly=True
    )

    def unlink(self):
        # the ABC run lines carry no foreign key
        self.env["jxc.abc.run.line"]._jxc_unlink_lines("product_id", self.ids)
        return super().unlink()

    # ------------------------------------------------------ available to promise
    def _jxc_oversell_policies(self, company):
        """The overselling policy of each of these products in ``company``:
        ``{product: "off" | "warn" | "block"}``."""
        # the class policy is configuration the salesman applies, not data
        # shown to them
        abc_policies = (
            self.env["jxc.abc.policy"].sudo()._get_for_products(self, company)
        )
        return {
            product: product.categ_id._jxc_effective_oversell_policy(
                company, abc_policies.get(product)
            )
            for product in self
        }

    def _jxc_available_to_promise(self, warehouse, exclude_orders=None, until=None):
        """Available to promise of these products in ``warehouse``, in their unit:
        ``{product: quantity}``, one query whatever the number of products.

        The one definition the oversell guard, the quotation's column and the
        oversell alert share (see ``_jxc_atp_query``). ``exclude_orders``: sales
        orders whose own moves are not counted (the order being checked).
        ``until``: the date by which the company's incoming receipts count, when
        its policy counts them (default: now)."""
        if not self or not warehouse:
            return {}
        company = warehouse.company_id
        # the query names no ORM field: what the ORM holds back goes first
        self.env.flush_all()
        rows = self.env.execute_query(
            self._jxc_atp_query(
                company,
                product_ids=self.ids,
                warehouse_ids=warehouse.ids,
                exclude_order_ids=exclude_orders.ids if exclude_orders else None,
                until=until,
            )
        )
        atp = {product_id: qty for product_id, _warehouse_id, qty in rows}
        return {product: atp.get(product.id, 0.0) for product in self}

    @api.model
    def _jxc_atp_query(
        self,
        company,
        product_ids=None,
        warehouse_ids=None,
        exclude_order_ids=None,
        until=None,
    ):
        """The query of available to promise, rows ``(product_id, warehouse_id,
        atp)`` for the warehouses of ``company`` (optionally some products and
        warehouses):

            on hand in the warehouse's internal locations
          − every open outgoing move from them (to a place outside the warehouse),
            reserved or not, whatever its date: confirmed sales orders' deliveries,
            returns to vendors, transfers to other warehouses
          + the open incoming moves into the warehouse due by ``until``, only when
            the company's policy counts incoming receipts.

        Moves inside the warehouse (picking, packing) change nothing. Quantities
        are in the product's unit. The stock alert scan runs this query too."""
        if until is None:
            until = fields.Datetime.now()

        def only(column, ids):
            if ids is None:
                return SQL("")
            return SQL("AND %s = ANY(%s)", SQL.identifier(*column), list(ids))

        excluded = SQL("")
        if exclude_order_ids:
            excluded = SQL(
                """AND NOT EXISTS (
                       SELECT 1 FROM sale_order_line sol
                        WHERE sol.id = m.sale_line_id
                          AND sol.order_id = ANY(%s))""",
                list(exclude_order_ids),
            )
        incoming = SQL("")
        if company.jxc_oversell_count_incoming:
            incoming = SQL(
                """UNION ALL
                SELECT m.product_id, dst.warehouse_id, m.product_qty
                  FROM stock_move m
                  JOIN atp_loc dst ON dst.id = m.location_dest_id
                  LEFT JOIN atp_loc src ON src.id = m.location_id
                 WHERE m.state IN %(states)s AND m.date <= %(until)s %(pf)s
                   AND src.warehouse_id IS DISTINCT FROM dst.warehouse_id""",
                states=ATP_MOVE_STATES,
                until=until,
                pf=only(("m", "product_id"), product_ids),
            )
        return SQL(
            """
WITH atp_loc AS (
    SELECT l.id, l.warehouse_id
      FROM stock_location l
      JOIN stock_warehouse w ON w.id = l.warehouse_id
     WHERE l.usage = 'internal' AND w.company_id = %(company)s %(pf_wh)s
)
SELECT f.product_id, f.warehouse_id, SUM(f.qty) AS atp
  FROM (
    SELECT q.product_id, loc.warehouse_id, q.quantity AS qty
      FROM stock_quant q
      JOIN atp_loc loc ON loc.id = q.location_id
     WHERE TRUE %(pf_quant)s
    UNION ALL
    SELECT m.product_id, src.warehouse_id, -m.product_qty
      FROM stock_move m
      JOIN atp_loc src ON src.id = m.location_id
      LEFT JOIN atp_loc dst ON dst.id = m.location_dest_id
     WHERE m.state IN %(states)s %(pf_move)s %(excluded)s
       AND dst.warehouse_id IS DISTINCT FROM src.warehouse_id
    %(incoming)s
  ) f
 GROUP BY f.product_id, f.warehouse_id
""",
            company=company.id,
            states=ATP_MOVE_STATES,
            pf_wh=only(("w", "id"), warehouse_ids),
            pf_quant=only(("q", "product_id"), product_ids),
            pf_move=only(("m", "product_id"), product_ids),
            excluded=excluded,
            incoming=incoming,
        )
