"""Qt's own translations (standard buttons and dialogs) for the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kastedesk import i18n


class QtTranslations:
    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None

    def apply(self, lang: str) -> bool:
        """Install ``qtbase_<lang>``; English needs none. True when one is active."""
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator.deleteLater()  # a child of the application: else kept for good
            self._translator = None
        QLocale.setDefault(QLocale(i18n.babel_locale(lang)))
        if lang == "en":
            return False
        translator = QTranslator(self._app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not translator.load(f"qtbase_{lang}", folder):
            translator.deleteLater()
            return False
        self._app.installTranslator(translator)
        self._translator = translator
        return True
