"""Extracts of the minutes: content in Finnish, Swedish and both, refusals, the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from kastedesk.domain.meetings import MeetingStatus
from kastedesk.domain.validation import ValidationError
from kastedesk.services import meeting_documents as docs
from kastedesk.services import meetings as svc
from kastedesk.services.meeting_extracts import extract_source, write_extract
from kastedesk.services.meeting_views import get_meeting
from kastedesk.storage.database import Database
from kastedesk.storage.models.registry import Membership
from tests.cli.test_db_commands import run
from tests.db_support import built_once, db_arg

FINANCE = svc.ItemFields(
    title_fi="Talousraportti",
    title_sv="Ekonomisk rapport",
    background="Talous on tasapainossa.\n\nToinen kappale.",
    proposal="Ohjausryhmä hyväksyy raportin.",
    decision="Hyväksyttiin päätösehdotuksen mukaisesti.",
    background_sv="Ekonomin är i balans.\n\nAndra stycket.",
    proposal_sv="Styrgruppen godkänner rapporten.",
    decision_sv="Förslaget godkändes.",
)
TRAINING = svc.ItemFields(
    title_fi="Koulutussuunnitelma",
    title_sv="Utbildningsplan",
    proposal="Hyväksytään suunnitelma.",
    decision="Hyväksyttiin suunnitelma.",
    proposal_sv="Planen godkänns.",
    decision_sv="Planen godkändes.",
)
WORKSHOPS = svc.ItemFields(  # typed in Finnish only
    title_fi="Työpajat keväällä",
    proposal="Järjestetään neljä työpajaa.",
    decision="Päätettiin järjestää neljä työpajaa.",
)
CERTIFIED = dt.date(2026, 12, 1)


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _meeting(db: Database, registry) -> dict[str, int]:
    mid = svc.create_meeting(
        db,
        registry.group_id,
        svc.MeetingFields(
            date=dt.date(2026, 11, 3), start=dt.time(12, 30), end=dt.time(15), place="Vaasa"
        ),
    )
    presenter = registry.people["presenter"]
    ids = {}
    for name, fields in (("finance", FINANCE), ("training", TRAINING), ("workshops", WORKSHOPS)):
        fields = svc.ItemFields(**{**fields.__dict__, "presenter_id": presenter})
        ids[name] = svc.add_item(db, mid, fields)
    action = svc.ActionFields("Raportti kuntiin", registry.people["m1"], dt.date(2026, 12, 15))
    svc.add_action(db, ids["finance"], action)
    svc.set_status(db, mid, MeetingStatus.HELD)
    items = get_meeting(db, mid).items
    sections = {i.id: i.section for i in items}
    undecided = next(i.section for i in items if not (i.decision or i.decision_sv))
    return {
        "id": mid,
        "undecided": undecided,
        **{name: sections[item_id] for name, item_id in ids.items()},
    }


@pytest.fixture
def meeting(db: Database, registry) -> dict[str, int]:
    """A held bilingual meeting with three own items: § numbers by name, and its id."""
    return built_once("test_extracts.meeting", db, lambda: _meeting(db, registry))


def test_finnish_extract_carries_the_items_decisions_and_certification(
    db: Database, meeting, tmp_path: Path
) -> None:
    wanted = [meeting["finance"], meeting["training"]]
    path = write_extract(
        db, meeting["id"], wanted, tmp_path / "ote.docx", ("fi",), certified_on=CERTIFIED
    )
    text = _text(path)
    assert "Ohjausryhmän 1. kokous — PÖYTÄKIRJANOTE" in text
    assert "ti 3.11.2026 klo 12.30–15.00" in text and "Vaasa" in text
    assert f"{meeting['finance']} §  Talousraportti" in text
    assert f"{meeting['training']} §  Koulutussuunnitelma" in text
    for fragment in (
        "Talous on tasapainossa.", "Toinen kappale.", "Ohjausryhmä hyväksyy raportin.",
        "Hyväksyttiin päätösehdotuksen mukaisesti.", "Hyväksyttiin suunnitelma.",
        "Esittelijä", "Presenter Testinen", "Raportti kuntiin", "15.12.2026",
    ):  # fmt: skip
        assert fragment in text, fragment
    assert "Työpajat keväällä" not in text  # only the chosen items
    assert "Kokouksen avaus" not in text
    assert "Pöytäkirjanotteen oikeaksi todistaa" in text
    assert "1.12.2026" in text and "Secretary Testinen" in text and "Sihteeri" in text
    for foreign in ("Ekonomisk", "Protokollsutdrag", "Förslaget", "2026-12-01"):
        assert foreign not in text
    # The certification stays together on its page: the lines lead into the signature.
    paragraphs = Document(str(path)).paragraphs
    certification = next(
        n for n, p in enumerate(paragraphs) if p.text == "Pöytäkirjanotteen oikeaksi todistaa"
    )
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[certification:])


def test_swedish_extract_is_swedish_with_the_finnish_date(
    db: Database, meeting, tmp_path: Path
) -> None:
    path = write_extract(
        db, meeting["id"], [meeting["finance"]], tmp_path / "u.docx", ("sv",),
        certified_on=CERTIFIED,
    )  # fmt: skip
    text = _text(path)
    assert "Styrgruppens 1:a möte — PROTOKOLLSUTDRAG" in text
    assert "tis 3.11.2026 kl. 12.30–15.00" in text
    assert f"{meeting['finance']} §  Ekonomisk rapport" in text
    for fragment in ("Ekonomin är i balans.", "Styrgruppen godkänner rapporten.",
                     "Förslaget godkändes.", "Beslut", "Beslutsförslag"):  # fmt: skip
        assert fragment in text, fragment
    assert "Protokollsutdragets riktighet intygar" in text
    assert "1.12.2026" in text and "Sekreterare" in text and "Secretary Testinen" in text
    for finnish in ("Talous", "Pöytäkirjanote", "Päätös", "todistaa", "2026-12-01"):
        assert finnish not in text


def test_bilingual_extract_certifies_in_both_languages(
    db: Database, meeting, tmp_path: Path
) -> None:
    path = write_extract(
        db, meeting["id"], [meeting["training"]], tmp_path / "b.docx", ("fi", "sv"),
        certified_on=CERTIFIED,
    )  # fmt: skip
    text = _text(path)
    assert "PÖYTÄKIRJANOTE / PROTOKOLLSUTDRAG" in text
    assert "Koulutussuunnitelma / Utbildningsplan" in text
    assert "Hyväksyttiin suunnitelma." in text and "Planen godkändes." in text
    lines = text.splitlines()
    assert "Pöytäkirjanotteen oikeaksi todistaa" in lines
    assert "Protokollsutdragets riktighet intygar" in lines
    assert "Sihteeri / Sekreterare" in lines


def test_certification_date_is_today_by_default(db: Database, meeting, tmp_path: Path) -> None:
    path = write_extract(db, meeting["id"], [meeting["finance"]], tmp_path / "t.docx", ("fi",))
    today = dt.date.today()
    assert f"{today.day}.{today.month}.{today.year}" in _text(path).splitlines()


def test_refusals_write_nothing(db: Database, registry, meeting, tmp_path: Path) -> None:
    target = tmp_path / "x.docx"

    def refused(meeting_id: int, sections: list[int]) -> str:
        with pytest.raises(ValidationError) as raised:
            write_extract(db, meeting_id, sections, target, ("fi",))
        assert not target.exists()
        return str(raised.value)

    assert "no § 40" in refused(meeting["id"], [meeting["finance"], 40])
    undecided = meeting["undecided"]
    message = refused(meeting["id"], [undecided, meeting["finance"]])
    assert f"§ {undecided} has no decision" in message
    assert "no meeting with id 999" in refused(999, [1])
    draft = svc.create_meeting(db, registry.group_id, svc.MeetingFields(date=dt.date(2027, 1, 5)))
    assert "not been held" in refused(draft, [1])
    with db.session() as s:  # the group loses its secretary
        s.delete(s.get(Membership, registry.memberships["secretary"]))
    assert "no secretary" in refused(meeting["id"], [meeting["finance"]])


def test_missing_swedish_is_listed_unless_allowed(db: Database, meeting, tmp_path: Path) -> None:
    wanted = [meeting["finance"], meeting["workshops"]]
    target = tmp_path / "m.docx"
    for languages in (("sv",), ("fi", "sv")):
        with pytest.raises(docs.MissingLanguageError) as raised:
            write_extract(db, meeting["id"], wanted, target, languages)
        [missing] = raised.value.missing  # the Finnish-only item, not the bilingual one
        assert (missing.section, missing.language) == (meeting["workshops"], "sv")
        assert missing.fields == ("title", "proposal", "decision")
        assert not target.exists()
    write_extract(db, meeting["id"], wanted, target, ("sv",), allow_missing=True)
    assert "Päätettiin järjestää neljä työpajaa." in _text(target)  # rather than nothing
    # Finnish only: nothing is missing.
    assert extract_source(db, meeting["id"]).missing(wanted, ("fi",)) == []


def test_extract_is_written_on_the_groups_template(
    db: Database, registry, meeting, tmp_path: Path
) -> None:
    template = Document()
    template.sections[0].header.paragraphs[0].add_run("Kaste letterhead")
    template.save(str(tmp_path / "pohja.docx"))
    docs.set_group_template(db, registry.group_id, tmp_path / "pohja.docx")
    path = write_extract(db, meeting["id"], [meeting["finance"]], tmp_path / "t.docx", ("fi",))
    assert "Kaste letterhead" in Document(str(path)).sections[0].header._element.xml


def test_extract_file_name_names_the_items(db: Database, meeting) -> None:
    source = extract_source(db, meeting["id"])
    assert source.file_name([7, 8, 9, 12], ("fi",)) == (
        "Ohjausryhma_1_poytakirjanote_7-9_12_2026-11-03.docx"
    )
    assert source.file_name([7], ("sv",), ".pdf") == "Styrgrupp_1_protokollsutdrag_7_2026-11-03.pdf"


# --- the command line ---------------------------------------------------------------------


def test_cli_writes_the_extract(capsys, db: Database, meeting, tmp_path: Path) -> None:
    out = tmp_path / "ote.docx"
    items = f"{meeting['finance']},{meeting['training']}"
    code, stdout, err = run(
        capsys, "--db", db_arg(db), "extract", str(meeting["id"]), "--items", items,
        "-o", str(out), "--lang", "fi", "--date", "1.12.2026",
    )  # fmt: skip
    assert (code, err) == (0, "") and str(out) in stdout
    text = _text(out)
    assert "Talousraportti" in text and "Koulutussuunnitelma" in text
    assert "Pöytäkirjanotteen oikeaksi todistaa" in text and "1.12.2026" in text.splitlines()


def test_cli_refuses_bad_items_with_one_line(capsys, db: Database, meeting, tmp_path) -> None:
    base = ["--db", db_arg(db), "extract", str(meeting["id"]), "-o", str(tmp_path / "x.docx")]
    undecided = str(meeting["undecided"])
    for items, says in (("7,40", "no § 40"), ("x", "7,8 or 7-9"), (undecided, "no decision")):
        code, _out, err = run(capsys, *base, "--items", items)
        assert code == 1 and err.count("\n") == 1 and says in err, err
    for date, says in (("31.2.2026", "31.2.2026 is not a date"), ("2.11.2026", "3.11.2026")):
        code, _out, err = run(capsys, *base, "--items", str(meeting["finance"]), "--date", date)
        assert code == 1 and err.count("\n") == 1 and says in err, err
    code, _out, err = run(
        capsys, "--db", db_arg(db), "extract", "999", "--items", "1", "-o", str(tmp_path / "y.docx")
    )
    assert code == 1 and "999" in err
    assert not list(tmp_path.glob("*.docx"))


def test_cli_usage_errors_exit_2(capsys, db: Database, meeting, tmp_path: Path) -> None:
    out = str(tmp_path / "x.docx")
    for argv in (
        ["extract", str(meeting["id"]), "-o", out],  # no --items
        ["extract", str(meeting["id"]), "--items", "7"],  # no -o
        ["extract", "seitsemän", "--items", "7", "-o", out],
    ):
        code, _out, err = run(capsys, "--db", db_arg(db), *argv)
        assert code == 2 and "usage:" in err


def test_cli_missing_language_exits_1_unless_allowed(
    capsys, db: Database, meeting, tmp_path: Path
) -> None:
    out = tmp_path / "u.docx"
    base = ["--db", db_arg(db), "extract", str(meeting["id"]), "-o", str(out)]
    items = f"{meeting['finance']},{meeting['workshops']}"
    for lang in ("sv", "fi+sv"):
        code, _out, err = run(capsys, *base, "--items", items, "--lang", lang)
        lines = err.splitlines()
        assert code == 1 and not out.exists()
        assert lines[0].strip().startswith(f"{meeting['workshops']} § Työpajat keväällä")
        assert lines[-1].startswith("kastedesk: ") and "--allow-missing" in lines[-1]
    code, _out, err = run(capsys, *base, "--items", items, "--lang", "sv", "--allow-missing")
    assert (code, err) == (0, "") and "PROTOKOLLSUTDRAG" in _text(out)
    code, _out, err = run(capsys, *base, "--items", str(meeting["finance"]), "--lang", "sv")
    assert (code, err) == (0, "")  # the bilingual item alone lacks nothing


def test_cli_pdf_needs_libreoffice(capsys, db: Database, meeting, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("kastedesk.services.pdf_export.find_soffice", lambda: None)
    out = tmp_path / "ote.pdf"
    code, _out, err = run(
        capsys, "--db", db_arg(db), "extract", str(meeting["id"]),
        "--items", str(meeting["finance"]), "-o", str(out),
    )  # fmt: skip
    assert code == 1 and "LibreOffice" in err and not out.exists()
    assert list(tmp_path.glob("ote*")) == []  # no .docx left behind either
    code, _out, err = run(
        capsys, "--db", db_arg(db), "extract", str(meeting["id"]),
        "--items", str(meeting["finance"]), "-o", str(tmp_path / "ote.txt"),
    )  # fmt: skip
    assert code == 1 and ".docx or .pdf" in err


def test_a_tabled_item_without_typed_text_has_its_decision(db: Database, meeting) -> None:
    """The minutes word a tabled item's decision; its extract may be made like any other."""
    from dataclasses import replace

    from kastedesk.domain.backlog import ItemOutcome

    source = extract_source(db, meeting["id"])
    undecided = meeting["undecided"]
    with pytest.raises(ValidationError):
        source.check([undecided])
    tabled = tuple(
        replace(i, outcome=ItemOutcome.TABLED.value) if i.section == undecided else i
        for i in source.content.items
    )
    replace(source, content=replace(source.content, items=tabled)).check([undecided])


