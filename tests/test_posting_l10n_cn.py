"""Posting defaults of the Chinese chart (l10n_cn), end to end.

On the copy of the test database that ``make test`` prepares
(``JXC_LIFECYCLE_DB``, see ``test_lifecycle.py``), with l10n_cn installed: a new
company loads the ``cn`` chart; its product categories get the chart's stock
accounts and its default posting rules the accounts of Chinese practice. A
receipt, a delivery and a landed cost (Odoo's stock_landed_costs and
jxc_bridge_landed_costs, installed here) leave exact balances on 1405 库存商品,
1402 在途物资 and 6401 主营业务成本. Each step is a real Odoo process.
"""

import json
import os
import subprocess

import pytest

from odoo.sql_db import close_db, db_connect

FLOW = r"""
import json
from odoo import Command
cn = env.ref("base.cn")
company = env["res.company"].create({"name": "成都过账测试", "country_id": cn.id})
env["account.chart.template"].try_loading("cn", company, install_demo=False)
env = env(context=dict(env.context, allowed_company_ids=[company.id],
                       tracking_disable=True))
categ = env["product.category"].create({
    "name": "过账测试商品", "property_cost_method": "fifo",
    "property_valuation": "real_time",
})
product = env["product.product"].create(
    {"name": "龙井茶", "is_storable": True, "categ_id": categ.id})
partner = env["res.partner"].create({"name": "杭州茶厂"})
# Odoo creates a company's warehouse by itself only in test mode
warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)])
warehouse = warehouse or env["stock.warehouse"].create(
    {"name": "成都仓", "code": "CD", "company_id": company.id})

def transfer(picking_type, src, dest, qty, price):
    picking = env["stock.picking"].create({
        "picking_type_id": picking_type.id, "partner_id": partner.id,
        "location_id": src.id, "location_dest_id": dest.id,
        "move_ids": [Command.create({
            "name": product.name, "product_id": product.id,
            "product_uom_qty": qty, "product_uom": product.uom_id.id,
            "location_id": src.id, "location_dest_id": dest.id,
            "price_unit": price})],
    })
    picking.action_confirm()
    picking.action_assign()
    picking.move_ids.quantity = qty
    picking.move_ids.picked = True
    picking.button_validate()
    return picking

receipt = transfer(warehouse.in_type_id, env.ref("stock.stock_location_suppliers"),
                   warehouse.lot_stock_id, 10, 8.0)
transfer(warehouse.out_type_id, warehouse.lot_stock_id,
         env.ref("stock.stock_location_customers"), 4, 0.0)
# freight of 20.00 on the receipt, cleared on 1402 在途物资, once 4 are delivered
freight = env["product.product"].create(
    {"name": "运费", "type": "service", "landed_cost_ok": True})
landed_cost = env["stock.landed.cost"].create({
    "picking_ids": [Command.set(receipt.ids)],
    "cost_lines": [Command.create({
        "product_id": freight.id, "name": "运费", "price_unit": 20.0,
        "split_method": "equal",
        "account_id": categ.property_stock_account_input_categ_id.id})],
})
landed_cost.button_validate()
layers = env["stock.valuation.layer"].search([("product_id", "=", product.id)])
balances = {}
for line in env["account.move.line"].search(
        [("company_id", "=", company.id), ("parent_state", "=", "posted"),
         ("product_id", "=", product.id)]):
    code = line.account_id.code
    balances[code] = round(balances.get(code, 0.0) + line.balance, 2)
rules = env["jxc.posting.rule"].search(
    [("company_id", "=", company.id), ("sequence", "=", 100)])
print("RESULT " + json.dumps({
    "states": sorted(set(layers.mapped("jxc_posting_state"))),
    "balances": balances,
    "rules": {r.operation_kind: [r.debit_account_id.code or "",
                                 r.credit_account_id.code or ""] for r in rules},
    "category": [categ.property_stock_valuation_account_id.code,
                 categ.property_stock_account_input_categ_id.code,
                 categ.property_stock_account_output_categ_id.code],
}))
env.cr.rollback()
"""


@pytest.fixture(scope="module")
def odoo():
    missing = [
        v
        for v in ("JXC_LIFECYCLE_DB", "JXC_ODOO_CONF", "JXC_PYTHON")
        if not os.environ.get(v)
    ]
    assert not missing, f"run the suite with `make test`: {', '.join(missing)} not set"
    db = os.environ["JXC_LIFECYCLE_DB"]

    def run(*args, stdin=None):
        cmd = [os.environ["JXC_PYTHON"], "-m", "odoo", *args[:1]]
        cmd += ["-c", os.environ["JXC_ODOO_CONF"], "-d", db, "--log-level=warn"]
        proc = subprocess.run(
            cmd + list(args[1:]),
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            timeout=1200,
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == 0, output[-4000:]
        return output

    with db_connect(db).cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE state = 'installed' "
            "AND name IN ('l10n_cn', 'stock_landed_costs', 'jxc_bridge', "
            "'jxc_bridge_landed_costs')"
        )
        installed = {row[0] for row in cr.fetchall()}
    assert "jxc_bridge" in installed
    # landed costs are Odoo's stock_landed_costs, not a dependency of jxc_bridge:
    # jxc_bridge_landed_costs posts them through jxc's rule
    missing = {"l10n_cn", "stock_landed_costs", "jxc_bridge_landed_costs"} - installed
    if missing:
        run("server", "-i", ",".join(sorted(missing)), "--stop-after-init")
    yield run
    close_db(db)


def test_receipt_and_delivery_on_the_chinese_chart(odoo):
    output = odoo("shell", "--no-http", stdin=FLOW)
    lines = [line for line in output.splitlines() if line.startswith("RESULT ")]
    assert lines, output[-4000:]
    result = json.loads(lines[-1][len("RESULT ") :])
    assert result["states"] == ["posted"]
    assert result["category"] == ["140500", "140200", "640100"]
    assert result["rules"]["receipt"] == ["140500", "140200"]
    assert result["rules"]["delivery"] == ["640100", "140500"]
    assert result["rules"]["customer_return"] == ["140500", "640100"]
    assert result["rules"]["vendor_return"] == ["140200", "140500"]
    # the small business chart has no 1901: losses and gains go to 6711 / 6301
    assert result["rules"]["inventory_loss"] == ["671100", "140500"]
    assert result["rules"]["inventory_gain"] == ["140500", "630100"]
    assert result["rules"]["internal_transfer"] == ["", ""]
    assert result["rules"]["landed_cost"] == ["140500", ""]
    # 10 received at 8.00, 4 delivered (FIFO), then 20.00 of freight: 12.00 on
    # the 6 in stock, 8.00 on the 4 delivered (Odoo's landed cost entry)
    assert result["balances"] == {
        "140500": 48.0 + 20.0 - 8.0,
        "140200": -80.0 - 20.0,
        "640100": 32.0 + 8.0,
    }
