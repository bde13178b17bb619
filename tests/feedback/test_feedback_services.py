"""Responses, undo, drafts, form versioning, summary numbers and exports read back."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import case, func, select

from kastedesk.atomic_files import FileWriteError
from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.feedback_forms import OptionSpec, QuestionKind, QuestionSpec
from kastedesk.domain.validation import ValidationError
from kastedesk.services.bundles.local_records import load_responses
from kastedesk.services.feedback_entry import (
    answers_for_correction,
    correct_response,
    delete_responses,
    discard_draft,
    last_response_id,
    load_draft,
    open_entry,
    save_draft,
    save_response,
)
from kastedesk.services.feedback_export import export_responses
from kastedesk.services.feedback_forms import list_forms, load_form, save_form
from kastedesk.services.feedback_results import ResultFilter, compare, summarize
from kastedesk.services.spreadsheet_safety import safe_cell
from kastedesk.storage.models.bundles import SyncVersion
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackResponse


def _answers(*values, text: str = "") -> dict[int, Answer]:
    answers = {n: Answer(v) for n, v in enumerate(values) if v is not None}
    if text:
        answers[4] = Answer(None, text)
    return answers


def test_save_response_is_anonymous_and_skips_are_no_rows(db, new_workshop) -> None:
    ctx = open_entry(db, new_workshop())
    assert ctx.saved == 0 and ctx.attended == 23
    rid = save_response(db, ctx, {0: Answer(5), 2: Answer(4), 4: Answer(None, " Hyvä ")})
    with db.read() as session:
        response = session.get(FeedbackResponse, rid)
        columns = set(FeedbackResponse.__table__.columns.keys())
        assert columns == {
            "id", "uuid", "origin", "created_at", "updated_at", "workshop_id", "form_id",
            "deleted_at", "row_version",
        }  # fmt: skip
        assert response.deleted_at is None and len(response.uuid) == 36
        rows = session.execute(select(FeedbackAnswer.value, FeedbackAnswer.text)).all()
    assert sorted(rows, key=str) == sorted([(5, None), (4, None), (None, "Hyvä")], key=str)
    assert open_entry(db, ctx.workshop_id).saved == 1


def test_bad_answers_are_refused_whole(db, new_workshop) -> None:
    ctx = open_entry(db, new_workshop())
    with pytest.raises(ValidationError):
        save_response(db, ctx, {0: Answer(5), 1: Answer(9)})
    with pytest.raises(ValidationError):
        save_response(db, ctx, {3: Answer(5)})  # the background has four options
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(FeedbackResponse)) == 0


def test_correcting_a_form_keeps_its_uuid_and_remembers_the_old_version(db, new_workshop) -> None:
    ctx = open_entry(db, new_workshop())
    save_response(db, ctx, _answers(3, 3, 3))
    second = save_response(db, ctx, _answers(5, 4, None, 2, text="Kiitos"))
    assert last_response_id(db, ctx.workshop_id) == second
    answers = answers_for_correction(db, ctx, second)
    assert answers == {0: Answer(5), 1: Answer(4), 3: Answer(2), 4: Answer(None, "Kiitos")}
    with db.read() as session:
        uuid = session.get(FeedbackResponse, second).uuid
        before = load_responses(session, FeedbackResponse.id == second)[uuid].record.version
    answers[0] = Answer(1)
    assert correct_response(db, ctx, second, answers) is True
    assert correct_response(db, ctx, second, answers) is False  # the same again: no change
    with db.read() as session:
        response = session.get(FeedbackResponse, second)
        assert response.uuid == uuid and response.deleted_at is None
        assert sorted(a.value for a in response.answers if a.value) == [1, 2, 4]
        assert session.get(SyncVersion, (uuid, before)) is not None
        assert session.scalar(select(func.count()).select_from(FeedbackResponse)) == 2
    assert summarize(db, ResultFilter(workshop_id=ctx.workshop_id)).responses == 2
    with pytest.raises(ValidationError):
        correct_response(db, ctx, second, {0: Answer(9)})
    with pytest.raises(ValidationError):
        correct_response(db, ctx, second, {})


def test_deleting_forms_leaves_tombstones(db, new_workshop) -> None:
    ctx = open_entry(db, new_workshop())
    first = save_response(db, ctx, _answers(3, 3, 3))
    second = save_response(db, ctx, _answers(5, 4, 4))
    assert delete_responses(db, [second, second]) == 1
    assert delete_responses(db, [second]) == 0
    with db.read() as session:
        tomb = session.get(FeedbackResponse, second)
        assert tomb.deleted_at is not None and tomb.answers == []
    assert last_response_id(db, ctx.workshop_id) == first
    assert summarize(db, ResultFilter(workshop_id=ctx.workshop_id)).responses == 1
    with pytest.raises(ValidationError):
        answers_for_correction(db, ctx, second)


def test_draft_is_kept_until_saved(db, new_workshop) -> None:
    ctx = open_entry(db, new_workshop())
    assert load_draft(db, ctx) is None
    save_draft(db, ctx, {"current": 2, "answers": {"0": {"value": 4, "text": ""}}})
    assert load_draft(db, ctx)["current"] == 2
    save_response(db, ctx, {0: Answer(4)})
    assert load_draft(db, ctx) is None
    save_draft(db, ctx, {"current": 1, "answers": {"0": {"value": 1, "text": ""}}})
    discard_draft(db, ctx.workshop_id)
    assert load_draft(db, ctx) is None


def test_editing_a_form_with_responses_makes_a_new_version(db, registry, new_workshop) -> None:
    ctx = open_entry(db, new_workshop())
    unanswered = new_workshop("15")
    # Without responses the edit is in place.
    spec = load_form(db, registry.form_id).spec
    same = save_form(db, registry.form_id, replace(spec, name_sv="Respons"))
    assert same == registry.form_id
    save_response(db, ctx, _answers(4, 5, 5, 1))
    spec = load_form(db, registry.form_id).spec
    yes_no = QuestionSpec(
        QuestionKind.YES_NO, "Osallistuisitko uudelleen?", "Skulle du delta igen?"
    )
    edited = replace(
        spec,
        questions=(
            replace(spec.questions[0], text_fi="Vastasiko sisältö odotuksiasi?"),
            spec.questions[1],
            spec.questions[2],
            replace(
                spec.questions[3], options=(*spec.questions[3].options, OptionSpec("opiskelija"))
            ),
            spec.questions[4],
            yes_no,
        ),
    )
    new_id = save_form(db, registry.form_id, edited)
    assert new_id != registry.form_id
    old, new = load_form(db, registry.form_id), load_form(db, new_id)
    assert (old.version, new.version) == (1, 2)
    assert old.spec.questions[0].text_fi.startswith("Vastasiko työpajan")  # old kept
    assert new.spec.questions[0].key == old.spec.questions[0].key
    assert new.spec.questions[3].key != old.spec.questions[3].key
    assert [r.version for r in list_forms(db)] == [2]
    assert open_entry(db, ctx.workshop_id).form_id == registry.form_id  # keeps its version
    assert open_entry(db, unanswered).form_id == new_id  # nothing typed yet: the new one
    assert len(list_forms(db, latest_only=False)) == 2
    # A response on the new version; the summary joins the unchanged questions by key.
    later = new_workshop(form_id=new_id)
    save_response(db, open_entry(db, later), {0: Answer(2), 5: Answer(1)})
    summary = summarize(db)
    first = summary.question(old.spec.questions[0].key)
    assert first.counts == {4: 1, 2: 1}
    assert first.question.text_fi == "Vastasiko sisältö odotuksiasi?"  # newest wording
    assert summary.question(new.spec.questions[5].key).counts == {1: 1}


def _known_dataset(db, new_workshop) -> tuple[int, int, int]:
    """Three workshops, nine responses with hand-countable answers."""
    a = new_workshop("06", "A")
    b = new_workshop("15", "A", title="Workshop i Vasa")
    c = new_workshop("15", "B", date=dt.date(2015, 2, 1))
    for wid, rows in (
        (a, [(5, 4, 5, 1, "Hyvä"), (4, 4, 4, 2, ""), (3, None, 4, 1, "")]),
        (b, [(5, 5, 5, 3, "Bra dag"), (4, 3, 4, 4, "")]),
        (
            c,
            [(2, 2, 3, 1, '=HYPERLINK("x")'), (3, 3, 3, 2, ""), (4, 4, 4, 1, ""), (1, 1, 2, 1, "")],
        ),
    ):
        ctx = open_entry(db, wid)
        for row in rows:
            save_response(db, ctx, _answers(*row[:4], text=row[4]))
    return a, b, c


def test_summary_numbers_on_a_known_dataset(db, registry, new_workshop) -> None:
    a, _b, _c = _known_dataset(db, new_workshop)
    summary = summarize(db, ResultFilter(project_id=registry.project_id))
    assert summary.responses == 9
    expectations = summary.questions[0]
    assert expectations.counts == {5: 2, 4: 3, 3: 2, 2: 1, 1: 1}
    assert expectations.mean == pytest.approx(31 / 9)
    assert expectations.distribution() == [(1, 1), (2, 1), (3, 2), (4, 3), (5, 2)]
    ideas = summary.questions[1]
    assert ideas.answered == 8 and ideas.mean == pytest.approx(26 / 8)  # one skipped
    background = summary.questions[3]
    assert background.counts == {1: 5, 2: 2, 3: 1, 4: 1}
    assert background.mean is None
    assert sorted(summary.questions[4].comments) == sorted(["Hyvä", "Bra dag", '=HYPERLINK("x")'])

    assert summarize(db, ResultFilter(workshop_id=a)).responses == 3
    assert summarize(db, ResultFilter(region="15")).responses == 6
    assert summarize(db, ResultFilter(module="B")).responses == 4
    assert summarize(db, ResultFilter(date_from=dt.date(2015, 1, 1))).responses == 4
    assert summarize(db, ResultFilter(region="15", module="A")).responses == 2

    regions = compare(db, ResultFilter(), by="region")
    key = expectations.key
    assert regions.groups == ["06", "15"]  # Pirkanmaa, Pohjanmaa
    assert regions.responses == {"06": 3, "15": 6}
    assert regions.means[(key, "06")] == pytest.approx(4.0)
    assert regions.means[(key, "15")] == pytest.approx(19 / 6)
    assert regions.group_label("15", "sv") == "Österbotten"
    modules = compare(db, ResultFilter(region="15"), by="module")
    assert modules.groups == ["A", "B"]
    assert modules.means[(key, "A")] == pytest.approx(4.5)


def test_both_ways_of_counting_the_answers_give_the_same_summary(
    db, registry, new_workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walking the question-and-value index (most of the responses in scope) and reading
    each response's answers (a few) count the same, whatever the filter; a response
    deleted since is in neither."""
    from kastedesk.services import feedback_results
    from kastedesk.storage.models.sync_identity import utc_now

    a, b, _c = _known_dataset(db, new_workshop)
    with db.session() as session:
        gone = session.scalars(select(FeedbackResponse).where(FeedbackResponse.workshop_id == b))
        next(iter(gone)).deleted_at = utc_now()
    filters = [
        ResultFilter(project_id=registry.project_id),
        ResultFilter(workshop_id=a),
        ResultFilter(region="15"),
        ResultFilter(module="B"),
        ResultFilter(date_from=dt.date(2015, 1, 1)),
        ResultFilter(region="15", module="A"),
    ]

    def counted(walk: bool) -> list[object]:
        monkeypatch.setattr(feedback_results, "walks_the_answer_index", lambda *_n: walk)
        return [
            (s.responses, [(q.key, q.counts, q.answered, q.mean, q.comments) for q in s.questions])
            for s in (summarize(db, f) for f in filters)
        ]

    walked, per_response = counted(True), counted(False)
    assert walked == per_response
    assert [responses for responses, _questions in walked] == [8, 3, 5, 4, 4, 1]


