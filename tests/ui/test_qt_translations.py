"""Qt's own translations: one loaded at a time, whatever the number of language changes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kastedesk.ui.qt_translations import QtTranslations


def _translators(app: QCoreApplication) -> int:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return len(app.findChildren(QTranslator))


def test_switching_languages_keeps_one_qt_translator(qapp: QApplication) -> None:
    before = _translators(qapp)
    translations = QtTranslations(qapp)
    try:
        for lang in ("fi", "sv", "fi", "sv", "fi"):
            translations.apply(lang)
        assert _translators(qapp) == before + 1
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Peru"  # qtbase_fi
        box.deleteLater()
    finally:
        translations.apply("en")
    assert _translators(qapp) == before
