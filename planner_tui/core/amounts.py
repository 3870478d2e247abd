"""Amounts people type and read: a key result's start, target and values.

One reader for every way in (`planner kr add --from 8% --to 3%`, `planner kr set
k3 1.2M`, a Markdown import, the app's dialog) and two writers for the ways out:
`shown` for people (`1.2M`, `45k`, `12.5%`, `$300k`), rounded to what a glance
needs, and `exact` for files that are read back (`1200000`, `12.5`), which
`parse_amount` reads to the same number.

Numbers are kept whole when they are (`1.2M` is the int 1200000, so the file
holds `1200000`, not `1200000.0`), decimal otherwise; worked out with `Decimal`,
so `1.1M` is 1100000 and not 1100000.0000000002.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from planner_tui.core.errors import InputError
from planner_tui.core.file.validation import MAX_AMOUNT

EXAMPLES = "3, -2.5, 1,200, 45k, 1.2M, 3B, 12.5%, $300k"
SCALES = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "bn": 10**9}
CURRENCIES = "$€£¥"
SYMBOLS = ("%", *CURRENCIES)  # units written against the number, not after a space
_MINUS = "-\u2212"  # and the minus sign a word processor or a web page types
_SIGN = f"[+{re.escape(_MINUS)}]?"
_AMOUNT = re.compile(
    rf"^(?P<sign>{_SIGN})(?P<currency>[{re.escape(CURRENCIES)}]?)(?P<sign2>{_SIGN})"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suffix>k|m|bn|b|%)?$", re.IGNORECASE)
Number = int | float
_SCALED = ((10**9, 2, "B"), (10**6, 2, "M"), (10**3, 1, "k"))  # from 10,000 up: scale, decimals, mark


class Amount(NamedTuple):
    """What `parse_amount` read: the number, and the unit the text said (`%`, `$`), if any."""

    value: Number
    unit: str | None = None


def parse_amount(text: str) -> Amount:
    """`3`, `-2.5`, `1,200`, `45k`, `1.2M`, `3B`, `12.5%` (12.5, unit `%`), `$300k`
    (300000, unit `$`); an `InputError` naming the text and forms that work."""
    match = _AMOUNT.match("".join(text.split()))
    if match is None or (match["sign"] and match["sign2"]):
        raise InputError(f"Cannot read {text.strip()!r} as a number. Try one of: {EXAMPLES}.")
    suffix = (match["suffix"] or "").lower()
    number = Decimal(match["number"].replace(",", "")) * SCALES.get(suffix, 1)
    sign = match["sign"] or match["sign2"]
    if sign and sign in _MINUS:
        number = -number
    if abs(number) > MAX_AMOUNT:
        raise InputError(f"{text.strip()!r} is too large: a key result measures at most {MAX_AMOUNT:,} either way.")
    unit = "%" if suffix == "%" else (match["currency"] or None)
    return Amount(_plain(number), unit)


def _plain(number: Decimal) -> Number:
    """An int when whole (`-0` is 0), else the nearest float."""
    return int(number) if number == number.to_integral_value() else float(number)


def exact(value: Number) -> str:
    """The number in full, as `parse_amount` reads it back to the same value: `1200000`,
    `12.5`, `0.00001` (never `1e-05`)."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def shown(value: Number, unit: str = "") -> str:
    """The number as people glance at it: `1.2M`, `45k`, `1,234.5`, `12.5%`, `$300k`,
    `1.2M ARR`; rounded (to two decimals in millions and billions, one in thousands)."""
    size = abs(value)
    number = _trimmed(size, 2, grouped=True)
    if size >= 10**4:
        # the largest scale it reads at least 1 in once rounded: 999,999 is `1M`, not `1000k`
        scale, places, mark = next(step for step in _SCALED if round(size / step[0], step[1]) >= 1)
        number = _trimmed(size / scale, places) + mark
    return _with_unit("-" if value < 0 and number.strip("0.,kMB") else "", number, unit)


def in_full(value: Number, unit: str = "") -> str:
    """The number as typed was understood, every digit grouped: `45,000 users`,
    `$1,200,000`, `12.5%`, `-3` (what a dialog says it read `45k` as)."""
    number = f"{abs(value):,}" if isinstance(value, int) else _trimmed(abs(value), 6, grouped=True)
    return _with_unit("-" if value < 0 else "", number, unit)


def _with_unit(sign: str, number: str, unit: str) -> str:
    """A currency before the number, `%` against it, a word after a space."""
    if unit in CURRENCIES and unit:
        return f"{sign}{unit}{number}"
    if unit == "%":
        return f"{sign}{number}%"
    return f"{sign}{number} {unit}" if unit else f"{sign}{number}"


def _trimmed(number: float, places: int, grouped: bool = False) -> str:
    """``number`` to ``places`` decimals, without trailing zeros (`45.0` is `45`)."""
    text = f"{number:,.{places}f}" if grouped else f"{number:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
