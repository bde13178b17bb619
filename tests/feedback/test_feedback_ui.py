"""The Workshops and Feedback tabs, the fast entry view, charts, exports and the form editor."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kastedesk import i18n
from kastedesk.domain.feedback_entry import Answer
from kastedesk.domain.feedback_forms import (
    FormSpec,
    OptionSpec,
    QuestionKind,
    QuestionSpec,
    evaluation_scale_question,
)
from kastedesk.services.feedback_entry import open_entry, save_response
from kastedesk.services.feedback_forms import create_form, list_forms, load_form
from kastedesk.services.feedback_results import ResultFilter, summarize
from kastedesk.services.workshops import list_workshops
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackResponse
from kastedesk.ui.feedback.entry import FeedbackEntryDialog
from kastedesk.ui.feedback.forms import FormEditorDialog
from kastedesk.ui.workshops.editor import WorkshopDialog

CHOICE_ONLY = FormSpec(
    "Arviointi",
    "Utvärdering",
    (
        QuestionSpec(QuestionKind.SCALE, "Odotukset", "Förväntningar"),
        QuestionSpec(QuestionKind.SCALE, "Uudet ideat", "Nya idéer"),
        evaluation_scale_question("Tavoite toteutui", "Målet förverkligades"),
        QuestionSpec(
            QuestionKind.CHOICE,
            "Tausta",
            "Bakgrund",
            options=(
                OptionSpec("sosiaalityöntekijä", "socialarbetare"),
                OptionSpec("muu", "annan"),
            ),
        ),
        QuestionSpec(QuestionKind.YES_NO, "Suosittelisitko?", "Skulle du rekommendera?"),
    ),
)


def entry_dialog(qtbot, db, workshop_id: int, restore: bool = True) -> FeedbackEntryDialog:
    FeedbackEntryDialog.ask_restore_draft = lambda self, count: restore  # type: ignore[method-assign]
    dialog = FeedbackEntryDialog(db, workshop_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def press(qtbot, dialog, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """One keystroke to whatever has the focus in the dialog, as a user would type it."""
    if isinstance(key, str):
        for char in key:
            target = dialog.focusWidget() or dialog
            if char.isascii():
                qtbot.keyClick(target, char, modifier)
                continue
            # QTest cannot type letters like ä: send the key events directly.
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, modifier, char))
    else:
        qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)


def _answers(db) -> list[tuple[int, int | None, str | None]]:
    with db.read() as session:
        rows = session.execute(
            select(FeedbackAnswer.response_id, FeedbackAnswer.value, FeedbackAnswer.text)
            .join(FeedbackResponse)
            .where(FeedbackResponse.deleted_at.is_(None))
            .order_by(FeedbackAnswer.response_id, FeedbackAnswer.question_id)
        )
        return [tuple(r) for r in rows]


@pytest.fixture
def _reset_restore():
    original = FeedbackEntryDialog.ask_restore_draft
    yield
    FeedbackEntryDialog.ask_restore_draft = original  # type: ignore[method-assign]


@pytest.mark.usefixtures("_reset_restore")
def test_keystroke_budget_of_a_scale_and_choice_form(qtbot, db, new_workshop) -> None:
    form_id = create_form(db, CHOICE_ONLY)
    wid = new_workshop(form_id=form_id, attended=23)
    dialog = entry_dialog(qtbot, db, wid)
    assert dialog.counter_label.text() == "Form 1 / 23"
    for keys in (["4", "5", "3", "1", "1"], ["2", "3", "1", "2", "2"]):
        for key in keys:
            press(qtbot, dialog, key)
        press(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.keys_pressed == 0  # reset by the save
    # Five answers + Ctrl+Enter = six keys per form, two forms.
    values = [v for _r, v, _t in _answers(db)]
    assert values == [4, 5, 3, 1, 1, 2, 3, 1, 2, 0]  # yes = 1, no = 0
    assert dialog.counter_label.text() == "Form 3 / 23"
    assert "Form 2 saved" in dialog.status_label.text()


@pytest.mark.usefixtures("_reset_restore")
def test_a_keystroke_restyles_only_the_questions_it_changed(
    qtbot, db, new_workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each style sheet set polishes a question and all it holds again: a key that answers
    one question and moves on restyles that question, its chosen answer and the next one,
    not every question of the form."""
    from PySide6.QtWidgets import QFrame, QLabel

    dialog = entry_dialog(qtbot, db, new_workshop())
    styled: list[object] = []
    for cls in (QFrame, QLabel):
        original = cls.setStyleSheet
        monkeypatch.setattr(
            cls, "setStyleSheet", lambda w, s, o=original: (styled.append(w), o(w, s))[1]
        )
    press(qtbot, dialog, "4")
    first, second = dialog.rows[0], dialog.rows[1]
    chosen = next(label for value, label in first.choices if value == 4)
    assert set(map(id, styled)) == {id(first), id(second), id(chosen)}
    assert "#" in chosen.styleSheet() and second.styleSheet() != first.styleSheet()


