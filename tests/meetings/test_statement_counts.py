"""The hot paths send a fixed number of SQL statements, whatever the number of items.

A meeting with 5 items and one with 40 (each with an attachment, actions and a
presenter) must cost the same: a count that grows with the items means a query
per row has crept back in.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import select

from kastedesk.services import meeting_attachments as attachments
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_documents import meeting_content, write_minutes
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.models.meetings import Attendance
from tests.db_support import built_once
from tests.statement_count import statements

OPEN_MEETING_MAX = 10
TICK_MAX = 5
PG_TRANSACTION_STATEMENTS = ("SELECT pg_advisory_xact_lock(", "SELECT pg_notify(")


def meeting_with_items(
    db, registry, count: int, tmp_path: Path, date: dt.date = dt.date(2026, 12, 10)
) -> int:
    mid = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=date))
    have = len(get_meeting(db, mid).items)
    presenter = registry.people["presenter"]
    source = tmp_path / "liite.pdf"
    source.write_bytes(b"%PDF-1.4")
    for n in range(have, count):
        item = svc.add_item(db, mid, svc.ItemFields(f"Asia {n}", f"Ärende {n}", presenter), n - 1)
        svc.add_action(db, item, svc.ActionFields(f"Tehtävä {n}", registry.people["m1"]))
        attachments.add_attachment(db, item, source)
    return mid


@pytest.fixture
def two_meetings(db, registry, tmp_path):
    return built_once(
        "two_meetings",
        db,
        lambda: (
            meeting_with_items(db, registry, 8, tmp_path),
            meeting_with_items(db, registry, 40, tmp_path),
        ),
    )


def counted(db, work) -> int:
    with statements(db.engine) as seen:
        work()
    return len(seen)


def test_opening_a_meeting_costs_the_same_for_8_or_40_items(db, two_meetings) -> None:
    small, big = two_meetings
    assert len(get_meeting(db, big).items) == 40
    few = counted(db, lambda: get_meeting(db, small))
    many = counted(db, lambda: get_meeting(db, big))
    assert many == few
    assert many <= OPEN_MEETING_MAX


def test_the_editor_opens_a_meeting_with_its_waiting_items_in_one_read(
    qtbot, db, registry, two_meetings
) -> None:
    """The meeting editor's open: the read model and the offer of the group's waiting items
    (here a parked one), a fixed number of statements whatever the number of items."""
    from kastedesk.services import backlog
    from kastedesk.ui.meetings.meeting_editor import MeetingEditor

    small, big = two_meetings
    backlog.park_item(db, registry.group_id, backlog.ParkedFields("Odottava asia"))
    editor = MeetingEditor(db)
    qtbot.addWidget(editor)
    few = counted(db, lambda: editor.open_meeting(small))
    many = counted(db, lambda: editor.open_meeting(big))
    assert many == few <= OPEN_MEETING_MAX
    assert editor._waiting == 1 and editor.backlog_offer.isVisibleTo(editor)


def test_writing_minutes_costs_the_same_for_8_or_40_items(db, two_meetings, tmp_path) -> None:
    small, big = two_meetings
    assert len(meeting_content(db, big).items) == 40
    few = counted(db, lambda: write_minutes(db, small, tmp_path / "small.docx"))
    many = counted(db, lambda: write_minutes(db, big, tmp_path / "big.docx"))
    assert many == few
    # the read model, then the document's people and recorded names, the group and its template
    assert many <= OPEN_MEETING_MAX + 6


def test_ticking_one_attendance_box_is_a_few_statements(db, two_meetings) -> None:
    _small, big = two_meetings
    row = get_meeting(db, big).attendance[0]
    fields = attendance.AttendanceFields(present=True)
    with statements(db.engine) as seen:
        attendance.set_attendance(db, row.id, fields, expected_version=row.row_version)
    # On PostgreSQL every write also takes the write turn and announces the change (two
    # statements per transaction, not per row): the budget counts the tick's own work.
    own = [s for s in seen if not s.startswith(PG_TRANSACTION_STATEMENTS)]
    assert len(own) <= TICK_MAX, seen
    assert len(seen) - len(own) <= 2, seen
    assert get_meeting(db, big).attendance[0].present


def test_ticking_a_box_in_the_tab_refreshes_one_row_not_the_meetings(qtbot, db, registry) -> None:
    from PySide6.QtCore import Qt

    from kastedesk.domain.meetings import MeetingStatus
    from kastedesk.ui.meetings.meetings_page import MeetingsPage

    for day in (1, 2, 3):  # held meetings before the one ticked
        svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2014, 9, day)))
    mid = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2014, 10, 2)))
    page = MeetingsPage(db, today=dt.date(2026, 1, 1))
    qtbot.addWidget(page)
    page.ensure_loaded()
    page.groups.select_group(registry.group_id)
    page.refresh_meetings(mid)
    panel = page.editor.attendance
    panel.table.selectRow(3)
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    panel.model.modelReset.connect(lambda: resets.append(True))
    present_column = next(
        c for c in range(panel.model.columnCount())
        if panel.model.flags(panel.model.index(0, c)) & Qt.ItemFlag.ItemIsUserCheckable
    )  # fmt: skip
    index = panel.model.index(0, present_column)
    with statements(db.engine) as seen:
        checked = Qt.CheckState.Checked.value
        assert panel.model.setData(index, checked, Qt.ItemDataRole.CheckStateRole)
    # On PostgreSQL every write also takes the write turn and announces the change (two
    # statements per transaction, not per row): the budget counts the tick's own work.
    own = [s for s in seen if not s.startswith(PG_TRANSACTION_STATEMENTS)]
    assert len(own) <= TICK_MAX, seen
    assert len(seen) - len(own) <= 2, seen
    assert resets == []  # neither the meeting list nor the attendance table was reloaded
    assert panel.table.selectionModel().selectedRows()[0].row() == 3  # selection kept
    assert page.editor.detail is not None and page.editor.detail.attendance[0].present
    assert page.current_meeting_id() == mid
    row = next(r for r in page.model.all_rows() if r.id == mid)
    assert row.status is MeetingStatus.HELD  # the list's row shows the new status
    assert get_meeting(db, mid).meeting.row_version == page.editor.detail.meeting.row_version
    assert "§" in panel.banner.text()  # the quorum verdict is shown again


def test_writing_an_extract_costs_the_same_for_8_or_40_items(db, two_meetings, tmp_path) -> None:
    from kastedesk.domain.meetings import MeetingStatus
    from kastedesk.services.meeting_extracts import write_extract

    counts = []
    for mid in two_meetings:
        svc.set_status(db, mid, MeetingStatus.HELD)
        decided = [i.section for i in get_meeting(db, mid).items if i.decision][:2]
        assert len(decided) == 2
        target = tmp_path / f"ote-{mid}.docx"
        day_after = dt.date(2026, 12, 11)  # certified after the meeting
        work = partial(write_extract, db, mid, decided, target, ("fi",), certified_on=day_after)
        counts.append(counted(db, work))
        assert target.exists()
    few, many = counts
    assert many == few
    # one read: the meeting's read model, the document's people and recorded names; the
    # group (and its template) comes with the meeting. 12 on 30.11.2026, fewer than the minutes.
    assert many <= OPEN_MEETING_MAX + 2


def test_a_new_meeting_costs_the_same_after_a_meeting_of_12_or_40_items(
    db, registry, tmp_path
) -> None:
    """The previous meeting's open actions are carried over: read in one go, not per item."""

    def new_meeting_after(count: int, day: int) -> tuple[list[str], int, int]:
        previous = meeting_with_items(db, registry, count, tmp_path, dt.date(2027, 1, day))
        fields = svc.MeetingFields(date=dt.date(2027, 1, day + 1))
        with statements(db.engine) as seen:
            new = svc.create_meeting(db, registry.group_id, fields)
        open_before = sum(
            1 for i in get_meeting(db, previous).items for a in i.actions if not a.done
        )
        carried = sum(len(i.actions) for i in get_meeting(db, new).items)
        # Each carried action is a row of its own (written one by one, as the ORM orders
        # rows that point at rows of their own table); the reads must not grow.
        reads = [s for s in seen if not s.startswith("INSERT INTO action_item")]
        return reads, open_before, carried

    after_few, open_few, carried_few = new_meeting_after(12, 10)
    after_many, open_many, carried_many = new_meeting_after(40, 20)
    assert len(after_many) == len(after_few)
    assert 0 < open_few == carried_few < open_many == carried_many  # every open action, once


