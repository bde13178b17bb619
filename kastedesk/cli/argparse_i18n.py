"""Let argparse's own messages (usage, errors, help headings) be translated.

argparse looks up its texts through the module-level ``_`` and ``ngettext`` of
the ``argparse`` module at call time; pointing them at our catalogs translates
them. The texts below are argparse's, listed so that extraction finds them.
"""

from __future__ import annotations

import argparse

from kastedesk import i18n
from kastedesk.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("argument %(argument_name)s: %(message)s"),
)


def install() -> None:
    # argparse looks these names up in its module at each message: replaced, not declared
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]  # likewise