def test_budget_counted_by_the_view(qtbot, db, new_workshop) -> None:
    form_id = create_form(db, CHOICE_ONLY)
    dialog = entry_dialog(qtbot, db, new_workshop(form_id=form_id))
    for key in "35212":
        press(qtbot, dialog, key)
    assert dialog.keys_pressed == len(CHOICE_ONLY.questions)
    assert dialog.form.at_end
    press(qtbot, dialog, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved == 1


@pytest.mark.usefixtures("_reset_restore")
def test_skips_text_and_wrong_digits(qtbot, db, registry, new_workshop) -> None:
    i18n.set_language("fi")
    dialog = entry_dialog(qtbot, db, new_workshop(attended=20))
    assert dialog.counter_label.text() == "Lomake 1 / 20"
    press(qtbot, dialog, "7")  # not on a 1–5 scale: nothing happens
    assert dialog.form.current == 0 and "7" in dialog.status_label.text()
    press(qtbot, dialog, Qt.Key.Key_Tab)  # skip question 1
    press(qtbot, dialog, "4")
    press(qtbot, dialog, "5")
    press(qtbot, dialog, Qt.Key.Key_Tab)  # skip the background
    assert dialog.focusWidget() is dialog.rows[4].text_edit
    press(qtbot, dialog, "Hyvä päivä 10/10")  # digits are text here
    press(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [(v, t) for _r, v, t in _answers(db)] == [
        (4, None),
        (5, None),
        (None, "Hyvä päivä 10/10"),
    ]
    assert dialog.counter_label.text() == "Lomake 2 / 20"
    assert dialog.focusWidget() is not dialog.rows[4].text_edit  # back at question 1
    press(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved == 1  # an empty form is not saved


@pytest.mark.usefixtures("_reset_restore")
def test_ctrl_z_corrects_the_last_saved_form_in_place(qtbot, db, new_workshop) -> None:
    dialog = entry_dialog(qtbot, db, new_workshop())
    for keys in ("5432", "1111"):
        for key in keys:
            press(qtbot, dialog, key)
        press(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved == 2
    ids_before = sorted({r for r, _v, _t in _answers(db)})
    press(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved == 2  # nothing is taken away while correcting
    assert dialog.counter_label.text() == "Correcting form 2"
    assert dialog.form.filled() == {0: Answer(1), 1: Answer(1), 2: Answer(1), 3: Answer(1)}
    assert summarize(db).responses == 2
    # Closing and opening again keeps the correction going (the draft says which form).
    dialog.close()
    dialog = entry_dialog(qtbot, db, dialog.ctx.workshop_id)
    assert dialog.counter_label.text() == "Correcting form 2"
    dialog.form.go_to(0)
    press(qtbot, dialog, "2")
    press(qtbot, dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Form 2 corrected" in dialog.status_label.text()
    assert [v for _r, v, _t in _answers(db)] == [5, 4, 3, 2, 2, 1, 1, 1]
    assert sorted({r for r, _v, _t in _answers(db)}) == ids_before  # the same response
    assert dialog.counter_label.text() == "Form 3 / 23"
    # On a form with answers Ctrl+Z does not open anything.
    press(qtbot, dialog, "3")
    press(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.correcting is None and dialog.saved == 2


@pytest.mark.usefixtures("_reset_restore")
def test_draft_is_offered_back_after_closing(qtbot, db, new_workshop) -> None:
    wid = new_workshop()
    dialog = entry_dialog(qtbot, db, wid)
    press(qtbot, dialog, "4")
    press(qtbot, dialog, "2")
    press(qtbot, dialog, Qt.Key.Key_Tab)
    press(qtbot, dialog, Qt.Key.Key_Tab)
    press(qtbot, dialog, "kesken jäi")
    dialog.close()  # the window is closed mid-form
    again = entry_dialog(qtbot, db, wid, restore=True)
    assert again.form.filled() == {0: Answer(4), 1: Answer(2), 4: Answer(None, "kesken jäi")}
    assert again.rows[4].text_edit.text() == "kesken jäi"
    assert again.form.current == 4
    press(qtbot, again, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert summarize(db).responses == 1
    again.close()
    third = entry_dialog(qtbot, db, wid, restore=True)
    assert third.form.is_empty  # the draft went with the save
    press(qtbot, third, "5")
    third.reject()  # Esc keeps the draft too
    declined = entry_dialog(qtbot, db, wid, restore=False)
    assert declined.form.is_empty
    declined.close()
    assert entry_dialog(qtbot, db, wid, restore=True).form.is_empty  # declined = discarded


@pytest.mark.usefixtures("_reset_restore")
def test_entry_view_shows_the_form_in_swedish(qtbot, db, registry, new_workshop) -> None:
    """A workshop run by a Swedish-speaking coordinator starts with Swedish forms."""
    swedish_run = new_workshop(
        "15", coordinator_id=registry.people[1], facilitator_ids=[registry.people[2]]
    )
    finnish_run = new_workshop("15")
    assert entry_dialog(qtbot, db, finnish_run).form_language == "fi"
    i18n.set_language("sv")
    dialog = entry_dialog(qtbot, db, swedish_run)
    assert dialog.form_language == "sv"
    assert dialog.counter_label.text() == "Blankett 1 / 23"
    assert "Motsvarade" in dialog.rows[0].text_label.text()
    assert dialog.rows[3].choices[0][1].text() == "[1] socialarbetare"
    press(qtbot, dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert "Vastasiko" in dialog.rows[0].text_label.text()
    assert dialog.form.is_empty and dialog.keys_pressed == 0


def _fill_results(db, new_workshop) -> None:
    for region, module, rows in (
        ("06", "A", [(5, 4, 5, 1), (4, 4, 4, 2)]),
        ("15", "B", [(3, 2, 3, 1), (4, 5, 4, 3), (5, 5, 5, 1)]),
    ):
        ctx = open_entry(db, new_workshop(region, module))
        for row in rows:
            save_response(db, ctx, {n: Answer(v) for n, v in enumerate(row)})
        save_response(db, ctx, {4: Answer(None, "=kommentti")})


def test_results_with_charts_and_exports(
    qtbot, window, db, registry, new_workshop, tmp_path
) -> None:
    _fill_results(db, new_workshop)
    window.tabs.setCurrentIndex(3)
    page = window.tabs.widget(3)
    page.read_data()
    results = page.results
    assert results.responses_label.text() == "Responses: 7"
    assert results.chart_count() == 5  # comparison + four distributions
    assert results.model.rowCount() == 5
    assert "=kommentti" in results.comments.toPlainText()
    results.region.set_region("15")
    assert results.responses_label.text() == "Responses: 4"
    results.compare_by.setCurrentIndex(1)
    assert results.comparison is not None and results.comparison.by == "module"
    window.set_language("sv")
    assert results.responses_label.text() == "Svar: 4"
    assert page.inner.tabText(1) == "Responsblanketter"

    out = tmp_path / "svar.csv"
    assert results.export_to(out) == 4
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")

    results.report_language.setCurrentIndex(results.report_language.findData("sv"))
    report = tmp_path / "rapport.docx"
    job = results.start_report(report)
    assert job is not None and not results.report_button.isEnabled()
    with qtbot.waitSignal(job.signals.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: results.report_button.isEnabled())
    document = Document(str(report))
    assert len(document.inline_shapes) == 4  # one workshop region: no comparison
    assert "Österbotten" in "\n".join(p.text for p in document.paragraphs)


def test_exporting_from_the_button_leaves_the_window_free(
    qtbot, window, db, registry, new_workshop, tmp_path, monkeypatch
) -> None:
    """50,000 responses take seconds to write: a worker thread writes them, the window
    says it is busy and takes the button back when the file is there."""
    from openpyxl import load_workbook

    from kastedesk.ui.feedback import results as results_module

    _fill_results(db, new_workshop)
    window.tabs.setCurrentIndex(3)
    page = window.tabs.widget(3)
    page.read_data()
    results = page.results
    out = tmp_path / "vastaukset"  # no suffix: .xlsx is added
    monkeypatch.setattr(results_module, "save_file_name", lambda *a, **k: (out, ""))
    results.export_button.click()
    job = results._export
    assert job is not None and not results.export_button.isEnabled()
    assert results.status.text() == "Exporting the responses…"
    assert results.start_export(out) is None  # one at a time
    qtbot.waitUntil(lambda: results.export_button.isEnabled(), timeout=10_000)
    written = out.with_suffix(".xlsx")
    assert results.status.text() == f"7 responses written to {written}"
    assert not results.progress.isVisible()
    assert load_workbook(written).active.max_row == 1 + 7


def test_the_results_are_read_again_on_showing_only_after_a_save(
    qtbot, db, registry, new_workshop, window
) -> None:
    """Switching tabs, or the Feedback tab's own sub-tabs, does not sum every response
    again (0.6 s with 50,000); a response saved in the Workshops tab meanwhile shows when
    the results are shown again."""
    _fill_results(db, new_workshop)
    window.show()
    page = window.tabs.widget(3)
    reads: list[str] = []
    for name in ("results", "exchange"):
        view = getattr(page, name)
        real = view.refresh

        def counted(real=real, name=name) -> None:
            reads.append(name)
            real()

        view.refresh = counted
    window.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: page.results.responses_label.text() == "Responses: 7")
    page.inner.setCurrentWidget(page.exchange)
    page.inner.setCurrentWidget(page.results)
    before = len(reads)
    window.tabs.setCurrentIndex(2)
    window.tabs.setCurrentIndex(3)
    page.inner.setCurrentWidget(page.exchange)
    page.inner.setCurrentWidget(page.results)
    assert len(reads) == before  # nothing saved: the results and the origins stand

    window.tabs.setCurrentIndex(2)
    workshop = list_workshops(db)[0]
    save_response(db, open_entry(db, workshop.id), {0: Answer(5)})  # as the Workshops tab does
    window.tabs.setCurrentIndex(3)
    assert reads[before:] == ["results"]
    assert page.results.responses_label.text() == "Responses: 8"
    page.inner.setCurrentWidget(page.exchange)
    assert reads[before:] == ["results", "exchange"]  # the origins count it too


def test_the_origins_follow_a_language_change_made_on_another_tab(
    qtbot, db, registry, new_workshop, window
) -> None:
    """The origins are not read again on every showing, but a language change is one: the
    computer that typed the responses in is named in the new language."""
    _fill_results(db, new_workshop)
    window.show()
    page = window.tabs.widget(3)
    window.tabs.setCurrentIndex(3)
    page.inner.setCurrentWidget(page.exchange)
    origins = page.exchange.origins
    qtbot.waitUntil(lambda: origins.rowCount() > 0)
    assert {r.installation for r in origins.all_rows()} == {"this computer"}
    window.tabs.setCurrentIndex(2)
    window.set_language("sv")
    window.tabs.setCurrentIndex(3)
    assert {r.installation for r in origins.all_rows()} == {"den här datorn"}


def test_workshops_tab_lists_filters_and_retranslates(window, db, registry, new_workshop) -> None:
    new_workshop("06", "A", title="Tampereen työpaja", date=dt.date(2014, 4, 1))
    new_workshop("15", "B", title="Workshop i Vasa", date=dt.date(2014, 10, 1))
    page = window.tabs.widget(2)
    page.read_data()
    assert page.model.rowCount() == 2
    assert page.model.row(0).title == "Workshop i Vasa"  # newest first
    page.region.set_region("06")
    assert [page.model.row(n).title for n in range(page.model.rowCount())] == ["Tampereen työpaja"]
    page.region.set_region(None)
    page.project.set_project_id(registry.project_id)
    page.module.set_value("B")
    assert page.model.rowCount() == 1
    window.set_language("fi")
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == "Otsikko"
    assert page.new_button.text() == "&Uusi työpaja…"
    assert page.count_label.text() == "1 työpaja"
    window.set_language("sv")
    assert page.model.headerData(4, Qt.Orientation.Horizontal) == "Landskap"
    assert page.module.itemText(2) == "B – Socialarbetets arbetssätt"


def test_workshop_dialog_validates_next_to_the_fields(qtbot, db, registry) -> None:
    dialog = WorkshopDialog(db, project_id=registry.project_id)
    qtbot.addWidget(dialog)
    dialog.start_time.setText("12.00")
    dialog.end_time.setText("9.00")
    dialog.date.setText("31.2.2014")
    dialog.accept()
    assert dialog.fields.error_text("date") == "Write the date as 23.9.2014."
    dialog.date.setText("2.10.2014")
    dialog.accept()
    assert dialog.fields.error_text("title") == "Give the workshop a title."
    assert "after the start" in dialog.fields.error_text("start_time")
    assert list_workshops(db) == []
    dialog.title.setText("Uusi työpaja")
    dialog.end_time.setText("15.30")
    dialog.region.set_region("15")
    dialog.module.set_value(registry.modules["C"])
    dialog.questions.setPlainText("Ensimmäinen\n\nToinen")
    dialog.facilitators.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    [row] = list_workshops(db)
    assert (row.title, row.region, row.module) == ("Uusi työpaja", "15", "C")
    edit = WorkshopDialog(db, row.id)
    qtbot.addWidget(edit)
    assert edit.questions.toPlainText() == "Ensimmäinen\nToinen"
    assert edit.facilitators.item(1).checkState() == Qt.CheckState.Checked


def test_form_editor_makes_a_new_version_after_responses(qtbot, db, registry, new_workshop) -> None:
    ctx = open_entry(db, new_workshop())
    save_response(db, ctx, {0: Answer(4)})
    dialog = FormEditorDialog(db, registry.form_id, responses=1)
    qtbot.addWidget(dialog)
    assert "version 2" in dialog.version_note.text()
    dialog.list.setCurrentRow(0)
    dialog.text_fi.setText("Vastasiko sisältö odotuksiasi?")
    dialog.add_question()
    dialog.kind.setCurrentIndex(dialog.kind.findData("yes_no"))
    dialog.text_fi.setText("Tulisitko uudelleen?")
    dialog.text_sv.setText("Skulle du komma igen?")
    dialog.accept()
    assert dialog.saved_id != registry.form_id
    new = load_form(db, dialog.saved_id)
    assert new.version == 2 and len(new.spec.questions) == 6
    assert new.spec.questions[0].text_fi == "Vastasiko sisältö odotuksiasi?"
    assert new.spec.questions[5].kind is QuestionKind.YES_NO
    assert (
        load_form(db, registry.form_id).spec.questions[0].text_fi.startswith("Vastasiko työpajan")
    )
    assert [f.version for f in list_forms(db)] == [2]
    bad = FormEditorDialog(db)
    qtbot.addWidget(bad)
    bad.accept()
    assert bad.head.error_text("name") == "Give the form a Finnish name."
    assert summarize(db, ResultFilter()).responses == 1
