"""Calendar invitation and agenda e-mail draft of a meeting; marking the agenda sent."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Sequence
from pathlib import Path

from kastedesk.atomic_files import atomic_path
from kastedesk.documents.docx_builder import build_agenda
from kastedesk.documents.invitation import build_invitation
from kastedesk.documents.mail_draft import build_agenda_mail
from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.services.meeting_access import load_meeting
from kastedesk.services.meeting_attachments import attachment_path
from kastedesk.services.meeting_documents import (
    AGENDA,
    MissingLanguageError,
    document_languages,
    group_template,
    meeting_content,
    meeting_group_id,
    missing_in,
    suggested_name,
)
from kastedesk.storage.database import Database
from kastedesk.storage.models.meta import Meta

CALENDAR_KEY = "calendar_id"  # one random id per database: meeting UIDs derive from it


def meeting_uid(db: Database, meeting_id: int) -> str:
    """A UID that stays the same for the meeting, so a re-sent invitation updates it."""
    with db.session() as s:
        row = s.get(Meta, CALENDAR_KEY)
        if row is None:
            row = Meta(key=CALENDAR_KEY, value=str(uuid.uuid4()))
            s.add(row)
        seed = row.value
    return f"{uuid.uuid5(uuid.UUID(seed), f'meeting-{meeting_id}')}@kastedesk"


def _next_sequence(db: Database, meeting_id: int) -> int:
    with db.session() as s:
        meeting = load_meeting(s, meeting_id, for_change=False)
        meeting.invite_sequence = (meeting.invite_sequence or 0) + 1
        return meeting.invite_sequence - 1  # the first invitation has SEQUENCE 0


def invitation_bytes(db: Database, meeting_id: int, include_deputies: bool = False) -> bytes:
    content = meeting_content(db, meeting_id)
    uid = meeting_uid(db, meeting_id)
    return build_invitation(content, uid, _next_sequence(db, meeting_id), include_deputies)


def write_invitation(
    db: Database, meeting_id: int, target: Path, include_deputies: bool = False
) -> Path:
    data = invitation_bytes(db, meeting_id, include_deputies)
    with atomic_path(Path(target)) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def mark_agenda_sent(db: Database, meeting_id: int, on: dt.date | None = None) -> None:
    """Record the date the agenda went out; a draft meeting becomes "agenda sent"."""
    with db.session() as s:
        meeting = load_meeting(s, meeting_id)
        meeting.agenda_sent_on = on or dt.date.today()
        if meeting.status == MeetingStatus.DRAFT:
            meeting.status = MeetingStatus.AGENDA_SENT


def write_agenda_mail(
    db: Database,
    meeting_id: int,
    target: Path,
    languages: Sequence[str] | None = None,
    template: Path | None = None,
    include_deputies: bool = False,
    mark_sent: bool = True,
    allow_missing: bool = False,
) -> Path:
    """The .eml draft with the agenda, its attachments and the invitation attached.

    Like the agenda itself, refused with :class:`MissingLanguageError` when §
    items lack text in a document language, unless *allow_missing*.
    """
    content = meeting_content(db, meeting_id)
    langs = document_languages(content, languages)
    if not allow_missing and (missing := missing_in(content, AGENDA, langs)):
        raise MissingLanguageError(missing)
    # The agenda on the group's own template, like the one written from the Documents bar.
    template = template or group_template(db, meeting_group_id(db, meeting_id))
    buffer = io.BytesIO()
    build_agenda(content, langs, template).save(buffer)
    agenda = (suggested_name(content, AGENDA, langs), buffer.getvalue())
    files = [
        (f"{a.number}_{a.file_name or Path(a.path).name}", attachment_path(a.path))
        for item in content.items
        for a in item.attachments
        if a.path
    ]
    missing_files = [name for name, path in files if not path.is_file()]
    if missing_files:
        raise ValidationError(
            {"": _("Attachment files are missing from the data folder: {names}").format(
                names=", ".join(missing_files)
            )}
        )  # fmt: skip
    invitation = build_invitation(
        content, meeting_uid(db, meeting_id), _next_sequence(db, meeting_id), include_deputies
    )
    message = build_agenda_mail(content, langs, agenda, invitation, files, include_deputies)
    with atomic_path(Path(target)) as tmp:
        tmp.write_bytes(bytes(message))
    if mark_sent:
        mark_agenda_sent(db, meeting_id)
    return Path(target)
