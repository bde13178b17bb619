"""The key that lists keyboard shortcuts, apart from :mod:`kastedesk.ui.help.shortcuts`.

The main window's Help menu needs the key before the window shows; the module that
lists the shortcuts imports a dozen widget classes (and PySide makes their enums on
import), which can wait until the list is asked for.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

# In every dialog: its keyboard shortcuts; in the main window: Help → Keyboard shortcuts.
SHORTCUTS_KEY = QKeySequence("Ctrl+F1")
