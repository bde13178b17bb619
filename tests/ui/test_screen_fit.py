"""At 1920×1080 and 150 % scaling (about 1280×672 available) every window fits.

The available area is patched to that size; each dialog is opened as the
program opens it, and must fit with its OK/Cancel (or Close) buttons on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QWidget,
)

from kastedesk.storage.database import Database
from kastedesk.ui import screen_fit
from kastedesk.ui.dialog_base import FormDialog
from tests.ui.all_windows import DIALOGS, dialog_classes, dialog_factories, settle

AVAILABLE = QRect(0, 0, 1280, 672)  # 1920×1080 at 150 %, taskbar at the bottom


@pytest.fixture
def small_screen(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QRect]:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(AVAILABLE))
    fitter = screen_fit.install(qapp)
    yield AVAILABLE
    fitter.setParent(None)
    fitter.deleteLater()


def visible_on_screen(widget: QWidget, window: QWidget) -> bool:
    """*widget* is shown and lies wholly inside *window*, which lies inside the area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    inside = window.rect().contains(QRect(top_left, widget.size()))
    return widget.isVisible() and inside and AVAILABLE.contains(window.frameGeometry())


def buttons(dialog: QWidget) -> list[QAbstractButton]:
    return [b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()]


def must_see(dialog: QWidget) -> list[QWidget]:
    """OK/Cancel/Close; the keyboard-only feedback entry shows its key hints instead."""
    hints = [w for w in (getattr(dialog, "hint_label", None),) if isinstance(w, QWidget)]
    return [*buttons(dialog), *hints]


def check_fits(qtbot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: AVAILABLE.contains(dialog.frameGeometry()))  # once it is active
    size = dialog.minimumSizeHint()
    name = type(dialog).__name__
    assert size.width() <= AVAILABLE.width() and size.height() <= AVAILABLE.height(), (name, size)
    assert AVAILABLE.contains(dialog.frameGeometry()), (name, dialog.frameGeometry())
    shown = must_see(dialog)
    assert shown, f"{name} has no button box"
    for button in shown:
        if button.isVisibleTo(dialog):  # (a form's own box hidden inside an assistant page)
            assert visible_on_screen(button, dialog), (name, button.text())
    if isinstance(dialog, FormDialog):
        # Every field refused at once: the error lines make the form longest.
        message = "Tieto puuttuu tai on virheellinen; korjaa kenttä ennen tallennusta."
        dialog.form.show_errors({field: message for field in ["", *dialog.form._fields]})
        dialog.adjustSize()
        screen_fit.fit_to_screen(dialog)
        tallest = dialog.minimumSizeHint()
        assert tallest.height() <= AVAILABLE.height(), (name, tallest)
        for button in shown:
            assert visible_on_screen(button, dialog), (name, "with errors", button.text())
    settle()
    dialog.close()


def test_the_main_window_fits_on_every_tab(small_screen, make_window, demo_db, qtbot) -> None:
    window = make_window(demo_db)
    window.resize(1600, 1000)  # as saved on a bigger screen
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: AVAILABLE.contains(window.frameGeometry()))  # once it is active
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= AVAILABLE.width(), (index, minimum)
        assert minimum.height() <= AVAILABLE.height(), (index, minimum)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_welcome_page_and_the_start_assistant_fit(
    small_screen, make_window, db, qtbot, lang
) -> None:
    """Every page of Start my project, with every field refused, keeps its buttons on screen."""
    from PySide6.QtWidgets import QWizard

    from kastedesk import i18n
    from kastedesk.domain.registry import Role
    from tests.ui.test_first_run import _fill_officers, _fill_project

    window = make_window(db)
    window.set_language(lang)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: AVAILABLE.contains(window.frameGeometry()))  # once it is active
    assert window.first_run.welcome_shown
    assert window.minimumSizeHint().height() <= AVAILABLE.height()
    assert visible_on_screen(window.first_run.welcome.tabs_button, window)
    wizard = window.first_run.start_project()
    qtbot.waitExposed(wizard)
    message = "Tieto puuttuu tai on virheellinen; korjaa kenttä ennen tallennusta."
    kinds = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
             QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)  # fmt: skip
    for page in (wizard.project_page, wizard.group_page, wizard.officers_page,
                 wizard.members_page, wizard.summary_page):  # fmt: skip
        assert wizard.currentPage() is page
        form = getattr(page, "form", None)
        if form is not None:
            form.show_errors({field: message for field in ["", *form._fields]})
        for label in getattr(page, "errors", {}).values():
            label.setText(message)
            label.show()
        wizard.adjustSize()
        screen_fit.fit_to_screen(wizard)
        assert wizard.minimumSizeHint().height() <= AVAILABLE.height(), page.title()
        assert AVAILABLE.contains(wizard.frameGeometry()), (page.title(), wizard.frameGeometry())
        for kind in kinds:
            button = wizard.button(kind)
            if button.isVisible():
                assert visible_on_screen(button, wizard), (page.title(), button.text())
        if page is wizard.officers_page:
            edit = page.fields[Role.PRESENTER]["email"]
            assert visible_on_screen(edit, wizard)
        if page is wizard.project_page:
            _fill_project(wizard)
        if page is wizard.officers_page:
            _fill_officers(wizard)
        if page is not wizard.summary_page:
            wizard.next()
    wizard.reject()
    i18n.set_language("en")


