"""A consistent Odoo 18 stock database at benchmark scale.

Master data (categories, warehouses, locations, partners, products) is created
through the ORM, so it is what Odoo itself writes; the volume — reordering rules,
done stock moves with their move lines, valuation layers and quants — is written
by set-based SQL (``INSERT … SELECT generate_series``), the way Odoo would have
left it after validating every move:

- every move is ``done`` with one done move line of the same quantity;
- quants are the sum of the done move lines per product × internal location;
- each valued move has one layer (internal transfers have none), its value
  ``quantity × unit cost``; incoming layers keep the FIFO remainder
  (``remaining_qty`` = what later outgoing layers did not consume), so the
  remaining quantities and values add up to the stock, for FIFO and AVCO alike
  (each product keeps one unit cost, so both methods agree);
- every delivery to a customer delivers one line of a confirmed sale order of
  its warehouse (``sale_line_id``, ``qty_delivered``), as Odoo links them;
- volumes follow a yearly season (peak in late November);
- pseudo-random choices come from ``hashint8extended(n, seed)``: the same scale
  always writes the same rows.

``check(cr)`` verifies those identities; ``tools/jxc bench`` builds and checks.
"""

import math
import time
from datetime import datetime, timedelta, timezone

# products, warehouses, internal locations per warehouse, reordering rules,
# done moves, partners, months of history
SCALES = {
    "T": {
        "products": 60,
        "warehouses": 2,
        "locations": 2,
        "rules": 80,
        "moves": 4000,
        "partners": 12,
        "months": 30,
    },
    "S": {
        "products": 5000,
        "warehouses": 4,
        "locations": 5,
        "rules": 15000,
        "moves": 200_000,
        "partners": 300,
        "months": 30,
    },
    "M": {
        "products": 20000,
        "warehouses": 8,
        "locations": 5,
        "rules": 60000,
        "moves": 2_000_000,
        "partners": 2000,
        "months": 30,
    },
    "L": {
        "products": 50000,
        "warehouses": 8,
        "locations": 5,
        "rules": 100000,
        "moves": 5_000_000,
        "partners": 4000,
        "months": 36,
    },
}

DORMANT_SHARE = 0.30  # products with no movement in the last 12 months
# kinds of move: (name, per mille, valued sign) — internal moves carry no layer
KINDS = [
    ("receipt", 200, 1),
    ("delivery", 550, -1),
    ("customer_return", 30, 1),
    ("vendor_return", 10, -1),
    ("internal", 150, 0),
    ("inventory_gain", 25, 1),
    ("inventory_loss", 25, -1),
    ("scrap", 10, -1),
]
BENCH_USER_LOGIN = "jxc_bench"
SEASON = 0.4  # amplitude of the yearly season: peak month ≈ 2.3 × the lowest
SEASON_PEAK_DAY = 330  # day of the year of the peak (late November)
ORDER_LINES = 3  # deliveries of a warehouse grouped, in date order, per sale order


def _log(msg, started):
    print(f"[bench] {msg} ({time.monotonic() - started:.1f}s)", flush=True)


