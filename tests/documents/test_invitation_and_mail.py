"""The calendar invitation read back with icalendar, the mail draft with the email package."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from kastedesk.documents.content import Bilingual, MeetingContent
from kastedesk.documents.invitation import build_invitation
from kastedesk.documents.mail_draft import build_agenda_mail


def _event(data: bytes):
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_invitation_in_helsinki_time_with_timezone(content: MeetingContent) -> None:
    calendar, event = _event(build_invitation(content, "uid-1@kastedesk", 0))
    assert calendar["method"] == "REQUEST"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Helsinki"
    start = event.decoded("dtstart")
    assert start == dt.datetime(2014, 9, 23, 12, 30, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert start.utcoffset() == dt.timedelta(hours=3)  # summer time in September
    assert event.decoded("dtend").time() == dt.time(13, 30)
    assert str(event["summary"]) == "Ohjausryhmän 6. kokous"
    assert str(event["location"]) == "Tampere, Pikassos, neuvotteluhuone"
    description = str(event["description"])
    assert "4 § Koulutussuunnitelma syksy 2014" in description
    assert "https://meet.example/lasse-6" in description
    assert str(event["organizer"]) == "mailto:satu@tampere.example"
    assert event["organizer"].params["CN"] == "Satu Tuominen"
    attendees = {str(a): a.params for a in event["attendee"]}
    assert "mailto:anneli@tampere.example" in attendees
    assert attendees["mailto:anneli@tampere.example"]["ROLE"] == "REQ-PARTICIPANT"
    assert "mailto:outi@heinola.example" not in attendees  # deputies only on request
    assert "mailto:satu@tampere.example" not in attendees  # the organizer
    assert "mailto:ville@stm.example" not in attendees  # for information only
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == -dt.timedelta(days=1)


def test_resent_invitation_updates_the_same_entry(content: MeetingContent) -> None:
    _c, first = _event(build_invitation(content, "uid-1@kastedesk", 0))
    moved = dataclasses.replace(content, start=dt.time(13, 0), end=dt.time(14, 0))
    _c, second = _event(build_invitation(moved, "uid-1@kastedesk", 1, include_deputies=True))
    assert first["uid"] == second["uid"]
    assert second["sequence"] > first["sequence"]
    assert "mailto:outi@heinola.example" in [str(a) for a in second["attendee"]]


def test_meeting_without_a_time_is_a_day_event(content: MeetingContent) -> None:
    _c, event = _event(build_invitation(dataclasses.replace(content, start=None, end=None), "u", 0))
    assert event.decoded("dtstart") == dt.date(2014, 9, 23)


def test_swedish_invitation(content: MeetingContent) -> None:
    _c, event = _event(build_invitation(dataclasses.replace(content, languages=("sv",)), "u", 0))
    assert str(event["summary"]) == "Styrgruppens 6:e möte"
    assert "tis 23.9.2014 kl. 12.30–13.30" in str(event["description"])


def test_agenda_mail_draft(content: MeetingContent, tmp_path: Path) -> None:
    attachment = tmp_path / "suunnitelma.pdf"
    attachment.write_bytes(b"%PDF-1.4 plan")
    message = build_agenda_mail(
        content, ["fi"], ("Ohjausryhma_6_esityslista_2014-09-23.docx", b"docx-bytes"),
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", [("1_suunnitelma.pdf", attachment)],
    )  # fmt: skip
    parsed = email.message_from_bytes(bytes(message), policy=policy.default)
    assert parsed["Subject"] == "Ohjausryhmän 6. kokous 23.9.2014 – esityslista"
    assert parsed["X-Unsent"] == "1"
    assert parsed["From"] == "Satu Tuominen <satu@tampere.example>"
    to = parsed["To"]
    assert "anneli@tampere.example" in to and "ville@stm.example" not in to
    assert parsed["Cc"] == "Ville Heinonen <ville@stm.example>"
    body = parsed.get_body(("plain",)).get_content()
    assert "ti 23.9.2014 klo 12.30–13.30" in body and "Satu Tuominen" in body
    parts = {p.get_filename(): p for p in parsed.iter_attachments()}
    assert parts["Ohjausryhma_6_esityslista_2014-09-23.docx"].get_content() == b"docx-bytes"
    assert parts["1_suunnitelma.pdf"].get_content() == b"%PDF-1.4 plan"
    ics = parts["Ohjausryhman_6_kokous.ics"]
    assert ics.get_content_type() == "text/calendar" and ics.get_param("method") == "REQUEST"


def test_bilingual_mail_has_both_texts(content: MeetingContent) -> None:
    message = build_agenda_mail(content, ["fi", "sv"], ("a.docx", b""), b"", [])
    parsed = email.message_from_bytes(bytes(message), policy=policy.default)
    assert parsed["Subject"] == (
        "Ohjausryhmän 6. kokous 23.9.2014 – esityslista / "
        "Styrgruppens 6:e möte 23.9.2014 – föredragningslista"
    )
    body = parsed.get_body(("plain",)).get_content()
    assert body.index("Hei") < body.index("Hej")


def test_stored_line_breaks_do_not_break_or_add_mail_headers(content: MeetingContent) -> None:
    """Names stored before the door was shut (or typed elsewhere) still make a draft."""
    broken = dataclasses.replace(
        content.invitees[3],
        name="Anneli\r\nBcc: spy@evil.example",
        email="anneli@tampere.example\n",
    )
    content = dataclasses.replace(
        content,
        invitees=(*content.invitees[:3], broken, *content.invitees[4:]),
        secretary="Satu\nTuominen",
        title=Bilingual("Ohjausryhmän\u2028 6. kokous", "x"),
    )
    message = build_agenda_mail(content, ["fi"], ("a\n.docx", b"x"), b"", [])
    parsed = email.message_from_bytes(bytes(message), policy=policy.default)
    assert parsed["Bcc"] is None
    assert '"Anneli Bcc: spy@evil.example" <anneli@tampere.example>' in parsed["To"]
    assert parsed["From"] == "Satu Tuominen <satu@tampere.example>"
    assert "\n" not in parsed["Subject"] and "Ohjausryhmän 6. kokous" in parsed["Subject"]
    _c, event = _event(build_invitation(content, "uid-1@kastedesk", 0))
    attendees = {str(a): a.params["CN"] for a in event["attendee"]}
    assert attendees["mailto:anneli@tampere.example"] == "Anneli Bcc: spy@evil.example"
    assert event["organizer"].params["CN"] == "Satu Tuominen"