def test_a_projects_summary_walks_the_answer_index_and_a_workshops_does_not(
    db, registry, new_workshop
) -> None:
    from kastedesk.services.feedback_results import walks_the_answer_index
    from tests.statement_count import statements

    a, _b, _c = _known_dataset(db, new_workshop)
    for where, walks in ((ResultFilter(project_id=registry.project_id), True),
                         (ResultFilter(workshop_id=a), False)):  # fmt: skip
        with statements(db.engine) as seen:
            summarize(db, where)
        flat = [" ".join(statement.split()) for statement in seen]
        walked = [s for s in flat if "feedback_answer.response_id IN (SELECT" in s]
        assert len(walked) == walks
    # Two fifths of the forms' responses or more: 50,000 of 50,000, 20,000 of 50,000.
    assert walks_the_answer_index(50_000, 50_000) and walks_the_answer_index(20_000, 50_000)
    assert not walks_the_answer_index(19_999, 50_000) and not walks_the_answer_index(3, 9)


def test_export_csv_and_xlsx_read_back(db, new_workshop, tmp_path: Path) -> None:
    _known_dataset(db, new_workshop)
    xlsx = tmp_path / "vastaukset.xlsx"
    assert export_responses(db, xlsx, lang="fi") == 9
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Vastauksen tunniste", "Työpaja", "Päivämäärä", "Maakunta", "Moduuli")
    assert rows[0][5].startswith("Vastasiko työpajan sisältö")
    assert len(rows) == 10
    first = rows[1]
    assert (
        first[3] == "Pirkanmaa"
        and first[4] == "A"
        and first[5:9] == (5, 4, 5, "sosiaalityöntekijä")
    )
    formula_row = next(r for r in rows if r[9] and r[9].startswith("=HYPERLINK"))
    assert formula_row[9] == '=HYPERLINK("x")'
    cell = next(c for c in sheet["J"] if c.value == '=HYPERLINK("x")')
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula
    assert not list(xlsx.parent.glob("*.tmp"))
    # The summary sheet: per question n and mean, then the distribution with shares.
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Vastauksia", "Yhteenveto"]
    totals = list(book["Yhteenveto"].iter_rows(values_only=True))
    assert totals[0] == ("Nro", "Kysymys", "n", "Keskiarvo", "Vastaus", "Lukumäärä", "%")
    assert totals[1][:4] == (1, totals[1][1], 9, 3.44)
    assert totals[1][1].startswith("Vastasiko työpajan sisältö")
    assert [r[4:6] for r in totals[2:7]] == [
        ("1 – ei lainkaan", 1),
        ("2", 1),
        ("3", 2),
        ("4", 3),
        ("5 – täysin", 2),
    ]
    assert totals[5][6] == pytest.approx(3 / 9)
    assert book["Yhteenveto"]["G6"].number_format == "0 %"
    background = next(n for n, r in enumerate(totals) if r[1] == "Taustasi")
    assert totals[background][2:4] == (9, None)
    assert totals[background + 1][4:6] == ("sosiaalityöntekijä", 5)

    with pytest.raises(FileWriteError, match="Cannot write in the folder"):
        export_responses(db, tmp_path / "typo" / "vastaukset.xlsx", lang="fi")  # no sheet left
    assert not (tmp_path / "typo").exists()

    csv_path = tmp_path / "vastaukset.csv"
    assert export_responses(db, csv_path, ResultFilter(region="15"), lang="sv") == 6
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][1:5] == ["Workshop", "Datum", "Landskap", "Modul"]
    assert rows[0][5].startswith("Motsvarade")
    assert len(rows) == 7
    assert {r[3] for r in rows[1:]} == {"Österbotten"}
    assert any(r[9] == '\'=HYPERLINK("x")' for r in rows)
    assert "erfarenhetsexpert" in {r[8] for r in rows}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+358 40 123", "'+358 40 123"),
        ("-hyvä", "'-hyvä"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Hyvä = hyvä", "Hyvä = hyvä"),
        (-3, -3),
        (None, None),
    ],
)
def test_safe_cell(value, expected) -> None:
    assert safe_cell(value) == expected


