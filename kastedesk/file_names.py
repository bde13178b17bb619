"""File names safe on every file system and in e-mail attachments."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path


def ascii_name(text: str) -> str:
    """ "Ohjausryhmä 6" → "Ohjausryhma_6": safe on every file system and in mail."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_")


def free_name(path: Path) -> Path:
    """*path*, or "name (2).docx", "name (3).docx" … when it exists."""
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1
    return candidate
