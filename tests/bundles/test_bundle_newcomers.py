"""People and projects a bundle brings are made by the registry's own rules.

A person whose name cannot be made valid skips the workshop (and its new
responses), named in the report; a bad e-mail address is left out and named;
a project without a Finnish name takes its short name. Never half a record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kastedesk.domain.registry_rules import PersonData, ProjectData
from kastedesk.domain.validation import ValidationError
from kastedesk.services.bundles import import_bundle, preview_import
from kastedesk.services.bundles.conflicts import list_conflicts, resolve_conflict
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.bundles.newcomers import bundle_person, bundle_project, module_names
from kastedesk.services.bundles.report import report_json, summary_lines
from kastedesk.services.workshops import list_workshops, update_workshop, workshop_data
from kastedesk.storage.database import Database
from kastedesk.storage.models.feedback import FeedbackForm, FeedbackResponse
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.workshops import Workshop, WorkshopModule
from tests.bundles.conftest import add_registry, add_workshop, type_responses
from tests.bundles.test_bad_bundles import _entries, _write
from tests.cli.test_db_commands import run
from tests.db_support import db_arg

Change = Callable[[list[dict[str, Any]]], None]


@pytest.fixture
def field_bundle(laptop, tmp_path: Path) -> Callable[[Change], Path]:
    """field_bundle(change) -> laptop a's two workshops (3 and 2 responses) as a bundle,
    its workshops.json records edited by *change*."""
    a = laptop("a")
    reg = add_registry(a)
    vaasa = add_workshop(a, reg)
    seinajoki = add_workshop(a, reg, "Työpaja A Seinäjoki")
    type_responses(a, vaasa, [5, 4, 3])
    type_responses(a, seinajoki, [2, 2])
    good = tmp_path / "good.kastebundle"
    export_bundle(a, good)

    def make(change: Change) -> Path:
        entries = _entries(good)
        data = json.loads(entries["workshops.json"])
        change(data["workshops"])
        entries["workshops.json"] = json.dumps(data).encode()
        return _write(tmp_path / "edited.kastebundle", entries)

    return make


def _by_title(workshops: list[dict[str, Any]], title: str) -> dict[str, Any]:
    return next(w for w in workshops if w["content"]["title"] == title)


def _every_context(workshops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [w["context"] for w in workshops]


def _bad_email(workshops: list[dict[str, Any]]) -> None:
    for context in _every_context(workshops):
        context["people"]["aino aaltonen"]["email"] = "aino at example.fi"


def _stranger_in_vaasa(workshops: list[dict[str, Any]]) -> None:
    """Vaasa gets a facilitator whose first name has a control character."""
    vaasa = _by_title(workshops, "Työpaja A Vaasa")
    vaasa["content"]["facilitators"].append("cecilia corr")
    vaasa["context"]["people"]["cecilia corr"] = {
        "first_name": "Cecilia\x1b",
        "last_name": "Corr",
        "email": "",
        "organisation": "",
    }


def _count(db: Database, model: type[Any]) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _people(db: Database) -> dict[str, str]:
    with db.read() as s:
        return {p.full_name: p.email for p in s.scalars(select(Person))}


def _titles(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(s.scalars(select(Workshop.title)))


def test_a_bad_email_is_left_out_and_reported(field_bundle, laptop) -> None:
    def bad_values(workshops: list[dict[str, Any]]) -> None:
        _bad_email(workshops)
        for context in _every_context(workshops):
            context["module"]["name_fi"] = "Asiakkaan\tkohtaaminen"

    receiver = laptop("b")
    plan = import_bundle(receiver, field_bundle(bad_values))

    assert plan.skipped == []
    assert plan.left_out == [
        "Aino Aaltonen, e-mail address: left out (This is not an email address "
        "(for example: name@example.fi))",
        "module A, Finnish name: left out "
        "(Remove the line breaks, tabs and other control characters)",
    ]
    with receiver.read() as s:
        module = s.scalars(select(WorkshopModule)).one()
        assert (module.code, module.name_fi, module.name_sv) == ("A", "", "Bemötande")
    assert "Values left out as invalid:" in summary_lines(plan)
    assert _people(receiver) == {"Aino Aaltonen": "", "Bo Berg": ""}
    assert _titles(receiver) == ["Työpaja A Seinäjoki", "Työpaja A Vaasa"]
    assert _count(receiver, FeedbackResponse) == 5


def test_a_person_with_control_characters_skips_the_workshop_and_its_responses(
    field_bundle, laptop
) -> None:
    receiver = laptop("b")
    path = field_bundle(_stranger_in_vaasa)
    preview = preview_import(receiver, path)
    plan = import_bundle(receiver, path)

    for p in (preview, plan):
        assert [(s.title, s.responses) for s in p.skipped] == [("Työpaja A Vaasa", 3)]
        assert p.counts["workshop"]["insert"] == 1 and p.counts["response"]["insert"] == 2
    reason = plan.skipped[0].reason
    assert "Cecilia" in reason and "first name" in reason and "control characters" in reason
    assert "\x1b" not in reason
    lines = summary_lines(plan)
    assert lines[-1] == (
        "Skipped: workshop “Työpaja A Vaasa”: person “Cecilia Corr”, first name: Remove the "
        "line breaks, tabs and other control characters. Its 3 new responses were left out too."
    )
    assert "New people: Aino Aaltonen, Bo Berg" in lines
    # The other workshop came whole; the skipped one left nothing behind.
    assert _titles(receiver) == ["Työpaja A Seinäjoki"]
    assert _count(receiver, FeedbackResponse) == 2
    assert set(_people(receiver)) == {"Aino Aaltonen", "Bo Berg"}
    # Importing again skips it again and doubles nothing.
    again = import_bundle(receiver, path)
    assert [s.title for s in again.skipped] == ["Työpaja A Vaasa"]
    assert again.inserted == 0 and _count(receiver, FeedbackResponse) == 2


def test_an_over_long_name_skips_every_workshop_of_that_person(field_bundle, laptop) -> None:
    def long_name(workshops: list[dict[str, Any]]) -> None:
        for context in _every_context(workshops):
            context["people"]["bo berg"]["last_name"] = "B" * 101

    receiver = laptop("b")
    plan = import_bundle(receiver, field_bundle(long_name))

    assert sorted((s.title, s.responses) for s in plan.skipped) == [
        ("Työpaja A Seinäjoki", 2),
        ("Työpaja A Vaasa", 3),
    ]
    assert "last name: Use at most 100 characters (this has 101)." in plan.skipped[0].reason
    assert plan.new_people == [] and plan.new_projects == []
    assert _titles(receiver) == [] and _people(receiver) == {}
    assert _count(receiver, FeedbackResponse) == 0 and _count(receiver, Project) == 0
    assert _count(receiver, FeedbackForm) == 1  # the form stands on its own


def test_a_person_already_here_is_matched_whatever_the_bundle_says(field_bundle, laptop) -> None:
    receiver = laptop("b")
    add_registry(receiver)
    plan = import_bundle(receiver, field_bundle(_bad_email))
    assert plan.skipped == [] and plan.left_out == [] and plan.new_people == []
    assert _people(receiver)["Aino Aaltonen"] == "aino@example.fi"


def test_a_project_without_a_finnish_name_takes_its_short_name(field_bundle, laptop) -> None:
    def no_name(workshops: list[dict[str, Any]]) -> None:
        for context in _every_context(workshops):
            context["project"]["name_fi"] = ""

    receiver = laptop("b")
    plan = import_bundle(receiver, field_bundle(no_name))
    assert plan.new_projects == ["LasSe"] and plan.left_out == []
    with receiver.read() as s:
        project = s.scalars(select(Project)).one()
        assert (project.name_fi, project.short_name) == ("LasSe", "LasSe")
    assert len(_titles(receiver)) == 2
    # Found again under the same key: a second import makes no second project.
    import_bundle(receiver, field_bundle(no_name))
    assert _count(receiver, Project) == 1


def test_bundle_values_are_judged_by_the_registry_rules() -> None:
    made = bundle_person(
        "aino aaltonen",
        {"first_name": " Aino ", "last_name": "Aaltonen", "email": "AINO@Example.fi"},
    )
    assert made.data is not None and made.left_out == ()
    assert made.data.normalised() == PersonData("Aino", "Aaltonen", email="aino@example.fi")
    assert bundle_person("aino aaltonen", None).problem == (
        "person “aino aaltonen”, first name: Enter the first name."
    )
    assert bundle_person("aino aaltonen", {"first_name": "Bo", "last_name": "Berg"}).problem == (
        "the bundle does not carry the first and last name of “aino aaltonen”"
    )
    organisation = bundle_person(
        "bo berg", {"first_name": "Bo", "last_name": "Berg", "organisation": "Kela\nBcc"}
    )
    assert organisation.data is not None and organisation.data.organisation == ""
    assert organisation.left_out[0].startswith("Bo Berg, organisation: left out")
    header = bundle_person(
        "bo berg", {"first_name": "Bo", "last_name": "Berg", "email": "bo@x.fi\r\nBcc: y@x.fi"}
    )
    assert header.data is not None and header.data.email == ""
    assert header.left_out == (
        "Bo Berg, e-mail address: left out "
        "(Remove the line breaks, tabs and other control characters)",
    )

    assert bundle_project("lasse", {"name_fi": "Lasten palvelut", "short_name": "LasSe"}) == (
        ProjectData("Lasten palvelut", short_name="LasSe"),
        (),
    )
    data, left_out = bundle_project("lasse", {"name_fi": "x\x00", "name_sv": "y" * 301})
    assert (data.name_fi, data.name_sv, data.short_name) == ("lasse", "", "")
    assert [line.split(" (")[0] for line in left_out] == [
        "lasse, Swedish name: left out",
        "lasse, Finnish name: left out",
    ]
    data, _left = bundle_project("lasse", {"name_fi": "Lasten palvelut", "short_name": "Other"})
    assert (data.name_fi, data.short_name) == ("Lasten palvelut", "lasse")
    assert module_names("A", {"name_fi": " Kohtaaminen ", "name_sv": "x" * 301}) == (
        "Kohtaaminen",
        "",
        ("module A, Swedish name: left out (Use at most 300 characters (this has 301))",),
    )


def test_cli_import_reports_skipped_and_left_out(capsys, field_bundle, laptop) -> None:
    def both(workshops: list[dict[str, Any]]) -> None:
        _bad_email(workshops)
        _stranger_in_vaasa(workshops)

    path = field_bundle(both)
    receiver = laptop("b")
    target = str(db_arg(receiver))

    code, text, err = run(capsys, "--db", target, "bundle", "import", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert "Skipped: workshop “Työpaja A Vaasa”: person “Cecilia Corr”, first name" in text
    assert _titles(receiver) == []

    code, text, err = run(capsys, "--db", target, "bundle", "import", str(path))
    assert (code, err) == (0, "")
    lines = text.splitlines()
    assert lines[1].split() == ["New", "1", "1", "2", "0"]
    assert "New people: Aino Aaltonen, Bo Berg" in lines
    assert "Its 3 new responses were left out too." in text
    at = lines.index("Values left out as invalid:")
    assert lines[at + 1].startswith("Aino Aaltonen, e-mail address: left out")
    assert _titles(receiver) == ["Työpaja A Seinäjoki"]
    assert _people(receiver) == {"Aino Aaltonen": "", "Bo Berg": ""}

    code, text, err = run(capsys, "--db", target, "bundle", "import", str(path), "--json")
    report = json.loads(text)
    assert [(s["title"], s["responses"]) for s in report["skipped"]] == [("Työpaja A Vaasa", 3)]
    assert report["left_out"] == []  # Aino is here now: nothing new is made of her values
    assert report == {**report_json(preview_import(receiver, path)), "dry_run": False}


def test_a_conflict_whose_new_person_is_invalid_cannot_be_taken(laptop, tmp_path) -> None:
    a = laptop("a")
    workshop_a = add_workshop(a, add_registry(a))
    shared = tmp_path / "shared.kastebundle"
    export_bundle(a, shared)
    b = laptop("b")
    import_bundle(b, shared)
    workshop_b = list_workshops(b)[0].id
    with a.session() as s:  # a adds a facilitator, b changes the place: a conflict
        cecilia = Person(first_name="Cecilia", last_name="Corr")
        s.add(cecilia)
        s.flush()
        cecilia_id = cecilia.id
    data = workshop_data(a, workshop_a)
    data.facilitator_ids = [*data.facilitator_ids, cecilia_id]
    update_workshop(a, workshop_a, data)
    data_b = workshop_data(b, workshop_b)
    data_b.place = "Vaasan kaupungintalo"
    update_workshop(b, workshop_b, data_b)
    from_a = tmp_path / "from_a.kastebundle"
    export_bundle(a, from_a)
    entries = _entries(from_a)
    parts = json.loads(entries["workshops.json"])
    parts["workshops"][0]["context"]["people"]["cecilia corr"]["first_name"] = "Cecilia\x00"
    entries["workshops.json"] = json.dumps(parts).encode()
    edited = _write(tmp_path / "edited.kastebundle", entries)

    assert import_bundle(b, edited).conflicts == 1  # kept, not applied: nothing to screen yet
    [conflict] = list_conflicts(b)
    with pytest.raises(ValidationError) as info:
        resolve_conflict(b, conflict.id, take_incoming=True)
    assert str(info.value).startswith(
        "This version cannot be taken: person “Cecilia Corr”, first name: Remove the line breaks"
    )
    assert "Cecilia Corr" not in _people(b)
    assert workshop_data(b, workshop_b).place == "Vaasan kaupungintalo"
    assert len(list_conflicts(b)) == 1  # still there to keep this database's version
    resolve_conflict(b, conflict.id, take_incoming=False)
    assert list_conflicts(b) == []
