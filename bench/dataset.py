"""The benchmark dataset: a real programme's size, made with bulk inserts and cached.

``LARGE`` is issue #13's dataset: 10,000 people in one group, 1,000 meetings
with 20,000 agenda items (the newest has 40), 500 workshops and 50,000 feedback
responses. ``TINY`` has the same shape in miniature for the smoke test.

The file is built once under ``.bench-cache/`` (named after the scale, this
generator's version and the schema head) and copied for each use, so a run
that changes data never spoils the next one.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import insert, select

from kastedesk.domain.meetings import ItemKind, MeetingStatus
from kastedesk.domain.registry import DocLanguages, Role
from kastedesk.domain.registry_rules import GroupData, ProjectData
from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.services import registry
from kastedesk.services.feedback_forms import ensure_default_form
from kastedesk.services.meetings import ItemFields, MeetingFields, add_item, create_meeting
from kastedesk.services.workshops import add_module
from kastedesk.storage import database
from kastedesk.storage.database import Database, resolve_url
from kastedesk.storage.migrate import head_revision, open_database
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackQuestion, FeedbackResponse
from kastedesk.storage.models.meetings import ActionItem, AgendaItem, Attendance, Meeting
from kastedesk.storage.models.registry import Membership, Person
from kastedesk.storage.models.sync_identity import utc_now
from kastedesk.storage.models.workshops import Workshop

GENERATOR_VERSION = 1
CACHE = Path(__file__).resolve().parent.parent / ".bench-cache"
TOWNS = ["Tampere", "Vaasa", "Lahti", "Seinäjoki", "Riihimäki", "Närpes", "Akaa", "Kokkola"]


@dataclass(frozen=True)
class Scale:
    name: str
    people: int  # in the big group
    meetings: int  # in the steering group
    items_per_meeting: int
    big_meeting_items: int  # the newest meeting, opened by the editor benchmarks
    steering_members: int
    workshops: int
    responses: int


LARGE = Scale("large", 10_000, 1_000, 20, 40, 20, 500, 50_000)
TINY = Scale("tiny", 60, 12, 4, 40, 8, 6, 120)


@dataclass(frozen=True)
class Dataset:
    """What the benchmarks need to find in the database."""

    path: Path
    scale: Scale
    project_id: int
    big_group_id: int  # the 10,000 people
    empty_group_id: int  # the same kind of group, without people
    steering_group_id: int  # the 1,000 meetings
    big_meeting_id: int  # the newest meeting, with 40 items
    form_id: int


def _people(scale: Scale, start: int, count: int) -> list[dict]:
    return [
        {
            "first_name": f"Etu{i}",
            "last_name": f"Suku{i:05d}",
            "organisation": f"Organisaatio {i % 300}",
            "municipality": TOWNS[i % len(TOWNS)],
            "region": "06",
            "email": f"p{i}@x.example",
            "phone": f"+358 50 555 {i % 10_000:04d}",
            "language": "sv" if i % 7 == 0 else "fi",
        }
        for i in range(start, start + count)
    ]


def _insert_people(db: Database, scale: Scale, group_id: int, start: int, count: int) -> list[int]:
    with db.session() as s:
        first = (s.scalar(select(Person.id).order_by(Person.id.desc()).limit(1)) or 0) + 1
        rows = _people(scale, start, count)
        for offset, row in enumerate(rows):
            row["id"] = first + offset
        s.execute(insert(Person), rows)
        roles = [Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY]
        s.execute(
            insert(Membership),
            [
                {
                    "person_id": row["id"],
                    "group_id": group_id,
                    "role": (roles[n] if n < len(roles) else Role.MEMBER).value,
                }
                for n, row in enumerate(rows)
            ],
        )
        return [row["id"] for row in rows]


def _meetings(db: Database, scale: Scale, group_id: int, people: list[int]) -> None:
    """Held meetings, once a month back from 2014, with items, attendance and actions."""
    rng = random.Random(13)
    count = scale.meetings - 1  # the newest is made through the services
    start = dt.date(2014, 1, 15) - dt.timedelta(days=30 * count)
    with db.session() as s:
        memberships = s.execute(
            select(Membership.id, Membership.person_id, Membership.role)
            .where(Membership.group_id == group_id)
            .order_by(Membership.id)
        ).all()
        s.execute(
            insert(Meeting),
            [
                {
                    "id": n + 1,
                    "group_id": group_id,
                    "number": n + 1,
                    "date": start + dt.timedelta(days=30 * n),
                    "start_time": dt.time(13, 0),
                    "end_time": dt.time(15, 0),
                    "place": "Kaupungintalo, kokoushuone 2",
                    "languages": DocLanguages.FI_SV.value,
                    "status": MeetingStatus.APPROVED.value,
                    "attachments_sent": True,
                }
                for n in range(count)
            ],
        )
        items, attendance = [], []
        for n in range(count):
            for section in range(1, scale.items_per_meeting + 1):
                items.append(
                    {
                        "meeting_id": n + 1,
                        "section": section,
                        "kind": ItemKind.OWN.value,
                        "title_fi": f"Asia {section}",
                        "title_sv": f"Ärende {section}",
                        "presenter_id": people[section % len(people)],
                        "background": "Selostus asiasta. " * 12,
                        "proposal": "Ehdotetaan, että ohjausryhmä hyväksyy asian.",
                        "decision": "Hyväksyttiin.",
                    }
                )
            for position, (mid, pid, role) in enumerate(memberships, start=1):
                attendance.append(
                    {
                        "meeting_id": n + 1,
                        "position": position,
                        "membership_id": mid,
                        "person_id": pid,
                        "role": role,
                        "present": rng.random() < 0.8,
                    }
                )
        s.execute(insert(AgendaItem), items)
        s.execute(insert(Attendance), attendance)
        item_ids = list(s.scalars(select(AgendaItem.id)))
        s.execute(
            insert(ActionItem),
            [
                {
                    "item_id": item_id,
                    "what": "Valmistellaan esitys seuraavaan kokoukseen.",
                    "responsible_id": people[item_id % len(people)],
                    "due": start + dt.timedelta(days=item_id % 900),
                    "done": True,
                }
                for item_id in item_ids[::5]
            ],
        )


def _big_meeting(db: Database, scale: Scale, group_id: int, people: list[int]) -> int:
    """The newest meeting, made as a user would, filled up to its 40 items."""
    meeting_id = create_meeting(
        db,
        group_id,
        MeetingFields(
            date=dt.date(2014, 10, 2),
            start=dt.time(13, 0),
            end=dt.time(15, 0),
            place="Kaupungintalo",
            languages=DocLanguages.FI_SV.value,
            status=MeetingStatus.DRAFT,
        ),
    )
    with db.read() as s:
        query = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
        have = len(list(s.scalars(query)))
    for n in range(have, scale.big_meeting_items):
        add_item(
            db,
            meeting_id,
            ItemFields(
                title_fi=f"Asia {n}",
                title_sv=f"Ärende {n}",
                presenter_id=people[n % len(people)],
                background="Selostus " * 80,
                proposal="Ehdotus " * 30,
                decision="Päätös " * 30,
            ),
            index=n - 1,
        )
    return meeting_id


def _workshops(db: Database, scale: Scale, project_id: int, coordinator: int) -> int:
    rng = random.Random(7)
    form_id = ensure_default_form(db)
    with db.session() as s:
        module_ids = [
            add_module(s, project_id, code, f"Moduuli {code}").id for code in ("A", "B", "C")
        ]
        now = utc_now()
        first = (s.scalar(select(Workshop.id).order_by(Workshop.id.desc()).limit(1)) or 0) + 1
        regions = ["06", "14", "15", "16"]
        s.execute(
            insert(Workshop),
            [
                {
                    "id": first + n,
                    "origin": "bench",
                    "created_at": now,
                    "updated_at": now,
                    "project_id": project_id,
                    "title": f"Työpaja {n}",
                    "module_id": module_ids[n % len(module_ids)],
                    "region": regions[n % len(regions)],
                    "municipality": TOWNS[n % len(TOWNS)],
                    "date": dt.date(2014, 1, 1) + dt.timedelta(days=n % 700),
                    "coordinator_id": coordinator,
                    "attended": 100,
                    "status": WorkshopStatus.HELD.value,
                    "form_id": form_id,
                }
                for n in range(scale.workshops)
            ],
        )
        questions = list(
            s.scalars(
                select(FeedbackQuestion.id)
                .where(FeedbackQuestion.form_id == form_id)
                .order_by(FeedbackQuestion.position)
            )
        )
        first_response = (
            s.scalar(select(FeedbackResponse.id).order_by(FeedbackResponse.id.desc()).limit(1))
            or 0
        ) + 1
        s.execute(
            insert(FeedbackResponse),
            [
                {
                    "id": first_response + n,
                    "origin": "bench",
                    "created_at": now,
                    "updated_at": now,
                    "workshop_id": first + n % scale.workshops,
                    "form_id": form_id,
                }
                for n in range(scale.responses)
            ],
        )
        answers = []
        for n in range(scale.responses):
            rid = first_response + n
            for q in questions[:3]:
                answers.append({"response_id": rid, "question_id": q, "value": rng.randint(1, 5)})
            answers.append({"response_id": rid, "question_id": questions[3], "value": 2})
            if rng.random() < 0.2:
                answers.append({"response_id": rid, "question_id": questions[4], "text": "Hyvä"})
        s.execute(insert(FeedbackAnswer), answers)
    return form_id


def _build(path: Path, scale: Scale) -> Dataset:
    # A file that is thrown away if the build fails: no need to wait for the disk.
    kept, database.SQLITE_SYNCHRONOUS = database.SQLITE_SYNCHRONOUS, "OFF"
    db = open_database(resolve_url(path))
    try:
        project = registry.save_project(db, ProjectData("Kaste Bench", short_name="KB"))
        big = registry.save_group(db, GroupData("Verkosto"), project)
        empty = registry.save_group(db, GroupData("Tyhjä verkosto"), project)
        steering = registry.save_group(
            db, GroupData("Ohjausryhmä", "Styrgrupp", languages=DocLanguages.FI_SV), project
        )
        people = _insert_people(db, scale, big, 0, scale.people)
        members = _insert_people(db, scale, steering, scale.people, scale.steering_members)
        _meetings(db, scale, steering, members)
        meeting = _big_meeting(db, scale, steering, members)
        form_id = _workshops(db, scale, project, people[0])
    finally:
        db.dispose()
        database.SQLITE_SYNCHRONOUS = kept
    return Dataset(path, scale, project, big, empty, steering, meeting, form_id)


def cached_dataset(scale: Scale = LARGE, cache: Path = CACHE) -> Dataset:
    """The dataset's file, built once per scale, generator version and schema."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{scale.name}-g{GENERATOR_VERSION}-{head_revision()}.sqlite"
    partial = path.with_suffix(".partial")
    for leftover in cache.glob(f"{partial.name}*"):
        leftover.unlink()
    if not path.exists():
        dataset = _build(partial, scale)
        partial.replace(path)
        return _with_path(dataset, path)
    return _describe(path, scale)


