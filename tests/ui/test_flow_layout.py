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


def _chooser_row(qtbot, width: int):
    """A window *width* wide: a label and a chooser of long names kept together, a button."""
    from PySide6.QtWidgets import QComboBox

    from kastedesk.ui.combo_fit import grow_to_items, items_width

    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("&Hanke:")
    combo = QComboBox()
    combo.setMinimumContentsLength(12)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.addItems(["Lyhyt", "Pohjanmaan hyvinvointialueen kehittämishanke 2026–2027"])
    combo.setCurrentIndex(1)
    grow_to_items(combo)
    button = QPushButton("Uusi kierros")
    flow = FlowLayout()
    flow.addWidget(together(label, combo))
    flow.addWidget(button)
    layout = QVBoxLayout(window)
    layout.addLayout(flow)
    layout.addStretch(1)
    window.resize(width, 200)
    window.show()
    qtbot.waitExposed(window)
    return window, label, combo, button, items_width(combo)


def test_a_chooser_takes_the_free_width_of_its_line_up_to_its_longest_name(qtbot) -> None:
    window, label, combo, button, whole = _chooser_row(qtbot, 1200)
    assert whole > combo.sizeHint().width()  # cut short at its size hint
    qtbot.waitUntil(lambda: combo.width() == whole)
    assert label.width() == label.sizeHint().width()  # the label does not stretch
    assert button.width() == button.sizeHint().width()
    assert button.geometry().left() > combo.mapTo(window, combo.rect().topRight()).x()


def test_a_narrow_line_keeps_the_chooser_at_its_size_hint_and_inside(qtbot) -> None:
    window, _label, combo, button, whole = _chooser_row(qtbot, 360)
    qtbot.waitUntil(lambda: button.geometry().top() > combo.parentWidget().geometry().top())
    assert combo.sizeHint().width() <= combo.width() < whole
    right = combo.mapTo(window, combo.rect().topRight()).x()
    assert right < window.width()  # grown only into what the line has free


def test_a_field_without_a_maximum_keeps_its_size_hint(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    window = QWidget()
    qtbot.addWidget(window)
    search = QLineEdit()  # expands, with no maximum: would take the whole line
    flow = FlowLayout()
    flow.addWidget(search)
    layout = QVBoxLayout(window)
    layout.addLayout(flow)
    window.resize(1000, 200)
    window.show()
    qtbot.waitExposed(window)
    assert search.width() == search.sizeHint().width()
