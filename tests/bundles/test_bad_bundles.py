"""Every kind of bad bundle is refused with a clear message, and nothing is written."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import inspect

from kastedesk.services.bundles import BundleError, import_bundle
from kastedesk.services.bundles.format import FORMAT_VERSION, MAX_PART_BYTES


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, entries: dict[str, bytes], fix_checksums: bool = True) -> Path:
    manifest = json.loads(entries["manifest.json"])
    if fix_checksums:
        for name, info in manifest["parts"].items():
            if name in entries:
                info["sha256"] = hashlib.sha256(entries[name]).hexdigest()
    entries = {**entries, "manifest.json": json.dumps(manifest).encode()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return path


def _refused(db, path: Path, *words: str) -> str:
    before = _dump(db)
    folder = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(BundleError) as info:
        import_bundle(db, path)
    message = str(info.value)
    for word in words:
        assert word in message
    assert "\n" not in message and "Traceback" not in message
    assert _dump(db) == before  # the database unchanged
    assert sorted(p.name for p in path.parent.iterdir()) == folder  # nothing written anywhere
    return message


def _dump(db) -> list:
    with db.engine.connect() as conn:
        tables = sorted(inspect(conn).get_table_names())
        return [
            (t, sorted(map(tuple, conn.exec_driver_sql(f'SELECT * FROM "{t}"')))) for t in tables
        ]


def test_not_a_zip(receiver, tmp_path) -> None:
    path = tmp_path / "notes.kastebundle"
    path.write_text("Muistiinpanoja, ei nippu.\n" * 20, encoding="utf-8")
    _refused(receiver, path, "not a KasteDesk bundle")


def test_empty_and_missing_file(receiver, tmp_path) -> None:
    path = tmp_path / "empty.kastebundle"
    path.write_bytes(b"")
    _refused(receiver, path, "not a KasteDesk bundle")
    with pytest.raises(BundleError, match="does not exist"):
        import_bundle(receiver, tmp_path / "nowhere.kastebundle")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_truncated(good, receiver, tmp_path, keep) -> None:
    body = good.read_bytes()
    path = tmp_path / "cut.kastebundle"
    path.write_bytes(body[: int(len(body) * keep)])
    _refused(receiver, path)


def test_corrupted_byte_inside_a_part(good, receiver, tmp_path) -> None:
    entries = _entries(good)
    with zipfile.ZipFile(tmp_path / "stored.kastebundle", "w", zipfile.ZIP_STORED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    body = bytearray((tmp_path / "stored.kastebundle").read_bytes())
    at = body.index(b'"responses"') + 40
    body[at] ^= 0x01
    path = tmp_path / "flipped.kastebundle"
    path.write_bytes(bytes(body))
    _refused(receiver, path, "damaged")


def test_wrong_checksum(good, receiver, tmp_path) -> None:
    entries = _entries(good)
    data = json.loads(entries["responses.json"])
    data["responses"][0]["content"]["answers"][0][1] = 1  # changed after export
    entries["responses.json"] = json.dumps(data).encode()
    path = _write(tmp_path / "tampered.kastebundle", entries, fix_checksums=False)
    _refused(receiver, path, "checksum", "responses.json")


def test_newer_format_version(good, receiver, tmp_path) -> None:
    entries = _entries(good)
    manifest = json.loads(entries["manifest.json"])
    manifest["format_version"] = FORMAT_VERSION + 1
    entries["manifest.json"] = json.dumps(manifest).encode()
    path = _write(tmp_path / "future.kastebundle", entries)
    _refused(receiver, path, "newer KasteDesk", str(FORMAT_VERSION + 1))


@pytest.mark.parametrize(
    "part", ["manifest.json", "workshops.json", "forms.json", "responses.json"]
)
def test_missing_part(good, receiver, tmp_path, part) -> None:
    entries = _entries(good)
    del entries[part]
    path = tmp_path / "partial.kastebundle"
    if part == "manifest.json":
        with zipfile.ZipFile(path, "w") as archive:
            for name, body in entries.items():
                archive.writestr(name, body)
        _refused(receiver, path, "no manifest")
    else:
        _refused(receiver, _write(path, entries), "incomplete", part)


@pytest.mark.parametrize("part", ["manifest.json", "responses.json"])
def test_malformed_json(good, receiver, tmp_path, part) -> None:
    entries = _entries(good)
    entries[part] = entries[part][:-7] + b"}{,"
    if part == "manifest.json":
        path = tmp_path / "bad.kastebundle"
        with zipfile.ZipFile(path, "w") as archive:
            for name, body in entries.items():
                archive.writestr(name, body)
    else:
        path = _write(tmp_path / "bad.kastebundle", entries)
    _refused(receiver, path, "not valid JSON", part)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["responses"][0].pop("uuid"),
        lambda d: d["responses"][0]["content"]["answers"].append([99, 1, None]),
        lambda d: d["responses"][0]["content"].update(
            workshop="5f0b0f8e-0000-4000-8000-000000000000"
        ),
        lambda d: d["responses"][0]["content"]["answers"].append(["x", 1, None]),
        lambda d: d["responses"][0]["content"]["answers"][0].__setitem__(1, 99),
        lambda d: d["responses"].append(d["responses"][0]),
        lambda d: d["responses"][0].update(created_at="eilen"),
        lambda d: d.update(responses={"not": "a list"}),
    ],
    ids=[
        "no-uuid",
        "no-such-question",
        "no-such-workshop",
        "bad-answer",
        "out-of-scale",
        "twice",
        "bad-time",
        "shape",
    ],
)
def test_malformed_records(good, receiver, tmp_path, change) -> None:
    entries = _entries(good)
    data = json.loads(entries["responses.json"])
    change(data)
    entries["responses.json"] = json.dumps(data).encode()
    _refused(receiver, _write(tmp_path / "bad.kastebundle", entries), "damaged")


@pytest.mark.parametrize(
    "name", ["../evil.json", "/etc/passwd", "sub/../../x.json", "C:/x.json", "a\\..\\b.json"]
)
def test_paths_outside_the_archive(good, receiver, tmp_path, name) -> None:
    entries = {**_entries(good), name: b"{}"}
    _refused(receiver, _write(tmp_path / "escape.kastebundle", entries), "outside the archive")


def test_unexpected_extra_file(good, receiver, tmp_path) -> None:
    entries = {**_entries(good), "readme.exe": b"MZ"}
    _refused(receiver, _write(tmp_path / "extra.kastebundle", entries), "unexpected")


@pytest.fixture
def part_limit(monkeypatch) -> int:
    """The reader's limit for one part, lowered to 4 MiB: the same check, without writing
    and inflating 256 MiB of zeros in each test."""
    from kastedesk.services.bundles import reader

    monkeypatch.setattr(reader, "MAX_PART_BYTES", 4 << 20)
    return reader.MAX_PART_BYTES


def test_the_reader_holds_the_formats_part_limit() -> None:
    from kastedesk.services.bundles import reader

    assert reader.MAX_PART_BYTES == MAX_PART_BYTES == 256 << 20  # the zip bomb tests lower it


def test_zip_bomb_declared_size(good, receiver, tmp_path, part_limit) -> None:
    # a part that would inflate to more than the limit: zeros compress ~1000:1
    entries = _entries(good)
    path = tmp_path / "bomb.kastebundle"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            if name != "responses.json":
                archive.writestr(name, body)
        with archive.open("responses.json", "w", force_zip64=True) as stream:
            block = b"\0" * (1 << 20)
            for _n in range((part_limit >> 20) + 1):
                stream.write(block)
    assert path.stat().st_size < 2 << 20
    _refused(receiver, path, "absurd size")


def test_zip_bomb_lying_header(good, receiver, tmp_path, part_limit) -> None:
    """A header that claims a small size while the data inflates beyond the limit."""
    entries = _entries(good)
    path = tmp_path / "liar.kastebundle"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            if name != "responses.json":
                archive.writestr(name, body)
        with archive.open("responses.json", "w", force_zip64=True) as stream:
            block = b"\0" * (1 << 20)
            for _n in range((part_limit >> 20) + 1):
                stream.write(block)
    body = bytearray(path.read_bytes())
    # rewrite the uncompressed size in the central directory entry of responses.json to 10
    name = b"responses.json"
    header = body.rfind(b"PK\x01\x02", 0, body.rfind(name))  # its central directory record
    assert body[header + 46 : header + 46 + len(name)] == name
    body[header + 24 : header + 28] = (10).to_bytes(4, "little")
    extra_at = header + 46 + len(name)
    extra_len = int.from_bytes(body[header + 30 : header + 32], "little")
    extra = body[extra_at : extra_at + extra_len]
    if extra[:2] == b"\x01\x00":  # zip64 extra: its first field is the uncompressed size
        body[extra_at + 4 : extra_at + 12] = (10).to_bytes(8, "little")
    path.write_bytes(bytes(body))
    _refused(receiver, path)


def test_good_bundle_still_imports(good, receiver) -> None:
    assert import_bundle(receiver, good).inserted == 5


def _edited(good: Path, tmp_path: Path, part: str, change) -> Path:
    entries = _entries(good)
    data = json.loads(entries[part])
    change(data)
    entries[part] = json.dumps(data).encode()
    return _write(tmp_path / "edited.kastebundle", entries)


@pytest.mark.parametrize("revision", [-1, "1", 1.5, 10**7, True, None])
def test_a_bad_revision(good, receiver, tmp_path, revision) -> None:
    def change(d: dict) -> None:
        d["workshops"][0]["revision"] = revision

    _refused(receiver, _edited(good, tmp_path, "workshops.json", change), "revision")


def _workshop(d: dict) -> dict:
    return d["workshops"][0]["content"]


def _question(d: dict, kind: str) -> dict:
    return next(q for q in d["forms"][0]["content"]["questions"] if q["kind"] == kind)


@pytest.mark.parametrize(
    "part, change, words",
    [
        (
            "workshops.json",
            lambda d: _workshop(d).update(title="T" * 10_000_000),
            ["TTTT…", "title", "at most 300 characters"],
        ),
        (
            "workshops.json",
            lambda d: _workshop(d).update(place="Vaasa\nBcc"),
            ["Työpaja A Vaasa", "place", "line breaks"],
        ),
        ("workshops.json", lambda d: _workshop(d).update(attended=10**30), ["attended"]),
        ("workshops.json", lambda d: _workshop(d).update(invited=-1), ["invited"]),
        ("workshops.json", lambda d: _workshop(d).update(date="0001-01-01"), ["date"]),
        (
            "workshops.json",
            lambda d: d["workshops"][0].update(created_at="0001-01-01T00:00:00+14:00"),
            ["created_at"],
        ),
        (
            "workshops.json",
            lambda d: d["workshops"][0].update(updated_at="9999-12-31T23:59:59-12:00"),
            ["updated_at"],
        ),
        (
            "forms.json",
            lambda d: _question(d, "scale").update(scale_min=1, scale_max=1_000_000),
            ["feedback form", "scale"],
        ),
        (
            "forms.json",
            lambda d: _question(d, "scale").update(scale_min=-(10**40)),
            ["feedback form", "scale"],
        ),
        ("forms.json", lambda d: d["forms"][0].update(number=10**30), ["number"]),
        (
            "forms.json",
            lambda d: d["forms"][0]["content"].update(name_fi="Lomake\x00"),
            ["feedback form", "control characters"],
        ),
        (
            "responses.json",
            lambda d: d["responses"][0]["content"]["answers"][0].__setitem__(1, 10**30),
            ["response"],
        ),
        (
            "responses.json",
            lambda d: d["responses"][0]["content"]["answers"][-1].__setitem__(2, "x" * 10_001),
            ["response", "at most 10000 characters"],
        ),
        (
            "responses.json",
            lambda d: d["responses"][0]["content"]["answers"][0].__setitem__(0, 10**30),
            ["response"],
        ),
    ],
    ids=[
        "10-mb-title",
        "place-newline",
        "huge-count",
        "negative-count",
        "year-1",
        "time-before-year-1",
        "time-after-9999",
        "million-point-scale",
        "huge-scale-min",
        "huge-version-number",
        "nul-in-name",
        "huge-answer",
        "long-answer-text",
        "huge-position",
    ],
)
def test_limits_refuse_the_bundle_and_name_the_record(
    good, receiver, tmp_path, part, change, words
) -> None:
    message = _refused(receiver, _edited(good, tmp_path, part, change), *words)
    assert len(message) < 400


@pytest.mark.parametrize(
    ("answer", "valid"),
    [
        ([0, 3, None], True),
        ([0, None, "Hyvä päivä"], True),
        ([0, 2, "muu"], True),
        ([999, -1000, None], True),
        ([0, None, None], False),  # neither a value nor a text
        ([True, 1, None], False),
        ([0, False, None], False),
        ([-1, 1, None], False),
        ([1000, 1, None], False),
        ([0, 1001, None], False),
        ([0, 1.0, None], False),
        ([0, None, 5], False),
        ([0, 1, 5], False),
        ([0, 1], False),
        ((0, 1, None), False),
    ],
)
def test_each_answer_is_a_position_and_a_value_or_a_text(answer, valid) -> None:
    from kastedesk.services.bundles.records import MAX_ANSWERS, MAX_VALUE, _answer

    assert (MAX_ANSWERS, MAX_VALUE) == (1_000, 1_000)  # the limits the cases stand on
    assert _answer(answer) is valid
