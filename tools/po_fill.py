"""Write i18n/zh_CN.po of an addon from its .pot and a table of translations.

    python tools/po_fill.py addons/jxc_bridge translations.tsv

Keeps the translations of zh_CN.po, adds those of the table (msgid TAB msgstr),
drops terms that left the .pot, and lists what is still untranslated.
"""

import sys
from pathlib import Path

import polib


def fill(addon_dir, table=None):
    addon = Path(addon_dir)
    pot = polib.pofile(str(addon / "i18n" / f"{addon.name}.pot"))
    po_path = addon / "i18n" / "zh_CN.po"
    known = {}
    if po_path.exists():
        known = {e.msgid: e.msgstr for e in polib.pofile(str(po_path)) if e.msgstr}
    if table:
        for line in Path(table).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                msgid, msgstr = line.split("\t", 1)
                known[msgid.replace("\\n", "\n")] = msgstr.replace("\\n", "\n")
    po = polib.POFile(wrapwidth=78)
    po.header = (
        "Translation of Odoo Server.\n"
        "This file contains the translation of the following modules:\n"
        f"\t* {addon.name}\n"
    )
    po.metadata = dict(pot.metadata)
    po.metadata.update(
        {
            "Language": "zh_CN",
            "Language-Team": "Chinese (Simplified)",
            "Plural-Forms": "nplurals=1; plural=0;",
            "Content-Transfer-Encoding": "8bit",
        }
    )
    missing = []
    for entry in pot:
        entry.msgstr = known.get(entry.msgid, "")
        if not entry.msgstr:
            missing.append(entry.msgid)
        po.append(entry)
    po.save(str(po_path))
    return missing


if __name__ == "__main__":
    untranslated = fill(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    for msgid in untranslated:
        print(f"untranslated: {msgid!r}")
    sys.exit(1 if untranslated else 0)
