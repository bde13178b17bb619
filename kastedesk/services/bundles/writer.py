"""Writing a bundle: parts as UTF-8 JSON, their SHA-256 in the manifest, atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from kastedesk import __version__
from kastedesk.atomic_files import atomic_path
from kastedesk.services.bundles.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    LATER_PARTS,
    MANIFEST,
    PART_KEYS,
    PARTS,
    JsonObject,
)


def part_bytes(records: list[JsonObject], part: str) -> bytes:
    return json.dumps({PART_KEYS[part]: records}, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def write_bundle(
    path: Path,
    parts: dict[str, list[JsonObject]],
    source: dict[str, str],
    created_at: dt.datetime,
    since_last: bool = False,
) -> Path:
    """Write *parts* ({part name: records}) to *path*; the old file stays on any failure."""
    names = [*PARTS, *LATER_PARTS]
    data = {name: part_bytes(parts.get(name, []), name) for name in names}
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created_at": created_at.isoformat(),
        "source": source,
        "since_last": since_last,
        "parts": {
            name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
            for name, body in data.items()
        },
    }
    with (
        atomic_path(path) as tmp,
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for name, body in data.items():
            archive.writestr(name, body)
    return path
