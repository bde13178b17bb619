"""Reading a bundle with every safety check before anything is believed.

Nothing is extracted to disk: entries are read into memory with a hard cap
on their size, whatever their headers claim. Refused (``BundleError`` with a
message for the user): not a zip, truncated or corrupt, entries with unsafe
names, too many or too large entries (zip bombs), unknown or newer format,
missing or unexpected parts, wrong checksums, malformed JSON or records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kastedesk.i18n import _
from kastedesk.services.bundles.collector import collector_paused
from kastedesk.services.bundles.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    LATER_PARTS,
    MANIFEST,
    MAX_ENTRIES,
    MAX_MANIFEST_BYTES,
    MAX_PART_BYTES,
    MAX_TOTAL_BYTES,
    PART_KEYS,
    PARTS,
    BundleError,
    JsonObject,
)
from kastedesk.services.bundles.records import (
    BundleRecords,
    damaged,
    parse_records,
    parse_time,
)


@dataclass(frozen=True)
class Source:
    installation: str
    name: str


@dataclass(frozen=True)
class Bundle:
    path: Path
    format_version: int
    created_at: dt.datetime
    source: Source
    since_last: bool
    records: BundleRecords


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    path = PurePosixPath(name)
    return ".." not in path.parts and ":" not in path.parts[0]


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The entry's bytes; more than *limit* after decompression is a zip bomb."""
    if info.file_size > limit:
        raise BundleError(_("The bundle is refused: a part would unpack to an absurd size."))
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 16):
            total += len(chunk)
            if total > limit:
                raise BundleError(
                    _("The bundle is refused: a part would unpack to an absurd size.")
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _json(body: bytes, name: str) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleError(
            _("The bundle is damaged: {part} is not valid JSON.").format(part=name)
        ) from exc


def _manifest(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> JsonObject:
    if MANIFEST not in entries:
        raise BundleError(_("The file is not a KasteDesk bundle: it has no manifest."))
    manifest = _json(_read_capped(archive, entries[MANIFEST], MAX_MANIFEST_BYTES), MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise BundleError(_("The file is not a KasteDesk bundle: its manifest is not ours."))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise damaged(_("the format version is missing"))
    if version > FORMAT_VERSION:
        raise BundleError(
            _(
                "The bundle was made by a newer KasteDesk (bundle format {version}; this "
                "version reads up to {supported}). Update KasteDesk to import it."
            ).format(version=version, supported=FORMAT_VERSION)
        )
    return manifest


def read_bundle(path: Path) -> Bundle:
    """The bundle at *path*, checked throughout; raises BundleError when refused.

    Read with the cycle collector paused, as planning is: the JSON of 20,000 responses
    is a few hundred thousand lists and dictionaries, none in a cycle, and the
    collector's walks over them took about as long as reading and checking them.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive, collector_paused():
            return _read(path, archive)
    except FileNotFoundError as exc:
        raise BundleError(_("The file {path} does not exist.").format(path=path)) from exc
    except zipfile.BadZipFile as exc:
        if zipfile.is_zipfile(path):
            raise BundleError(
                _("The bundle is damaged or truncated: {reason}").format(reason=exc)
            ) from exc
        raise BundleError(
            _("The file is not a KasteDesk bundle (not a zip archive), or it is truncated.")
        ) from exc
    except (EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise BundleError(
            _("The bundle is damaged or truncated: {reason}").format(reason=exc)
        ) from exc
    except OSError as exc:
        raise BundleError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc


def _read(path: Path, archive: zipfile.ZipFile) -> Bundle:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BundleError(_("The bundle is refused: it holds unexpected files."))
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if not _safe_name(info.filename):
            raise BundleError(
                _("The bundle is refused: it holds a file outside the archive ({name}).").format(
                    name=info.filename
                )
            )
        if info.filename in entries:
            raise BundleError(_("The bundle is refused: it holds unexpected files."))
        entries[info.filename] = info
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise BundleError(_("The bundle is refused: a part would unpack to an absurd size."))
    manifest = _manifest(archive, entries)
    listed = manifest.get("parts")
    if not isinstance(listed, dict):
        raise damaged(_("the manifest lists no parts"))
    version = manifest["format_version"]
    expected = [*PARTS, *(name for name, since in LATER_PARTS.items() if version >= since)]
    missing = [name for name in expected if name not in listed or name not in entries]
    if missing:
        raise BundleError(
            _("The bundle is incomplete: {parts} missing.").format(parts=", ".join(missing))
        )
    if set(entries) - {MANIFEST, *expected} or set(listed) - set(expected):
        raise BundleError(_("The bundle is refused: it holds unexpected files."))
    bodies: dict[str, list[object]] = {}
    for name in expected:
        body = _read_capped(archive, entries[name], MAX_PART_BYTES)
        checksum = listed[name].get("sha256") if isinstance(listed[name], dict) else None
        if not isinstance(checksum, str) or hashlib.sha256(body).hexdigest() != checksum.lower():
            raise BundleError(
                _(
                    "The bundle is damaged: the checksum of {part} does not match. "
                    "Ask for the bundle again."
                ).format(part=name)
            )
        data = _json(body, name)
        if not isinstance(data, dict) or not isinstance(data.get(PART_KEYS[name]), list):
            raise damaged(_("{part} holds no list of records").format(part=name))
        bodies[name] = data[PART_KEYS[name]]
    source = manifest.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("installation"), str):
        raise damaged(_("the manifest does not say where the bundle comes from"))
    return Bundle(
        path=path,
        format_version=manifest["format_version"],
        created_at=parse_time(manifest.get("created_at"), "created_at"),
        source=Source(source["installation"], str(source.get("name") or "")),
        since_last=bool(manifest.get("since_last")),
        records=parse_records(bodies),
    )
