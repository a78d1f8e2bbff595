"""A consistent Odoo 18 stock database at benchmark scale.

Master data (categories, warehouses, locations, partners, products) is created
through the ORM, so it is what Odoo itself writes; the volume — reordering rules,
done stock moves with their move lines, valuation layers and quants — is written
by set-based SQL (``INSERT … SELECT generate_series``), the way Odoo would have
left it after validating every move:

- every move is ``done`` with one done move line of the same quantity;
- quants are the sum of the done move lines per product × internal location;
- each valued move has one layer (internal transfers have none); incoming
  moves (receipts, returns, gains) cost what the product cost that month, a
  base cost drifting by up to ``COST_DRIFT`` a month; outgoing moves are valued
  as Odoo values them, replayed per product in date order (``bench_valuation``):
  they consume the oldest layers' remaining quantity and value, FIFO products
  at the value consumed, AVCO products at the running average cost, which
  becomes the product's ``standard_price``;
- every delivery to a customer delivers one line of a confirmed sale order of
  its warehouse (``sale_line_id``, ``qty_delivered``), as Odoo links them;
- volumes follow a yearly season (peak in late November);
- pseudo-random choices come from ``hashint8extended(n, seed)``: the same scale
  always writes the same rows.

``check(cr)`` verifies those identities; ``tools/jxc bench`` builds and checks.
"""

import io
import itertools
import math
import time
from datetime import datetime, timedelta, timezone