def test_a_meeting_shown_from_the_due_list_or_made_new_is_read_once(
    qtbot, db, registry, monkeypatch
) -> None:
    """Selecting the meeting's row opens it; the editor did not read it a second time."""
    from kastedesk.ui.meetings import meeting_editor
    from kastedesk.ui.meetings.meetings_page import MeetingsPage

    group = registry.group_id
    first = svc.create_meeting(db, group, svc.MeetingFields(date=dt.date(2026, 12, 1)))
    second = svc.create_meeting(db, group, svc.MeetingFields(date=dt.date(2026, 12, 15)))
    item = get_meeting(db, second).items[2].id
    page = MeetingsPage(db, today=dt.date(2026, 11, 30))
    qtbot.addWidget(page)
    page.ensure_loaded()
    page.show_meeting(group, first)
    reads: list[int] = []
    read = meeting_editor.meeting_with_waiting
    monkeypatch.setattr(
        meeting_editor, "meeting_with_waiting", lambda db, mid: reads.append(mid) or read(db, mid)
    )

    page.show_meeting(group, second, item)  # from the register: an item of another meeting
    assert reads == [second]
    assert page.current_meeting_id() == second
    assert page.editor.agenda.editor.item_id() == item
    assert page.editor.tabs.currentWidget() is page.editor.agenda

    reads.clear()
    page.show_meeting(group, second)  # open already: read again, to show it as it is now
    assert reads == [second]

    reads.clear()
    dialog = page.new_meeting_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.meeting_id is not None and reads == [dialog.meeting_id]
    assert page.current_meeting_id() == dialog.meeting_id
    assert page.editor.tabs.currentWidget() is page.editor.agenda