def test_summary_counts_50000_responses(db, registry, new_workshop) -> None:
    """Correct at scale; how fast it is, `make bench` measures."""
    from sqlalchemy import Integer, String, cast, literal

    from kastedesk.services.bundles.tables import table
    from kastedesk.services.feedback_entry import question_ids_of
    from kastedesk.storage.models.sync_identity import utc_now

    workshops = [new_workshop(region, module) for region in ("05", "06", "07", "14", "15")
                 for module in ("A", "B", "C")]  # fmt: skip
    now = utc_now()
    # The rows are made by the database itself (a counting CTE, INSERT … SELECT): sending
    # 250,000 rows of parameters took two seconds, most of this test's time.
    numbers = select(literal(1, Integer).label("n")).cte("numbers", recursive=True)
    numbers = numbers.union_all(select(numbers.c.n + 1).where(numbers.c.n < 50_000))
    n = numbers.c.n
    workshop_of = case(dict(enumerate(workshops)), value=n % len(workshops))
    with db.session() as session:
        qids = question_ids_of(session, registry.form_id)
        connection = session.connection()
        # 12 hex digits: "10" and ten decimal ones (32-bit arithmetic on PostgreSQL).
        uuid = literal("00000000-0000-4000-8000-10").concat(cast(1_000_000_000 + n, String))
        connection.execute(
            table(FeedbackResponse).insert().from_select(
                ["id", "uuid", "origin", "created_at", "updated_at", "workshop_id", "form_id"],
                select(
                    n,
                    uuid,
                    literal("bench"),
                    literal(now, FeedbackResponse.created_at.type),
                    literal(now, FeedbackResponse.updated_at.type),
                    workshop_of,
                    literal(registry.form_id, Integer),
                ),
            )
        )
        # Four rated questions, each answered within its scale.
        for qid, low, high in zip(qids[:4], (1, 1, 2, 1), (5, 5, 5, 4), strict=True):
            value = low + (n * 7 + qid) % (high - low + 1)
            connection.execute(
                table(FeedbackAnswer).insert().from_select(
                    ["response_id", "question_id", "value"],
                    select(n, literal(qid, Integer), value),
                )
            )
    summary = summarize(db, ResultFilter(project_id=registry.project_id))
    assert summary.responses == 50_000
    assert sum(summary.questions[0].counts.values()) == 50_000