def test_a_memo_groups_extract_is_an_extract_of_the_memo(
    db: Database, registry, meeting, tmp_path: Path
) -> None:
    """A group keeping memos (muistio) gets "Muistio-ote", not "Pöytäkirjanote"."""
    from kastedesk.storage.models.registry import Group

    with db.session() as session:
        session.get(Group, registry.group_id).minutes_style = "memo"
    path = write_extract(
        db, meeting["id"], [meeting["finance"]], tmp_path / "ote.docx", ("fi", "sv"),
        certified_on=CERTIFIED,
    )  # fmt: skip
    text = _text(path)
    for fragment in ("MUISTIO-OTE", "Muistio-otteen oikeaksi todistaa",
                     "UTDRAG UR MINNESANTECKNINGARNA", "Utdragets riktighet intygar"):  # fmt: skip
        assert fragment in text, fragment
    for minutes_word in ("PÖYTÄKIRJANOTE", "Pöytäkirjanotteen", "PROTOKOLLSUTDRAG", "Protokolls"):
        assert minutes_word not in text, minutes_word
    source = extract_source(db, meeting["id"])
    assert source.file_name([7], ("fi",)) == "Ohjausryhma_1_muistio_ote_7_2026-11-03.docx"
    assert source.file_name([7], ("sv",)) == (
        "Styrgrupp_1_utdrag_ur_minnesanteckningar_7_2026-11-03.docx"
    )