def test_a_vote_or_a_disqualification_costs_the_same_for_8_or_40_items(
    db, two_meetings
) -> None:
    """The § is checked against the meeting's attendance through its read model: loaded
    eagerly even when the write session already holds the meeting (no load per item)."""
    from kastedesk.services import meeting_votes

    counts = []
    for mid in two_meetings:
        detail = get_meeting(db, mid)
        for row in detail.attendance[:3]:
            attendance.set_attendance(
                db, row.id, attendance.AttendanceFields(present=True),
                expected_version=row.row_version,
            )  # fmt: skip
        item = get_meeting(db, mid).items[-1]
        present = get_meeting(db, mid).attendance[0]
        work = partial(meeting_votes.set_disqualified, db, item.id, [present.id], item.row_version)
        counts.append(counted(db, work))
    few, many = counts
    assert many == few, counts
    assert many <= OPEN_MEETING_MAX + 6, counts


def test_filling_the_standard_texts_costs_the_same_for_8_or_40_items(db, two_meetings) -> None:
    """The "Fill in standard texts" button: the quorum verdict comes from the read model,
    loaded in a fixed number of statements."""
    from kastedesk.services.standard_texts import fill_standard_texts

    counts = []
    for mid in two_meetings:
        for row in get_meeting(db, mid).attendance[:3]:
            attendance.set_attendance(
                db, row.id, attendance.AttendanceFields(present=True),
                expected_version=row.row_version,
            )  # fmt: skip
        counts.append(counted(db, partial(fill_standard_texts, db, mid)))
    few, many = counts
    assert many == few, counts
    assert many <= OPEN_MEETING_MAX + 8, counts  # 16 on 1.12.2026 (174 for 40 items before)



def test_a_new_meetings_attendance_list_is_one_statement_however_large_the_group(
    db, registry
) -> None:
    """Every invited person gets a row; the rows go in together, not one INSERT each."""
    from kastedesk.domain.registry_rules import MembershipData, PersonData
    from kastedesk.services.registry import add_member

    def new_meeting(day: int) -> tuple[int, int]:
        fields = svc.MeetingFields(date=dt.date(2027, 3, day))
        with statements(db.engine) as seen:
            mid = svc.create_meeting(db, registry.group_id, fields)
        return len(seen), len(get_meeting(db, mid).attendance)

    new_meeting(1)  # the next ones have a meeting before them, whose actions they carry over
    few_statements, few_rows = new_meeting(2)
    for n in range(30):
        add_member(db, registry.group_id, PersonData(f"Jäsen{n}", "Uusi"), MembershipData())
    db.set_author("Aino Sihteeri")
    many_statements, many_rows = new_meeting(3)
    assert many_rows == few_rows + 30
    assert many_statements == few_statements
    with db.read() as session:  # written as a flush writes them: author, time, version
        newest = select(Attendance.meeting_id).order_by(Attendance.meeting_id.desc()).limit(1)
        rows = session.scalars(select(Attendance).where(Attendance.meeting_id.in_(newest))).all()
        assert len(rows) == many_rows
        assert {(r.created_by, r.updated_by, r.row_version) for r in rows} == {
            ("Aino Sihteeri", "Aino Sihteeri", 1)
        }
        assert all(r.created_at is not None and r.updated_at is not None for r in rows)
