"""Colours and font sizes that follow the system: its palette, high contrast and font size.

Nothing on screen uses a fixed colour or a fixed font size. Semantic colours (an
error, a warning, something that is fine) are picked here so that they have a
contrast of at least 4.5:1 (WCAG AA for text) against the palette's background,
light or dark. In high-contrast mode (Windows' setting, which Qt reports as
``QStyleHints.accessibility().contrastPreference()`` and applies as the
application palette, or a dark palette at extreme contrast) the palette's own
Text, Highlight and HighlightedText colours are used as they are: the user chose
them. Font sizes are the application font's (which is the system's font size)
times a factor, so a larger system font makes headings larger too.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import wraps
from typing import TypeVar

from PySide6 import QtCore
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

TEXT_CONTRAST = 4.5  # WCAG 2 AA, normal text
GRAPHIC_CONTRAST = 3.0  # WCAG 2 AA, bars, lines and borders
HIGH_CONTRAST_PROPERTY = "kastedesk_high_contrast"  # set on the app to force the mode


class Tone(Enum):
    ERROR = "error"
    WARNING = "warning"
    OK = "ok"
    ACCENT = "accent"  # a chosen answer, a chart's line


# The usual colours on a light and on a dark background; checked (and adjusted) below.
_ON_LIGHT = {
    Tone.ERROR: "#b00020",
    Tone.WARNING: "#8a4b00",
    Tone.OK: "#1b5e20",
    Tone.ACCENT: "#1f5f8b",
}
_ON_DARK = {
    Tone.ERROR: "#ff8a80",
    Tone.WARNING: "#ffc46b",
    Tone.OK: "#8bd48f",
    Tone.ACCENT: "#8ec9f0",
}
# Tinted backgrounds on a light palette, as KasteDesk has always shown them.
_LIGHT_TINTS = {
    Tone.ERROR: "#fde7ea",
    Tone.WARNING: "#fff4c2",
    Tone.OK: "#e3f4e1",
    Tone.ACCENT: "#e3eef6",
}
_TINT = 0.16  # elsewhere: how much of the tone colour a tinted background has
_Result = TypeVar("_Result", QColor, tuple[QColor, QColor])
_CACHE: dict[tuple[object, ...], object] = {}


def _per_palette(
    pick: Callable[..., _Result],
) -> Callable[..., _Result]:
    """Remember *pick*'s colours per palette: tables ask for them on every repaint.

    The key is the palette's cache key (a new one whenever a colour changes, as when
    Windows switches to high contrast) and the forced high-contrast flag.
    """

    @wraps(pick)
    def cached(*args: object, palette: QPalette | None = None) -> _Result:
        if args and (args[-1] is None or isinstance(args[-1], QPalette)):
            palette, args = args[-1] or palette, args[:-1]  # given in its place, not by name
        pal = palette or current_palette()
        app = QGuiApplication.instance()
        forced = bool(app.property(HIGH_CONTRAST_PROPERTY)) if app is not None else False
        key = (pick.__name__, args, pal.cacheKey(), forced)
        if key not in _CACHE:
            if len(_CACHE) > 512:
                _CACHE.clear()
            _CACHE[key] = pick(*args, palette=pal)
        found = _CACHE[key]
        if isinstance(found, QColor):
            return QColor(found)  # type: ignore[return-value]  # a copy: callers may change it
        return found  # type: ignore[return-value]  # each pick's own result, cached as object

    return cached


def luminance(colour: QColor) -> float:
    """WCAG relative luminance, 0 (black) … 1 (white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 … 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def mix(first: QColor, second: QColor, share: float) -> QColor:
    """*first* with *share* (0 … 1) of *second* blended in."""
    keep = 1.0 - share
    return QColor.fromRgbF(
        first.redF() * keep + second.redF() * share,
        first.greenF() * keep + second.greenF() * share,
        first.blueF() * keep + second.blueF() * share,
    )


def current_palette(widget: QWidget | None = None) -> QPalette:
    return widget.palette() if widget is not None else QApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """The background is darker than the text (a dark theme, or high contrast black)."""
    pal = palette or current_palette()
    return luminance(pal.color(QPalette.ColorRole.Base)) < luminance(
        pal.color(QPalette.ColorRole.Text)
    )


def is_high_contrast(palette: QPalette | None = None) -> bool:
    """The system asks for high contrast, or the palette is a high-contrast one."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        if app.property(HIGH_CONTRAST_PROPERTY):
            return True
        hints = app.styleHints()  # kept: the accessibility hints belong to it
        accessibility = hints.accessibility()
        if accessibility.contrastPreference() == QtCore.Qt.ContrastPreference.HighContrast:
            return True
    pal = palette or current_palette()
    window = pal.color(QPalette.ColorRole.Window)
    text = pal.color(QPalette.ColorRole.WindowText)
    # Windows' high contrast black and the like: white or yellow on pure black.
    return is_dark(pal) and contrast_ratio(window, text) >= 15.0


def _backgrounds(pal: QPalette) -> tuple[QColor, QColor]:
    return pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Window)


def readable(colour: QColor, backgrounds: tuple[QColor, ...], toward: QColor,
             minimum: float = TEXT_CONTRAST) -> QColor:  # fmt: skip
    """*colour*, blended toward *toward* (the text colour) until it contrasts enough."""
    for step in range(11):
        candidate = mix(colour, toward, step / 10)
        if all(contrast_ratio(candidate, b) >= minimum for b in backgrounds):
            return candidate
    return QColor(toward)


@_per_palette
def foreground(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The colour of text (or a line) meaning *tone*, readable on Base and Window."""
    pal = palette or current_palette()
    text = pal.color(QPalette.ColorRole.Text)
    if is_high_contrast(pal):
        return text
    colour = QColor((_ON_DARK if is_dark(pal) else _ON_LIGHT)[tone])
    return readable(colour, _backgrounds(pal), text)


@_per_palette
def background(tone: Tone, palette: QPalette | None = None) -> QColor:
    """A background tinted with *tone*, on which the palette's Text stays readable."""
    pal = palette or current_palette()
    base = pal.color(QPalette.ColorRole.Base)
    text = pal.color(QPalette.ColorRole.Text)
    if is_high_contrast(pal):
        return base
    if not is_dark(pal):
        usual = QColor(_LIGHT_TINTS[tone])
        if contrast_ratio(text, usual) >= 7.0:
            return usual
    tone_colour = foreground(tone, pal)
    for step in range(10):
        candidate = mix(base, tone_colour, _TINT * (1 - step / 10))
        if contrast_ratio(text, candidate) >= 7.0:
            return candidate
    return base


@_per_palette
def muted(palette: QPalette | None = None) -> QColor:
    """Secondary text (a hint, an ended membership): paler, still readable."""
    pal = palette or current_palette()
    text = pal.color(QPalette.ColorRole.Text)
    if is_high_contrast(pal):
        return text
    base = pal.color(QPalette.ColorRole.Base)
    return readable(mix(text, base, 0.45), _backgrounds(pal), text)


def text_on(fill: QColor, palette: QPalette | None = None) -> QColor:
    """The palette's Text or Base colour, whichever reads better on *fill* (a bar)."""
    pal = palette or current_palette()
    black, white = QtCore.Qt.GlobalColor.black, QtCore.Qt.GlobalColor.white
    options = (pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base),
               QColor(black), QColor(white))  # fmt: skip
    return max(options, key=lambda colour: contrast_ratio(colour, fill))


