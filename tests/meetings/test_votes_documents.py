"""The minutes say who left as disqualified and how a vote went, in fi, sv and fi+sv."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from kastedesk.documents.content import Bilingual, VoteContent
from kastedesk.documents.vote_texts import vote_paragraphs
from kastedesk.domain.votes import VoteChoice, VoteInput
from kastedesk.services import meeting_attendance as attendance
from kastedesk.services import meeting_votes as votes
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_documents import write_minutes
from kastedesk.services.meeting_views import get_meeting

HERE = ["chair", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"]
FI_DISQUALIFIED = (
    "M3 Testinen ilmoitti olevansa esteellinen ja poistui kokouksesta asian käsittelyn ajaksi."
)
SV_DISQUALIFIED = (
    "M3 Testinen anmälde jäv och avlägsnade sig från mötet under behandlingen av ärendet."
)


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


@pytest.fixture
def meeting_id(db, registry) -> int:
    mid = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2026, 12, 10)))
    detail = get_meeting(db, mid)
    rows = {a.person_id: a.id for a in detail.attendance}
    for key in HERE:
        attendance.set_attendance(
            db, rows[registry.people[key]], attendance.AttendanceFields(present=True)
        )
    item = detail.items[6]
    votes.set_disqualified(db, item.id, [rows[registry.people["m3"]]])
    ballots = {rows[registry.people[k]]: VoteChoice.YES for k in ("chair", "m1", "m2", "m4")}
    ballots |= {rows[registry.people[k]]: VoteChoice.NO for k in ("m5", "m6")}
    ballots[rows[registry.people["m7"]]] = VoteChoice.ABSTAIN
    votes.save_vote(
        db,
        item.id,
        VoteInput(
            {"fi": "Esittelijän ehdotus", "sv": "Föredragandens förslag"},
            {"fi": "M5 Testisen ehdotus", "sv": "M5 Testinens förslag"},
            by_name=True,
            ballots=ballots,
        ),
    )
    return mid


def test_finnish_minutes_in_the_municipal_wording(db, meeting_id, tmp_path) -> None:
    text = paragraphs(write_minutes(db, meeting_id, tmp_path / "fi.docx", ["fi"]))
    assert FI_DISQUALIFIED in text
    assert "Äänestys" in text
    assert (
        "Puheenjohtaja totesi, että on tehty kaksi toisistaan poikkeavaa ehdotusta, joten "
        "asiasta on äänestettävä. Jaa-ääni tarkoittaa ehdotusta ”Esittelijän ehdotus” ja "
        "ei-ääni ehdotusta ”M5 Testisen ehdotus”."
    ) in text
    result = next(p for p in text if p.startswith("Äänestyksessä annettiin"))
    assert result.startswith(
        "Äänestyksessä annettiin 4 jaa-ääntä, 2 ei-ääntä ja 1 tyhjä ääni."
        " Jaa-ääntä äänestivät Chair Testinen, M1 Testinen, M2 Testinen, M4 Testinen."
    )
    assert "Ei-ääntä äänestivät M5 Testinen, M6 Testinen." in result
    assert "Tyhjää äänestivät M7 Testinen." in result
    assert "Puheenjohtaja totesi päätökseksi ehdotuksen ”Esittelijän ehdotus”." in text
    assert not any("jäv" in p for p in text)  # nothing Swedish in a Finnish document


def test_swedish_and_bilingual_minutes(db, meeting_id, tmp_path) -> None:
    sv = paragraphs(write_minutes(db, meeting_id, tmp_path / "sv.docx", ["sv"]))
    assert SV_DISQUALIFIED in sv and "Omröstning" in sv
    assert any(p.startswith("Vid omröstningen avgavs 4 ja-röster, 2 nej-röster och 1 blank röst.")
               for p in sv)  # fmt: skip
    sv_decision = (
        "Ordföranden konstaterade att beslut fattats enligt förslaget ”Föredragandens förslag”."
    )
    assert sv_decision in sv  # fmt: skip
    both = paragraphs(write_minutes(db, meeting_id, tmp_path / "both.docx", ["fi", "sv"]))
    assert both.index(FI_DISQUALIFIED) + 1 == both.index(SV_DISQUALIFIED)  # Finnish first
    assert "Äänestys / Omröstning" in both
    fi_decision = both.index("Puheenjohtaja totesi päätökseksi ehdotuksen ”Esittelijän ehdotus”.")
    assert fi_decision < both.index(sv_decision)


def test_counts_singular_and_a_tie_decided_by_the_chair() -> None:
    vote = VoteContent(
        Bilingual("Esittelijän ehdotus", "Föredragandens förslag"),
        Bilingual("Hylätään", "Avslås"),
        yes=1, no=1, abstain=0, tie_winner="no",
    )  # fmt: skip
    fi = vote_paragraphs(vote, "fi")
    assert fi[1] == "Äänestyksessä annettiin 1 jaa-ääni ja 1 ei-ääni."
    assert fi[2] == (
        "Äänten mennessä tasan ratkaisi puheenjohtajan ääni. "
        "Puheenjohtaja totesi päätökseksi ehdotuksen ”Hylätään”."
    )
    sv = vote_paragraphs(vote, "sv")
    assert sv[1] == "Vid omröstningen avgavs 1 ja-röst och 1 nej-röst."
    assert sv[2].startswith("Då rösterna föll lika avgjorde ordförandens röst.")
