"""The agenda e-mail as a draft (.eml) that the user's own mail program opens and sends.

``X-Unsent: 1`` makes Outlook open the file as a new message ready to send;
Thunderbird opens it too ("Edit as new"). No server, no password.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

from kastedesk.documents import phrases as P
from kastedesk.documents.content import MeetingContent, PersonLine
from kastedesk.documents.invitation import invitation_attendees
from kastedesk.documents.phrases import Phrases
from kastedesk.domain.text_limits import one_line
from kastedesk.file_names import ascii_name
from kastedesk.formatting import format_date


def _address(name: str, email: str) -> str:
    # Stored names and addresses go into headers: a line break there would break
    # the message (or add headers), whatever an older version let in.
    return formataddr((one_line(name), one_line(email).replace(" ", "")))


def _addresses(people: Sequence[PersonLine]) -> str:
    return ", ".join(_address(p.name, p.email) for p in people if one_line(p.email))


def agenda_subject(content: MeetingContent, languages: Sequence[str]) -> str:
    t = Phrases(languages)
    return " / ".join(
        dict.fromkeys(
            t.one(lang, P.SUBJECT_AGENDA).format(
                title=content.title.get(lang), date=format_date(content.date)
            )
            for lang in languages
        )
    )


def agenda_body(content: MeetingContent, languages: Sequence[str]) -> str:
    t = Phrases(languages)
    bodies = []
    for lang in languages:
        bodies.append(
            t.one(lang, P.MAIL_BODY).format(
                title=content.title.get(lang),
                time=Phrases([lang]).meeting_time(content.date, content.start, content.end),
                place=content.place or "–",
                secretary=content.secretary,
            )
        )
    return "\n\n---\n\n".join(bodies) + "\n"


def build_agenda_mail(
    content: MeetingContent,
    languages: Sequence[str],
    agenda: tuple[str, bytes],
    invitation: bytes,
    attachments: Sequence[tuple[str, Path]],
    include_deputies: bool = False,
) -> EmailMessage:
    """To the members, Cc the for-information recipients; the agenda, attachments, invitation."""
    message = EmailMessage()
    message["Subject"] = one_line(agenda_subject(content, languages))
    if one_line(content.secretary_email):
        message["From"] = _address(content.secretary, content.secretary_email)
    message["To"] = _addresses(invitation_attendees(content, include_deputies))
    if cc := _addresses(content.for_information):
        message["Cc"] = cc
    message["X-Unsent"] = "1"
    message["Message-ID"] = make_msgid(domain="kastedesk.invalid")
    message.set_content(agenda_body(content, languages))
    name, data = agenda
    message.add_attachment(
        data,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=one_line(name),
    )
    for filename, path in attachments:
        kind, _encoding = mimetypes.guess_type(filename)
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        message.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=one_line(filename)
        )
    message.add_attachment(
        invitation,
        maintype="text",
        subtype="calendar",
        filename=f"{ascii_name(content.title.get(languages[0]))}.ics",
        params={"method": "REQUEST"},
    )
    return message
