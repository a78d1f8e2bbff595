"""Checks that need the database: translations exported from the installed
addons match the committed .pot, zh_CN loads, every jxc model has access rules."""

import io
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parent.parent
JXC_ADDONS = ("jxc_bridge", "jxc_reports", "jxc_bridge_landed_costs")


@tagged("post_install", "-at_install")
class TestI18nAndAccess(TransactionCase):
    def test_pot_matches_installed_terms(self):
        """i18n/<addon>.pot holds exactly the terms Odoo exports for the addon."""
        for addon in JXC_ADDONS:
            with self.subTest(addon=addon):
                buf = io.BytesIO()
                trans_export(False, [addon], buf, "po", self.env.cr)
                exported = {e.msgid for e in polib.pofile(buf.getvalue().decode())}
                committed = {
                    e.msgid
                    for e in polib.pofile(
                        str(ROOT / "addons" / addon / "i18n" / f"{addon}.pot")
                    )
                }
                self.assertTrue(exported)
                self.assertEqual(
                    sorted(exported - committed), [], "terms missing from the .pot"
                )
                self.assertEqual(
                    sorted(committed - exported), [], "stale terms in the .pot"
                )

    def test_zh_cn_loads(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        modules = self.env["ir.module.module"].search([("name", "in", JXC_ADDONS)])
        modules._update_translations(["zh_CN"])
        zh = self.env(context={"lang": "zh_CN"})
        self.assertEqual(zh.ref("jxc_bridge.jxc_bridge_menu_stock").name, "进销存")
        self.assertEqual(
            zh.ref("jxc_bridge.jxc_bridge_menu_stock_limits").name, "库存上下限"
        )
        self.assertEqual(zh.ref("jxc_reports.jxc_reports_menu_account").name, "报表")
        self.assertEqual(zh.ref("jxc_bridge.jxc_bridge_group_manager").name, "管理员")

    def test_every_model_has_access_rules(self):
        missing = []
        for name, model in self.env.registry.items():
            if (
                model._original_module not in JXC_ADDONS
                or model._abstract
                or not model._auto
            ):
                continue
            if not self.env["ir.model.access"].search_count(
                [("model_id.model", "=", name)]
            ):
                missing.append(name)
        self.assertEqual(missing, [], "models without ir.model.access lines")
