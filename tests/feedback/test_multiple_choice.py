"""Multiple-choice questions: several options per answer, from fast entry to the results,
exports, blank forms, spreadsheet import and bundles."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt

from kastedesk.domain.feedback_entry import Answer, EntryForm, keystroke_budget
from kastedesk.domain.feedback_forms import (
    FormSpec,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
    check_answer,
    chosen_options,
    options_mask,
    validate_form,
)
from kastedesk.domain.response_import import parse_answer
from kastedesk.services.blank_forms import write_blank_forms
from kastedesk.services.bundles import import_bundle
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.feedback_charts import distribution_chart
from kastedesk.services.feedback_entry import open_entry, save_response
from kastedesk.services.feedback_export import response_table
from kastedesk.services.feedback_forms import create_form
from kastedesk.services.feedback_results import summarize
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.ui.feedback.entry import FeedbackEntryDialog

TOPICS = QuestionSpec(
    QuestionKind.MULTI,
    "Mitkä aiheet olivat hyödyllisiä?",
    "Vilka teman var nyttiga?",
    options=(
        OptionSpec("verkostot", "nätverk"),
        OptionSpec("kohtaaminen", "bemötande"),
        OptionSpec("dokumentointi", "dokumentation"),
    ),
)
FORM = FormSpec(
    "Monivalinta",
    "Flerval",
    (
        QuestionSpec(QuestionKind.SCALE, "Arvosana", "Vitsord"),
        TOPICS,
        QuestionSpec(QuestionKind.YES_NO, "Suosittelisitko?", "Rekommenderar du?"),
    ),
)


def test_masks_and_rules() -> None:
    assert options_mask([1, 3]) == 0b101 and chosen_options(0b101) == [1, 3]
    assert TOPICS.answer_label(0b110, "sv") == "bemötande; dokumentation"
    assert check_answer(TOPICS, 0b111, None) and not check_answer(TOPICS, 0b1000, None)
    assert not check_answer(TOPICS, 0, None)
    assert validate_form(FormSpec("x", "", (QuestionSpec(QuestionKind.MULTI, "y"),)))
    assert parse_answer(TOPICS, "verkostot; Dokumentation") == Answer(0b101)
    with pytest.raises(ValueError):
        parse_answer(TOPICS, "verkostot; lounas")


def test_fast_entry_digits_toggle_and_enter_moves_on() -> None:
    form = EntryForm(list(FORM.questions))
    form.press_digit(4)
    assert form.current == 1
    for digit in (1, 3, 3, 2):  # 3 ticked and unticked again
        assert form.press_digit(digit) and form.current == 1
    assert form.answer(1) == Answer(0b011)
    assert not form.press_digit(4)  # not an option
    form.next()
    form.press_digit(1)
    assert form.filled() == {0: Answer(4), 1: Answer(0b011), 2: Answer(1)}


@pytest.fixture
def _no_draft_question():
    original = FeedbackEntryDialog.ask_restore_draft
    FeedbackEntryDialog.ask_restore_draft = lambda self, count: False  # type: ignore[method-assign]
    yield
    FeedbackEntryDialog.ask_restore_draft = original  # type: ignore[method-assign]


@pytest.mark.usefixtures("_no_draft_question")
def test_keystrokes_counted_one_per_ticked_option_one_enter_one_save(
    qtbot, db, new_workshop
) -> None:
    wid = new_workshop(form_id=create_form(db, FORM))
    dialog = FeedbackEntryDialog(db, wid)
    qtbot.addWidget(dialog)
    dialog.show()
    for key in ("4", "1", "3"):
        qtbot.keyClick(dialog.focusWidget() or dialog, key)
    qtbot.keyClick(dialog, "5")  # not an option: the question stays, in red, with the reason
    assert dialog.form.current == 1
    assert "5 is not an option here: choose 1–3." in dialog.status_label.text()
    assert "#b00020" in dialog.rows[1].styleSheet()
    dialog.keys_pressed -= 1  # the wrong key is not part of the budget
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, "1")
    assert dialog.keys_pressed == keystroke_budget(list(FORM.questions), ticked=2) - 1
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved == 1
    summary = summarize(db)
    assert summary.question(summary.questions[1].key).counts == {1: 1, 3: 1}
    assert keystroke_budget(list(FORM.questions), ticked=2) == 6  # 4, 1, 3, Enter, 1, save


def test_results_exports_blank_forms_and_bundles(db, new_workshop, tmp_path: Path) -> None:
    form_id = create_form(db, FORM)
    wid = new_workshop(form_id=form_id)
    ctx = open_entry(db, wid)
    for mask in (0b011, 0b001, 0b111):
        save_response(db, ctx, {0: Answer(4), 1: Answer(mask)})
    save_response(db, ctx, {0: Answer(5)})  # the multiple choice skipped
    summary = summarize(db)
    topics = summary.questions[1]
    assert topics.answered == 3 and topics.counts == {1: 3, 2: 2, 3: 1}
    chart = distribution_chart(topics, "fi")
    assert chart is not None
    assert [c.split("\n")[-1] for c in chart.categories] == ["3 · 100 %", "2 · 67 %", "1 · 33 %"]
    table = response_table(db, lang="sv")
    assert [row[6] for row in table.rows] == [
        "nätverk; bemötande",
        "nätverk",
        "nätverk; bemötande; dokumentation",
        None,
    ]
    out = tmp_path / "blank.docx"
    write_blank_forms(db, wid, out, ("fi",))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "2. Mitkä aiheet olivat hyödyllisiä? (rastita kaikki sopivat)" in text
    # A bundle carries the masks; the other laptop counts the same.
    export_bundle(db, tmp_path / "m.kastebundle")
    other = open_database(resolve_url(tmp_path / "other.sqlite"))
    try:
        import_bundle(other, tmp_path / "m.kastebundle")
        assert summarize(other).questions[1].counts == {1: 3, 2: 2, 3: 1}
    finally:
        other.dispose()
