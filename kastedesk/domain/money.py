"""Money as integer cents, written and read the Finnish way in every language.

"521 264,00 €" and "97,13 %" with a no-break space (U+00A0) between the digit
groups and before the sign, so a line never breaks inside an amount. Shares
are rounded by the largest remainder, so the parts always add up to the whole
to the cent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"
# Larger than any project budget; refused at the door as a typing mistake.
MAX_CENTS = 10**13  # 100 000 000 000,00 €
_SPACES = re.compile(r"[\s\u00a0\u202f']")


class MoneyError(ValueError):
    """Text that is not an amount of money; the message is a short reason in English."""


def parse_cents(text: str) -> int:
    """Read "521 264,00", "521264", "1.234,5", "-12,30 €" or "1,234.56" as cents.

    Spaces (also no-break ones) group thousands. One comma or point followed by
    one or two digits is the decimal separator; with both, the last one is. An
    ambiguous "12,345", letters or an absurd size are refused. A number Excel
    stored with float noise ("1234.5600000001") is read as its cents.
    """
    raw = text.strip().removesuffix("€").removesuffix("EUR").strip()
    raw = _SPACES.sub("", raw)
    if raw[:1] in ("\u2212", "–"):  # minus sign, en dash as typed in Word
        raw = "-" + raw[1:]
    if not raw:
        raise MoneyError("empty")
    if not re.fullmatch(r"[+-]?[\d.,]+", raw) or not re.search(r"\d", raw):
        raise MoneyError("not a number")
    sign, body = (raw[0], raw[1:]) if raw[0] in "+-" else ("", raw)
    separators = [c for c in body if c in ".,"]
    if not separators:
        number = body
    elif len(set(separators)) == 2:
        decimal = max(".,", key=body.rfind)
        head, _sep, tail = body.rpartition(decimal)
        number = _thousands(head, "," if decimal == "." else ".") + "." + _decimals(tail)
    elif len(separators) > 1:
        number = _thousands(body, separators[0])
    else:
        head, _sep, tail = body.partition(separators[0])
        if len(tail) > 2 and separators[0] == "." and re.fullmatch(r"\d+", head + tail):
            value = Decimal(body)
            if abs(value - value.quantize(Decimal("0.01"))) > Decimal("0.000001"):
                raise MoneyError("more than two decimals")
            number = body
        else:
            number = (head or "0") + "." + _decimals(tail)
    try:
        value = Decimal(sign + number)
    except InvalidOperation as exc:
        raise MoneyError("not a number") from exc
    cents = int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))
    if abs(cents) >= MAX_CENTS:
        raise MoneyError("too large")
    return cents


def _thousands(text: str, separator: str) -> str:
    groups = text.split(separator)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise MoneyError("not a number")
    return "".join(groups)


def _decimals(text: str) -> str:
    if not re.fullmatch(r"\d{1,2}", text):
        raise MoneyError("more than two decimals" if len(text) > 2 else "not a number")
    return text


def _group(digits: str) -> str:
    parts: list[str] = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return NBSP.join(parts)


def format_cents(cents: int, sign: bool = True) -> str:
    """521 264,00 € (no-break spaces); *sign* False leaves out the euro sign."""
    negative = cents < 0
    euros, rest = divmod(abs(cents), 100)
    text = f"{'-' if negative else ''}{_group(str(euros))},{rest:02d}"
    return f"{text}{NBSP}€" if sign else text


def format_percent(numerator: int, denominator: int, digits: int = 2) -> str:
    """97,13 % of *numerator* / *denominator*, rounded half up; "" when the base is 0."""
    if denominator == 0:
        return ""
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
    )
    text = f"{value:f}".replace(".", ",")
    return f"{text}{NBSP}%"


def format_basis_points(bp: int) -> str:
    """7500 → 75,00 %."""
    return format_percent(bp, 10_000)


def parse_percent(text: str) -> int:
    """Read "75", "75 %", "97,13 %" as basis points (7500, 9713); 0–100 % only."""
    raw = _SPACES.sub("", text.strip().removesuffix("%"))
    if not re.match(r"^\d+([.,]\d{1,2})?$", raw):
        raise MoneyError("not a percentage")
    value = Decimal(raw.replace(",", "."))
    if value > 100:
        raise MoneyError("over 100 %")
    return int(value * 100)


def split_cents(total: int, weights: Sequence[int]) -> list[int]:
    """Split *total* in proportion to *weights* so that the parts add up to *total*.

    Largest remainder: every part is first rounded down, then the cents left
    over go one by one to the parts that lost the most (ties to the earlier
    part). A negative total (a credit) is split like its positive and negated.
    All weights 0 gives all of it to the first part.
    """
    if not weights:
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    if total < 0:
        return [-part for part in split_cents(-total, weights)]
    whole = sum(weights)
    if whole == 0:
        return [total] + [0] * (len(weights) - 1)
    parts = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def share_of(total: int, bp: int) -> int:
    """*bp* basis points of *total*, rounded half up (one share on its own)."""
    return int((Decimal(total) * bp / 10_000).to_integral_value(rounding=ROUND_HALF_UP))
