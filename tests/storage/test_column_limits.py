"""What the door lets in fits the columns: a server enforces VARCHAR lengths, SQLite does not.

Every limit of ``kastedesk.domain.text_limits`` is at most the length of the
columns it guards, so a value accepted by a dialog or an importer is never
refused (or, on SQLite, silently kept too long) by the database.
"""

from __future__ import annotations

import pytest
from sqlalchemy import String

from kastedesk.domain import text_limits as T
from kastedesk.storage.authors import clean_author
from kastedesk.storage.models.base import AUTHOR_MAX
from kastedesk.storage.models.feedback import FeedbackForm, FeedbackOption, FeedbackQuestion
from kastedesk.storage.models.meetings import AgendaItem, Attendance, Meeting
from kastedesk.storage.models.registry import Group, Person, Project
from kastedesk.storage.models.workshops import Workshop, WorkshopModule

GUARDED = [
    (T.PERSON_NAME, [Person.first_name, Person.last_name]),
    (T.PERSON_TITLE, [Person.title]),
    (T.ORGANISATION, [Person.organisation, Project.organisation]),
    (T.MUNICIPALITY, [Person.municipality, Workshop.municipality]),
    (T.EMAIL, [Person.email]),
    (T.PHONE, [Person.phone]),
    (
        T.NAME,
        [
            Project.name_fi, Group.name_fi, Group.name_sv, Workshop.title, Workshop.place,
            FeedbackForm.name_fi, WorkshopModule.name_fi, AgendaItem.title_fi, Meeting.place,
            FeedbackOption.text_fi,
        ],
    ),
    (T.SHORT_NAME, [Project.short_name]),
    (T.MODULE_CODE, [WorkshopModule.code]),
    (T.QUESTION_KEY, [FeedbackQuestion.key]),
    (T.SCALE_LABEL, [FeedbackQuestion.min_label_fi, FeedbackQuestion.max_label_sv]),
    (T.GUEST_NAME, [Attendance.guest_name]),
    (T.LINK, [Meeting.remote_link]),
]  # fmt: skip


@pytest.mark.parametrize(("limit", "columns"), GUARDED)
def test_each_limit_fits_its_columns(limit: int, columns: list) -> None:
    for column in columns:
        kind = column.property.columns[0].type
        assert isinstance(kind, String)
        assert kind.length is None or limit <= kind.length, column


def test_an_author_name_is_one_line_and_fits_its_column() -> None:
    assert clean_author("Aino\r\n\tSihteeri ") == "Aino Sihteeri"
    assert len(clean_author("x" * 500)) == AUTHOR_MAX
