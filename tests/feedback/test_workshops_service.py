"""Workshops: create, validate, filter, duplicate, delete; modules per project; identity."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.validation import ValidationError
from kastedesk.domain.workshops import WorkshopStatus
from kastedesk.services.feedback_entry import open_entry, save_response
from kastedesk.services.workshops import (
    ModuleRow,
    WorkshopFilter,
    delete_workshop,
    duplicate_workshop,
    list_modules,
    list_workshops,
    save_modules,
    update_workshop,
    workshop_data,
)
from kastedesk.storage.installation import installation_id
from kastedesk.storage.models.workshops import Workshop


def test_create_and_read_back_with_identity(db, registry, new_workshop) -> None:
    wid = new_workshop(questions=["Mitä tavoitteita?", " ", "Miten arvioida?"])
    data = workshop_data(db, wid)
    assert data.questions == ["Mitä tavoitteita?", "Miten arvioida?"]
    assert data.facilitator_ids == [registry.people[1]]
    assert data.form_id == registry.form_id
    with db.read() as session:
        w = session.get(Workshop, wid)
        assert uuid.UUID(w.uuid)
        assert w.origin == installation_id(session)
        assert w.created_at is not None and w.updated_at is not None
    with db.session() as session:
        assert installation_id(session) == installation_id(session)


def test_validation_names_the_fields(db, registry, new_workshop) -> None:
    wid = new_workshop()
    data = workshop_data(db, wid)
    data.title = " "
    data.start_time, data.end_time = dt.time(12), dt.time(9)
    data.attended = -1
    data.coordinator_id = registry.people[1]
    with pytest.raises(ValidationError) as caught:
        update_workshop(db, wid, data, today=dt.date(2015, 1, 1))
    assert set(caught.value.errors) == {"title", "end_time", "attended", "facilitators"}
    data = workshop_data(db, wid)
    data.date = dt.date(2030, 1, 1)
    with pytest.raises(ValidationError) as caught:
        update_workshop(db, wid, data, today=dt.date(2015, 1, 1))
    assert set(caught.value.errors) == {"status"}
    assert workshop_data(db, wid).date == dt.date(2014, 10, 2)  # nothing half-saved


def test_filters(db, registry, new_workshop) -> None:
    new_workshop("06", "A", date=dt.date(2014, 3, 1))
    new_workshop("15", "A", date=dt.date(2014, 5, 1))
    new_workshop("15", "B", date=dt.date(2014, 9, 1))
    every = list_workshops(db, WorkshopFilter(project_id=registry.project_id))
    assert len(every) == 3 and [w.module for w in every] == ["A", "A", "B"]
    assert len(list_workshops(db, WorkshopFilter(region="15"))) == 2
    assert len(list_workshops(db, WorkshopFilter(module="B"))) == 1
    ranged = list_workshops(
        db, WorkshopFilter(date_from=dt.date(2014, 4, 1), date_to=dt.date(2014, 6, 30))
    )
    assert [w.region for w in ranged] == ["15"]
    assert every[0].region_name("sv") == "Birkaland"
    assert every[0].coordinator == "Aino Aaltonen"


def test_text_filter_ignores_case_and_takes_wildcards_literally(db, registry, new_workshop) -> None:
    new_workshop("06", "A", title="Lastensuojelun VERKOSTOPÄIVÄ")
    new_workshop("15", "A", title="Perhetyö 100_% paikan päällä")
    found = list_workshops(db, WorkshopFilter(text="verkosto"))  # PostgreSQL's LIKE is not
    assert [w.region for w in found] == ["06"]
    assert [w.region for w in list_workshops(db, WorkshopFilter(text="100_%"))] == ["15"]
    assert list_workshops(db, WorkshopFilter(text="10%")) == []


def test_duplicate_for_the_next_region(db, registry, new_workshop) -> None:
    wid = new_workshop("06", "B", questions=["Kysymys"], notes="muistiin")
    copy = duplicate_workshop(db, wid, "14")
    data = workshop_data(db, copy)
    assert (data.region, data.module_id) == ("14", registry.modules["B"])
    assert data.questions == ["Kysymys"]
    assert data.date is None and data.attended is None and data.notes == ""
    assert data.status is WorkshopStatus.PLANNED
    with db.read() as session:
        uuids = session.scalars(select(Workshop.uuid)).all()
    assert len(set(uuids)) == 2
    # With its own title and date (asked for in the window).
    named = duplicate_workshop(db, wid, "15", " Työpaja B Vaasa ", dt.date(2015, 3, 4))
    data = workshop_data(db, named)
    assert (data.title, data.date, data.region) == ("Työpaja B Vaasa", dt.date(2015, 3, 4), "15")
    with pytest.raises(ValidationError) as error:
        duplicate_workshop(db, wid, "15", "  ")
    assert set(error.value.errors) == {"title"}


def test_delete_only_without_feedback(db, registry, new_workshop) -> None:
    empty = new_workshop()
    delete_workshop(db, empty)
    assert list_workshops(db) == []
    wid = new_workshop()
    save_response(db, open_entry(db, wid), {0: Answer(4)})
    with pytest.raises(ValidationError):
        delete_workshop(db, wid)
    assert list_workshops(db)[0].responses == 1


def test_modules_are_kept_per_project(db, registry, new_workshop) -> None:
    modules = list_modules(db, registry.project_id)
    assert [m.code for m in modules] == ["A", "B", "C"]
    assert modules[0].label("sv") == "A – Bemötande av klienten"
    renamed = [
        ModuleRow(modules[1].id, "A", "Vaihdettu", ""),
        ModuleRow(modules[0].id, "B", modules[0].name_fi),
        ModuleRow(None, "D", "Uusi"),
    ]
    save_modules(db, registry.project_id, renamed)
    assert [(m.code, m.name_fi) for m in list_modules(db, registry.project_id)] == [
        ("A", "Vaihdettu"),
        ("B", "Asiakkaan kohtaaminen"),
        ("D", "Uusi"),
    ]
    with pytest.raises(ValidationError):
        save_modules(db, registry.project_id, [ModuleRow(None, "X", ""), ModuleRow(None, "x", "")])


@pytest.mark.parametrize(
    "row",
    [ModuleRow(None, "ABCDEFGHIJK", "Liian pitkä koodi"), ModuleRow(None, "E", "Rivi\nkaksi")],
)
def test_module_codes_and_names_follow_the_text_limits(db, registry, row) -> None:
    before = list_modules(db, registry.project_id)
    with pytest.raises(ValidationError) as info:
        save_modules(db, registry.project_id, [*before, row])
    assert set(info.value.errors) == {"modules"}
    assert list_modules(db, registry.project_id) == before


def test_the_workshop_list_and_the_results_share_one_scope_rule(db, registry, new_workshop) -> None:
    """WorkshopScope.includes (the rule) and the SQL both services use agree."""
    import dataclasses

    new_workshop("06", "A", date=dt.date(2014, 3, 1))
    new_workshop("15", "A", date=dt.date(2014, 5, 1))
    new_workshop("15", "B", date=dt.date(2014, 9, 1))

    from kastedesk.domain.workshops import WorkshopScope
    from kastedesk.services.feedback_results import ResultFilter

    every = list_workshops(db, WorkshopFilter())
    for scope in (
        WorkshopScope(region="15"),
        WorkshopScope(module="B"),
        WorkshopScope(project_id=registry.project_id, region="15"),
        WorkshopScope(date_from=dt.date(2014, 4, 1), date_to=dt.date(2014, 6, 30)),
    ):
        fields = dataclasses.asdict(scope)
        listed = {w.id for w in list_workshops(db, WorkshopFilter(**fields))}
        ruled = {w.id for w in every if scope.includes(w.project_id, w.region, w.module, w.date)}
        assert listed == ruled and listed
        assert ResultFilter(**fields).includes(0, None, None, None) is scope.includes(
            0, None, None, None
        )
