"""Fields whose meaning is not obvious explain themselves, in Finnish and in Swedish.

The quorum rule, the lead times of the agenda and the attachments, the
minutes style, the document languages, the form's version, the form
language, counts that may be unknown, cost periods and evaluation round
kinds: each has a tooltip on its caption and field, and the same text as
its accessible description, translated (not the English source) in both
languages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kastedesk.storage.database import Database
from kastedesk.ui.form_errors import ErrorForm
from tests.ui.all_windows import dialog_factories, settle

# dialog (tests/ui/all_windows.py): its form and the fields that need a tooltip
EXPLAINED: dict[str, tuple[str, list[str]]] = {
    "group": (
        "form",
        ["quorum_min", "agenda_lead_days", "attachments_lead_days", "languages", "minutes_style"],
    ),
    "new meeting": ("details.form", ["languages"]),
    "document": ("form", ["languages"]),
    "blank forms": ("form", ["languages"]),
    "workshop": ("fields", ["form", "language", "invited", "attended"]),
    "cost entry": ("form", ["period"]),
    "evaluation round": ("form", ["kind"]),
}


def form_of(dialog: object, path: str) -> ErrorForm:
    target = dialog
    for part in path.split("."):
        target = getattr(target, part)
    assert isinstance(target, ErrorForm)
    return target


def tooltips(db: Database, tmp_path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """{(dialog, field): (tooltip, accessible description)} in the current language."""
    found = {}
    factories = dialog_factories(tmp_path)
    for name, (path, fields) in EXPLAINED.items():
        dialog = factories[name](db)
        form = form_of(dialog, path)
        for field in fields:
            widget = form.field(field)
            found[(name, field)] = widget.toolTip(), widget.accessibleDescription()
        settle()
        dialog.deleteLater()
    return found


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_unclear_fields_have_translated_tooltips(
    ui_language, demo_db: Database, tmp_path: Path, lang: str
) -> None:
    ui_language("en")
    english = tooltips(demo_db, tmp_path)
    ui_language(lang)
    translated = tooltips(demo_db, tmp_path)
    problems = []
    for (dialog, field), (tip, description) in translated.items():
        where = f"[{lang}] dialog '{dialog}', field '{field}'"
        if not tip.strip():
            problems.append(f"{where}: no tooltip")
        elif tip == english[(dialog, field)][0]:
            problems.append(f"{where}: tooltip not translated: {tip!r}")
        if description != tip:
            problems.append(f"{where}: accessible description differs from the tooltip")
    assert problems == [], "\n".join(problems)


def test_the_tooltip_follows_the_language(qtbot, ui_language) -> None:
    from PySide6.QtWidgets import QSpinBox, QWidget

    from kastedesk.i18n import _
    from kastedesk.ui.members.group_dialog import agenda_hint

    host = QWidget()
    qtbot.addWidget(host)
    form = ErrorForm(host)
    spin = form.add_field("days", lambda: _("Agenda sent"), QSpinBox(), agenda_hint)
    english = spin.toolTip()
    ui_language("sv")
    form.retranslate()
    assert spin.toolTip() not in ("", english)
    assert spin.accessibleDescription() == spin.toolTip()
