"""Static checks of the jxc addons that need no database.

Each ``check_*`` function returns a list of problems (empty when all is well);
``tests/test_static_checks.py`` turns each into a test, and running this file
prints them all and exits non-zero on any problem.
"""

import ast
import csv
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
PYTHON_TREES = ["addons", "tests", "tools"]
BIN = Path(sys.executable).parent


def addon_dirs():
    return sorted(p.parent for p in ADDONS.glob("*/__manifest__.py"))


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def _run(cmd):
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def _tool(name):
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name)


def check_ruff():
    ruff = _tool("ruff")
    if not ruff:
        return ["ruff is not installed (it comes with requirements-dev.txt)"]
    problems = []
    rc, out = _run([ruff, "check", "--no-fix", *PYTHON_TREES])
    if rc:
        problems.append(f"ruff check:\n{out}")
    rc, out = _run([ruff, "format", "--check", *PYTHON_TREES])
    if rc:
        problems.append(f"ruff format --check:\n{out}")
    return problems


def check_pylint_odoo():
    rc, out = _run(
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile=.pylintrc-mandatory",
            *[str(a.relative_to(ROOT)) for a in addon_dirs()],
        ]
    )
    return [f"pylint-odoo (OCA mandatory rules, 18.0):\n{out}"] if rc else []


def check_xml_well_formed():
    problems = []
    for path in sorted(ADDONS.rglob("*.xml")):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            problems.append(f"{path.relative_to(ROOT)}: {exc}")
    return problems


def check_manifest_files():
    """Every file a manifest names exists, and every data file is named."""
    problems = []
    for addon in addon_dirs():
        man = manifest(addon)
        named = set()
        for key in ("data", "demo"):
            for rel in man.get(key, []):
                named.add(rel)
                if not (addon / rel).is_file():
                    problems.append(f"{addon.name}: {key} file {rel} does not exist")
        for folder in ("security", "views", "data", "report", "wizard"):
            for path in sorted((addon / folder).glob("*")):
                rel = str(path.relative_to(addon))
                if path.suffix in (".xml", ".csv") and rel not in named:
                    problems.append(f"{addon.name}: {rel} is not in the manifest")
        for key in ("name", "summary", "version", "license", "category", "depends"):
            if not man.get(key):
                problems.append(f"{addon.name}: manifest key {key} is missing")
        if not man.get("version", "").startswith("18.0."):
            problems.append(f"{addon.name}: version must be 18.0.x.y.z")
        for doc in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md", "CONTRIBUTORS.md"):
            if not (addon / "readme" / doc).is_file():
                problems.append(f"{addon.name}: readme/{doc} is missing")
    return problems


def check_po_files():
    """msgfmt -c accepts every .po/.pot; zh_CN.po translates every term of the .pot."""
    import polib

    problems = []
    for addon in addon_dirs():
        pot = addon / "i18n" / f"{addon.name}.pot"
        po = addon / "i18n" / "zh_CN.po"
        for path in (pot, po):
            if not path.is_file():
                problems.append(f"{path.relative_to(ROOT)} is missing")
                continue
            rc, out = _run(["msgfmt", "-c", "-o", "/dev/null", str(path)])
            if rc:
                problems.append(f"msgfmt -c {path.relative_to(ROOT)}:\n{out}")
        if not (pot.is_file() and po.is_file()):
            continue
        translated = {e.msgid: e for e in polib.pofile(str(po))}
        if polib.pofile(str(po)).metadata.get("Language") != "zh_CN":
            problems.append(f"{po.relative_to(ROOT)}: header Language is not zh_CN")
        for entry in polib.pofile(str(pot)):
            tr = translated.get(entry.msgid)
            if tr is None or not tr.msgstr.strip() or "fuzzy" in tr.flags:
                problems.append(
                    f"{po.relative_to(ROOT)}: no translation for {entry.msgid!r}"
                )
        stale = set(translated) - {e.msgid for e in polib.pofile(str(pot))}
        for msgid in sorted(stale):
            problems.append(f"{po.relative_to(ROOT)}: {msgid!r} is not in the .pot")
    return problems


def check_access_csv():
    """ir.model.access.csv files are well-formed and their ids unique."""
    problems = []
    for addon in addon_dirs():
        path = addon / "security" / "ir.model.access.csv"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        ids = [r["id"] for r in rows]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{addon.name}: duplicate access id {dup}")
        for row in rows:
            if not row.get("model_id:id"):
                problems.append(f"{addon.name}: access {row['id']} names no model")
    return problems


def check_test_imports():
    """Every ``test_*.py`` of an addon is imported by its ``tests/__init__.py``:
    Odoo's own test runner sees only the modules imported there."""
    problems = []
    for addon in addon_dirs():
        tests = addon / "tests"
        if not tests.is_dir():
            continue
        init = tests / "__init__.py"
        imported = set()
        if init.exists():
            for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level == 1:
                    if node.module:
                        imported.add(node.module.split(".")[0])
                    else:
                        imported.update(alias.name for alias in node.names)
        for path in sorted(tests.glob("test_*.py")):
            if path.stem not in imported:
                problems.append(
                    f"{path.relative_to(ROOT)}: not imported by "
                    f"{init.relative_to(ROOT)} (Odoo's test runner cannot see it)"
                )
    return problems


CHECKS = [
    check_ruff,
    check_pylint_odoo,
    check_xml_well_formed,
    check_manifest_files,
    check_po_files,
    check_access_csv,
    check_test_imports,
]


def main():
    failed = 0
    for check in CHECKS:
        problems = check()
        print(f"{'FAIL' if problems else 'ok  '} {check.__name__}")
        for problem in problems:
            print(f"     {problem}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
