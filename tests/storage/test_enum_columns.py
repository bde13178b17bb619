"""Enum columns: the domain's StrEnum members in Python, their values as plain text stored."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import StatementError

from kastedesk.domain.costs import FundingKind
from kastedesk.domain.registry import DocLanguages, GroupKind, MinutesStyle, QuorumRule
from kastedesk.domain.votes import VoteChoice
from kastedesk.storage.models import Base
from kastedesk.storage.models.enum_type import EnumText
from kastedesk.storage.models.registry import Group, Project
from kastedesk.storage.models.votes import ItemVote

ENUM_COLUMNS = {
    ("group", "kind"),
    ("group", "quorum_rule"),
    ("group", "languages"),
    ("group", "minutes_style"),
    ("membership", "role"),
    ("meeting", "languages"),
    ("meeting", "status"),
    ("agenda_item", "kind"),
    ("agenda_item", "outcome"),
    ("attendance", "role"),
    ("meeting_event", "kind"),
    ("phrase_template", "kind"),
    ("workshop", "status"),
    ("feedback_question", "kind"),
    ("funding_line", "kind"),
    ("evaluation_round", "kind"),
    ("item_vote", "tie_winner"),
    ("vote_ballot", "choice"),
}

# An older program's row, written as plain text (as every row was before enum columns).
OLD_GROUP = (
    'INSERT INTO "group" (id, project_id, name_fi, name_sv, kind, quorum_rule, quorum_min, '
    "chair_or_vice_required, agenda_lead_days, attachments_lead_days, languages, minutes_style) "
    "VALUES (:id, 1, 'Alueryhmä', '', :kind, 'fixed', 3, true, 14, 7, 'fi+sv', 'memo')"
)


def _enum_columns() -> set[tuple[str, str]]:
    return {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, EnumText)
    }


def _project(db) -> None:
    with db.session() as s:
        s.add(Project(id=1, name_fi="Hanke"))


def test_every_enum_column_is_exactly_the_text_column_of_the_migrations(db) -> None:
    assert _enum_columns() == ENUM_COLUMNS
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    ours = [d for d in diffs if any(f"'{t}', '{c}'" in repr(d) for t, c in ENUM_COLUMNS)]
    assert ours == []


def test_a_row_stored_as_plain_text_loads_as_the_members(db) -> None:
    _project(db)
    with db.engine.begin() as conn:
        conn.execute(text(OLD_GROUP), {"id": 5, "kind": "regional_management"})
    with db.read() as s:
        group = s.get(Group, 5)
        assert group is not None
        assert group.kind is GroupKind.REGIONAL_MANAGEMENT
        assert group.quorum_rule is QuorumRule.FIXED
        assert group.languages is DocLanguages.FI_SV
        assert group.minutes_style is MinutesStyle.MEMO
        # Queries compare with the member or its text alike.
        assert s.scalar(select(Group.id).where(Group.kind == GroupKind.REGIONAL_MANAGEMENT)) == 5
        assert s.scalar(select(Group.kind).where(Group.kind == "regional_management")) is (
            GroupKind.REGIONAL_MANAGEMENT
        )


def test_a_member_is_stored_as_its_value_never_its_name(db) -> None:
    _project(db)
    with db.session() as s:
        s.add(Group(id=7, project_id=1, name_fi="A", kind=GroupKind.REGIONAL_MANAGEMENT))
        s.add(Group(id=8, project_id=1, name_fi="B", kind="development"))  # type: ignore[arg-type]
    with db.engine.connect() as conn:
        stored = conn.execute(text('SELECT id, kind, languages FROM "group" ORDER BY id')).all()
    assert [tuple(r) for r in stored] == [
        (7, "regional_management", "fi"),
        (8, "development", "fi"),
    ]
    with db.read() as s:
        assert s.get(Group, 8).kind is GroupKind.DEVELOPMENT  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "value",
    [
        "nonsense",
        "DEVELOPMENT",  # the member's name is not its value
        FundingKind.OTHER,  # "other" too, but a member of another enum
        "",
    ],
)
def test_writing_a_value_outside_the_enum_is_refused_and_nothing_is_written(db, value) -> None:
    _project(db)
    with pytest.raises(ValueError, match="is not a GroupKind value"), db.session() as s:
        s.add(Group(id=9, project_id=1, name_fi="X", kind=value))
    with pytest.raises(ValueError, match="is not a GroupKind value"), db.session() as s:
        group = Group(id=9, project_id=1, name_fi="X")
        s.add(group)
        group.kind = value
    with pytest.raises(StatementError, match="is not a GroupKind value"), db.engine.begin() as c:
        c.execute(insert(Group).values(id=9, project_id=1, name_fi="X", kind=value))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Group)) == 0


def test_assigned_text_is_the_member_at_once_in_the_same_session(db) -> None:
    _project(db)
    with db.session() as s:
        group = Group(id=4, project_id=1, name_fi="A", languages="fi+sv")  # type: ignore[arg-type]
        s.add(group)
        assert group.languages is DocLanguages.FI_SV and group.languages.codes == ("fi", "sv")
        group.kind = "other"  # type: ignore[assignment]
        assert group.kind is GroupKind.OTHER
        s.flush()
        assert group.kind is GroupKind.OTHER


def test_an_unknown_stored_value_is_not_passed_on(db) -> None:
    _project(db)
    with db.engine.begin() as conn:
        conn.execute(text(OLD_GROUP), {"id": 6, "kind": "committee"})
    with db.read() as s, pytest.raises(ValueError, match="holds 'committee'"):
        s.get(Group, 6)


def test_the_tie_winner_keeps_blank_text_for_no_winner() -> None:
    column_type = ItemVote.__table__.c.tie_winner.type
    assert not ItemVote.__table__.c.tie_winner.nullable
    assert column_type.process_bind_param(None, None) == ""
    assert column_type.process_bind_param(VoteChoice.NO, None) == "no"
    assert column_type.process_result_value("", None) is None
    assert column_type.process_result_value("yes", None) is VoteChoice.YES
    with pytest.raises(ValueError, match="not a VoteChoice value"):
        column_type.process_bind_param("maybe", None)


def test_an_enum_longer_than_its_column_is_refused_when_the_model_is_made() -> None:
    with pytest.raises(ValueError, match="longer than 5"):
        EnumText(GroupKind, 5)
