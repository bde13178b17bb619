"""The ``.kastebundle`` file format (version 2; version 1 is still read).

A zip archive holding ``manifest.json`` and three JSON parts::

    manifest.json   {"format": "kastebundle", "format_version": 1,
                     "app_version": "...", "created_at": "2026-11-23T16:10:00+00:00",
                     "source": {"installation": "<uuid>", "name": "<computer name>"},
                     "since_last": false,
                     "parts": {"workshops.json": {"sha256": "...", "size": 1234}, ...}}
    workshops.json  {"workshops": [record, ...]}
    forms.json      {"forms": [record, ...]}
    responses.json  {"responses": [record, ...]}
    evaluation.json {"evaluation": [record, ...]}   (from version 2; see bundles/evaluation.py)

Every record: ``uuid``, ``origin`` (installation that made it), ``created_at``,
``updated_at`` (UTC, ISO 8601), ``supersedes`` (versions the sender knew to be
older) and ``content`` (what its version is the hash of; see records.py); and
``revision`` (a positive integer) only when the record was edited back to a
version that had already travelled, or is a resolved conflict: its version is
then the hash of the content with the revision (domain/bundle_merge.py). Readers
before the revision refuse a record that has one.
A reader accepts any format version up to its own and refuses newer ones.
"""

from __future__ import annotations

from typing import Any

from kastedesk.i18n import _

# One JSON object as ``json.loads`` gives it. Its values are whatever the file holds,
# so each is checked (records.py) before it is used as a str, int or list.
JsonObject = dict[str, Any]

FORMAT_NAME = "kastebundle"
FORMAT_VERSION = 2
SUFFIX = ".kastebundle"
MANIFEST = "manifest.json"
WORKSHOPS = "workshops.json"
FORMS = "forms.json"
RESPONSES = "responses.json"
EVALUATION = "evaluation.json"
PARTS = (WORKSHOPS, FORMS, RESPONSES)
# Parts added after version 1: required from the version given, absent before it.
LATER_PARTS = {EVALUATION: 2}
PART_KEYS = {
    WORKSHOPS: "workshops",
    FORMS: "forms",
    RESPONSES: "responses",
    EVALUATION: "evaluation",
}

# Far above any real bundle (20,000 responses are about 6 MB of JSON), far below
# what would hurt a laptop: anything larger is refused as a zip bomb.
MAX_MANIFEST_BYTES = 1 << 20
MAX_PART_BYTES = 256 << 20
MAX_TOTAL_BYTES = 512 << 20
MAX_ENTRIES = 8


class BundleError(Exception):
    """The bundle is refused; the message says why, in the user's language."""


def file_filter() -> str:
    return _("KasteDesk bundles (*{suffix})").format(suffix=SUFFIX)
