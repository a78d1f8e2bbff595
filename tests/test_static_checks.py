"""The static checks of tools/static_checks.py, one test each."""

import pytest
import static_checks


@pytest.mark.parametrize("check", static_checks.CHECKS, ids=lambda c: c.__name__)
def test_static(check):
    problems = check()
    assert not problems, "\n".join(problems)


def test_po_check_catches_a_missing_translation(tmp_path, monkeypatch):
    """The .po completeness check is not vacuous: a term without msgstr fails it."""
    addon = tmp_path / "addons" / "jxc_probe"
    (addon / "i18n").mkdir(parents=True)
    (addon / "__manifest__.py").write_text("{'name': 'probe'}")
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    (addon / "i18n" / "jxc_probe.pot").write_text(
        header + '\nmsgid "Stock Limits"\nmsgstr ""\n', encoding="utf-8"
    )
    (addon / "i18n" / "zh_CN.po").write_text(
        header + '"Language: zh_CN\\n"\n\nmsgid "Stock Limits"\nmsgstr ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(static_checks, "ROOT", tmp_path)
    monkeypatch.setattr(static_checks, "ADDONS", tmp_path / "addons")
    problems = static_checks.check_po_files()
    assert problems == [
        "addons/jxc_probe/i18n/zh_CN.po: no translation for 'Stock Limits'"
    ]


def test_test_import_check_catches_a_module_not_imported(tmp_path, monkeypatch):
    """The test import check is not vacuous: a test module that the package's
    __init__.py does not import fails it, an imported one does not."""
    tests = tmp_path / "addons" / "jxc_probe" / "tests"
    tests.mkdir(parents=True)
    (tmp_path / "addons" / "jxc_probe" / "__manifest__.py").write_text(
        "{'name': 'probe'}"
    )
    (tests / "__init__.py").write_text("from . import test_seen\n")
    (tests / "test_seen.py").write_text("")
    (tests / "test_forgotten.py").write_text("")
    monkeypatch.setattr(static_checks, "ROOT", tmp_path)
    monkeypatch.setattr(static_checks, "ADDONS", tmp_path / "addons")
    expected = (
        "addons/jxc_probe/tests/test_forgotten.py: not imported by "
        "addons/jxc_probe/tests/__init__.py (Odoo's test runner cannot see it)"
    )
    assert static_checks.check_test_imports() == [expected]
