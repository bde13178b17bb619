"""The Qt binding must not eat references to None.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a
Qt method that returns nothing (measured: 10,000 ``setText`` calls abort Python
with "none_dealloc"), so a working day in the window would end in a crash.
pyproject.toml keeps PySide6 below 6.12; this test fails if a binding with the
fault comes back. (From Python 3.12 on ``None`` is immortal and the count fixed.)
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPushButton

CALLS = 2000


def test_calling_qt_methods_that_return_nothing_keeps_none_alive(qtbot) -> None:
    button = QPushButton()
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for n in range(CALLS):
        button.setText(str(n))
        button.setEnabled(n % 2 == 0)
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"{lost} references to None lost in {2 * CALLS} Qt calls"
