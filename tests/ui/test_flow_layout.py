"""A FlowLayout row wraps only when the window is too narrow for it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kastedesk.ui.flow_layout import FlowLayout, together


def _row(qtbot) -> tuple[QWidget, list[QPushButton]]:
    window = QWidget()
    qtbot.addWidget(window)
    flow = FlowLayout()
    buttons = [QPushButton(f"Painike numero {n}") for n in range(6)]
    for button in buttons:
        flow.addWidget(button)
    flow.addWidget(together(QLabel("&Hanke:"), QPushButton("Valitse")))
    layout = QVBoxLayout(window)
    layout.addLayout(flow)
    layout.addStretch(1)
    return window, buttons


def test_one_line_when_wide_and_wrapped_when_narrow(qtbot) -> None:
    window, buttons = _row(qtbot)
    window.resize(2000, 300)
    window.show()
    qtbot.waitExposed(window)
    assert len({b.geometry().top() for b in buttons}) == 1
    widest = max(b.sizeHint().width() for b in buttons)
    assert window.minimumSizeHint().width() < 2 * widest  # the row no longer sets the width
    window.resize(widest * 2 + 40, 300)
    qtbot.waitUntil(lambda: len({b.geometry().top() for b in buttons}) == 3)
    for button in buttons:
        assert window.rect().contains(button.geometry())


def test_a_removed_button_leaves_the_row(qtbot) -> None:
    window, buttons = _row(qtbot)
    window.show()
    layout = window.layout().itemAt(0).layout()
    before = layout.count()
    buttons[2].deleteLater()
    qtbot.waitUntil(lambda: layout.count() == before - 1)
    window.resize(300, 300)  # placing the rest again touches no deleted item
    qtbot.wait(10)
