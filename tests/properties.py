"""How many examples a property test (hypothesis) tries.

``make test`` tries a few of each: enough to run every property and to replay any
example that failed before (hypothesis keeps those in ``.hypothesis/``), fast enough
for every change. ``make test-properties`` (``KASTEDESK_PROPERTIES=thorough``; ``.ci/run``
runs it) tries many more, and is where a new counterexample is usually found.
"""

from __future__ import annotations

import os

import pytest

THOROUGH = os.environ.get("KASTEDESK_PROPERTIES") == "thorough"

# Every property test carries it: `make test-properties` runs them (pytest -m properties).
properties = pytest.mark.properties


def examples(quick: int, thorough: int) -> int:
    """*quick* examples in ``make test``, *thorough* in ``make test-properties``."""
    return thorough if THOROUGH else quick