def test_a_window_shown_partly_off_screen_is_moved_onto_it(small_screen, qtbot) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(400, 300)
    dialog.move(1100, 600)
    dialog.show()
    qtbot.waitUntil(lambda: AVAILABLE.contains(dialog.frameGeometry()))


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_with_its_buttons_on_screen(
    name: str, small_screen, demo_db: Database, qtbot, tmp_path: Path
) -> None:
    dialog = dialog_factories(tmp_path)[name](demo_db)
    check_fits(qtbot, dialog)


def test_every_dialog_class_is_listed(demo_db: Database, qtbot, tmp_path: Path) -> None:
    """A new dialog class gets a factory in tests/ui/all_windows.py (the registry is complete)."""
    factories = dialog_factories(tmp_path)
    assert sorted(factories) == sorted(DIALOGS)
    built = set()
    for factory in factories.values():
        dialog = factory(demo_db)
        qtbot.addWidget(dialog)
        built.add(type(dialog))
    settle()
    missing = sorted(c.__qualname__ for c in dialog_classes() - built)
    assert missing == [], f"dialogs without a factory in tests/ui/all_windows.py: {missing}"


def test_the_program_fits_every_window_from_the_start(
    qapp: QApplication, qtbot, small_screen: QRect, tmp_path: Path, monkeypatch
) -> None:
    """The start fits its window at once and installs the fitting for every later one."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    from kastedesk.ui import app as app_module

    installed: list[QApplication] = []
    real_install = screen_fit.install
    monkeypatch.setattr(screen_fit, "install", lambda a: installed.append(a) or real_install(a))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = app_module.show_window(settings, app_module.QtTranslations(qapp))
    qtbot.addWidget(window)
    assert screen_fit.fits(window)
    assert installed == [qapp]
    dialog = QDialog()
    QVBoxLayout(dialog).addWidget(QLineEdit())
    qtbot.addWidget(dialog)
    dialog.resize(1600, 900)
    dialog.show()  # fitted once it is the active window
    qtbot.waitUntil(lambda: screen_fit.fits(dialog))
    dialog.hide()
    dialog.resize(1600, 900)
    dialog.show()  # and again when shown again
    qtbot.waitUntil(lambda: screen_fit.fits(dialog))


def test_no_event_filter_watches_the_whole_program(
    qapp: QApplication, small_screen, qtbot, monkeypatch
) -> None:
    """A filter on the application makes Qt call Python for every event of the program."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLineEdit

    from kastedesk.ui.help.help_keys import install_help_keys

    seen: list[QWidget] = []
    monkeypatch.setattr(
        screen_fit.ScreenFitter, "eventFilter", lambda _self, w, _e: seen.append(w) or False
    )
    install_help_keys(qapp)
    holder = QWidget()
    qtbot.addWidget(holder)
    field = QLineEdit(holder)
    QApplication.sendEvent(field, QEvent(QEvent.Type.User))
    assert seen == []


def test_the_fitter_and_the_f1_keys_are_remembered_not_looked_up(qapp, monkeypatch) -> None:
    """``findChild`` on the application wrapped its style, and PySide made a dozen of
    QStyle's enums (about 8 ms between the window's first paint and the database opening):
    installing asks nothing of the application object."""
    from PySide6.QtCore import QObject

    from kastedesk.ui import one_per_app
    from kastedesk.ui.help.help_keys import install_help_keys

    monkeypatch.setattr(one_per_app, "_kept", {})  # restored after
    with monkeypatch.context() as no_lookups:
        no_lookups.setattr(QObject, "findChild", lambda *_a, **_k: pytest.fail("looked up"))
        no_lookups.setattr(QObject, "findChildren", lambda *_a, **_k: pytest.fail("looked up"))
        fitter, keys = screen_fit.install(qapp), install_help_keys(qapp)
        assert screen_fit.install(qapp) is fitter and install_help_keys(qapp) is keys
    assert fitter.parent() is qapp and keys.parent() is qapp
    fitter.setParent(None)
    fitter.deleteLater()
    keys.setParent(None)
    keys.deleteLater()


@pytest.mark.parametrize(
    ("area", "fills"),
    [
        (QRect(AVAILABLE), True),  # 1920×1080 at 150 %
        (QRect(0, 0, 1366, 728), True),  # a 1366×768 laptop
        (QRect(0, 0, 1920, 1040), False),  # a desk's monitor: the first size leaves room
    ],
)
def test_the_first_start_fills_a_laptops_screen(
    qapp: QApplication, qtbot, tmp_path: Path, monkeypatch, area: QRect, fills: bool
) -> None:
    from PySide6.QtCore import QSettings

    from kastedesk.ui import app as app_module

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(area))
    monkeypatch.setattr(screen_fit, "install", lambda _app: None)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = app_module.show_window(settings, app_module.QtTranslations(qapp))
    qtbot.addWidget(window)
    frame = window.frameGeometry()
    assert (frame == area) == fills, (frame, area)
    assert area.contains(frame)
    window.resize(700, 500)
    window.save_state()  # a size of the user's own: kept as it is at the next start
    again = app_module.show_window(settings, app_module.QtTranslations(qapp))
    qtbot.addWidget(again)
    assert again.size() == window.size() == QSize(700, 500)
