"""Demo meetings for a steering group, modelled on the LasSe steering group's minutes.

``add_demo_meetings(session, group, today)`` expects the group's memberships to
exist (chair, vice-chair, members, deputies, secretary, presenter, experts). It
adds four past meetings (held, minutes approved, with decisions, action items and
attendance; the third one was not quorate) and three upcoming ones: the first
two have their agenda or attachments due within a week of *today*.
All names come from the registry; the texts are fictional.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kastedesk.domain.agenda_numbering import own_items_index
from kastedesk.domain.meetings import TAIL_ITEMS, ItemKind, MeetingEventKind, MeetingStatus
from kastedesk.domain.registry import Role
from kastedesk.formatting import format_date
from kastedesk.services.meetings import MeetingFields, create_meeting_in
from kastedesk.services.standard_texts import fill_standard_texts_in
from kastedesk.storage.models.meetings import ActionItem, AgendaItem, Meeting, MeetingEvent
from kastedesk.storage.models.registry import Group, Membership

# (title fi, title sv, proposal, decision fi, decision sv, action fi or None)
_OWN_ITEMS = [
    (
        "Hankkeen toimintasuunnitelma ja aikataulu",
        "Projektets verksamhetsplan och tidtabell",
        "Ohjausryhmä hyväksyy toimintasuunnitelman.",
        "Hyväksyttiin toimintasuunnitelma esitetyin tarkennuksin.",
        "Verksamhetsplanen godkändes med de föreslagna preciseringarna.",
        "Toimintasuunnitelman tarkennukset kuntakierrokselle",
    ),
    (
        "Alueelliset työpajat ja koulutus",
        "Regionala workshoppar och utbildning",
        "Ohjausryhmä merkitsee työpajasuunnitelman tiedoksi ja hyväksyy koulutuspäivät.",
        "Hyväksyttiin koulutuspäivien ohjelma; työpajasuunnitelma merkittiin tiedoksi.",
        "Programmet för utbildningsdagarna godkändes; workshopplanen antecknades för kännedom.",
        "Koulutuspäivien kutsut kuntiin",
    ),
    (
        "Talousseuranta ja kustannusarvio",
        "Ekonomisk uppföljning och kostnadsberäkning",
        "Ohjausryhmä hyväksyy talousraportin.",
        "Hyväksyttiin talousraportti. Kustannusarviossa pysytään.",
        "Den ekonomiska rapporten godkändes. Kostnadsberäkningen håller.",
        None,
    ),
    (
        "Väliarviointi ja palautteen kokoaminen",
        "Mellanutvärdering och sammanställning av respons",
        "Ohjausryhmä hyväksyy väliarvioinnin suunnitelman.",
        "Hyväksyttiin väliarvioinnin suunnitelma; palautelomake otetaan käyttöön koulutuksissa.",
        "Planen för mellanutvärderingen godkändes; "
        "responsblanketten tas i bruk vid utbildningarna.",
        "Väliarvioinnin kyselyn lähettäminen",
    ),
]
# The proposals of _OWN_ITEMS in Swedish, for bilingual groups.
_PROPOSALS_SV = [
    "Styrgruppen godkänner verksamhetsplanen.",
    "Styrgruppen antecknar workshopplanen för kännedom och godkänner utbildningsdagarna.",
    "Styrgruppen godkänner den ekonomiska rapporten.",
    "Styrgruppen godkänner planen för mellanutvärderingen.",
]
_NOT_QUORATE_DECISION_SV = (
    "Det konstaterades att mötet inte var beslutfört. Ärendena behandlades som diskussion "
    "och flyttades till följande möte."
)
_NOT_QUORATE_DECISION = (
    "Todettiin, ettei kokous ollut päätösvaltainen. Asiat käsiteltiin keskusteluna ja "
    "siirrettiin seuraavaan kokoukseen."
)


def _tuesday_near(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def _working_day_near(day: dt.date) -> dt.date:
    """*day*, or the Friday before a Saturday and the Monday after a Sunday (a day at
    most: the upcoming meetings' deadlines stay within the week)."""
    return day + dt.timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


def _people(session: Session, group: Group, on: dt.date) -> dict[Role, list[Membership]]:
    by_role: dict[Role, list[Membership]] = {role: [] for role in Role}
    memberships = session.query(Membership).filter(Membership.group_id == group.id).all()
    for m in sorted(memberships, key=lambda m: m.id):
        if m.is_active(on):
            by_role[m.role].append(m)
    return by_role


def _add_own_item(
    meeting: Meeting, title_fi: str, title_sv: str, presenter_id: int | None
) -> AgendaItem:
    items = list(meeting.items)
    index = own_items_index([i.kind for i in items], [k.value for k in TAIL_ITEMS])
    item = AgendaItem(
        kind=ItemKind.OWN, title_fi=title_fi, title_sv=title_sv, presenter_id=presenter_id
    )
    items.insert(index, item)
    meeting.items.append(item)
    for section, each in enumerate(items, start=1):
        each.section = section
    return item


def _mark_attendance(meeting: Meeting, present_people: set[int], standing_in: set[int]) -> None:
    for row in meeting.attendance:
        row.present = row.person_id in present_people or row.person_id in standing_in
        row.stands_in = row.person_id in standing_in


def add_demo_meetings(session: Session, group: Group, today: dt.date) -> None:
    """Past and upcoming meetings of *group*, relative to *today* (see the module doc)."""
    bilingual = "sv" in group.languages.codes
    roles = _people(session, group, today)
    chair = roles[Role.CHAIR][:1]
    vice = roles[Role.VICE_CHAIR][:1]
    members = roles[Role.MEMBER]
    deputies = roles[Role.DEPUTY]
    staff = roles[Role.SECRETARY] + roles[Role.PRESENTER]
    presenter_id = roles[Role.PRESENTER][0].person_id if roles[Role.PRESENTER] else None
    seats = len(chair) + len(vice) + len(members)
    needed = group.quorum_min if group.quorum_min else seats // 2 + 1
    place = "Kaupungintalo, kokoushuone Kaste"

    past_days = [_tuesday_near(today - dt.timedelta(days=d)) for d in (170, 120, 75, 30)]
    decided: list[Meeting] = []  # the quorate ones: their standard texts filled at the end
    for index, day in enumerate(past_days):
        quorate = index != 2
        meeting = create_meeting_in(
            session,
            group.id,
            MeetingFields(date=day, start=dt.time(12, 30), end=dt.time(15), place=place),
        )
        session.flush()
        for event in meeting.events:  # made three weeks before the meeting
            event.at = dt.datetime.combine(day - dt.timedelta(days=21), dt.time(9))
        # Attendance: the chair (or the vice-chair), staff, and enough members — or too few.
        count = max(needed - 1, 0) if quorate else max(needed - 4, 1)
        leader = (vice or chair) if index == 1 else (chair or vice)
        here = {m.person_id for m in leader + members[:count] + staff}
        # A personal deputy stands in for an absent member of theirs.
        standing = set()
        for deputy in deputies:
            if deputy.deputy_of_id and deputy.deputy_of_id not in {m.id for m in members[:count]}:
                standing.add(deputy.person_id)
                break
        if not quorate:
            standing = set()
        _mark_attendance(meeting, here, standing)
        # The meeting's own items, decisions and action items.
        title_fi, title_sv, proposal, decision_fi, decision_sv, action = _OWN_ITEMS[index]
        item = _add_own_item(meeting, title_fi, title_sv if bilingual else "", presenter_id)
        item.background = f"{title_fi}: esittelijä kertoo tilanteesta."
        item.proposal = proposal
        item.decision = decision_fi if quorate else _NOT_QUORATE_DECISION
        if bilingual:
            item.background_sv = f"{title_sv}: föredraganden redogör för läget."
            item.proposal_sv = _PROPOSALS_SV[index]
            item.decision_sv = decision_sv if quorate else _NOT_QUORATE_DECISION_SV
        if action and quorate:
            responsible = members[index % len(members)].person_id if members else None
            item.actions.append(
                ActionItem(what=action, responsible_id=responsible, due=day + dt.timedelta(days=40))
            )
        for each in meeting.items:
            if each.kind == ItemKind.LEGALITY:
                each.decision = (
                    "Kokous todettiin lailliseksi ja päätösvaltaiseksi."
                    if quorate
                    else "Kokous todettiin lailliseksi mutta ei päätösvaltaiseksi."
                )
                if bilingual:
                    each.decision_sv = (
                        "Mötet konstaterades lagligt och beslutfört."
                        if quorate
                        else "Mötet konstaterades lagligt men inte beslutfört."
                    )
            elif each.kind == ItemKind.PREVIOUS_MINUTES and index and quorate:
                each.decision = "Hyväksyttiin edellisen kokouksen pöytäkirja."
                if bilingual:
                    each.decision_sv = "Föregående mötes protokoll godkändes."
                for carried in each.actions:
                    carried.done = index == 3  # the last meeting saw them done
        # Minutes checked a week later by two members present: approved, locked.
        present_members = [m.person_id for m in members[:count]]
        meeting.checker1_id = present_members[0] if present_members else None
        meeting.checker2_id = present_members[1] if len(present_members) > 1 else None
        meeting.checked_on = min(day + dt.timedelta(days=7), today)
        # Sent to the checkers two days after the meeting; both checked on the approval day.
        meeting.minutes_sent_on = min(day + dt.timedelta(days=2), meeting.checked_on)
        meeting.checker1_checked_on = meeting.checked_on if meeting.checker1_id else None
        meeting.checker2_checked_on = meeting.checked_on if meeting.checker2_id else None
        meeting.status = MeetingStatus.APPROVED
        if quorate:
            decided.append(meeting)
        meeting.attachments_sent = True
        session.add(
            MeetingEvent(
                meeting_id=meeting.id,
                at=dt.datetime.combine(meeting.checked_on, dt.time(10)),
                kind=MeetingEventKind.APPROVED,
                note=format_date(meeting.checked_on),
            )
        )
        session.flush()

    # Upcoming, on working days: agenda due in 3-5 days; agenda sent with attachments due
    # in 4-6; a later one.
    sent = create_meeting_in(
        session,
        group.id,
        MeetingFields(date=_working_day_near(today + dt.timedelta(days=12)), start=dt.time(9),
                      end=dt.time(11), place=place, status=MeetingStatus.AGENDA_SENT),
    )  # fmt: skip
    sent.items[0].background = "Ylimääräinen kokous rahoitushakemuksen vuoksi."
    if bilingual:
        sent.items[0].background_sv = "Extra möte på grund av finansieringsansökan."
    soon = create_meeting_in(
        session,
        group.id,
        MeetingFields(date=_working_day_near(today + dt.timedelta(days=18)),
                      start=dt.time(12, 30), end=dt.time(15), place=place,
                      remote_link="https://meet.example.fi/ohjausryhma"),
    )  # fmt: skip
    report = _add_own_item(
        soon,
        "Loppuraportin rakenne",
        "Slutrapportens struktur" if bilingual else "",
        presenter_id,
    )
    report.proposal = "Ohjausryhmä keskustelee loppuraportin rakenteesta."
    if bilingual:
        report.proposal_sv = "Styrgruppen diskuterar slutrapportens struktur."
    create_meeting_in(
        session,
        group.id,
        MeetingFields(date=_tuesday_near(today + dt.timedelta(days=80)), start=dt.time(12, 30),
                      end=dt.time(15), place=place),
    )  # fmt: skip
    session.flush()
    # What the secretary's "Fill in standard texts" writes: the checkers' names, the next
    # meeting (all meetings exist now), in each language of the meeting.
    for meeting in decided:
        session.expire(meeting, ["checker1", "checker2"])  # set by id above
        fill_standard_texts_in(session, meeting)
    session.flush()
