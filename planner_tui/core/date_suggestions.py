"""The nearest readable form of a deadline that could not be read.

`parse_when` (core/dates.py) calls `suggest` only on its error path, so none of
this costs anything when a date reads. It passes what it knows, the words it
reads and a test of whether a text reads, so this module needs nothing of it.
Each rule proposes candidates and only those that really read are offered: a
suggestion is never a second mistake.

- numbers in another order (`31/12/2026`, `12.31.2026`, `2026/1/5`) -> the ISO
  date, both readings when the day and the month could swap;
- a time typed first (`5pm fri`) -> `fri 5pm`;
- misspelt words (`nxt fri`, `tomorow`, `decmber 15`) -> the nearest known
  word, by difflib.
"""

from __future__ import annotations

import difflib
import re
from typing import Callable, Iterator

from pendulum import Date

_NUMERIC = re.compile(r"^(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})(?:[/.\-](?P<c>\d{1,4}))?(?P<rest>\s.*)?$")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def suggest(text: str, reads: Callable[[str], bool], words: list[str]) -> list[str]:
    """Forms near ``text`` (lower-cased and spaced as parse_when does) that ``reads``
    accepts, the nearest first; [] when none. ``words`` are the ones the reader knows."""
    for rule in RULES:
        found = [candidate for candidate in dict.fromkeys(rule(text, words)) if reads(candidate)]
        if found:
            return found
    return []


def _numeric_date(text: str, words: list[str]) -> Iterator[str]:
    """`31/12/2026` -> 2026-12-31; `4/5/2026` -> both 2026-05-04 and 2026-04-05; `31/12` -> 31 dec."""
    match = _NUMERIC.match(text)
    if not match:
        return
    rest = match["rest"] or ""
    a, b, c = match["a"], match["b"], match["c"]
    if c is None:
        yield from (f"{day} {month}{rest}" for day, month in _day_month_orders(a, b))
    elif len(a) == 4:
        yield from _iso(a, b, c, rest)
    elif len(c) in (2, 4):
        year = c if len(c) == 4 else f"20{c}"
        yield from _iso(year, b, a, rest)  # day first, as most of the world writes it
        yield from _iso(year, a, b, rest)


def _day_month_orders(a: str, b: str) -> Iterator[tuple[int, str]]:
    for day, month in ((a, b), (b, a)):
        if 1 <= int(month) <= 12:
            yield int(day), MONTH_ABBREVIATIONS[int(month) - 1]


def _iso(year: str, month: str, day: str, rest: str) -> Iterator[str]:
    try:
        yield Date(int(year), int(month), int(day)).isoformat() + rest
    except ValueError:
        return


def _time_first(text: str, words: list[str]) -> Iterator[str]:
    """`5pm fri` -> `fri 5pm`."""
    head, _, rest = text.partition(" ")
    if rest and head[0].isdigit():
        yield f"{rest} {head}"  # kept only if it reads, like every candidate


def _spelling(text: str, words: list[str]) -> Iterator[str]:
    """Each unknown word replaced by the nearest known one (`nxt fri` -> `next fri`)."""
    typed = text.split()
    mended = [_nearest(word, words) for word in typed]
    if mended != typed:
        yield " ".join(mended)


def _nearest(word: str, words: list[str]) -> str:
    if word in words or not word.isalpha():
        return word
    close = difflib.get_close_matches(word, words, n=1, cutoff=0.6)
    return close[0] if close else word


RULES: tuple[Callable[[str, list[str]], Iterator[str]], ...] = (_numeric_date, _time_first, _spelling)
