"""A calendar invitation (RFC 5545) for a meeting, in Europe/Helsinki time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vText

from kastedesk import __version__
from kastedesk.documents.content import MeetingContent, PersonLine
from kastedesk.documents.phrases import Phrases
from kastedesk.domain.registry import Role
from kastedesk.domain.text_limits import one_line

HELSINKI = "Europe/Helsinki"
REMINDER = dt.timedelta(days=1)  # members prepare: a reminder the day before


def _address(email: str) -> str:
    return one_line(email).replace(" ", "")


def invitation_attendees(content: MeetingContent, include_deputies: bool) -> list[PersonLine]:
    """Members, presenter and experts (deputies on request) who have an email address.

    The secretary is the organizer, not an attendee.
    """
    roles = {Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.PRESENTER, Role.EXPERT}
    if include_deputies:
        roles.add(Role.DEPUTY)
    return [p for p in content.invitees if p.role in roles and p.email]


def agenda_summary(content: MeetingContent, languages: Sequence[str]) -> str:
    t = Phrases(languages)
    lines = [
        f"{t.bilingual(content.title)}",
        t.meeting_time(content.date, content.start, content.end),
    ]
    if content.place:
        lines.append(content.place)
    if content.remote_link:
        lines.append(content.remote_link)
    lines.append("")
    lines.extend(f"{item.section} § {t.bilingual(item.title)}" for item in content.items)
    return "\n".join(lines)


def build_invitation(
    content: MeetingContent,
    uid: str,
    sequence: int,
    include_deputies: bool = False,
    now: dt.datetime | None = None,
) -> bytes:
    """The .ics bytes; the same *uid* with a higher *sequence* updates the calendar entry."""
    languages = content.languages
    t = Phrases(languages)
    calendar = Calendar()
    calendar.add("prodid", f"-//KasteDesk//KasteDesk {__version__}//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", now or dt.datetime.now(dt.UTC))
    event.add("summary", t.bilingual(content.title))
    zone = ZoneInfo(HELSINKI)
    if content.start is None:
        event.add("dtstart", content.date)
        event.add("dtend", content.date + dt.timedelta(days=1))
    else:
        start = dt.datetime.combine(content.date, content.start, tzinfo=zone)
        end_time = content.end or (start + dt.timedelta(hours=2)).time()
        event.add("dtstart", start)
        event.add("dtend", dt.datetime.combine(content.date, end_time, tzinfo=zone))
        # The rules around the meeting's year: short, and enough for any calendar.
        year = content.date.year
        calendar.add_component(
            Timezone.from_tzid(
                HELSINKI, first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1)
            )
        )
    if content.place:
        event.add("location", content.place)
    if content.remote_link:
        event.add("url", content.remote_link)
    event.add("description", agenda_summary(content, languages))
    event.add("status", "CONFIRMED")
    # Addresses and names as parameters must be one line, whatever was stored.
    if secretary_email := _address(content.secretary_email):
        organizer = vCalAddress(f"mailto:{secretary_email}")
        organizer.params["cn"] = vText(one_line(content.secretary))
        event.add("organizer", organizer)
    for person in invitation_attendees(content, include_deputies):
        if not _address(person.email):
            continue
        attendee = vCalAddress(f"mailto:{_address(person.email)}")
        attendee.params["cn"] = vText(one_line(person.name))
        attendee.params["role"] = vText(
            "REQ-PARTICIPANT"
            if person.role in (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER)
            else "OPT-PARTICIPANT"
        )
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=False)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", t.bilingual(content.title))
    alarm.add("trigger", -REMINDER)
    event.add_component(alarm)
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
