"""Deadlines as people type them and as people think of them.

Everything here takes ``now`` from the caller (one injectable clock), so tests
can freeze time and the same text means the same day in every time zone.

A deadline (`When`) is either a ``pendulum.Date`` (the usual case: a day) or a
``pendulum.DateTime`` (when a time of day was typed). Dates typed without a
time stay dates: no midnight-UTC surprises. Deadlines are compared as local
dates: "overdue" means its date is before today's local date.
"""

from __future__ import annotations

import enum
import os
import re
from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import Union

import pendulum
from pendulum import Date, DateTime

from planner_tui.core.errors import InputError
from planner_tui.core.user_text import counted

When = Union[Date, DateTime]

# The days a plan can hold. Every reader (pendulum's arithmetic, zone
# conversions, the .ics export) handles these with room to spare; a deadline in
# 9999 overflowed `today`, `list`, the app and `done` as soon as it was moved
# into a zone or stepped a day. `parse_when` refuses anything outside, and so
# does the check of the file (core/file/validation.py).
FIRST_YEAR, LAST_YEAR = 1900, 2999
FIRST_DAY, LAST_DAY = Date(FIRST_YEAR, 1, 1), Date(LAST_YEAR, 12, 31)

EXAMPLES = (
    "today", "tomorrow", "fri", "fri 17:00", "+3d", "2w", "in 3 days",
    "next month", "eom", "eoq", "5y", "dec 15", "2026-12-31",
)

WEEKDAYS = {
    "monday": pendulum.MONDAY, "tuesday": pendulum.TUESDAY,
    "wednesday": pendulum.WEDNESDAY, "thursday": pendulum.THURSDAY,
    "friday": pendulum.FRIDAY, "saturday": pendulum.SATURDAY,
    "sunday": pendulum.SUNDAY,
}
WEEKDAY_ALIASES = {"tues": "tuesday", "wed": "wednesday", "weds": "wednesday",
                   "thur": "thursday", "thurs": "thursday"}

MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}

NAMED_DAYS = {"today": 0, "now": 0, "tod": 0, "eod": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1,
              "tmw": 1, "tom": 1, "yesterday": -1}

UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "mo": "months", "month": "months", "months": "months",
    "y": "years", "yr": "years", "year": "years", "years": "years",
}

_TIME = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$")
_OFFSET = re.compile(r"^(?P<sign>[+-]?)(?P<n>\d+)\s*(?P<unit>[a-z]+)$")
_SPACED_AMPM = re.compile(r"(\d) (am|pm)$")
_IN = re.compile(r"^in\s+(?P<n>\d+|an?|one)\s+(?P<unit>[a-z]+)$")
_DAY_OF_MONTH = re.compile(r"^(?P<n>\d{1,2})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^\d{4}$")


class DateError(InputError):
    """Raised when a typed deadline cannot be read; the message says how to fix it."""


class Urgency(str, enum.Enum):
    """How pressing a deadline is, for colour and for the agenda."""

    OVERDUE = "overdue"
    TODAY = "today"
    SOON = "soon"
    LATER = "later"
    NONE = "none"


def parse_when(text: str, now: DateTime, week_start: int = pendulum.MONDAY) -> When:
    """Read a deadline the way people type it, relative to ``now``.

    Raises `DateError` quoting the input and listing forms that work.
    """
    cleaned = " ".join(text.strip().lower().split())
    cleaned = _SPACED_AMPM.sub(r"\1\2", cleaned)  # `fri 5 pm` reads like `fri 5pm`
    if not cleaned:
        raise DateError(_explain(text, "it is empty"))
    try:
        result = _parse(cleaned, now, week_start)
    except ValueError as error:
        raise DateError(_explain(text, str(error))) from None
    if result is None:
        from planner_tui.core.date_suggestions import suggest  # only on this error path

        near = suggest(cleaned, lambda candidate: readable(candidate, now, week_start), known_words())
        raise DateError(_explain(text, "it is not a date I know", near))
    if not FIRST_YEAR <= result.year <= LAST_YEAR:
        raise DateError(f"Cannot use {text.strip()!r}: {out_of_range(result)}.")
    return result


