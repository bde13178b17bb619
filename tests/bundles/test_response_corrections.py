"""Correcting typed forms on two laptops: the same response, never a second one.

The reported bug: 15 forms typed on laptop A and passed to laptop B; the same
form corrected on both (Ctrl+Z, fix, save) gave 16 responses for 15
participants after merging, and no conflict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kastedesk.services.bundles import import_bundle
from kastedesk.services.bundles.conflicts import list_conflicts
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.workshops import list_workshops, update_workshop, workshop_data
from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import FeedbackResponse
from kastedesk.ui.feedback.entry import FeedbackEntryDialog
from tests.bundles.conftest import add_registry, add_workshop, type_responses
from tests.db_support import db_arg


def live_responses(db: Database) -> int:
    with db.read() as session:
        return session.scalar(
            select(func.count())
            .select_from(FeedbackResponse)
            .where(FeedbackResponse.deleted_at.is_(None))
        )


def correct_last_form(qtbot, db: Database, workshop_id: int, first_answer: str) -> None:
    """As a coordinator does it: Ctrl+Z on the empty form, a new first answer, Ctrl+Enter."""
    FeedbackEntryDialog.ask_restore_draft = lambda self, count: False  # type: ignore[method-assign]
    dialog = FeedbackEntryDialog(db, workshop_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    dialog.form.go_to(0)
    qtbot.keyClick(dialog.focusWidget() or dialog, first_answer)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog.close()


@pytest.fixture
def _restore_dialog():
    original = FeedbackEntryDialog.ask_restore_draft
    yield
    FeedbackEntryDialog.ask_restore_draft = original  # type: ignore[method-assign]


@pytest.mark.usefixtures("_restore_dialog")
def test_same_form_corrected_on_two_laptops_is_one_response_and_a_conflict(
    qtbot, laptop, tmp_path: Path
) -> None:
    a, b = laptop("a"), laptop("b")
    workshop_a = add_workshop(a, add_registry(a))
    data = workshop_data(a, workshop_a)
    data.attended = 15
    update_workshop(a, workshop_a, data)
    type_responses(a, workshop_a, [1 + n % 5 for n in range(15)])
    export_bundle(a, tmp_path / "start.kastebundle")
    import_bundle(b, tmp_path / "start.kastebundle")
    workshop_b = list_workshops(b)[0].id

    correct_last_form(qtbot, a, workshop_a, "2")
    correct_last_form(qtbot, b, workshop_b, "3")
    assert live_responses(a) == live_responses(b) == 15

    export_bundle(a, tmp_path / "a.kastebundle")
    export_bundle(b, tmp_path / "b.kastebundle")
    import_bundle(a, tmp_path / "b.kastebundle")
    import_bundle(b, tmp_path / "a.kastebundle")
    for db, here, there in ((a, "2", "3"), (b, "3", "2")):
        assert live_responses(db) == 15
        conflicts = list_conflicts(db)
        assert [c.kind for c in conflicts] == ["response"]
        # Both versions side by side, every answer, the differing one marked.
        rows = conflicts[0].differences
        assert len(rows) == 3
        assert rows[0].field.startswith("≠ 1. Vastasiko")
        assert (rows[0].here, rows[0].incoming) == (here, there)
        assert rows[1].here == rows[1].incoming and not rows[1].field.startswith("≠")


@pytest.mark.usefixtures("_restore_dialog")
def test_correction_on_one_laptop_updates_the_other(qtbot, laptop, tmp_path: Path) -> None:
    a, b = laptop("a"), laptop("b")
    workshop_a = add_workshop(a, add_registry(a))
    type_responses(a, workshop_a, [4, 4, 4])
    export_bundle(a, tmp_path / "start.kastebundle")
    import_bundle(b, tmp_path / "start.kastebundle")

    correct_last_form(qtbot, a, workshop_a, "1")
    export_bundle(a, tmp_path / "a.kastebundle")
    plan = import_bundle(b, tmp_path / "a.kastebundle")
    assert (plan.updated, plan.inserted, plan.conflicts) == (1, 0, 0)
    assert live_responses(b) == 3
    assert list_conflicts(b) == []
    with b.read() as session:
        from kastedesk.storage.models.feedback import FeedbackAnswer

        firsts = sorted(
            session.scalars(
                select(FeedbackAnswer.value)
                .join(FeedbackResponse)
                .where(FeedbackResponse.deleted_at.is_(None))
                .order_by(FeedbackAnswer.response_id, FeedbackAnswer.question_id)
            )
        )
    assert firsts.count(1) == 1  # the corrected first answer arrived, nothing doubled


def test_import_report_and_results_flag_more_responses_than_participants(
    laptop, tmp_path: Path, capsys, monkeypatch
) -> None:
    from kastedesk import i18n
    from kastedesk.cli.main import main
    from kastedesk.services.bundles import preview_import
    from kastedesk.services.bundles.report import over_participants_lines, report_json
    from kastedesk.services.feedback_results import over_participants_text, summarize

    a, b = laptop("a"), laptop("b")
    workshop_a = add_workshop(a, add_registry(a))
    data = workshop_data(a, workshop_a)
    data.attended = 2
    update_workshop(a, workshop_a, data)
    type_responses(a, workshop_a, [4, 5])
    export_bundle(a, tmp_path / "start.kastebundle")
    import_bundle(b, tmp_path / "start.kastebundle")
    type_responses(b, list_workshops(b)[0].id, [3])  # typed twice: on both laptops
    export_bundle(b, tmp_path / "b.kastebundle")

    i18n.set_language("fi")
    try:
        preview = preview_import(a, tmp_path / "b.kastebundle")
        assert preview.over_participants == [("Työpaja A Vaasa", 3, 2)]
        assert over_participants_lines(preview) == [
            "⚠ Työpaja A Vaasa: 3 vastausta, 2 osallistujaa"
        ]
        assert report_json(preview)["more_responses_than_participants"] == [
            {"workshop": "Työpaja A Vaasa", "responses": 3, "attended": 2}
        ]
        assert summarize(a).over_participants == []  # the preview changed nothing
        import_bundle(a, tmp_path / "b.kastebundle")
        summary = summarize(a)
        assert over_participants_text(summary) == (
            "⚠ Vastauksia on enemmän kuin osallistujia: Työpaja A Vaasa: 3 vastausta, "
            "2 osallistujaa"
        )
        monkeypatch.setenv("KASTEDESK_LANG", "fi")
        assert main(["--db", db_arg(a), "feedback", "summary"]) == 0
        assert "Työpaja A Vaasa: 3 vastausta, 2 osallistujaa" in capsys.readouterr().out
        i18n.set_language("sv")
        assert preview_import(laptop("c"), tmp_path / "b.kastebundle").over_participants == [
            ("Työpaja A Vaasa", 3, 2)
        ]
    finally:
        i18n.set_language("en")
