from odoo.tests import TransactionCase, tagged

from ..tools import planner_settings


@tagged("post_install", "-at_install")
class TestPlannerSettings(TransactionCase):
    def setting(self, name):
        self.env.cr.execute("SELECT current_setting(%s)", [name])
        return self.env.cr.fetchone()[0]

    def test_set_inside_and_restored_after(self):
        self.env.cr.execute("SET LOCAL work_mem = '5MB'")
        jit = self.setting("jit")
        with planner_settings(self.env.cr):
            self.assertEqual(self.setting("jit"), "off")
            self.assertEqual(self.setting("work_mem"), "64MB")
        self.assertEqual(self.setting("jit"), jit)
        self.assertEqual(self.setting("work_mem"), "5MB")

    def test_other_settings(self):
        with planner_settings(self.env.cr, {"enable_nestloop": "off"}):
            self.assertEqual(self.setting("enable_nestloop"), "off")
        self.assertEqual(self.setting("enable_nestloop"), "on")
