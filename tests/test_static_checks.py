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
