"""Unsaved edits kept on disk while a person types, offered back after a crash.

A draft is a small JSON file per edited record in the user's data folder, one
sub-folder per database, so a draft never travels with the database or a
bundle. It is written (atomically) a moment after each change and removed when
the edit is saved or deliberately cancelled; what is left at the next start
was interrupted: a crash, a kill, a power cut.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kastedesk.atomic_files import atomic_path
from kastedesk.paths import user_data_dir

DRAFT_LIMIT_BYTES = 1_000_000  # a draft larger than this is not ours, or not sane
_KEY = re.compile(r"^[a-z]+(-[0-9a-z]+)*$")


@dataclass(frozen=True)
class Draft:
    key: str  # "item-345", "meeting-12", "member-77"
    label: str  # what the user is shown: "Ohjausryhmän 6. kokous, 5 §"
    saved_at: dt.datetime
    fields: dict[str, Any]


def drafts_folder(database_label: str, root: Path | None = None) -> Path:
    digest = hashlib.sha256(database_label.encode("utf-8")).hexdigest()[:16]
    return (root or user_data_dir()) / "drafts" / digest


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"not a draft key: {key!r}")
        return self.folder / f"{key}.json"

    def save(self, key: str, label: str, fields: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {
            "label": label,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "fields": fields,
        }
        with atomic_path(self._path(key)) as tmp:
            tmp.write_text(json.dumps(payload, ensure_ascii=False, default=str), "utf-8")

    def discard(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self._path(key))

    def get(self, key: str) -> Draft | None:
        return self._read(self._path(key))

    def all(self) -> list[Draft]:
        """Every readable draft, oldest first; unreadable files are left alone."""
        if not self.folder.is_dir():
            return []
        found = (self._read(p) for p in self.folder.glob("*.json"))
        return sorted((d for d in found if d is not None), key=lambda d: d.saved_at)

    @staticmethod
    def _read(path: Path) -> Draft | None:
        try:
            if path.stat().st_size > DRAFT_LIMIT_BYTES:
                return None
            data = json.loads(path.read_text("utf-8"))
            return Draft(
                key=path.stem,
                label=str(data["label"]),
                saved_at=dt.datetime.fromisoformat(data["saved_at"]),
                fields=dict(data["fields"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