def _with_path(dataset: Dataset, path: Path) -> Dataset:
    return replace(dataset, path=path)


def _describe(path: Path, scale: Scale) -> Dataset:
    """The ids in a cached file: the generator makes them in a fixed order."""
    db = open_database(resolve_url(path))
    try:
        with db.read() as s:
            from kastedesk.storage.models.feedback import FeedbackForm
            from kastedesk.storage.models.registry import Group, Project

            project = s.scalar(select(Project.id).where(Project.short_name == "KB"))
            groups = {name: id_ for name, id_ in s.execute(select(Group.name_fi, Group.id))}
            meeting = s.scalar(select(Meeting.id).order_by(Meeting.id.desc()).limit(1))
            form = s.scalar(select(FeedbackForm.id).order_by(FeedbackForm.id).limit(1))
    finally:
        db.dispose()
    assert project is not None and meeting is not None and form is not None
    return Dataset(
        path,
        scale,
        project,
        groups["Verkosto"],
        groups["Tyhjä verkosto"],
        groups["Ohjausryhmä"],
        meeting,
        form,
    )


def working_copy(dataset: Dataset, folder: Path, name: str = "bench.sqlite") -> Path:
    """A copy of the cached file that a benchmark may change."""
    target = folder / name
    shutil.copyfile(dataset.path, target)
    return target