def test_add_responses_inserts_every_form_in_order_with_its_answers(
    db, registry, new_workshop
) -> None:
    from kastedesk.services.feedback_entry import add_responses, question_ids_of

    workshop = new_workshop("05", "A")
    with db.session() as session:
        q = question_ids_of(session, registry.form_id)
        assert add_responses(session, workshop, registry.form_id, []) == []
        forms = [{q[0]: (5, "")}, {q[0]: (1, ""), q[4]: (None, "Hyvä päivä")}, {}]
        ids = add_responses(session, workshop, registry.form_id, forms)
    assert ids == sorted(ids) and len(ids) == 3
    with db.read() as session:
        rows = session.execute(
            select(FeedbackAnswer.response_id, FeedbackAnswer.question_id,
                   FeedbackAnswer.value, FeedbackAnswer.text)
            .order_by(FeedbackAnswer.response_id, FeedbackAnswer.question_id)
        ).all()  # fmt: skip
        uuids = session.scalars(select(FeedbackResponse.uuid).where(FeedbackResponse.id.in_(ids)))
        assert len(set(uuids)) == 3
    assert [tuple(r) for r in rows] == [
        (ids[0], q[0], 5, None),
        (ids[1], q[0], 1, None),
        (ids[1], q[4], None, "Hyvä päivä"),
    ]


def test_add_responses_is_two_statements_whatever_the_number_of_forms(
    db, registry, new_workshop
) -> None:
    """One INSERT of every response and one of every answer (SQLite too: the responses'
    UUID tells the returned ids apart, else SQLAlchemy inserts them one at a time)."""
    from kastedesk.services.feedback_entry import add_responses, question_ids_of
    from tests.statement_count import statements

    workshop = new_workshop("05", "A")
    counts = []
    for n in (3, 40):
        with db.session() as session:
            q = question_ids_of(session, registry.form_id)
            forms = [{q[0]: (1 + i % 5, ""), q[1]: (2, "")} for i in range(n)]
            with statements(db.engine) as seen:
                ids = add_responses(session, workshop, registry.form_id, forms)
            assert len(ids) == n and ids == sorted(ids)
        counts.append(len([s for s in seen if s.lstrip().upper().startswith("INSERT")]))
    assert counts == [2, 2]
    with db.read() as session:
        answered = session.execute(
            select(FeedbackAnswer.response_id, FeedbackAnswer.value)
            .where(FeedbackAnswer.question_id == q[0])
            .order_by(FeedbackAnswer.response_id)
        ).all()
    assert [value for _id, value in answered][-40:] == [1 + i % 5 for i in range(40)]