def readable(text: str, now: DateTime, week_start: int = pendulum.MONDAY) -> bool:
    """Whether ``text`` (already lower-cased and spaced as parse_when does) reads as a
    deadline a plan can hold."""
    try:
        result = _parse(text, now, week_start)
    except ValueError:
        return False
    return result is not None and FIRST_YEAR <= result.year <= LAST_YEAR


@lru_cache(maxsize=1)
def known_words() -> list[str]:
    """Every word the reader knows, for the suggestions' spelling rule."""
    return sorted({
        *WEEKDAYS, *(name[:3] for name in WEEKDAYS), *WEEKDAY_ALIASES,
        *MONTHS, *(name[:3] for name in MONTHS), "sept", *NAMED_DAYS, *UNITS,
        "next", "this", "in", "end", "start", "of", "the", "week", "month", "quarter", "year",
        *(edge + period for edge in ("eo", "so") for period in "wmqy"), "am", "pm",
    })


def out_of_range(when: date) -> str:
    """Why a day outside `FIRST_DAY`..`LAST_DAY` is refused, for every message that says so."""
    if when.year > LAST_YEAR:
        return f"{when.isoformat()[:10]} is after {LAST_DAY.isoformat()}, the last day a plan can hold"
    return f"{when.isoformat()[:10]} is before {FIRST_DAY.isoformat()}, the first day a plan can hold"


DAY_ONLY = "a horizon is a day: the time is left out"


def as_day(when: When | None, now: DateTime) -> Date | None:
    """A horizon is a day: the local date of ``when``, a typed time of day left out."""
    return local_date(when, now) if when is not None else None


def _explain(text: str, why: str, suggestions: list[str] = ()) -> str:
    examples = ", ".join(EXAMPLES)
    meant = f" Did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
    return f"Cannot read {text!r} as a date: {why}.{meant} Try one of: {examples}."


def _parse(text: str, now: DateTime, week_start: int) -> When | None:
    """A date, or a date followed by a time of day (or by `eod`); None when unknown."""
    day = _parse_day(text, now, week_start)
    if day is not None:
        return day
    head, _, tail = text.rpartition(" ")
    if tail == "eod" and head:
        day = _parse_day(head, now, week_start)  # `fri eod`: a date deadline lasts all day
        return None if isinstance(day, DateTime) else day
    time = _parse_time(tail)
    if time is None:
        return None
    day = _parse_day(head, now, week_start) if head else now.date()
    if day is None or isinstance(day, DateTime):
        return None
    hour, minute = time
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=now.timezone)


def _parse_time(text: str) -> tuple[int, int] | None:
    """`17:00`, `9am`, `5:30pm` -> (hour, minute); None when it is not a time."""
    match = _TIME.match(text)
    if not match or (match["m"] is None and match["ampm"] is None):
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise ValueError(f"{hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if match["ampm"] == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text} is not a time of day")
    return hour, minute


def _parse_day(text: str, now: DateTime, week_start: int) -> When | None:
    """Every date form without a time of day; None when unknown."""
    today = now.date()
    for reader in (_named_day, _weekday, _month_day, _period_edge, _offset, _iso):
        result = reader(text, today, now, week_start)
        if result is not None:
            return result
    return None


def _named_day(text: str, today: Date, now: DateTime, week_start: int) -> Date | None:
    """`today`, `tomorrow` (`tmrw`), `yesterday`, and `eod`: the end of today.

    `eod` is today's date, not today at 23:59: a date deadline already lasts
    until the end of its day (it is overdue only from tomorrow).
    """
    if text in ("end of day", "end of the day"):
        text = "eod"
    return today.add(days=NAMED_DAYS[text]) if text in NAMED_DAYS else None


