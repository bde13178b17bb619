"""Attachments: files copied into the program's data folder, numbered through the meeting.

The copy is written under a temporary name and renamed into place, so a
failed copy never leaves half a file; the row is only added once the file is there.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from kastedesk.domain.validation import ValidationError
from kastedesk.i18n import _
from kastedesk.paths import user_data_dir
from kastedesk.services.meeting_access import ensure_unlocked
from kastedesk.storage.database import Database
from kastedesk.storage.models.meetings import AgendaItem, Attachment

ATTACHMENTS_FOLDER = "attachments"


def attachment_path(stored_path: str) -> Path:
    """The absolute path of an attachment's copy."""
    return user_data_dir() / Path(stored_path)


def _copy_in(source: Path, meeting_id: int) -> str:
    folder = Path(ATTACHMENTS_FOLDER) / f"meeting-{meeting_id}"
    target_dir = user_data_dir() / folder
    target_dir.mkdir(parents=True, exist_ok=True)
    name = (
        f"{uuid.uuid4().hex[:8]}-{source.stem[:80]}{source.suffix[:16]}"  # short enough for Windows
    )
    temp = target_dir / f".{name}.part"
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target_dir / name)
    finally:
        temp.unlink(missing_ok=True)
    return (folder / name).as_posix()


def add_attachment(db: Database, item_id: int, source: Path, title: str = "") -> int:
    source = Path(source)
    if not source.is_file():
        raise ValidationError({"attachment": _("File not found: {path}").format(path=source)})
    with db.read() as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise ValidationError({"": _("The agenda item no longer exists.")})
        ensure_unlocked(item.meeting)
        meeting_id = item.meeting_id
    stored = _copy_in(source, meeting_id)
    try:
        with db.session() as session:
            item = session.get(AgendaItem, item_id)
            if item is None:
                raise ValidationError({"": _("The agenda item no longer exists.")})
            ensure_unlocked(item.meeting)
            position = max((a.position for a in item.attachments), default=0) + 1
            attachment = Attachment(
                item_id=item.id,
                position=position,
                title=title.strip() or source.stem,
                file_name=source.name,
                stored_path=stored,
            )
            session.add(attachment)
            session.flush()
            return attachment.id
    except Exception:
        attachment_path(stored).unlink(missing_ok=True)
        raise


def remove_attachment(db: Database, attachment_id: int) -> None:
    with db.session() as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:
            return
        ensure_unlocked(attachment.item.meeting)
        stored = attachment.stored_path
        session.delete(attachment)
    attachment_path(stored).unlink(missing_ok=True)


def attachment_label(number: int, lang: str) -> str:
    """Liite 1 / Bilaga 1 (document words, in the document's language)."""
    return f"{'Bilaga' if lang == 'sv' else 'Liite'} {number}"