from bench_valuation import ProductValuation

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
COST_DRIFT = 0.04  # a product's purchase cost moves by up to ±4 % a month
VALUATION_BATCH = 500  # products valued per query in the replay of their moves


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
            "cost numeric, moving bool, fifo bool) ON COMMIT DROP"
        )
        moving_cut = round(len(self.products) * (1 - DORMANT_SHARE))
        cr.execute(
            "INSERT INTO bench_product SELECT * FROM unnest(%s::int[], %s::int[], %s::numeric[],"
            " %s::bool[], %s::bool[])",
            (
                list(range(len(self.products))),
                self.products.ids,
                [self._cost(i) for i in range(len(self.products))],
                [i < moving_cut for i in range(len(self.products))],
                [p.categ_id.property_cost_method == "fifo" for p in self.products],
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
        self._purchase_costs()
        self._valuation()
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
                   COALESCE(v.unit_cost, m.cost), true, m.kind = 'scrap',
                   m.kind LIKE 'inventory%%', '0', 10, true,
                   false, m.sale_line_id, so.name, so.partner_shipping_id,
                   %(uid)s, %(uid)s, m.date, m.date
              FROM bench_move m JOIN stock_warehouse w ON w.id = m.warehouse_id
              LEFT JOIN bench_value v ON v.id = m.id AND m.sign > 0
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
            SELECT %(company)s, m.product_id, pt.categ_id, m.id, mv.reference, m.sign * m.qty,
                   v.unit_cost, v.value, v.remaining_qty, v.remaining_value,
                   %(uid)s, %(uid)s, m.date, m.date{extra_values}
              FROM bench_move m
              JOIN bench_value v ON v.id = m.id
              JOIN stock_move mv ON mv.id = m.id
              JOIN product_product pp ON pp.id = m.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             -- layer ids in move order: Odoo's FIFO takes layers by date, then id
             ORDER BY m.id
            """.format(**self._layer_extras()),
            params,
        )
        self.log(f"{cr.rowcount} valuation layers")

    def _purchase_costs(self):
        """Incoming moves cost what their product cost that month: its base cost
        moved, month after month, by a pseudo-random step of up to ±COST_DRIFT
        (a random walk, the same for every run of a scale)."""
        self.cr.execute(
            """
            CREATE TEMP TABLE bench_cost ON COMMIT DROP AS
            WITH bounds AS (
                SELECT date_trunc('month', min(date)) AS first, max(date) AS last
                  FROM bench_move
            ), steps AS (
                SELECT p.product_id, p.cost, mo.month,
                       CASE WHEN mo.month = b.first THEN 0
                            ELSE ln(1 + %(drift)s * (2 * (abs(hashint8extended(
                                 p.idx::bigint * 100000 + (extract(year FROM mo.month) * 12
                                 + extract(month FROM mo.month))::bigint, %(seed)s))
                                 %% 1000001) / 1000000.0 - 1)) END AS step
                  FROM bench_product p, bounds b,
                       generate_series(b.first, b.last, interval '1 month') mo(month)
            )
            SELECT product_id, month,
                   GREATEST(0.01, round(cost * exp(sum(step) OVER (
                       PARTITION BY product_id ORDER BY month)), 2)) AS cost
              FROM steps;
            ALTER TABLE bench_cost ADD PRIMARY KEY (product_id, month);
            ALTER TABLE bench_move ADD COLUMN unit_cost numeric;
            UPDATE bench_move m SET unit_cost = c.cost
              FROM bench_cost c
             WHERE m.sign > 0 AND c.product_id = m.product_id
               AND c.month = date_trunc('month', m.date);
            """,
            {"drift": COST_DRIFT, "seed": self.seed + 4},
        )
        self.log("purchase costs")

    def _valuation(self):
        """Each valued move's layer values into ``bench_value``, from Odoo's
        valuation replayed per product in date order (``bench_valuation``); each
        product's cost (``standard_price``) is the one the replay ends with."""
        cr = self.cr
        cr.execute(
            """
            CREATE INDEX ON bench_move (product_id, date, id) WHERE sign != 0;
            CREATE TEMP TABLE bench_value (
                id int PRIMARY KEY, unit_cost numeric, value numeric,
                remaining_qty numeric, remaining_value numeric) ON COMMIT DROP;
            SELECT product_id, fifo, cost FROM bench_product ORDER BY product_id;
            """
        )
        products = cr.fetchall()
        prices = {}
        for start in range(0, len(products), VALUATION_BATCH):
            batch = products[start : start + VALUATION_BATCH]
            valuations = {
                product_id: ProductValuation(fifo, float(cost))
                for product_id, fifo, cost in batch
            }
            cr.execute(
                "SELECT product_id, id, sign, qty, unit_cost FROM bench_move "
                "WHERE sign != 0 AND product_id = ANY(%s) ORDER BY product_id, date, id",
                [list(valuations)],
            )
            layers = {}
            for product_id, moves in itertools.groupby(cr.fetchall(), lambda r: r[0]):
                valuation = valuations[product_id]
                for _product, move_id, sign, qty, unit_cost in moves:
                    layers[move_id] = (
                        valuation.receive(float(qty), float(unit_cost))
                        if sign > 0
                        else valuation.issue(float(qty))
                    )
            prices.update((pid, v.standard_price) for pid, v in valuations.items())
            cr.copy_from(
                io.StringIO(
                    "".join(
                        "%d\t%r\t%r\t%r\t%r\n" % (move_id, *layer)
                        for move_id, layer in layers.items()
                    )
                ),
                "bench_value",
                columns=(
                    "id",
                    "unit_cost",
                    "value",
                    "remaining_qty",
                    "remaining_value",
                ),
            )
        cr.execute(
            """
            UPDATE product_product p
               SET standard_price = COALESCE(p.standard_price, '{}'::jsonb)
                   || jsonb_build_object(%s::text, v.price)
              FROM unnest(%s::int[], %s::numeric[]) v(id, price)
             WHERE p.id = v.id
            """,
            (self.company.id, list(prices), list(prices.values())),
        )
        self.log("valuation replayed")

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
        # an outgoing layer's unit cost is rounded to the price precision (and
        # AVCO values carry Odoo's rounding adjustment): a cent per unit
        "layer values inconsistent": """
            SELECT count(*) FROM stock_valuation_layer
             WHERE (quantity > 0 AND round(value - quantity * unit_cost, 2) != 0)
                OR (quantity < 0
                    AND abs(value - quantity * unit_cost) > 0.01 * abs(quantity) + 0.01)
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
        # Odoo consumes the remainders of AVCO layers first in, first out too,
        # but values AVCO stock at the average: only a FIFO product's remaining
        # value is its stock value
        "remaining value differs from the value of a FIFO product": """
            SELECT count(*) FROM (
                SELECT l.product_id FROM stock_valuation_layer l
                  JOIN product_category c ON c.id = l.categ_id
                 WHERE c.property_cost_method ->> l.company_id::text = 'fifo'
                 GROUP BY 1
                HAVING round(sum(l.value) - sum(l.remaining_value), 2) != 0) x
        """,
        # the layers' quantities, laid end to end in date order, in on one side
        # and out on the other: each stretch of quantity between two consecutive
        # ends belongs to one incoming layer (the next in end) and is consumed by
        # one outgoing layer (the next out end)
        "outgoing FIFO value differs from the layers it consumed": """
            WITH ends AS (
                SELECT l.product_id, l.quantity > 0 AS is_in, l.unit_cost, l.value,
                       sum(abs(l.quantity)) OVER (PARTITION BY l.product_id, l.quantity > 0
                           ORDER BY l.create_date, l.id) AS pos
                  FROM stock_valuation_layer l
                  JOIN product_category c ON c.id = l.categ_id
                 WHERE c.property_cost_method ->> l.company_id::text = 'fifo'
                   AND l.quantity != 0
            ), stretches AS (
                SELECT *, pos - COALESCE(lag(pos) OVER up, 0) AS length,
                       count(*) FILTER (WHERE is_in) OVER down AS in_no,
                       count(*) FILTER (WHERE NOT is_in) OVER down AS out_no
                  FROM ends
                WINDOW up AS (PARTITION BY product_id ORDER BY pos, is_in),
                       down AS (PARTITION BY product_id ORDER BY pos DESC, is_in DESC)
            ), costed AS (
                SELECT *, max(unit_cost) FILTER (WHERE is_in)
                          OVER (PARTITION BY product_id, in_no) AS in_cost
                  FROM stretches
            ), consumed AS (
                SELECT product_id, out_no, sum(length * in_cost) AS value
                  FROM costed WHERE out_no > 0 GROUP BY 1, 2
            )
            SELECT count(*) FROM costed o JOIN consumed c USING (product_id, out_no)
             WHERE NOT o.is_in AND round(-o.value, 2) IS DISTINCT FROM round(c.value, 2)
        """,
        # an AVCO outgoing layer is valued at the product's cost, Odoo's running
        # average: the previous outgoing layer's unit cost, moved by the
        # incoming layer between them (rounded to the price precision, as Odoo
        # rounds the cost; after several incoming layers the step is not checked)
        "AVCO outgoing value differs from the running average": """
            WITH avco AS (
                SELECT l.product_id, l.quantity, l.unit_cost, l.value,
                       COALESCE(sum(l.quantity) OVER before, 0) AS stock_before,
                       count(*) FILTER (WHERE l.quantity < 0) OVER upto AS out_no
                  FROM stock_valuation_layer l
                  JOIN product_category c ON c.id = l.categ_id
                 WHERE c.property_cost_method ->> l.company_id::text = 'average'
                WINDOW before AS (PARTITION BY l.product_id ORDER BY l.create_date, l.id
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                       upto AS (PARTITION BY l.product_id ORDER BY l.create_date, l.id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            ), incoming AS (
                SELECT product_id, out_no, count(*) AS layers, min(stock_before) AS before,
                       sum(quantity) AS qty, sum(value) AS value
                  FROM avco WHERE quantity > 0 GROUP BY 1, 2
            ), outgoing AS (
                SELECT product_id, out_no, unit_cost FROM avco WHERE quantity < 0
            )
            SELECT count(*) FROM outgoing o
              JOIN outgoing p ON p.product_id = o.product_id AND p.out_no = o.out_no - 1
              LEFT JOIN incoming i ON i.product_id = p.product_id AND i.out_no = p.out_no
             WHERE COALESCE(i.layers, 0) <= 1 AND o.unit_cost != CASE
                   WHEN i.layers IS NULL THEN p.unit_cost
                   WHEN i.before = 0 OR i.before + i.qty = 0 THEN round(i.value / i.qty, 2)
                   ELSE round((p.unit_cost * i.before + i.value) / (i.before + i.qty), 2)
                   END
        """,
        # Odoo sets a FIFO product's cost to its remaining value per unit after
        # an outgoing move (rounded: half a cent), to the average of that cost and
        # the move after an incoming one (another half cent each)
        "FIFO product cost differs from its stock value per unit": """
            WITH layers AS (
                SELECT l.product_id, l.company_id, l.quantity, l.value,
                       count(*) FILTER (WHERE l.quantity < 0) OVER (
                           PARTITION BY l.product_id ORDER BY l.create_date DESC, l.id DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS outs_after
                  FROM stock_valuation_layer l
                  JOIN product_category c ON c.id = l.categ_id
                 WHERE c.property_cost_method ->> l.company_id::text = 'fifo'
            ), stock AS (
                SELECT product_id, company_id, sum(quantity) AS qty, sum(value) AS value,
                       count(*) FILTER (WHERE outs_after = 0) AS incoming_since
                  FROM layers GROUP BY 1, 2
            )
            SELECT count(*) FROM stock s JOIN product_product p ON p.id = s.product_id
             WHERE s.qty > 0 AND abs((p.standard_price ->> s.company_id::text)::numeric
                   - s.value / s.qty) > 0.005 * (1 + s.incoming_since) + 0.000001
        """,
    }
    for problem, query in queries.items():
        cr.execute(query)
        count = cr.fetchone()[0]
        if count:
            problems.append(f"{problem}: {count} rows")
    return problems