def _weekday_number(text: str) -> int | None:
    name = WEEKDAY_ALIASES.get(text, text)
    if len(name) < 3:
        return None
    matches = [num for full, num in WEEKDAYS.items() if full.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def _weekday(text: str, today: Date, now: DateTime, week_start: int) -> Date | None:
    """`fri`, `friday`, `next fri`: the next such day, never today."""
    name = text.removeprefix("next ").removeprefix("this ")
    number = _weekday_number(name)
    return today.next(number) if number is not None else None


def month_number(text: str) -> int | None:
    """`dec`, `sept`, `december` -> 12: a unique prefix of three letters or more."""
    if len(text) < 3:
        return None
    matches = [number for name, number in MONTHS.items() if name.startswith(text)]
    return matches[0] if len(matches) == 1 else None


def _month_day(text: str, today: Date, now: DateTime, week_start: int) -> Date | None:
    """`dec 15`, `15 dec`, `december 15th`, `15 december 2027`, `dec 15, 2027`.

    Without a year it is the next such day, today included: a deadline is
    rarely meant in the past (`jan 5` typed in November is next January).
    """
    words = text.replace(",", " ").split()
    year = int(words.pop()) if len(words) == 3 and _YEAR.match(words[2]) else None
    if len(words) != 2:
        return None
    for month_word, day_word in (words, words[::-1]):
        month, number = month_number(month_word), _DAY_OF_MONTH.match(day_word)
        if month and number:
            return _next_month_day(today, month, int(number["n"]), year)
    return None


def _next_month_day(today: Date, month: int, day: int, year: int | None) -> Date:
    """That day of that month in ``year``, else the first year from today's that has it."""
    for candidate in [year] if year is not None else range(today.year, today.year + 9):
        try:
            found = Date(candidate, month, day)  # 29 February: the next leap year
        except ValueError:
            continue
        if year is not None or found >= today:
            return found
    name = next(name for name, number in MONTHS.items() if number == month).capitalize()
    raise ValueError(f"{day} {name}{'' if year is None else f' {year}'} is not a real date")


def _period_edge(text: str, today: Date, now: DateTime, week_start: int) -> Date | None:
    """`eow`/`eom`/`eoq`/`eoy` (end of this period) and `sow`/`som`/`soq`/`soy`
    (start of the next one, as in Taskwarrior: a deadline is never in the past)."""
    periods = {"w": "week", "m": "month", "q": "quarter", "y": "year"}
    words = {"end of": "eo", "start of": "so"}
    for phrase, prefix in words.items():
        for letter, name in periods.items():
            if text == f"{phrase} {name}" or text == f"{phrase} the {name}":
                text = prefix + letter
    if len(text) != 3 or text[:2] not in ("eo", "so") or text[2] not in periods:
        return None
    start = period_start(today, periods[text[2]], week_start)
    next_start = _add(start, 1, periods[text[2]])
    return next_start.subtract(days=1) if text.startswith("eo") else next_start


def period_start(day: Date, period: str, week_start: int = pendulum.MONDAY) -> Date:
    """The first day of the week, month, quarter or year that holds ``day``."""
    if period == "week":
        return day.subtract(days=(day.weekday() - week_start) % 7)
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return Date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return Date(day.year, 1, 1)


def _add(day: Date, n: int, period: str) -> Date:
    if period == "quarter":
        return day.add(months=3 * n)
    return day.add(**{period + "s": n})


def _offset(text: str, today: Date, now: DateTime, week_start: int) -> Date | None:
    """`+3d`, `3d`, `-1w`, `2 weeks`, `in 3 days`, `in a month`, `next week`."""
    sign, count, unit = 1, None, None
    if match := _IN.match(text):
        count, unit = match["n"], match["unit"]
    elif match := _OFFSET.match(text.replace(" ", "")):
        sign = -1 if match["sign"] == "-" else 1
        count, unit = match["n"], match["unit"]
    elif text.startswith("next ") and text[5:] in UNITS:
        count, unit = "1", text[5:]
    if unit is None or unit not in UNITS:
        return None
    number = 1 if count in ("a", "an", "one") else int(count)
    if number > 1000:
        raise ValueError(f"{number} {UNITS[unit]} is too far away")
    return today.add(**{UNITS[unit]: sign * number})


def _iso(text: str, today: Date, now: DateTime, week_start: int) -> When | None:
    """`2026-12-31` stays a date; `2026-12-31T17:00` (or with a space) is a
    date-time, in the local zone unless it carries an offset.

    An ISO date followed by a plain time of day (`2026-12-31 9am`) is left to
    the date-plus-time reader, so it works like `tomorrow 9am`.
    """
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    head, space, tail = text.partition(" ")
    if space and _TIME.match(tail):
        return None
    try:
        parsed = pendulum.parse(text.upper(), exact=True, tz=now.timezone)
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        raise ValueError(_not_real(text)) from None
    if isinstance(parsed, (Date, DateTime)):
        return parsed
    return None


def _not_real(text: str) -> str:
    """Why an ISO-looking text is no date: the calendar's reason when there is one
    (`day is out of range for month`), rather than the parser's internals."""
    try:
        Date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    except ValueError as error:
        return f"{text[:10]} is not a real date ({error})"
    return "it is not a date and time I can read"


def pushed(when: When | None, days: int, now: DateTime) -> When:
    """A deadline ``days`` later; an overdue one counts from today, so pushing
    it by a day makes it due tomorrow rather than still overdue."""
    if when is None:
        return now.date().add(days=days)
    behind = (now.date() - local_date(when, now)).days
    return when.add(days=days + max(0, behind))


def local_date(when: When, now: DateTime) -> Date:
    """The day a deadline falls on, in the local zone of ``now``."""
    if isinstance(when, DateTime):
        return when.in_tz(now.timezone).date()
    return when


def days_until(when: When, now: DateTime) -> int:
    """Whole local days from today to the deadline (negative when overdue).

    Day numbers, not pendulum's subtraction: that builds an Interval each time
    (~10 µs), and listings ask this of thousands of deadlines."""
    return local_date(when, now).toordinal() - now.toordinal()


def urgency(when: When | None, now: DateTime, soon_days: int) -> Urgency:
    """overdue / today / soon (within ``soon_days``, the `Day`'s) / later, by local date."""
    return urgency_in(None if when is None else days_until(when, now), soon_days)


def urgency_in(days: int | None, soon_days: int) -> Urgency:
    """The one rule for how pressing a deadline is, from the whole local days until
    it (`days_until`; None: no deadline): `urgency` of a built deadline, and the
    agenda and the day's counts, which read stored ones (plan.py `urgency_reader`)."""
    if days is None:
        return Urgency.NONE
    if days < 0:
        return Urgency.OVERDUE
    if days == 0:
        return Urgency.TODAY
    return Urgency.SOON if days <= soon_days else Urgency.LATER


def _span(days: int, start: Date, end: Date) -> str:
    """`3 days`, `2 weeks`, `5 months`, `4 years` for a positive distance."""
    if days < 14:
        return counted(days, "day")
    if days < 60:
        return counted(days // 7, "week")
    months = _months(start, end)
    if months < 24:
        return counted(months, "month")
    return counted(months // 12, "year")


@lru_cache(maxsize=4096)
def _months(start: Date, end: Date) -> int:
    """Whole months from ``start`` to ``end``, as pendulum counts them; remembered,
    as plans repeat their dates and an Interval costs ~20 µs."""
    return abs(pendulum.interval(start, end).in_months())


def describe(when: When | None, now: DateTime) -> str:
    """`today`, `tomorrow`, `in 3 days`, `2 days overdue`, `in 4 years`."""
    if when is None:
        return "no deadline"
    day, today = local_date(when, now), now.date()
    days = day.toordinal() - today.toordinal()
    clock = f" {_clock(when, now)}" if isinstance(when, DateTime) else ""
    if days == 0:
        return "today" + clock
    if days == 1:
        return "tomorrow" + clock
    if days > 0:
        return f"in {_span(days, today, day)}"
    return f"{_span(-days, day, today)} overdue"


def relative_day(when: When, now: DateTime) -> str:
    """`describe` without alarm, for what lies behind: `today`, `in 5 years`, `3 weeks ago`."""
    return describe(when, now).replace(" overdue", " ago")


def time_left(when: When | None, now: DateTime) -> str:
    """A compact form for narrow columns: `12d left`, `4y left`, `3w over`."""
    if when is None:
        return ""
    days = days_until(when, now)
    if days == 0:
        return "today"
    return f"{_short_span(when, now)} {'left' if days > 0 else 'over'}"


COMPACT_CELLS = 9  # the longest `compact_deadline`: `11mo over`


def compact_deadline(when: When | None, now: DateTime, closed: bool = False) -> str:
    """A deadline in at most `COMPACT_CELLS` cells, for the tactics table: `today`
    (`by 17:00` when it has a time), `tomorrow`, a weekday within the week (`Fri`),
    then `9d`, `3w`, `5mo`, `2y`; behind: `3d over`, `2w over`; `—` without one.
    A ``closed`` tactic's (done, dropped) is only its day, `28 Nov` (`Nov 2025` in
    another year): how far away it is no longer asks for anything."""
    if when is None:
        return "—"
    if closed:
        day = local_date(when, now)
        return f"{day.day} {day.strftime('%b')}" if day.year == now.year else f"{day.strftime('%b')} {day.year}"
    days = days_until(when, now)
    if days == 0:
        return f"by {_clock(when, now)}" if isinstance(when, DateTime) else "today"
    if days == 1:
        return "tomorrow"
    if 1 < days < 7:
        return local_date(when, now).strftime("%a")
    return _short_span(when, now) + (" over" if days < 0 else "")


def _short_span(when: When, now: DateTime) -> str:
    """`12d`, `3w`, `5mo`, `4y`: how far a deadline is, either way, in `_span`'s units."""
    day, today = local_date(when, now), now.date()
    start, end = sorted((today, day))
    number, unit = _span(abs(day.toordinal() - today.toordinal()), start, end).split(" ")
    return number + {"day": "d", "week": "w", "month": "mo", "year": "y"}[unit.rstrip("s")]


def long_date(when: When, now: DateTime) -> str:
    """`Friday 4 December` (with the year when it is not this year, and the time
    when one was given), for previews and detail panes."""
    day = local_date(when, now)
    text = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    if day.year != now.year:
        text += f" {day.year}"
    if isinstance(when, DateTime):
        text += " " + _clock(when, now) + _own_clock(when, now)
    return text


def _own_clock(when: DateTime, now: DateTime) -> str:
    """` (09:00 America/New_York)` for a deadline kept in another zone whose clock
    reads otherwise: the time it keeps across daylight-saving changes."""
    zone = wall_clock_zone(when.tzinfo)
    if zone is None or zone == now.timezone_name or when.utcoffset() == when.in_tz(now.timezone).utcoffset():
        return ""
    return f" ({when.strftime('%H:%M')} {zone})"


def _clock(when: DateTime, now: DateTime) -> str:
    """`17:30` in ``now``'s zone. strftime, like the day and month names here, not
    pendulum's format(): that loads its locale files on first use (~3 ms of the
    first frame) and on every call after (~50 µs)."""
    return when.in_tz(now.timezone).strftime("%H:%M")


def preview(text: str, now: DateTime, week_start: int = pendulum.MONDAY, day_only: bool = False) -> str:
    """`fri → Friday 4 December (in 6 days)`; raises `DateError` like parse_when.

    ``day_only`` (a horizon): a time typed with the day is left out, and said so.
    """
    when = parse_when(text, now, week_start)
    if day_only and isinstance(when, DateTime):
        day = as_day(when, now)
        return f"{text.strip()} → {long_date(day, now)} ({describe(day, now)}) · {DAY_ONLY}"
    return f"{text.strip()} → {long_date(when, now)} ({describe(when, now)})"


def to_iso(when: When | None) -> str | None:
    """The file format: `2026-12-31` for a date. A date-time is ISO 8601 with its
    UTC offset and, when it was made in a named zone, that zone as an RFC 9557
    (IXDTF) suffix: `2026-12-04T09:00:00-05:00[America/New_York]`. The zone keeps
    its wall-clock time across daylight-saving changes (repeats and pushes add
    days in it); the offset is there for readers that ignore the suffix."""
    if when is None:
        return None
    text = when.isoformat()
    if isinstance(when, DateTime) and (zone := wall_clock_zone(when.tzinfo)):
        text += f"[{zone}]"
    return text


def wall_clock_zone(zone: tzinfo | None) -> str | None:
    """The name a timed deadline in ``zone`` keeps its wall-clock time in, or None:
    a fixed offset (typed with one, or read from an older file whose offset was
    not the local zone's), a zone without a name, or UTC (whose clock never
    moves; it is also what an unknown local zone falls back to, which must not
    be written down as a choice)."""
    key = getattr(zone, "key", None)
    return key if key and key not in UTC_NAMES else None


UTC_NAMES = frozenset(("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal",
                       "Etc/Zulu", "Zulu"))
# A zone name as tzdata spells them (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`):
# no absolute paths, no `..`, nothing that could be read as a file elsewhere.
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


def parse_stored_day(text: str) -> date:
    """A day as the file holds it (a horizon, a check-in's or review's date): a
    plain date; ValueError for anything else, a date with a time included."""
    if len(text) != 10:
        raise ValueError(f"{text!r} is not a day (YYYY-MM-DD)")
    return date.fromisoformat(text)


# A stored timestamp (``created``, ``done_at``...): ISO with its offset (naive ones
# are UTC, see `datetime_from_iso`); ValueError when unreadable. The standard
# library's parser itself, not a wrapper: the file's check reads every timestamp
# of a plan. `datetime_from_iso` reads with the same parser through pendulum's
# DateTime, which inherits it (and costs three times as much to build).
parse_stored_stamp = datetime.fromisoformat


@lru_cache(maxsize=4096)
def from_iso(text: str | None) -> When | None:
    """Inverse of `to_iso`; cached because plans repeat the same deadlines a lot."""
    if not text:
        return None
    if len(text) == 10:
        return Date.fromisoformat(text)
    # The standard library's reading, then pendulum.instance: it turns the offset
    # into a pendulum zone. pendulum's own DateTime.fromisoformat keeps a
    # datetime.timezone, and `.add(days=1)` on that returns a naive DateTime, so
    # pushing a timed deadline (or repeating it) silently lost its offset.
    return pendulum.instance(parse_stored_due(text))


def parse_stored_due(text: str) -> date | datetime:
    """A stored deadline (`to_iso`'s form) read with the standard library alone:
    a `date`, or an aware `datetime`, in its named zone when it has one.

    The one reader of the file's deadline text: sorting reads unbuilt tactics
    with it (`plan.stored_due_order`), `from_iso` builds on it, and the file's
    check (core/file/validation.py) reads every deadline with `stored_due_as_written`,
    which raises what this raises: a change of the stored form changes here only.
    ValueError when the text is no deadline (TypeError when it is no text).

    With a zone the wall-clock time wins: the offset only tells apart the two
    01:30s of a night when clocks go back. Were the zone's rules changed since
    (a country dropping daylight saving), 09:00 stays 09:00 there. A zone this
    machine does not know (older time zone data) leaves the fixed offset.
    A date-time without an offset (a hand-written file) is local wall-clock time.
    """
    if len(text) == 10:
        return date.fromisoformat(text)
    moment, zone = _stored_time(text)
    if zone is not None:
        return _wall_clock_in(moment, zone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=pendulum.local_timezone())
    return moment


def stored_due_as_written(text: str) -> date | datetime:
    """A stored deadline's date, or date and time, as the text writes them, its
    zone's name checked but not applied: raises what `parse_stored_due` raises,
    for a third of its cost, for what needs no moment (the file's check of the
    years a plan holds, core/file/validation.py, which reads every deadline on open)."""
    if len(text) == 10:
        return date.fromisoformat(text)
    return _stored_time(text)[0]


def _stored_time(text: str) -> tuple[datetime, tzinfo | None]:
    """`…-05:00[America/New_York]` -> (the date-time as written, the zone or None)."""
    head, bracket, suffix = text.partition("[")
    if not bracket:
        return datetime.fromisoformat(text), None
    if len(head) <= 10:  # a zone needs a time of day
        raise ValueError(f"{text!r} has a time zone but no time of day")
    return datetime.fromisoformat(head), _zone_named(suffix)


@lru_cache(maxsize=256)
def _zone_named(suffix: str) -> tzinfo | None:
    """The zone a stored deadline's suffix (`America/New_York]`) names; None when
    this machine has no such zone; ValueError when it is no zone name at all."""
    if suffix[-1:] != "]" or not _ZONE_NAME.fullmatch(suffix, 0, len(suffix) - 1):
        raise ValueError(f"{'[' + suffix!r} is not a time zone name in brackets")
    return known_zone(suffix[:-1])


@lru_cache(maxsize=256)
def known_zone(name: str) -> tzinfo | None:
    """The time zone ``name`` names on this machine, or None when it has no such zone."""
    try:
        return pendulum.timezone(name)
    except (ValueError, LookupError, OSError):  # unknown, or a folder of zones (`America`)
        return None


def zone_problem() -> str | None:
    """What is wrong with the TZ variable, or None. pendulum quietly replaces a zone
    it cannot read (a typo, a POSIX rule) by the system's, while the C library
    would use UTC: say which zone "today" and every time of day are in."""
    name = os.environ.get("TZ", "").removeprefix(":")
    if not name or os.path.isfile(name) or known_zone(name) is not None:
        return None
    used = getattr(pendulum.local_timezone(), "name", None) or "the system's zone"
    return (f"TZ={name!r} is not a time zone this program knows, so dates and times are in {used}. "
            "Set TZ to a zone name such as Europe/Paris, or unset it.")


# The Markdown outline's form (core/exchange/export.py writes it, core/exchange/markdown_outline.py
# reads it): `2026-12-04`, `2026-12-04 17:00 +13:00`, `2026-12-04 09:00 -05:00 America/New_York`.
_WORDS = re.compile(r"^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}(?::\d{2})?) ([+-]\d{2}:\d{2})(?: (\S+))?)?$")


def deadline_words(when: When) -> str:
    """A deadline as the Markdown outline writes it: the date, then the time of
    day, its offset and its zone when it has them."""
    if not isinstance(when, DateTime):
        return when.isoformat()
    clock = "HH:mm:ss" if when.second else "HH:mm"
    zone = wall_clock_zone(when.tzinfo)
    return when.format(f"YYYY-MM-DD {clock} Z") + (f" {zone}" if zone else "")


def parse_deadline_words(text: str) -> When | None:
    """Inverse of `deadline_words`; None when ``text`` is not in that form."""
    match = _WORDS.match(text)
    if match is None:
        return None
    day, clock, offset, zone = match.groups()
    try:
        if clock is None:
            return Date.fromisoformat(day)
        seconds = ":00" if len(clock) == 5 else ""
        return from_iso(f"{day}T{clock}{seconds}{offset}" + (f"[{zone}]" if zone else ""))
    except ValueError:
        return None


def with_local_zone(text: object) -> object:
    """A deadline stored before zones were kept (schema 1), with the local zone
    attached when that zone had the stored offset at that instant: the zone it
    was typed in, as far as anyone can tell. Anything else (a date, a zone
    already there, another offset, no named local zone, text that is no
    deadline, which opening the plan then refuses) comes back unchanged."""
    if not isinstance(text, str) or len(text) == 10 or text.endswith("]"):
        return text
    local = pendulum.local_timezone()
    name = wall_clock_zone(local)
    if name is None:
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:  # local wall-clock time, as `from_iso` read it
        return f"{moment.replace(tzinfo=local).isoformat()}[{name}]"
    if moment.astimezone(local).utcoffset() != moment.utcoffset():
        return text
    return f"{text}[{name}]"


def _wall_clock_in(moment: datetime, zone: tzinfo) -> datetime:
    """``moment``'s wall-clock time in ``zone``: usually the zone gives the stored
    offset, and converting is exact (the right one of two 01:30s included)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    converted = moment.astimezone(zone)
    if converted.utcoffset() == moment.utcoffset():
        return converted
    return moment.replace(tzinfo=zone)  # the zone's rules changed since: its wall clock wins


def short_date(when: When, now: DateTime, clock: bool = False) -> str:
    """`Sat 28 Nov` by the local date, with the year when it is not this year's:
    a deadline that no longer asks for anything (the tactic is done or dropped).
    With ``clock``, a deadline's time of day follows (`Fri 4 Dec 17:00`): the
    command line says so what it read."""
    day = local_date(when, now)
    text = f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"
    if day.year != now.year:
        text += f" {day.year}"
    return f"{text} {_clock(when, now)}" if clock and isinstance(when, DateTime) else text


def datetime_from_iso(text: str | None) -> DateTime | None:
    """A stored timestamp (``created``, ``done_at``); not cached (all unique)."""
    if not text:
        return None
    parsed = DateTime.fromisoformat(text)  # `parse_stored_stamp`'s parser, building a pendulum DateTime
    # Not pendulum.instance(parsed, tz=...): given a pendulum DateTime it returns
    # it as it is, and a naive time then crashed comparisons with aware ones.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=pendulum.UTC)
