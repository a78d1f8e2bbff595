"""The README's commands without Odoo, and the server configuration example."""

import configparser
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import odoo

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_odoo_env(tmp_path):
    """An environment where neither ODOO_SRC nor an importable odoo exists:
    every Python the harness looks for fails (a system Python may see Odoo)."""
    shim = tmp_path / "bin"
    shim.mkdir()
    for name in ("python3", "python3.10", "python3.11", "python3.12"):
        python = shim / name
        python.write_text("#!/bin/sh\nexit 1\n")
        python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ODOO", "PG"))}
    env["PATH"] = f"{shim}:/usr/bin:/bin"
    return env


@pytest.mark.parametrize("target", ["test", "demo"])
def test_without_odoo_the_commands_say_how_to_get_it(no_odoo_env, target):
    started = time.monotonic()
    proc = subprocess.run(
        ["make", "-s", target],
        cwd=ROOT,
        env=no_odoo_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode != 0
    assert time.monotonic() - started < 30
    assert "Odoo 18.0 was not found" in proc.stderr
    assert "ODOO_SRC=/path/to/odoo make test" in proc.stderr


def test_odoo_src_must_be_odoo_18(no_odoo_env, tmp_path):
    fake = tmp_path / "odoo-17"
    (fake / "odoo").mkdir(parents=True)
    (fake / "odoo" / "release.py").write_text(
        "version_info = (17, 0, 0, FINAL, 0, '')\n"
    )
    for src, message in [
        (tmp_path / "nowhere", "is not a directory"),
        (tmp_path, "holds no odoo/release.py"),
        (fake, "is version '17.0', jxc needs 18.0"),
    ]:
        proc = subprocess.run(
            ["tools/jxc", "test"],
            cwd=ROOT,
            env=dict(no_odoo_env, ODOO_SRC=str(src)),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 2, proc.stderr
        assert message in proc.stderr


def test_odoo_conf_example_uses_only_odoo_options():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "odoo.conf.example", encoding="utf-8")
    assert parser.sections() == ["options"]
    known = set(odoo.tools.config.options)
    unknown = sorted(set(parser["options"]) - known)
    assert unknown == []
    assert parser["options"]["addons_path"].startswith("/opt/jxc/addons,")
    for key in (
        "workers",
        "limit_time_cpu",
        "limit_time_real",
        "proxy_mode",
        "db_user",
    ):
        assert parser["options"][key]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_workers_the_gevent_process_serves(tmp_path):
    """Odoo started the harness's way with --workers=2 runs its gevent process
    (live notifications): it answers on its port instead of dying at start
    (a relative import under ``python -m odoo``; the zope wheels' metadata that
    gevent 22's pkg_resources does not find)."""
    http_port, gevent_port = _free_port(), _free_port()
    log = tmp_path / "odoo.log"
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tools" / "run_odoo.py"),
            "-c",
            os.environ["JXC_ODOO_CONF"],
            "--workers=2",
            "--max-cron-threads=0",
            "--http-interface=127.0.0.1",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            f"--logfile={log}",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    status = None
    try:
        deadline = time.monotonic() + 180
        while status is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{gevent_port}/websocket", timeout=5
                ) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                time.sleep(1)
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=60)
    assert status is not None, errors[-2000:]
    assert "DistributionNotFound" not in errors
    assert "Evented Service (longpolling) running" in log.read_text()
