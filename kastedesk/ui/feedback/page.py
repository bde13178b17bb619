"""The Feedback tab: results (with charts and exports) and the form templates."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from kastedesk.i18n import _
from kastedesk.storage.database import Database
from kastedesk.ui.bundles.exchange_view import ExchangeView
from kastedesk.ui.feedback.forms import FormsView
from kastedesk.ui.feedback.results import ResultsView
from kastedesk.ui.tab_page import TabPage


class FeedbackPage(TabPage):
    help_topic = "feedback"  # the user guide's page (F1)

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.results = ResultsView(db)
        self.forms = FormsView(db)
        self.exchange = ExchangeView(db)
        self.inner = QTabWidget()
        self.inner.addTab(self.results, "")
        self.inner.addTab(self.forms, "")
        self.inner.addTab(self.exchange, "")
        self.inner.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner)
        self.retranslate_ui()

    def read_data(self) -> None:
        self.forms.read_data()
        self.results.read_data()
        self.exchange.read_data()

    def retranslate_ui(self) -> None:
        self.inner.setTabText(0, _("Results"))
        self.inner.setTabText(1, _("Feedback forms"))
        self.inner.setTabText(2, _("Origins and conflicts"))
        self.results.retranslate_ui()
        self.forms.retranslate_ui()
        self.exchange.retranslate_ui()

    def showEvent(self, event) -> None:
        # Responses may have been typed in from the Workshops tab meanwhile; when nothing
        # was saved the results stand (summing 50,000 responses again took 0.6 s a switch).
        if self.loaded and self.results.read_at != self.db.commits:
            self.results.read_data()
        if self.inner.currentWidget() is self.exchange and self.exchange.read_at != self.db.commits:
            self.exchange.refresh()
        super().showEvent(event)

    def show_exchange(self) -> None:
        """Show where responses came from and the conflicts kept by imports."""
        self.inner.setCurrentWidget(self.exchange)
        self.exchange.refresh()

    def _tab_changed(self, index: int) -> None:
        # The results and the origins are read again only when this window saved something
        # since they were (the large dataset: 0.6 s and 0.3 s each time they were shown).
        if index == 1:
            self.forms.refresh()
        elif index == 2:
            if self.exchange.read_at != self.db.commits:
                self.exchange.refresh()
        elif self.results.read_at != self.db.commits:
            self.results.refresh()
