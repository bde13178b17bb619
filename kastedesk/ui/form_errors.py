"""Forms that show each validation message right under its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kastedesk.ui import screen_fit, theme

ERROR_MESSAGE = "kastedesk_error_message"  # marks every error line, for the tests that walk them
AUTO_NAMED = "kastedesk_named_by_form"  # a name the form gave, renamed when translated


def error_style() -> str:
    """The style sheet of an error message: a red that reads on the palette (kastedesk.ui.theme)."""
    return theme.text_style(theme.Tone.ERROR)


class ErrorLine(QLabel):
    """A red message line that wraps; its dialog grows to show it whole.

    When its text changes, or it is shown or hidden, its dialog is
    laid out again once the event loop runs (one pass however many lines
    changed) and made taller when the wrapped lines need it
    (``screen_fit.grow_to_fit``).
    """

    def __init__(self) -> None:
        super().__init__()
        # The palette, not a style sheet: a widget with a style sheet is polished through
        # Qt's style-sheet style, and a form has a line per field (a 30-field dialog
        # opened a quarter slower so).
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.foreground(theme.Tone.ERROR))
        self.setPalette(palette)
        self.setWordWrap(True)
        self.setProperty(ERROR_MESSAGE, True)

    # Only methods that are not virtual in Qt are overridden: Qt itself never calls
    # them, so nothing runs here while a dialog is being taken apart.
    def setText(self, text: str) -> None:
        changed = text != self.text()
        super().setText(text)
        if changed:
            _fit_later(self.window())

    def setHidden(self, hidden: bool) -> None:
        changed = hidden != self.isHidden()
        super().setHidden(hidden)
        if changed:
            _fit_later(self.window())

    def show(self) -> None:
        self.setHidden(False)

    def hide(self) -> None:
        self.setHidden(True)


_FIT_TIMER = "kastedesk_fit_timer"
# PySide6 6.12 with Python 3.11 drops a reference to None on each call of a method that
# returns nothing; a loop of thousands of such calls ends the program ("none_dealloc").
# The fit is therefore done once per dialog and event-loop turn, on the few layouts
# between the error lines and the dialog.


def _fit_later(window: QWidget) -> None:
    """Fit *window* once the event loop runs; a timer owned by it, so never after it is gone."""
    if not isinstance(window, QDialog) or not window.isVisible():
        return
    timer = window.findChild(QTimer, _FIT_TIMER)
    if timer is None:
        timer = QTimer(window)
        timer.setObjectName(_FIT_TIMER)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(lambda: _fit_now(window))
    timer.start()  # started again while waiting: still one fit


def _fit_now(window: QDialog) -> None:
    if window.isVisible():
        lines = [line for line in window.findChildren(ErrorLine) if line.isVisibleTo(window)]
        screen_fit.grow_to_fit(window, lines)


def error_label(hidden: bool = True) -> QLabel:
    """A red message line that wraps (its dialog grows to show it: ErrorLine).

    Hidden until there is something to say, unless *hidden* is False (an empty line
    that keeps its place).
    """
    label = ErrorLine()
    if hidden:
        label.hide()
    return label


def caption_text(label: str) -> str:
    """A field's caption as read out: no mnemonic marks ('&&' is a '&'), no colon."""
    return "&".join(part.replace("&", "") for part in label.split("&&")).strip().rstrip(":")


_Field = TypeVar("_Field", bound=QWidget)  # add_field gives back the widget it was given


