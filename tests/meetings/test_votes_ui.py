"""The GUI path: disqualified members and the vote from the item editor; attendance
contradictions refused at their cell, in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from meeting_registry import TODAY, build_registry
from PySide6.QtCore import Qt

from kastedesk import i18n
from kastedesk.domain.registry import DocLanguages
from kastedesk.domain.votes import VoteChoice
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_views import get_meeting
from kastedesk.ui.meetings.attendance_model import PRESENT, STANDS_IN
from kastedesk.ui.meetings.meetings_page import MeetingsPage
from kastedesk.ui.meetings.vote_dialogs import DisqualifiedDialog, VoteDialog

HERE = ["chair", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "secretary"]


@pytest.fixture
def finnish() -> Iterator[None]:
    i18n.set_language("fi")
    yield
    i18n.set_language("en")


@pytest.fixture
def page(qtbot, db):
    with db.session() as session:
        registry = build_registry(session, DocLanguages.FI_SV)
    day = svc.MeetingFields(date=dt.date(2026, 12, 8))
    meeting = svc.create_meeting(db, registry.group_id, day)
    own = svc.add_item(db, meeting, svc.ItemFields("Hankinta", "Upphandling"))
    detail = get_meeting(db, meeting)
    by_person = {a.person_id: a.id for a in detail.attendance}
    rows = {key: by_person[registry.people[key]] for key in [*HERE, "deputy1", "m8"]}
    for key in HERE:
        attendance.set_attendance(db, rows[key], attendance.AttendanceFields(present=True))
    view = MeetingsPage(db, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1346, 680)  # the window's tab page on a 1366x768 screen
    view.ensure_loaded()
    view.show()
    view.show_meeting(registry.group_id, meeting, own)
    qtbot.waitExposed(view)
    view.rows = rows  # type: ignore[attr-defined]
    view.item_id = own  # type: ignore[attr-defined]
    return view


def visible_in(widget, page) -> bool:
    corner = widget.mapTo(page, widget.rect().bottomRight())
    return widget.isVisible() and page.rect().contains(corner)


def test_disqualified_pick_list_saves_and_the_quorum_follows(qtbot, db, page) -> None:
    editor = page.editor.agenda.editor
    assert visible_in(editor.disqualified_button, page) and visible_in(editor.vote_button, page)
    m3 = page.rows["m3"]
    seen: list[list[str]] = []

    def answer(dialog) -> bool:
        assert isinstance(dialog, DisqualifiedDialog)
        names = [dialog.people.item(n).text() for n in range(dialog.people.count())]
        seen.append(names)
        for n in range(dialog.people.count()):
            if dialog.people.item(n).data(Qt.ItemDataRole.UserRole) == m3:
                dialog.people.item(n).setCheckState(Qt.CheckState.Checked)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    editor.run_dialog = answer  # type: ignore[method-assign]
    editor.choose_disqualified()
    assert "M3 Testinen" in seen[0] and "M8 Testinen" not in seen[0]  # only those present
    detail = get_meeting(db, page.editor.detail.meeting.id)
    item = next(i for i in detail.items if i.id == page.item_id)
    assert item.disqualified == (m3,)
    assert not detail.quorum(item.section).quorate  # 8 seats less the disqualified one
    qtbot.waitUntil(lambda: "M3 Testinen" in editor.disqualified_names.text())


def test_vote_dialog_refuses_too_many_votes_in_finnish_then_saves(
    qtbot, db, page, finnish
) -> None:
    editor = page.editor.agenda.editor
    errors: list[str] = []

    def answer(dialog) -> bool:
        assert isinstance(dialog, VoteDialog)
        for name, text in (
            ("yes_motion_fi", "Esittelijän ehdotus"), ("yes_motion_sv", "Föredragandens förslag"),
            ("no_motion_fi", "Hylätään"), ("no_motion_sv", "Avslås"),
        ):  # fmt: skip
            dialog.motions[name].setText(text)
        dialog.counts["yes"].setValue(7)
        dialog.counts["no"].setValue(3)
        dialog.accept()  # 10 votes, 8 voters: refused, the dialog stays open
        errors.append(dialog.form.error_text("yes"))
        dialog.counts["yes"].setValue(5)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    editor.run_dialog = answer  # type: ignore[method-assign]
    editor.edit_vote()
    assert errors == ["10 ääntä, mutta asian käsittelyssä on läsnä vain 8 äänioikeutettua."]
    detail = get_meeting(db, page.editor.detail.meeting.id)
    vote = next(i for i in detail.items if i.id == page.item_id).vote
    assert vote is not None and (vote.yes, vote.no, vote.abstain) == (5, 3, 0)
    assert vote.no_motion_sv == "Avslås"
    qtbot.waitUntil(lambda: "5 jaa" in editor.vote_summary.text())
    # The vote by name offers only those who may vote at the §.
    names: list[str] = []

    def by_name(dialog) -> bool:
        dialog.mode.setCurrentIndex(1)
        names.extend(dialog.ballots.item(r, 0).text() for r in range(dialog.ballots.rowCount()))
        return False

    editor.run_dialog = by_name  # type: ignore[method-assign]
    editor.edit_vote()
    assert len(names) == 8 and "Secretary Testinen" not in names
    editor.remove_vote()
    detail = get_meeting(db, page.editor.detail.meeting.id)
    assert next(i for i in detail.items if i.id == page.item_id).vote is None


def test_a_contradicting_tick_is_refused_at_its_cell_in_finnish(qtbot, db, page, finnish) -> None:
    page.editor.tabs.setCurrentWidget(page.editor.attendance)
    panel = page.editor.attendance
    model = panel.model
    position = {model.row(n).id: n for n in range(model.rowCount())}
    deputy = position[page.rows["deputy1"]]
    # m1 is present: their personal deputy cannot stand in for them.
    model.setData(model.index(deputy, STANDS_IN), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    message = model.error_at(deputy, STANDS_IN)
    assert message.startswith("M1 Testinen on läsnä 1 §:ssä")
    assert model.data(model.index(deputy, STANDS_IN), Qt.ItemDataRole.ToolTipRole) == message
    assert not panel.error.isHidden() and "Deputy1 Testinen" in panel.error.text()
    assert panel.table.currentIndex().row() == deputy
    assert panel.table.currentIndex().column() == STANDS_IN
    assert not get_meeting(db, page.editor.detail.meeting.id).attendance[deputy].stands_in
    # Untick the member first: then the deputy stands in, and the mark goes away.
    member = position[page.rows["m1"]]
    model.setData(model.index(member, PRESENT), Qt.CheckState.Unchecked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert model.error_at(deputy, STANDS_IN) == "" and panel.error.isHidden()
    qtbot.waitUntil(lambda: not model.row(member).present)
    model.setData(model.index(deputy, STANDS_IN), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    qtbot.waitUntil(lambda: model.row(deputy).stands_in)
    # Now ticking the member present again is refused at the member's box.
    model.setData(model.index(member, PRESENT), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert "Deputy1 Testinen on merkitty" in model.error_at(member, PRESENT)


def test_a_vote_by_name_saves_from_the_dialog_with_the_chairs_tie_break(qtbot, db, page) -> None:
    """Qt hands the choices back as text; the dialog makes them VoteChoices again."""
    editor = page.editor.agenda.editor
    errors: list[str] = []

    def answer(dialog) -> bool:
        for name, text in (
            ("yes_motion_fi", "Ehdotus"), ("yes_motion_sv", "Förslag"),
            ("no_motion_fi", "Hylätään"), ("no_motion_sv", "Avslås"),
        ):  # fmt: skip
            dialog.motions[name].setText(text)
        dialog.mode.setCurrentIndex(1)
        for n, combo in enumerate(dialog.choices):
            combo.setCurrentIndex(combo.findData(VoteChoice.YES if n % 2 else VoteChoice.NO))
        dialog.tie.setCurrentIndex(dialog.tie.findData(VoteChoice.NO))
        dialog.accept()
        errors.extend(filter(None, (dialog.form.error_text(f) for f in ("ballots", "tie_winner"))))
        return dialog.result() == dialog.DialogCode.Accepted

    editor.run_dialog = answer  # type: ignore[method-assign]
    editor.edit_vote()
    assert errors == []
    detail = get_meeting(db, page.editor.detail.meeting.id)
    vote = next(i for i in detail.items if i.id == page.item_id).vote
    assert vote is not None and vote.by_name
    assert (vote.yes, vote.no, vote.abstain) == (4, 4, 0)
    assert vote.tie_winner is VoteChoice.NO
    assert sorted(choice for _key, choice in vote.ballots) == [VoteChoice.NO] * 4 + [
        VoteChoice.YES
    ] * 4
    assert all(type(choice) is VoteChoice for _key, choice in vote.ballots)
