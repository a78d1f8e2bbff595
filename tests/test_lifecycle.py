"""Install and uninstall cleanly, with and without the l10n_cn chart of accounts.

``make test`` installs the jxc addons (with Odoo's stock_landed_costs and the glue
addon jxc_bridge_landed_costs) on a fresh database with Odoo's generic chart, then
copies it to ``JXC_LIFECYCLE_DB`` before the tests start; this test adds l10n_cn to
that copy, uninstalls the jxc addons, checks that nothing of them is left,
installs them again beside l10n_cn and loads the Chinese chart for a new
company. Each step is a real Odoo process, as an administrator would run it.
"""

import os
import subprocess

import pytest

from odoo.sql_db import close_db, db_connect

JXC = ("jxc_bridge", "jxc_reports", "jxc_bridge_landed_costs")

UNINSTALL = """
jxc = [("name", "in", ["jxc_bridge_landed_costs", "jxc_reports", "jxc_bridge"])]
modules = env["ir.module.module"].search(jxc)
modules.button_immediate_uninstall()
env.cr.commit()
"""

CN_COMPANY = """
cn = env.ref("base.cn")
company = env["res.company"].create({"name": "上海测试", "country_id": cn.id})
env["account.chart.template"].try_loading("cn", company, install_demo=False)
env.cr.commit()
print("CHART", company.chart_template)
"""

AUTOMATIC = (
    "SELECT res_id FROM ir_model_data WHERE module = 'stock_account' "
    "AND name = 'group_stock_accounting_automatic'"
)
AUTOMATIC_IMPLIED = f"""
SELECT r.gid FROM res_groups_implied_rel r
 WHERE r.hid IN ({AUTOMATIC})
   AND r.gid IN (SELECT res_id FROM ir_model_data
                  WHERE module = 'base' AND name = 'group_user')
"""
AUTOMATIC_USERS = f"""
SELECT count(*) FROM res_groups_users_rel r JOIN res_users u ON u.id = r.uid
 WHERE r.gid IN ({AUTOMATIC}) AND NOT u.share
"""
JXC_INDEXES = """
SELECT tablename, indexname FROM pg_indexes
 WHERE tablename IN ('stock_move', 'stock_valuation_layer', 'stock_picking')
   AND indexname LIKE 'jxc%%'
"""


@pytest.fixture(scope="module")
def lifecycle():
    missing = [
        v
        for v in ("JXC_LIFECYCLE_DB", "JXC_ODOO_CONF", "JXC_PYTHON")
        if not os.environ.get(v)
    ]
    assert not missing, f"run the suite with `make test`: {', '.join(missing)} not set"
    db = os.environ["JXC_LIFECYCLE_DB"]

    def odoo(*args, stdin=None):
        cmd = [
            os.environ["JXC_PYTHON"],
            "-m",
            "odoo",
            *args[:1],
            "-c",
            os.environ["JXC_ODOO_CONF"],
            "-d",
            db,
            "--log-level=warn",
            *args[1:],
        ]
        proc = subprocess.run(
            cmd, input=stdin, capture_output=True, text=True, check=False, timeout=1200
        )
        output = proc.stdout + proc.stderr
        errors = [
            line
            for line in output.splitlines()
            if " ERROR " in line or " CRITICAL " in line
        ]
        assert proc.returncode == 0 and not errors, output[-4000:]
        return output

    def query(sql, params=()):
        with db_connect(db).cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    yield odoo, query
    close_db(db)


def module_states(query):
    return dict(
        query(
            "SELECT name, state FROM ir_module_module WHERE name IN %s",
            (JXC + ("l10n_cn",),),
        )
    )


def test_uninstall_and_reinstall_with_l10n_cn(lifecycle):
    odoo, query = lifecycle
    odoo("server", "-i", "l10n_cn", "--stop-after-init")
    assert module_states(query) == {
        "jxc_bridge": "installed",
        "jxc_reports": "installed",
        "jxc_bridge_landed_costs": "installed",
        "l10n_cn": "installed",
    }

    odoo(
        "shell",
        "--no-http",
        stdin=UNINSTALL,
    )
    assert module_states(query) == {
        "jxc_bridge": "uninstalled",
        "jxc_reports": "uninstalled",
        "jxc_bridge_landed_costs": "uninstalled",
        "l10n_cn": "installed",
    }
    assert (
        query(
            "SELECT module, model, name FROM ir_model_data WHERE module IN %s", (JXC,)
        )
        == []
    )
    assert query("SELECT id FROM ir_ui_menu WHERE name->>'en_US' = 'JXC'") == []
    assert query("SELECT model FROM ir_model WHERE model LIKE 'jxc.%%'") == []
    # Odoo's own groups survive, without the implication jxc had added to them
    assert query(
        "SELECT count(*) FROM ir_model_data "
        "WHERE module = 'stock' AND name = 'group_stock_user'"
    ) == [(1,)]
    # automatic stock accounting is no longer implied for every internal user,
    # and the employees it was given to no longer have it
    assert query(AUTOMATIC_IMPLIED) == []
    assert query(AUTOMATIC_USERS) == [(0,)]
    # no jxc index is left on Odoo's tables
    assert query(JXC_INDEXES) == []

    odoo("server", "-i", ",".join(JXC), "--stop-after-init")
    assert module_states(query) == {
        "jxc_bridge": "installed",
        "jxc_reports": "installed",
        "jxc_bridge_landed_costs": "installed",
        "l10n_cn": "installed",
    }
    output = odoo(
        "shell",
        "--no-http",
        stdin=CN_COMPANY,
    )
    assert "CHART cn" in output
    assert query(
        "SELECT a.code_store->>c.id::text FROM account_account a "
        "JOIN res_company c ON c.name = '上海测试' "
        "WHERE a.code_store->>c.id::text = '140500'"
    ) == [("140500",)]
