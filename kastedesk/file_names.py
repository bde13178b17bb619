"""File names safe on every file system and in e-mail attachments."""

from __future__ import annotations

import re
import unicodedata


def ascii_name(text: str) -> str:
    """ "Ohjausryhmä 6" → "Ohjausryhma_6": safe on every file system and in mail."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_")