class ErrorForm(QFormLayout):
    """A QFormLayout whose rows each carry a hidden error line.

    Rows are added with a label function (called again on retranslation) and a
    field name matching the keys of ``domain.validation.ValidationError.errors``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[tuple[QLabel, Callable[[], str]]] = []
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._captions: dict[str, Callable[[], str]] = {}
        self._helps: dict[str, tuple[QLabel, Callable[[], str]]] = {}
        self.form_error = self._error_label()  # messages about the whole form ("")
        self.addRow(self.form_error)

    @staticmethod
    def _error_label() -> QLabel:
        return error_label()

    def add_field(
        self,
        name: str,
        label: Callable[[], str],
        widget: _Field,
        hint: Callable[[], str] | None = None,
    ) -> _Field:
        """Add a row; *hint* explains a field whose meaning is not obvious.

        The hint is the tooltip of the caption and the field and the field's
        accessible description (what a screen reader reads after the name).
        """
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = self._error_label()
        error.setObjectName(f"error_{name}")
        column.addWidget(error)
        caption = QLabel(label())
        caption.setBuddy(widget)
        self.addRow(caption, holder)
        self._labels.append((caption, label))
        self._name_field(widget, label)
        self._errors[name] = error
        self._fields[name] = widget
        self._captions[name] = label
        if hint is not None:
            self._helps[name] = (caption, hint)
            self._describe_field(name)
        return widget

    def captions(self) -> dict[str, str]:
        """{field name: its label in the current language, without mnemonic marks}."""
        return {name: caption_text(label()) for name, label in self._captions.items()}

    def first_field(self) -> QWidget | None:
        """The first enabled, visible field that takes the keyboard focus."""
        for widget in self._fields.values():
            target = widget.focusProxy() or widget
            if target.isEnabled() and not target.isHidden() and target.focusPolicy() != 0:
                return target
        return None

    def retranslate(self) -> None:
        for caption, label in self._labels:
            caption.setText(label())
        for name, widget in self._fields.items():
            self._name_field(widget, self._captions[name])
        for name in self._helps:
            self._describe_field(name)

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def set_field_visible(self, widget: QWidget, visible: bool) -> None:
        """Show or hide the row of *widget* (a field of :meth:`add_field`): its caption,
        the field and its error line."""
        holder = widget.parentWidget()  # the row's field holder (add_field)
        if holder is not None:
            self.setRowVisible(holder, visible)

    def _describe_field(self, name: str) -> None:
        caption, hint = self._helps[name]
        text = hint()
        widget = self._fields[name]
        caption.setToolTip(text)
        widget.setToolTip(text)
        widget.setAccessibleDescription(text)
        # A row of several inputs (the quorum rule): each one the keyboard reaches.
        for child in widget.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus:
                child.setAccessibleDescription(text)

    @staticmethod
    def _name_field(widget: QWidget, label: Callable[[], str]) -> None:
        """The field is named after its caption, for screen readers.

        Qt names a field after its buddy label only when they are siblings; here the
        field sits in a holder with its error line. A row of several widgets (a path
        with its Browse button) passes the name to its one unnamed input.
        """
        text = caption_text(label())
        widget.setAccessibleName(text)
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            return
        inputs = [
            child
            for child in widget.findChildren(QWidget)
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and child.focusProxy() is None
            and not isinstance(child, QAbstractButton)
            and (child.property(AUTO_NAMED) or not child.accessibleName())
        ]
        if len(inputs) == 1:
            inputs[0].setAccessibleName(text)
            inputs[0].setProperty(AUTO_NAMED, True)

    def error_text(self, name: str) -> str:
        label = self.form_error if name == "" else self._errors[name]
        return label.text() if not label.isHidden() else ""

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show *errors* ({field: message}); clear the others; focus the first bad field."""
        for name, label in [("", self.form_error), *self._errors.items()]:
            message = errors.get(name, "")
            label.setText(message)
            label.setHidden(not message)
        for name in self._fields:
            if name in errors:
                self._fields[name].setFocus()
                break
        # Messages for fields this form does not show go to the form line.
        unknown = [m for n, m in errors.items() if n and n not in self._errors]
        if unknown:
            text = "\n".join(filter(None, [errors.get("", ""), *unknown]))
            self.form_error.setText(text)
            self.form_error.show()

    def clear_errors(self) -> None:
        self.show_errors({})


class ErrorForms:
    """Several ErrorForms shown as one: each message goes to the form with its field.

    For editors laid out in columns (Finnish beside Swedish), where one
    QFormLayout cannot hold every field.
    """

    def __init__(self, *forms: ErrorForm, qualifiers: dict[int, Callable[[], str]] | None = None):
        self.forms = forms
        # Per form index: words added to its captions ("Päätös (ruotsiksi)") where they repeat.
        self._qualifiers = qualifiers or {}

    def captions(self) -> dict[str, str]:
        """Every field's caption; a form's qualifier is added when captions repeat."""
        result: dict[str, str] = {}
        for index, form in enumerate(self.forms):
            qualifier = self._qualifiers.get(index)
            for name, caption in form.captions().items():
                result[name] = f"{caption} ({qualifier()})" if qualifier else caption
        return result

    def _owner(self, name: str) -> ErrorForm | None:
        return next((f for f in self.forms if name in f._errors), None)

    def retranslate(self) -> None:
        for form in self.forms:
            form.retranslate()

    def error_text(self, name: str) -> str:
        owner = self._owner(name) if name else self.forms[0]
        return owner.error_text(name) if owner else ""

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each field's message under it; the rest on the first form's line; focus the first."""
        parts: dict[int, dict[str, str]] = {id(f): {} for f in self.forms}
        for name, message in errors.items():
            owner = (self._owner(name) if name else None) or self.forms[0]
            parts[id(owner)][name] = message
        for form in reversed(self.forms):  # the first form's focus wins
            form.show_errors(parts[id(form)])

    def clear_errors(self) -> None:
        for form in self.forms:
            form.clear_errors()
