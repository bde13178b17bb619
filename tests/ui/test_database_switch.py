"""Widgets get the database when they are built: opening another one builds the tabs again."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

import kastedesk.ui
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.meetings import Meeting
from kastedesk.ui.draft_keeper import draft_store
from kastedesk.ui.main_window import MainWindow
from tests.meetings.meeting_registry import build_registry


def _names(window: MainWindow) -> set[str]:
    """The people the Members tab shows for its group."""
    page = window.page("members")
    return {f"{r.first_name} {r.last_name}" for r in page.model.visible_rows()}  # type: ignore[attr-defined]


def _small_database(path: Path) -> Path:
    other = open_database(resolve_url(path))
    with other.session() as session:
        build_registry(session)  # "Chair Testinen", "M1 Testinen" … in Ohjausryhmä
    other.dispose()
    return path


def test_opening_another_database_builds_the_tabs_again_on_it(
    make_window, demo_db: Database, tmp_path: Path
) -> None:
    demo_path = str(demo_db.url.database)
    small = str(_small_database(tmp_path / "small.sqlite"))
    window = make_window(demo_db)  # every tab built and read
    first = window.page("members")
    in_demo = _names(window)
    assert in_demo and "Chair Testinen" not in in_demo
    window.tabs.setCurrentIndex(2)

    assert window.switch_database(small)
    assert window.tabs.currentIndex() == 2  # the same tab stays in front
    [workshops] = window.built_pages()  # the others are built when shown
    assert workshops.objectName() == "tab_workshops" and workshops.loaded
    assert workshops.db is window.db and window.db is not demo_db
    members = window.page("members")
    assert members is not first and members.db is window.db
    names = _names(window)
    assert "Chair Testinen" in names and not names & in_demo
    meetings = window.page("meetings")
    editor = meetings.editor  # type: ignore[attr-defined]
    for widget in (editor, editor.agenda, editor.agenda.editor, editor.minutes,
                   editor.attendance, editor.documents):  # fmt: skip
        assert widget.db is window.db

    assert window.switch_database(demo_path)
    assert _names(window) == in_demo  # and back: the small database's people are gone
    assert window.tabs.currentIndex() == 2
    window.close()
    window.db.dispose()


def test_typing_not_kept_yet_goes_with_its_own_database(
    make_window, demo_db: Database, tmp_path: Path
) -> None:
    window = make_window(demo_db)
    with demo_db.read() as s:
        meeting = s.scalars(select(Meeting).order_by(Meeting.date.desc())).first()
        group_id, meeting_id = meeting.group_id, meeting.id
    page = window.page("meetings")
    window.tabs.setCurrentWidget(page)
    page.show_meeting(group_id, meeting_id)  # type: ignore[attr-defined]
    editor = page.editor  # type: ignore[attr-defined]
    editor.details.place.setText("Kirjoitettu juuri ennen vaihtoa")
    assert editor.details_drafts.timer.isActive()  # the pause has not come yet

    assert window.switch_database(str(tmp_path / "other.sqlite"))
    assert draft_store(window.db).all() == []
    [draft] = draft_store(demo_db).all()  # offered when that database is opened again
    assert draft.key == f"meeting-{meeting_id}"
    assert draft.fields["place"] == "Kirjoitettu juuri ennen vaihtoa"
    window.close()
    window.db.dispose()


def test_no_widget_waits_for_the_database_or_asks_for_it() -> None:
    """One way everywhere: the constructor takes the database (no setter, getter or guard)."""
    ways = re.compile(
        r"\bset_database\b|\bdb_getter\b|\bassert self\._?db\b|\bself\._?db is (not )?None"
    )
    root = Path(kastedesk.ui.__file__).parent
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if ways.search(line)
    ]
    assert found == []