class BenchDataGenerator:
    def __init__(self, env, scale="S", seed=42, verbose=False, analyze=True):
        self.env = env(
            context=dict(env.context, tracking_disable=True, mail_notrack=True)
        )
        self.cr = env.cr
        self.size = SCALES[scale] if isinstance(scale, str) else scale
        self.seed = seed
        self.verbose = verbose
        # ANALYZE sets the row counts of the tables in place, outside the
        # transaction: inside a test, whose rows are rolled back, it would leave
        # the planner estimating the benchmark's volume for the tests that follow
        self.analyze = analyze
        self.company = self.env.company
        self.started = time.monotonic()

    def log(self, msg):
        if self.verbose:
            _log(msg, self.started)

    # ---------------------------------------------------------- master data
    def master_data(self):
        env, size = self.env, self.size
        user = env["res.users"].search([("login", "=", BENCH_USER_LOGIN)])
        self.user = user or env["res.users"].with_context(
            no_reset_password=True
        ).create(
            {
                "login": BENCH_USER_LOGIN,
                "name": "Benchmark",
                "groups_id": [(4, env.ref("stock.group_stock_manager").id)],
            }
        )
        Category = env["product.category"]
        self.categories = Category.create(
            [
                {
                    "name": f"Bench category {i:02d}",
                    "property_cost_method": "fifo" if i % 2 else "average",
                }
                for i in range(20)
            ]
        )
        Warehouse = env["stock.warehouse"]
        self.warehouses = Warehouse.search(
            [("company_id", "=", self.company.id)], limit=1
        )
        for i in range(1, size["warehouses"]):
            self.warehouses |= Warehouse.create(
                {"name": f"Bench WH {i}", "code": f"BW{i}"}
            )
        Location = env["stock.location"]
        self.locations = {}
        for wh in self.warehouses:
            subs = Location.create(
                [
                    {
                        "name": f"Bin {j}",
                        "location_id": wh.lot_stock_id.id,
                        "usage": "internal",
                    }
                    for j in range(1, size["locations"])
                ]
            )
            self.locations[wh.id] = wh.lot_stock_id | subs
        self.partners = env["res.partner"].create(
            [
                {"name": f"Bench partner {i:05d}", "is_company": True}
                for i in range(size["partners"])
            ]
        )
        self.log("warehouses, locations, partners")
        products = env["product.product"]
        batch = 2000
        for start in range(0, size["products"], batch):
            products |= env["product.product"].create(
                [
                    {
                        "name": f"Bench product {i:06d}",
                        "default_code": f"B{i:06d}",
                        "is_storable": True,
                        "type": "consu",
                        "categ_id": self.categories[i % len(self.categories)].id,
                        "standard_price": self._cost(i),
                        "list_price": round(self._cost(i) * 1.4, 2),
                    }
                    for i in range(start, min(start + batch, size["products"]))
                ]
            )
            env.flush_all()
            env.invalidate_all()
        self.products = products
        self.log(f"{len(products)} products")

    def _cost(self, i):
        # a deterministic spread of unit costs from 2 to ~800
        return round(2 + ((i * 7919) % 1000) ** 2 / 1250, 2)

    # ---------------------------------------------------------------- volume
    def volume(self):
        cr = self.cr
        self.env.flush_all()
        cr.execute(
            "CREATE TEMP TABLE bench_product (idx int PRIMARY KEY, product_id int, "
            "cost numeric, moving bool) ON COMMIT DROP"
        )
        moving_cut = round(len(self.products) * (1 - DORMANT_SHARE))
        cr.execute(
            "INSERT INTO bench_product SELECT * FROM unnest(%s::int[], %s::int[], %s::numeric[],"
            " %s::bool[])",
            (
                list(range(len(self.products))),
                self.products.ids,
                [self._cost(i) for i in range(len(self.products))],
                [i < moving_cut for i in range(len(self.products))],
            ),
        )
        loc_rows = [
            (w_idx, l_idx, loc.id, wh.id)
            for w_idx, wh in enumerate(self.warehouses)
            for l_idx, loc in enumerate(self.locations[wh.id])
        ]
        cr.execute(
            "CREATE TEMP TABLE bench_location (w_idx int, l_idx int, location_id int, "
            "warehouse_id int) ON COMMIT DROP"
        )
        cr.execute(
            "INSERT INTO bench_location SELECT * FROM unnest(%s::int[], %s::int[], %s::int[],"
            " %s::int[])",
            tuple(list(col) for col in zip(*loc_rows, strict=True)),
        )
        self._rules()
        self._moves()
        self._quants()
        if self.analyze:
            cr.execute(
                "ANALYZE stock_move; ANALYZE stock_move_line; ANALYZE stock_valuation_layer;"
            )
            cr.execute(
                "ANALYZE stock_quant; ANALYZE stock_warehouse_orderpoint; "
                "ANALYZE sale_order; ANALYZE sale_order_line"
            )
        self.env.invalidate_all()

    def _rules(self):
        size = self.size
        self.cr.execute(
            """
            INSERT INTO stock_warehouse_orderpoint (
                name, product_id, warehouse_id, location_id, company_id, trigger,
                product_min_qty, product_max_qty, qty_multiple, active,
                create_uid, write_uid, create_date, write_date)
            SELECT 'BOP' || lpad(g::text, 7, '0'), p.product_id, l.warehouse_id, l.location_id,
                   %(company)s, 'manual', 10 + g %% 40, 60 + g %% 140, 1, true,
                   %(uid)s, %(uid)s, now() at time zone 'utc', now() at time zone 'utc'
              FROM generate_series(0, %(rules)s - 1) g
              JOIN bench_product p ON p.idx = g %% %(products)s
              JOIN bench_location l ON l.l_idx = 0
                   AND l.w_idx = (g / %(products)s) %% %(warehouses)s
            ON CONFLICT DO NOTHING
            """,
            {
                "company": self.company.id,
                "uid": self.user.id,
                "rules": size["rules"],
                "products": len(self.products),
                "warehouses": len(self.warehouses),
            },
        )
        self.log(f"{self.cr.rowcount} reordering rules")

    def _moves(self):
        env, cr, size = self.env, self.cr, self.size
        supplier = env.ref("stock.stock_location_suppliers").id
        customer = env.ref("stock.stock_location_customers").id
        Location = env["stock.location"]
        inventory = Location.search(
            [
                ("usage", "=", "inventory"),
                ("scrap_location", "=", False),
                ("company_id", "=", self.company.id),
            ],
            limit=1,
        ).id
        scrap = Location.search(
            [("scrap_location", "=", True), ("company_id", "=", self.company.id)],
            limit=1,
        ).id
        bounds, acc = [], 0
        for name, per_mille, sign in KINDS:
            bounds.append((name, acc, acc + per_mille, sign))
            acc += per_mille
        kind_case = " ".join(
            f"WHEN r.k < {hi} THEN '{name}'" for name, _lo, hi, _s in bounds
        )
        uom = env.ref("uom.product_uom_unit").id
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM stock_move")
        self.move_base = cr.fetchone()[0]
        n_products = len(self.products)
        moving = round(n_products * (1 - DORMANT_SHARE))
        opening = n_products * len(self.warehouses)
        # stage the moves: opening receipts for every product × warehouse, then the flow
        cr.execute(
            f"""
            CREATE TEMP TABLE bench_move ON COMMIT DROP AS
            WITH r AS (
                SELECT g,
                       abs(hashint8extended(g, %(seed)s)) %% 1000 AS k,
                       abs(hashint8extended(g, %(seed)s + 1)) %% 1000000 / 1000000.0 AS u,
                       abs(hashint8extended(g, %(seed)s + 2)) %% 1000000 / 1000000.0 AS t,
                       abs(hashint8extended(g, %(seed)s + 3)) AS h
                  FROM generate_series(1, %(moves)s) g
            ), flow AS (
                SELECT r.g, r.h, r.t,
                       CASE {kind_case} END AS kind,
                       -- date: over the history, the recent 12 months for moving products
                       -- only; a yearly season warps the uniform draw (see _season)
                       (now() at time zone 'utc') - make_interval(days => %(days)s)
                         + make_interval(secs => 86400 * %(scale)s * (
                             r.t * %(days)s + %(c)s * (sin(%(omega)s * r.t * %(days)s
                             + %(phi)s) - sin(%(phi)s)))) AS date,
                       r.u
                  FROM r
            )
            SELECT %(base)s + row_number() OVER (ORDER BY date, g) AS id, *
              FROM (
                SELECT -p.idx * 1000 - l.w_idx AS g, 'receipt' AS kind,
                       (now() at time zone 'utc') - make_interval(days => %(days)s + 1) AS date,
                       p.product_id, p.cost, l.location_id, l.warehouse_id, 200::numeric AS qty,
                       NULL::int AS other_location
                  FROM bench_product p JOIN bench_location l ON l.l_idx = 0
                UNION ALL
                SELECT f.g, f.kind, f.date, p.product_id, p.cost, l.location_id, l.warehouse_id,
                       CASE f.kind WHEN 'receipt' THEN 20 + f.h %% 41
                                   WHEN 'delivery' THEN 1 + f.h %% 15
                                   WHEN 'internal' THEN 1 + f.h %% 10
                                   ELSE 1 + f.h %% 4 END::numeric,
                       l2.location_id
                  FROM flow f
                  -- Zipf-like product choice: log-uniform rank, dormant products only
                  -- before the last 12 months
                  JOIN bench_product p ON p.idx = LEAST(
                       floor(exp(f.u * ln(CASE WHEN f.date > (now() at time zone 'utc')
                            - interval '12 months' THEN %(moving)s ELSE %(products)s END)))::int - 1,
                       %(products)s - 1)
                  JOIN bench_location l ON l.w_idx = f.h %% %(warehouses)s
                       AND l.l_idx = (f.h / 7) %% %(locations)s
                  JOIN bench_location l2 ON l2.w_idx = (f.h / 11) %% %(warehouses)s
                       AND l2.l_idx = (f.h / 13) %% %(locations)s
              ) m
            """,
            {
                "seed": self.seed,
                "moves": size["moves"] - opening if size["moves"] > opening else 0,
                "days": round(size["months"] * 30.4),
                "base": self.move_base,
                "moving": moving,
                "products": n_products,
                "warehouses": len(self.warehouses),
                "locations": size["locations"],
                **self._season(round(size["months"] * 30.4)),
            },
        )
        cr.execute(
            """
            ALTER TABLE bench_move ADD COLUMN src int, ADD COLUMN dest int, ADD COLUMN sign int;
            UPDATE bench_move SET
                src = CASE kind WHEN 'receipt' THEN %(supplier)s
                                WHEN 'customer_return' THEN %(customer)s
                                WHEN 'inventory_gain' THEN %(inventory)s
                                ELSE location_id END,
                dest = CASE kind WHEN 'delivery' THEN %(customer)s
                                 WHEN 'vendor_return' THEN %(supplier)s
                                 WHEN 'inventory_loss' THEN %(inventory)s
                                 WHEN 'scrap' THEN %(scrap)s
                                 WHEN 'internal' THEN other_location
                                 ELSE location_id END,
                sign = CASE WHEN kind IN ('receipt', 'customer_return', 'inventory_gain') THEN 1
                            WHEN kind = 'internal' THEN 0 ELSE -1 END;
            -- an internal move to its own location is a move to the next warehouse's stock
            UPDATE bench_move m SET dest = l.location_id
              FROM bench_location l, bench_location here
             WHERE m.kind = 'internal' AND m.dest = m.src AND here.location_id = m.src
               AND l.w_idx = (here.w_idx + 1) %% %(warehouses)s AND l.l_idx = 0
               AND l.location_id != m.src;
            """,
            {
                "supplier": supplier,
                "customer": customer,
                "inventory": inventory,
                "scrap": scrap,
                "warehouses": len(self.warehouses),
            },
        )
        self.log("staged moves")
        params = {
            "company": self.company.id,
            "uid": self.user.id,
            "uom": uom,
        }
        self._sale_orders(params)
        cr.execute(
            """
            INSERT INTO stock_move (
                id, name, company_id, product_id, product_uom, product_uom_qty, product_qty,
                quantity, location_id, location_dest_id, location_final_id, picking_type_id,
                warehouse_id, state, procure_method, date, reference, price_unit, picked,
                scrapped, is_inventory, priority, sequence, propagate_cancel, additional,
                sale_line_id, origin, partner_id,
                create_uid, write_uid, create_date, write_date)
            SELECT m.id, 'Bench ' || m.kind, %(company)s, m.product_id, %(uom)s, m.qty, m.qty,
                   m.qty, m.src, m.dest, NULL,
                   CASE WHEN m.kind IN ('receipt', 'customer_return') THEN w.in_type_id
                        WHEN m.kind IN ('delivery', 'vendor_return') THEN w.out_type_id
                        WHEN m.kind = 'internal' THEN w.int_type_id END,
                   m.warehouse_id, 'done', 'make_to_stock', m.date,
                   CASE WHEN m.kind IN ('inventory_gain', 'inventory_loss')
                        THEN 'Product Quantity Updated'
                        ELSE w.code || '/' || upper(left(m.kind, 3)) || '/' || m.id END,
                   m.cost, true, m.kind = 'scrap', m.kind LIKE 'inventory%%', '0', 10, true,
                   false, m.sale_line_id, so.name, so.partner_shipping_id,
                   %(uid)s, %(uid)s, m.date, m.date
              FROM bench_move m JOIN stock_warehouse w ON w.id = m.warehouse_id
              LEFT JOIN sale_order_line sol ON sol.id = m.sale_line_id
              LEFT JOIN sale_order so ON so.id = sol.order_id
            """,
            params,
        )
        cr.execute(
            "SELECT setval('stock_move_id_seq', (SELECT MAX(id) FROM stock_move))"
        )
        cr.execute(
            """
            INSERT INTO stock_move_line (
                move_id, company_id, product_id, product_uom_id, quantity, quantity_product_uom,
                location_id, location_dest_id, state, reference, picked, date,
                create_uid, write_uid, create_date, write_date)
            SELECT m.id, %(company)s, m.product_id, %(uom)s, m.qty, m.qty, m.src, m.dest,
                   'done', mv.reference, true, m.date, %(uid)s, %(uid)s, m.date, m.date
              FROM bench_move m JOIN stock_move mv ON mv.id = m.id
            """,
            params,
        )
        self.log("moves and move lines")
        cr.execute(
            """
            INSERT INTO stock_valuation_layer (
                company_id, product_id, categ_id, stock_move_id, description, quantity,
                unit_cost, value, remaining_qty, remaining_value,
                create_uid, write_uid, create_date, write_date{extra_columns})
            WITH valued AS (
                SELECT m.*, m.sign * m.qty AS signed_qty,
                       sum(CASE WHEN m.sign > 0 THEN m.qty ELSE 0 END)
                           OVER (PARTITION BY m.product_id ORDER BY m.date, m.id) AS cum_in,
                       sum(CASE WHEN m.sign < 0 THEN m.qty ELSE 0 END)
                           OVER (PARTITION BY m.product_id) AS total_out
                  FROM bench_move m WHERE m.sign != 0
            )
            SELECT %(company)s, v.product_id, pt.categ_id, v.id, mv.reference, v.signed_qty,
                   v.cost, v.signed_qty * v.cost,
                   CASE WHEN v.sign > 0 THEN GREATEST(0, LEAST(v.qty, v.cum_in - v.total_out))
                        ELSE 0 END,
                   CASE WHEN v.sign > 0
                        THEN GREATEST(0, LEAST(v.qty, v.cum_in - v.total_out)) * v.cost
                        ELSE 0 END,
                   %(uid)s, %(uid)s, v.date, v.date{extra_values}
              FROM valued v
              JOIN stock_move mv ON mv.id = v.id
              JOIN product_product pp ON pp.id = v.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
            """.format(**self._layer_extras()),
            params,
        )
        self.log(f"{cr.rowcount} valuation layers")

    def _sale_orders(self, params):
        """Every delivery to a customer delivers one sale order line: the
        deliveries of a warehouse are grouped in date order, ORDER_LINES per
        confirmed order of that warehouse, to a customer chosen by hash; each line
        is fully delivered by its move (``qty_delivered`` = the move's quantity)."""
        cr = self.cr
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM sale_order")
        order_base = cr.fetchone()[0]
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM sale_order_line")
        line_base = cr.fetchone()[0]
        params = dict(
            params,
            order_base=order_base,
            line_base=line_base,
            lines=ORDER_LINES,
            partners=self.partners.ids,
            currency=self.company.currency_id.id,
            seed=self.seed,
        )
        cr.execute(
            """
            CREATE TEMP TABLE bench_sale ON COMMIT DROP AS
            SELECT s.*, %(line_base)s + row_number() OVER (ORDER BY s.move_id) AS line_id,
                   round(s.cost * 1.4, 2) AS price
              FROM (
                SELECT m.id AS move_id, m.warehouse_id, m.product_id, m.qty, m.cost, m.date,
                       (row_number() OVER (PARTITION BY m.warehouse_id ORDER BY m.date, m.id)
                        - 1) / %(lines)s AS order_no
                  FROM bench_move m WHERE m.kind = 'delivery'
              ) s;
            CREATE TEMP TABLE bench_order ON COMMIT DROP AS
            SELECT %(order_base)s + row_number() OVER (ORDER BY min(date), warehouse_id,
                   order_no) AS id, warehouse_id, order_no, min(date) AS date,
                   sum(qty * price) AS amount
              FROM bench_sale GROUP BY warehouse_id, order_no;
            ALTER TABLE bench_sale ADD COLUMN order_id int;
            UPDATE bench_sale s SET order_id = o.id FROM bench_order o
             WHERE o.warehouse_id = s.warehouse_id AND o.order_no = s.order_no;
            ALTER TABLE bench_move ADD COLUMN sale_line_id int;
            UPDATE bench_move m SET sale_line_id = s.line_id FROM bench_sale s
             WHERE s.move_id = m.id;

            INSERT INTO sale_order (
                id, name, company_id, partner_id, partner_invoice_id, partner_shipping_id,
                state, locked, date_order, user_id, currency_id, currency_rate,
                warehouse_id, picking_policy, invoice_status, delivery_status,
                amount_untaxed, amount_tax, amount_total, require_signature,
                require_payment, prepayment_percent,
                create_uid, write_uid, create_date, write_date)
            SELECT o.id, 'BSO' || lpad(o.id::text, 7, '0'), %(company)s, p.id, p.id, p.id,
                   'sale', false, o.date, %(uid)s, %(currency)s, 1.0,
                   o.warehouse_id, 'direct', 'to invoice', 'full',
                   o.amount, 0, o.amount, false, false, 1.0,
                   %(uid)s, %(uid)s, o.date, o.date
              FROM bench_order o
              JOIN LATERAL (
                SELECT (%(partners)s::int[])[(1 + abs(hashint8extended(o.id, %(seed)s))
                       %% cardinality(%(partners)s::int[]))::int] AS id
              ) p ON true;
            SELECT setval('sale_order_id_seq', (SELECT MAX(id) FROM sale_order));

            INSERT INTO sale_order_line (
                id, order_id, sequence, name, product_id, product_uom, product_uom_qty,
                qty_delivered, qty_delivered_method, qty_invoiced, qty_to_invoice,
                price_unit, technical_price_unit, discount, price_subtotal, price_tax, price_total,
                price_reduce_taxexcl, price_reduce_taxinc, untaxed_amount_to_invoice,
                untaxed_amount_invoiced, customer_lead, company_id, currency_id,
                order_partner_id, salesman_id, state, invoice_status, is_downpayment,
                is_expense, warehouse_id,
                create_uid, write_uid, create_date, write_date)
            SELECT s.line_id, s.order_id, 10, '[' || pp.default_code || '] Bench product '
                   || right(pp.default_code, 6), s.product_id, %(uom)s, s.qty,
                   s.qty, 'stock_move', 0, s.qty,
                   s.price, s.price, 0, s.qty * s.price, 0, s.qty * s.price,
                   s.price, s.price, s.qty * s.price,
                   0, 0, %(company)s, %(currency)s,
                   so.partner_id, %(uid)s, 'sale', 'to invoice', false,
                   false, s.warehouse_id,
                   %(uid)s, %(uid)s, s.date, s.date
              FROM bench_sale s
              JOIN sale_order so ON so.id = s.order_id
              JOIN product_product pp ON pp.id = s.product_id;
            SELECT setval('sale_order_line_id_seq', (SELECT MAX(id) FROM sale_order_line));
            """,
            params,
        )
        cr.execute("SELECT count(*) FROM bench_order")
        self.log(f"{cr.fetchone()[0]} sale orders")

    def _season(self, days):
        """Parameters of a monotone warp of day ``x`` of the history,
        ``w(x) = x + c (sin(omega x + phi) - sin(phi))``, scaled so that
        ``w(days) = days``: a uniform draw of ``x`` gives a volume that varies
        by ``(1 + SEASON) / (1 - SEASON)`` over the year, at its peak in late
        November (before the year-end and the Spring Festival) and at its
        lowest in late May."""
        period = 365.25
        omega = 2 * math.pi / period
        start = (datetime.now(timezone.utc) - timedelta(days=days)).timetuple().tm_yday
        # density is highest where w' = 1 + SEASON cos(omega x + phi) is lowest
        phi = math.pi - omega * (SEASON_PEAK_DAY - start)
        c = SEASON / omega
        end = days + c * (math.sin(omega * days + phi) - math.sin(phi))
        return {"c": c, "omega": omega, "phi": phi, "scale": days / end}

    def _layer_extras(self):
        """Columns that jxc_bridge adds to layers and requires: a generated layer
        was never posted by jxc, as Odoo leaves it with periodic valuation."""
        self.cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = "
            "'stock_valuation_layer' AND column_name = 'jxc_posting_state'"
        )
        if self.cr.fetchone():
            return {
                "extra_columns": ", jxc_posting_state",
                "extra_values": ", 'not_needed'",
            }
        return {"extra_columns": "", "extra_values": ""}

    def _quants(self):
        """Quants as Odoo creates them, with the count date (``inventory_date``) that
        Odoo gives a new quant of an internal location: the location's next cyclic
        count, else the company's next annual inventory day
        (``stock.location._get_next_inventory_date``)."""
        locations = self.env["stock.location"].browse(
            loc.id for wh in self.warehouses for loc in self.locations[wh.id]
        )
        count_dates = [loc._get_next_inventory_date() or None for loc in locations]
        self.cr.execute(
            """
            INSERT INTO stock_quant (
                product_id, company_id, location_id, quantity, reserved_quantity, in_date,
                inventory_date, inventory_quantity_set,
                create_uid, write_uid, create_date, write_date)
            SELECT flows.product_id, %(company)s, flows.location_id, sum(flows.qty), 0,
                   min(flows.date), loc.inventory_date, false,
                   %(uid)s, %(uid)s, max(flows.date), max(flows.date)
              FROM (
                SELECT product_id, dest AS location_id, qty, date FROM bench_move
                UNION ALL
                SELECT product_id, src, -qty, date FROM bench_move
              ) flows
              JOIN unnest(%(locations)s::int[], %(dates)s::date[])
                   AS loc (location_id, inventory_date)
                ON loc.location_id = flows.location_id
             GROUP BY flows.product_id, flows.location_id, loc.inventory_date
            """,
            {
                "company": self.company.id,
                "uid": self.user.id,
                "locations": locations.ids,
                "dates": count_dates,
            },
        )
        self.log(f"{self.cr.rowcount} quants")

    def run(self):
        self.master_data()
        self.volume()
        self.env["ir.config_parameter"].set_param(
            "jxc.bench.size", repr(sorted(self.size.items()))
        )
        return self