def graphic(colour: QColor, palette: QPalette | None = None) -> QColor:
    """A bar's or line's colour, adjusted to stand out (3:1) from the Base background."""
    pal = palette or current_palette()
    base = pal.color(QPalette.ColorRole.Base)
    return readable(colour, (base,), pal.color(QPalette.ColorRole.Text), GRAPHIC_CONTRAST)


@_per_palette
def chosen(palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """(background, text) of something chosen: the system's highlight in high contrast."""
    pal = palette or current_palette()
    if is_high_contrast(pal):
        return pal.color(QPalette.ColorRole.Highlight), pal.color(
            QPalette.ColorRole.HighlightedText
        )
    return foreground(Tone.ACCENT, pal), pal.color(QPalette.ColorRole.Base)


def text_style(tone: Tone, palette: QPalette | None = None) -> str:
    """A style sheet colouring a label's text with *tone*."""
    return f"color: {foreground(tone, palette).name()};"


def banner_style(tone: Tone, palette: QPalette | None = None) -> str:
    """A style sheet for a message band: tinted background, readable text, a border."""
    pal = palette or current_palette()
    text = pal.color(QPalette.ColorRole.Text) if is_high_contrast(pal) else foreground(tone, pal)
    fill = background(tone, pal)
    if contrast_ratio(text, fill) < TEXT_CONTRAST:
        text = pal.color(QPalette.ColorRole.Text)
    return (
        f"background: {fill.name()}; color: {text.name()}; "
        f"border: 1px solid {foreground(tone, pal).name()}; padding: 4px;"
    )


def scaled_font(font: QFont, factor: float, bold: bool = False) -> QFont:
    """*font* made *factor* times larger (1.3: a heading); never a fixed size."""
    result = QFont(font)
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    elif result.pixelSize() > 0:
        result.setPixelSize(round(result.pixelSize() * factor))
    if bold:
        result.setBold(True)
    return result


def make_heading(widget: QWidget, factor: float = 1.3, bold: bool = True) -> None:
    """Give *widget* a font *factor* times the application font (a heading, a counter)."""
    widget.setFont(scaled_font(QApplication.font(widget), factor, bold))


def high_contrast_palette() -> QPalette:
    """A palette like Windows' "High contrast black": for screenshots and tests."""
    pal = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    yellow, cyan, green = QColor("#ffff00"), QColor("#1aebff"), QColor("#3ff23f")
    grey = QColor("#a0a0a0")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in (
            (QPalette.ColorRole.Window, black), (QPalette.ColorRole.WindowText, white),
            (QPalette.ColorRole.Base, black), (QPalette.ColorRole.AlternateBase, black),
            (QPalette.ColorRole.Text, white), (QPalette.ColorRole.Button, black),
            (QPalette.ColorRole.ButtonText, white), (QPalette.ColorRole.BrightText, yellow),
            (QPalette.ColorRole.Highlight, cyan), (QPalette.ColorRole.HighlightedText, black),
            (QPalette.ColorRole.Link, yellow), (QPalette.ColorRole.LinkVisited, yellow),
            (QPalette.ColorRole.ToolTipBase, black), (QPalette.ColorRole.ToolTipText, white),
            (QPalette.ColorRole.PlaceholderText, grey), (QPalette.ColorRole.Light, white),
            (QPalette.ColorRole.Midlight, grey), (QPalette.ColorRole.Mid, grey),
            (QPalette.ColorRole.Dark, grey), (QPalette.ColorRole.Shadow, white),
        ):  # fmt: skip
            pal.setColor(group, role, colour)
    for role, colour in (
        (QPalette.ColorRole.WindowText, green), (QPalette.ColorRole.Text, green),
        (QPalette.ColorRole.ButtonText, green), (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.Window, black), (QPalette.ColorRole.Button, black),
    ):  # fmt: skip
        pal.setColor(QPalette.ColorGroup.Disabled, role, colour)
    return pal
