# Copyright 2026 jxc contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Snapshot the history a company already has right after the install, in
    the background, rather than on the 1st of next month: until then every
    report would read all of it."""
    env.ref("jxc_reports.ir_cron_jxc_stock_snapshot_build")._trigger()
