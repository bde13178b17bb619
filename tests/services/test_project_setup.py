"""Start my project: project, regions, group, officers and a member list in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kastedesk.domain.registry import DocLanguages, MinutesStyle, QuorumRule, Role
from kastedesk.domain.registry_rules import GroupData, PersonData, ProjectData
from kastedesk.domain.validation import ValidationError
from kastedesk.services import evaluation, project_setup, registry
from kastedesk.services.member_import import RowStatus
from kastedesk.services.project_setup import MemberList, ProjectSetup
from kastedesk.services.table_files import Table
from kastedesk.storage.database import Database
from kastedesk.storage.models.evaluation import EvaluationRegion
from kastedesk.storage.models.registry import Group, Membership, Person, Project


def _setup(**changes) -> ProjectSetup:
    setup = ProjectSetup(
        project=ProjectData(
            "Lastensuojelun kehittäminen",
            "Utveckling av barnskyddet",
            "LasSe",
            dt.date(2026, 1, 1),
            dt.date(2027, 12, 31),
        ),
        group=GroupData(
            "Ohjausryhmä",
            "Styrgrupp",
            quorum_rule=QuorumRule.FIXED,
            quorum_min=5,
            agenda_lead_days=10,
            attachments_lead_days=5,
            languages=DocLanguages.FI_SV,
            minutes_style=MinutesStyle.MEMO,
        ),
        regions=["15", "14"],
        officers={
            Role.CHAIR: PersonData("Anna", "Aalto", email="anna.aalto@vaasa.fi"),
            Role.VICE_CHAIR: PersonData("Bo", "Björk"),
            Role.SECRETARY: PersonData("Cecilia", "Carlsson", language="sv"),
            Role.PRESENTER: PersonData("Daniel", "Dahl"),
        },
    )
    for name, value in changes.items():
        setattr(setup, name, value)
    return setup


def _members(*rows: list[str]) -> MemberList:
    table = Table(
        ["Etunimi", "Sukunimi", "Sähköposti", "Rooli"],
        [list(r) for r in rows],
        list(range(2, 2 + len(rows))),
    )
    return MemberList(table, project_setup.mapping_for(table.headers), "jäsenet.csv")


def _counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Project, Group, Person, Membership, EvaluationRegion)
        )


def test_the_whole_setup_is_written_together(db: Database) -> None:
    result = project_setup.create_project_setup(db, _setup())
    [project] = registry.list_projects(db)
    assert (project.id, project.short_name, project.name_sv) == (
        result.project_id, "LasSe", "Utveckling av barnskyddet",
    )  # fmt: skip
    [group] = registry.list_groups(db)
    assert group.id == result.group_id
    assert (group.quorum_rule, group.quorum_min, group.languages, group.minutes_style) == (
        "fixed", 5, "fi+sv", "memo",
    )  # fmt: skip
    roles = {m.role: m.full_name for m in registry.member_rows(db, group.id)}
    assert roles == {
        Role.CHAIR: "Anna Aalto",
        Role.VICE_CHAIR: "Bo Björk",
        Role.SECRETARY: "Cecilia Carlsson",
        Role.PRESENTER: "Daniel Dahl",
    }
    assert evaluation.load_framework(db, project.id).regions == ["15", "14"]
    assert result.imported is None


def test_optional_officers_may_be_left_out_but_chair_and_secretary_are_needed(
    db: Database,
) -> None:
    officers = {
        Role.CHAIR: PersonData("Anna", "Aalto"),
        Role.VICE_CHAIR: PersonData("", ""),
        Role.SECRETARY: PersonData("Cecilia", "Carlsson"),
    }
    project_setup.create_project_setup(db, _setup(officers=officers))
    assert {m.role for m in registry.member_rows(db)} == {Role.CHAIR, Role.SECRETARY}

    with pytest.raises(ValidationError) as refused:
        project_setup.create_project_setup(db, _setup(officers={Role.CHAIR: officers[Role.CHAIR]}))
    assert refused.value.errors == {"secretary.first_name": "Enter the secretary's name."}


def test_one_person_in_two_roles_is_one_person(db: Database) -> None:
    setup = _setup()
    setup.officers[Role.PRESENTER] = PersonData("cecilia ", "Carlsson")
    project_setup.create_project_setup(db, setup)
    rows = registry.member_rows(db)
    presenter = next(r for r in rows if r.role == Role.PRESENTER)
    secretary = next(r for r in rows if r.role == Role.SECRETARY)
    assert presenter.person_id == secretary.person_id
    assert _counts(db)[2] == 3  # people


def test_every_problem_is_named_by_its_part_and_field(db: Database) -> None:
    setup = _setup(regions=["15", "15"])
    setup.project.name_fi = " "
    setup.group.quorum_min = None
    setup.officers[Role.CHAIR] = PersonData("Anna", "Aalto", email="anna@")
    with pytest.raises(ValidationError) as refused:
        project_setup.create_project_setup(db, setup)
    assert set(refused.value.errors) == {
        "project.name_fi",
        "regions",
        "group.quorum_min",
        "chair.email",
    }
    assert _counts(db) == (0, 0, 0, 0, 0)


def test_a_member_list_is_imported_into_the_new_group(db: Database) -> None:
    members = _members(
        ["Eeva", "Eklund", "eeva@kunta.fi", "jäsen"],
        ["Frans", "Forsman", "", "varapuheenjohtaja"],  # the vice-chair is already chosen
        ["", "", "", ""],
    )
    result = project_setup.create_project_setup(db, _setup(members=members))
    plan = result.imported
    assert plan is not None
    assert (plan.count(RowStatus.NEW), plan.count(RowStatus.REJECTED), plan.empty_rows) == (1, 1, 1)
    names = {m.full_name for m in registry.member_rows(db, result.group_id)}
    assert "Eeva Eklund" in names and "Frans Forsman" not in names


def test_a_failure_late_in_the_setup_leaves_nothing(db: Database, monkeypatch) -> None:
    """The import is the last step: when it fails, the project and group go too."""

    def broken(*_args, **_kwargs):
        raise ValidationError({"mapping": "Choose the column for: Last name."})

    monkeypatch.setattr(project_setup.member_import, "plan_import", broken)
    with pytest.raises(ValidationError):
        project_setup.create_project_setup(db, _setup(members=_members(["A", "B", "", ""])))
    assert _counts(db) == (0, 0, 0, 0, 0)


def test_a_member_list_without_names_is_refused_with_the_reason(db: Database) -> None:
    table = Table(["Sähköposti"], [["a@b.fi"]], [2])
    members = MemberList(table, project_setup.mapping_for(table.headers), "x.csv")
    with pytest.raises(ValidationError) as refused:
        project_setup.create_project_setup(db, _setup(members=members))
    assert "mapping" in refused.value.errors
    assert _counts(db) == (0, 0, 0, 0, 0)


def test_the_preview_shows_the_import_and_keeps_nothing(db: Database) -> None:
    members = _members(["Eeva", "Eklund", "eeva@kunta.fi", "jäsen"])
    plan = project_setup.preview_members(db, _setup(members=members))
    assert plan is not None and plan.count(RowStatus.NEW) == 1
    assert _counts(db) == (0, 0, 0, 0, 0)
