"""Load check of the oversell guard: Odoo with workers, salesmen over JSON-RPC.

    python tests/perf/oversell_load.py --config CONF --database DB [--seconds 20]

Starts an Odoo server with ``--workers=2`` on 127.0.0.1 (and checks that its
gevent process answers), prepares users, hot products and stock in ``DB``, then
warms the workers up, then runs three phases of ``--seconds`` each, ``--clients`` clients (default 8), each
its own session, creating a quotation of 1 to 3 units of one of ``--products``
hot products, confirming it and validating about one delivery in three:

- ``off``: the company's overselling policy off, ample stock;
- ``on``: policy block, the same ample stock (the guard's cost: p50 against off);
- ``scarce``: policy block, 10 units per product (the guard's promise).

Prints per phase the throughput, p50/p95 of the confirmation, the blocked
confirmations, the retries Odoo logged (serialization failures), the requests
that ran out of Odoo's tries (``exhausted``; a confirmation then ends in jxc's
"try again in a moment" error, counted as ``busy``), the other errors and the
products promised beyond their stock (``oversold``, 0 under the guard).
Nothing here is a timing assertion; the figures go to docs/performance.md.
"""

import argparse
import http.cookiejar
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

PASSWORD = "jxc-load"
AMPLE = 100000


class Client:
    """One user's session on the server, JSON-RPC over HTTP."""

    def __init__(self, url, database, login):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.rpc(
            "/web/session/authenticate",
            {"db": database, "login": login, "password": PASSWORD},
        )

    def rpc(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            body.encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=300) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            raise RpcError(answer["error"])
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class RpcError(Exception):
    def __init__(self, error):
        super().__init__(error.get("message"))
        self.name = error.get("data", {}).get("name", "")
        self.text = error.get("data", {}).get("message", "")


def open_env(config, database):
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    return odoo, Registry(database)


