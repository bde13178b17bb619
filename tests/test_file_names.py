"""File names safe everywhere, and a free one next to a taken one."""

from __future__ import annotations

from pathlib import Path

from kastedesk.file_names import ascii_name, free_name


def test_ascii_name() -> None:
    assert ascii_name("Ohjausryhmä 6") == "Ohjausryhma_6"
    assert ascii_name("Österbottens utvecklingsgrupp / 2:a") == "Osterbottens_utvecklingsgrupp_2_a"
    assert ascii_name(" ?? ") == ""


def test_free_name(tmp_path: Path) -> None:
    target = tmp_path / "agenda.docx"
    assert free_name(target) == target
    target.write_bytes(b"")
    (tmp_path / "agenda (2).docx").write_bytes(b"")
    assert free_name(target) == tmp_path / "agenda (3).docx"
