"""Fill translations into the fi/sv catalogs from a JSON file.

JSON: {"English source": {"fi": "…", "sv": "…"}, …}; for ngettext entries the
value per language is a list [singular, plural]; for pgettext entries the key is
"context\\u0004message". Also: ``--missing`` prints what is still untranslated.
Used while developing; the program never runs it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("fi", "sv")


def _po(lang: str) -> Path:
    return ROOT / "translations" / lang / "LC_MESSAGES" / "kastedesk.po"


def _key(message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}\x04{msgid}" if message.context else msgid


def main(argv: list[str]) -> int:
    if argv[:1] == ["--missing"]:
        missing: dict[str, dict[str, str]] = {}
        for lang in LANGS:
            with _po(lang).open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            for m in catalog:
                done = all(m.string) if isinstance(m.string, tuple) else bool(m.string)
                if m.id and (not done or m.fuzzy):
                    missing.setdefault(_key(m), {})[lang] = ""
        json.dump(missing, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    table: dict[str, dict[str, str | list[str]]] = {}
    for name in argv:
        table.update(json.loads(Path(name).read_text(encoding="utf-8")))
    for lang in LANGS:
        with _po(lang).open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for m in catalog:
            entry = table.get(_key(m)) if m.id else None
            if entry and entry.get(lang):
                value = entry[lang]
                m.string = tuple(value) if isinstance(m.id, tuple) else value
                m.flags.discard("fuzzy")
        with _po(lang).open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