def prepare(odoo, registry, clients, products, phase, policy, stock):
    """Users (once), the phase's hot products with ``stock`` each, the policy."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        company = env.company
        company.jxc_oversell_policy = policy
        # salesmen, not managers (a manager gets the override dialog instead of
        # the block error), who may validate deliveries
        groups = [
            env.ref("base.group_user").id,
            env.ref("sales_team.group_sale_salesman").id,
            env.ref("stock.group_stock_user").id,
        ]
        logins = []
        for i in range(clients):
            login = f"jxc_load_{i + 1}"
            user = (
                env["res.users"]
                .with_context(active_test=False)
                .search([("login", "=", login)])
            )
            if not user:
                user = env["res.users"].create(
                    {"name": f"JXC Load {i + 1}", "login": login}
                )
            user.write(
                {
                    "active": True,
                    "password": PASSWORD,
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, groups)],
                }
            )
            logins.append(login)
        customer = env["res.partner"].search([("name", "=", "JXC Load Customer")])
        customer = customer[:1] or env["res.partner"].create(
            {"name": "JXC Load Customer"}
        )
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        stamp = time.strftime("%H%M%S")
        hot = env["product.product"].create(
            [
                {"name": f"JXC Load {phase} {stamp} {i}", "is_storable": True}
                for i in range(products)
            ]
        )
        for product in hot:
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, stock
            )
        return logins, customer.id, warehouse.id, hot.ids


def oversold(odoo, registry, warehouse_id, product_ids):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        products = env["product.product"].browse(product_ids)
        atp = products._jxc_available_to_promise(
            env["stock.warehouse"].browse(warehouse_id)
        )
        return sum(1 for qty in atp.values() if qty < 0)


def client_loop(url, database, login, customer, warehouse, products, deadline, out):
    client = Client(url, database, login)
    rng = random.Random(login)
    while time.monotonic() < deadline:
        order_id = client.call(
            "sale.order",
            "create",
            {
                "partner_id": customer,
                "warehouse_id": warehouse,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": rng.choice(products),
                            "product_uom_qty": rng.randint(1, 3),
                        },
                    )
                ],
            },
        )
        started = time.perf_counter()
        try:
            result = client.call("sale.order", "action_confirm", [order_id])
        except RpcError as error:
            seconds = time.perf_counter() - started
            if "available to promise" in error.text:
                out["blocked"].append(seconds)
            elif "try again in a moment" in error.text:
                out["busy"].append(seconds)
            else:
                out["errors"].append(f"{error.name}: {error.text[:200]}")
            continue
        seconds = time.perf_counter() - started
        if (
            isinstance(result, dict)
            and result.get("res_model") == "jxc.oversell.wizard"
        ):
            # the guard's dialog (a warning, or a manager's override): not confirmed
            out["blocked"].append(seconds)
            continue
        if result is not True:
            out["errors"].append(f"confirmation returned {result!r:.200}")
            continue
        out["confirmed"].append(seconds)
        if rng.random() < 1 / 3:
            try:
                pickings = client.call(
                    "sale.order", "read", [order_id], ["picking_ids"]
                )[0]["picking_ids"]
                client.call("stock.picking", "action_assign", pickings)
                states = client.call("stock.picking", "read", pickings, ["state"])
                ready = [p["id"] for p in states if p["state"] == "assigned"]
                if ready:
                    client.call("stock.picking", "button_validate", ready)
                    out["validated"] += 1
            except RpcError as error:
                out["errors"].append(f"validate: {error.name}: {error.text[:200]}")


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_phase(args, odoo, registry, url, log, phase, policy, stock):
    logins, customer, warehouse, products = prepare(
        odoo, registry, args.clients, args.products, phase, policy, stock
    )
    log_start = log.stat().st_size if log.exists() else 0
    outs = [
        {"confirmed": [], "blocked": [], "busy": [], "errors": [], "validated": 0}
        for _login in logins
    ]
    deadline = time.monotonic() + args.seconds
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=client_loop,
            args=(
                url,
                args.database,
                login,
                customer,
                warehouse,
                products,
                deadline,
                out,
            ),
        )
        for login, out in zip(logins, outs, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    confirmed = [s for out in outs for s in out["confirmed"]]
    blocked = [s for out in outs for s in out["blocked"]]
    errors = [e for out in outs for e in out["errors"]]
    retries = exhausted = 0
    with log.open(errors="replace") as handle:
        handle.seek(log_start)
        for line in handle:
            retries += "tries left, try again" in line
            exhausted += "maximum number of tries reached" in line
            exhausted += "given up after" in line
    return {
        "phase": phase,
        "policy": policy,
        "stock": stock,
        "seconds": elapsed,
        "confirmed": len(confirmed),
        "blocked": len(blocked),
        "validated": sum(out["validated"] for out in outs),
        "throughput": (len(confirmed) + len(blocked)) / elapsed,
        "p50": percentile(confirmed + blocked, 0.5),
        "p95": percentile(confirmed + blocked, 0.95),
        "p50_confirmed": percentile(confirmed, 0.5),
        "retries": retries,
        "exhausted": exhausted,
        "busy": sum(len(out["busy"]) for out in outs),
        "errors": errors,
        "oversold": oversold(odoo, registry, warehouse, products),
    }


def wait_for(url, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(1)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--products", type=int, default=3)
    parser.add_argument("--port", type=int, default=18169)
    parser.add_argument(
        "--gevent-port",
        type=int,
        help="the port of Odoo's gevent process (default: --port + 1)",
    )
    args = parser.parse_args()

    odoo, registry = open_env(args.config, args.database)
    with registry.cursor() as cr:
        cr.execute("SELECT id, jxc_oversell_policy FROM res_company")
        policies = cr.fetchall()
    log = Path(tempfile.mkdtemp(prefix="jxc-load-")) / "odoo.log"
    gevent_port = args.gevent_port or args.port + 1
    url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            sys.executable,
            # a script, so that Odoo can start its gevent process again from it
            str(Path(__file__).resolve().parents[2] / "tools" / "run_odoo.py"),
            "-c",
            args.config,
            "-d",
            args.database,
            f"--db-filter=^{args.database}$",
            "--workers=2",
            "--max-cron-threads=0",
            "--http-interface=127.0.0.1",
            f"--http-port={args.port}",
            f"--gevent-port={gevent_port}",
            "--limit-time-real=600",
            "--log-level=info",
            f"--logfile={log}",
        ]
    )
    results = []
    try:
        if wait_for(url + "/web/health", 180) != 200:
            sys.exit(f"[load] the server did not answer on {url} (log: {log})")
        gevent = wait_for(f"http://127.0.0.1:{gevent_port}/websocket", 60)
        print(f"[load] server on {url}, 2 workers; gevent /websocket answers {gevent}")
        # each worker loads the registry at its first request: not measured
        run_phase(args, odoo, registry, url, log, "warmup", "off", AMPLE)
        for phase, policy, stock in (
            ("off", "off", AMPLE),
            ("on", "block", AMPLE),
            ("scarce", "block", 10),
        ):
            result = run_phase(args, odoo, registry, url, log, phase, policy, stock)
            results.append(result)
            print(
                "[load] {phase:6} policy {policy:5} stock {stock:>6}: "
                "{throughput:5.1f} confirmations/s, p50 {p50:.3f}s, p95 {p95:.3f}s, "
                "{confirmed} confirmed, {blocked} blocked, {validated} validated, "
                "{retries} retries, {exhausted} exhausted, {busy} busy, "
                "{n_errors} errors, oversold {oversold}".format(
                    n_errors=len(result["errors"]), **result
                )
            )
            for error in result["errors"][:5]:
                print(f"[load]   error: {error}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        # the companies' policies as they were (the products and orders stay)
        with registry.cursor() as cr:
            for company_id, policy in policies:
                cr.execute(
                    "UPDATE res_company SET jxc_oversell_policy = %s WHERE id = %s",
                    [policy, company_id],
                )
    off, on, scarce = results
    ratio = on["p50_confirmed"] / off["p50_confirmed"]
    print(
        f"[load] guard on/off at p50 of a confirmation: {ratio:.2f}x "
        f"({on['p50_confirmed']:.3f}s / {off['p50_confirmed']:.3f}s)"
    )
    if scarce["oversold"] or on["oversold"]:
        print("[load] OVERSOLD under the guard")
        sys.exit(1)


if __name__ == "__main__":
    main()