def check(cr):
    """Problems found in the stock data (empty when it is what Odoo would have written)."""
    problems = []
    queries = {
        "quants differ from the done move lines": """
            WITH flows AS (
                SELECT product_id, location_dest_id AS location_id, quantity AS qty
                  FROM stock_move_line WHERE state = 'done'
                UNION ALL
                SELECT product_id, location_id, -quantity FROM stock_move_line WHERE state = 'done'
            ), expected AS (
                SELECT f.product_id, f.location_id, sum(f.qty) AS qty
                  FROM flows f JOIN stock_location l ON l.id = f.location_id
                 WHERE l.usage = 'internal' GROUP BY 1, 2
            ), actual AS (
                SELECT product_id, location_id, sum(quantity) AS qty
                  FROM stock_quant GROUP BY 1, 2
            )
            SELECT count(*) FROM expected e FULL JOIN actual a USING (product_id, location_id)
             WHERE round(COALESCE(e.qty, 0) - COALESCE(a.qty, 0), 4) != 0
        """,
        # Odoo's stock.location._get_next_inventory_date, as of today (UTC):
        # the location's next cyclic count, else the company's next annual
        # inventory day (day clamped to 1 .. the month's length), else none
        "quants without the count date Odoo gives them": """
            WITH today AS (SELECT (now() AT TIME ZONE 'UTC')::date AS day),
            annual AS (
                SELECT c.id AS company_id, min(cand.day) AS next_date
                  FROM res_company c
                 CROSS JOIN today
                 CROSS JOIN LATERAL (
                     SELECT make_date(y.y, m.m, LEAST(
                                GREATEST(c.annual_inventory_day, 1),
                                extract(day FROM make_date(y.y, m.m, 1)
                                    + interval '1 month - 1 day')::int)) AS day
                       FROM (SELECT NULLIF(c.annual_inventory_month, '')::int AS m) m,
                            (VALUES (extract(year FROM today.day)::int),
                                    (extract(year FROM today.day)::int + 1)) y (y)
                 ) cand
                 WHERE c.annual_inventory_month IS NOT NULL
                   AND c.annual_inventory_month != ''
                   AND cand.day > today.day
              GROUP BY c.id
            )
            SELECT count(*) FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
              LEFT JOIN annual a ON a.company_id = l.company_id
             WHERE q.inventory_date IS DISTINCT FROM
                   CASE WHEN l.usage IN ('internal', 'transit')
                        THEN COALESCE(l.next_inventory_date, a.next_date) END
        """,
        "move lines differ from their moves": """
            SELECT count(*) FROM stock_move m
              LEFT JOIN (SELECT move_id, sum(quantity) q FROM stock_move_line GROUP BY 1) l
                ON l.move_id = m.id
             WHERE m.state = 'done' AND round(m.quantity - COALESCE(l.q, 0), 4) != 0
        """,
        "layer quantities differ from the stock of the product": """
            WITH layers AS (
                SELECT product_id, sum(quantity) q, sum(remaining_qty) r
                  FROM stock_valuation_layer GROUP BY 1
            ), stock AS (
                SELECT q.product_id, sum(q.quantity) q FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE l.usage = 'internal' AND l.company_id IS NOT NULL GROUP BY 1
            )
            SELECT count(*) FROM layers FULL JOIN stock s USING (product_id)
             WHERE round(COALESCE(layers.q, 0) - COALESCE(s.q, 0), 4) != 0
                OR round(COALESCE(layers.r, 0) - COALESCE(s.q, 0), 4) != 0
        """,
        "layer values inconsistent": """
            SELECT count(*) FROM stock_valuation_layer
             WHERE round(value - quantity * unit_cost, 2) != 0
                OR round(remaining_value - remaining_qty * unit_cost, 2) != 0
                OR remaining_qty < 0 OR (quantity < 0 AND remaining_qty != 0)
                OR remaining_qty > GREATEST(quantity, 0)
        """,
        "sale order lines differ from their deliveries": """
            WITH delivered AS (
                SELECT sm.sale_line_id, sum(CASE WHEN dst.usage = 'customer'
                       THEN sm.quantity ELSE -sm.quantity END) AS qty
                  FROM stock_move sm JOIN stock_location dst ON dst.id = sm.location_dest_id
                 WHERE sm.state = 'done' AND sm.sale_line_id IS NOT NULL GROUP BY 1
            )
            SELECT count(*) FROM sale_order_line sol
              LEFT JOIN delivered d ON d.sale_line_id = sol.id
             WHERE sol.qty_delivered_method = 'stock_move'
               AND round(sol.qty_delivered - COALESCE(d.qty, 0), 4) != 0
        """,
        "deliveries of another product, warehouse or unconfirmed order": """
            SELECT count(*) FROM stock_move sm
              JOIN stock_location src ON src.id = sm.location_id
              JOIN stock_location dst ON dst.id = sm.location_dest_id
              JOIN sale_order_line sol ON sol.id = sm.sale_line_id
              JOIN sale_order so ON so.id = sol.order_id
             WHERE sm.state = 'done' AND src.usage = 'internal' AND dst.usage = 'customer'
               AND (sol.product_id != sm.product_id OR so.state != 'sale'
                    OR so.warehouse_id IS DISTINCT FROM src.warehouse_id)
        """,
        "remaining value differs from the value of the product": """
            SELECT count(*) FROM (
                SELECT product_id FROM stock_valuation_layer GROUP BY 1
                HAVING round(sum(value) - sum(remaining_value), 2) != 0) x
        """,
    }
    for problem, query in queries.items():
        cr.execute(query)
        count = cr.fetchone()[0]
        if count:
            problems.append(f"{problem}: {count} rows")
    return problems
