"""Choose language, format, file and certification date for an extract of the minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from kastedesk.domain.registry import DocLanguages
from kastedesk.domain.validation import ValidationError
from kastedesk.formatting import format_date, parse_date
from kastedesk.i18n import _, ngettext
from kastedesk.ui.meetings.document_dialog import DocumentDialog, DocumentRequest

SHOWN_ITEMS = 6  # more are counted, so that the dialog fits a small screen


@dataclass
class ExtractRequest(DocumentRequest):
    certified_on: dt.date


class ExtractDialog(DocumentDialog):
    """The § items chosen in the agenda list are shown; the certification date is today's.

    *items* are the chosen items as the agenda list shows them ("7 §  Talousraportti").
    """

    help_topic = "extracts"  # the user guide's page (F1)

    def __init__(
        self,
        items: list[str],
        languages: DocLanguages,
        suggest: Callable[[tuple[str, ...], bool], Path],
        pdf_unavailable: str,
        save: Callable[[ExtractRequest], Path],
        today: dt.date,
        parent: QWidget | None = None,
        memo: bool = False,
    ) -> None:
        title = _("Extract of the memo") if memo else _("Extract of the minutes")
        # save gets the ExtractRequest this dialog's own collect() makes
        super().__init__(title, languages, suggest, pdf_unavailable, save, parent)  # type: ignore[arg-type]
        shown = items[:SHOWN_ITEMS]
        if len(items) > len(shown):
            more = len(items) - len(shown)
            shown.append(ngettext("and {count} more", "and {count} more", more).format(count=more))
        self.items = QLabel("\n".join(shown))
        self.items_caption = QLabel(_("Items"))
        self.form.insertRow(1, self.items_caption, self.items)
        self.date = QLineEdit(format_date(today))
        self.date.setPlaceholderText(_("e.g. 23.9.2014"))
        self.date.setToolTip(_("The date of the secretary's certification"))
        self.form.add_field("date", lambda: _("Certified on"), self.date)
        self.form.removeWidget(self.open_after)  # "open the file" stays last
        self.form.addRow(self.open_after)
        QWidget.setTabOrder(self.date, self.open_after)

    def collect(self) -> ExtractRequest:
        request = super().collect()
        try:
            day = parse_date(self.date.text())
        except ValueError:
            raise ValidationError({"date": _("Write the date as 23.9.2014.")}) from None
        return ExtractRequest(request.languages, request.pdf, request.path, request.open_after, day)
