"""parse_when / describe / urgency, time frozen, in three time zones.

Every test that takes ``now`` runs three times: in the process's own zone, with
the process zone set to Pacific/Auckland, and to America/New_York (TZ plus
pendulum's local zone), so "today" is always the local date.
"""

from __future__ import annotations

import contextlib
import re
import time

import pendulum
import pytest
from pendulum import Date, DateTime

from planner_tui.core.dates import (
    EXAMPLES, UTC_NAMES, DateError, Urgency, as_day, datetime_from_iso, describe, from_iso, parse_stored_day, parse_stored_due,
    parse_stored_stamp, parse_when, preview, pushed, time_left, to_iso, urgency,
)
from planner_tui.core.errors import InputError

ZONES = [None, "Pacific/Auckland", "America/New_York"]


@contextlib.contextmanager
def local_zone(name: str, monkeypatch):
    """Set the process time zone: TZ (for the C library) and pendulum's local zone."""
    with monkeypatch.context() as patch:
        patch.setenv("TZ", name)
        time.tzset()
        pendulum.set_local_timezone(pendulum.timezone(name))
        try:
            yield
        finally:
            pendulum.set_local_timezone()
    time.tzset()


@pytest.fixture(params=ZONES, ids=lambda z: z or "process-zone")
def zone(request, monkeypatch):
    """The zone of one test run; None keeps the process's own zone."""
    if request.param is None:
        yield pendulum.local_timezone().name
        return
    with local_zone(request.param, monkeypatch):
        yield request.param


@pytest.fixture
def now(zone, now):
    """The shared frozen now (Saturday 2026-11-28 10:30), made in the zone under test."""
    return now


def day(text: str) -> Date:
    return Date.fromisoformat(text)


def is_plain_date(value) -> bool:
    """pendulum's DateTime is a subclass of Date: a deadline typed without a time
    must be exactly a Date (never a midnight-UTC DateTime)."""
    return type(value) is Date


def test_the_zone_under_test_is_really_in_use(now, zone):
    assert now.timezone_name == zone
    assert pendulum.now().timezone_name == zone
    assert (now.year, now.month, now.day, now.hour, now.minute) == (2026, 11, 28, 10, 30)


DAY_FORMS = {
    "today": "2026-11-28", "Today": "2026-11-28", "  tomorrow ": "2026-11-29",
    "yesterday": "2026-11-27",
    # weekday names: the NEXT such day, never today (today is a Saturday)
    "mon": "2026-11-30", "monday": "2026-11-30", "tue": "2026-12-01", "tuesday": "2026-12-01",
    "wed": "2026-12-02", "wednesday": "2026-12-02", "thu": "2026-12-03",
    "thursday": "2026-12-03", "fri": "2026-12-04", "Friday": "2026-12-04",
    "sat": "2026-12-05", "saturday": "2026-12-05", "sun": "2026-11-29", "sunday": "2026-11-29",
    "next fri": "2026-12-04",
    # end of this period; start of the next one
    "eow": "2026-11-29", "eom": "2026-11-30", "eoq": "2026-12-31", "eoy": "2026-12-31",
    "end of month": "2026-11-30",
    "sow": "2026-11-30", "som": "2026-12-01", "soq": "2027-01-01", "soy": "2027-01-01",
    # offsets
    "+3d": "2026-12-01", "3d": "2026-12-01", "2w": "2026-12-12", "6m": "2027-05-28",
    "5y": "2031-11-28", "-1w": "2026-11-21", "in 3 days": "2026-12-01",
    "in a month": "2026-12-28", "3 days": "2026-12-01", "next week": "2026-12-05",
    "next month": "2026-12-28", "next year": "2027-11-28",
    # ISO dates stay dates
    "2026-12-31": "2026-12-31", "2028-02-29": "2028-02-29", "2025-01-01": "2025-01-01",
}


@pytest.mark.parametrize("text, expected", DAY_FORMS.items())
def test_day_forms(text, expected, now):
    result = parse_when(text, now)
    assert is_plain_date(result), f"{text!r} gave {result!r}"
    assert result == day(expected)


@pytest.mark.parametrize("today, text, expected", [
    ("2026-02-10", "eoq", "2026-03-31"), ("2026-02-10", "soq", "2026-04-01"),
    ("2026-05-01", "eoq", "2026-06-30"), ("2026-12-31", "eom", "2026-12-31"),
    ("2026-12-31", "som", "2027-01-01"), ("2026-12-31", "soy", "2027-01-01"),
    ("2026-11-30", "eow", "2026-12-06"), ("2026-11-30", "sow", "2026-12-07"),
    ("2026-12-04", "fri", "2026-12-11"), ("2027-01-31", "1m", "2027-02-28"),
    ("2028-01-31", "1m", "2028-02-29"), ("2028-02-29", "1y", "2029-02-28"),
])
def test_period_edges_and_month_ends_on_other_days(today, text, expected, zone):
    when = day(today)
    now = pendulum.datetime(when.year, when.month, when.day, 12, tz=pendulum.local_timezone())
    assert parse_when(text, now) == day(expected)


def test_week_start_moves_eow_and_sow(now):
    assert parse_when("eow", now, week_start=pendulum.SUNDAY) == day("2026-11-28")
    assert parse_when("sow", now, week_start=pendulum.SUNDAY) == day("2026-11-29")


TIMED_FORMS = {
    "fri 17:00": (2026, 12, 4, 17, 0), "tomorrow 9am": (2026, 11, 29, 9, 0),
    "Fri 5 PM": (2026, 12, 4, 17, 0), "today 5:30pm": (2026, 11, 28, 17, 30),
    "17:00": (2026, 11, 28, 17, 0), "12am": (2026, 11, 28, 0, 0), "12pm": (2026, 11, 28, 12, 0),
    "2026-12-31T17:00": (2026, 12, 31, 17, 0), "2026-12-31 17:00": (2026, 12, 31, 17, 0),
    "2026-12-31 9am": (2026, 12, 31, 9, 0), "2026-12-31t08:15:30": (2026, 12, 31, 8, 15),
}


@pytest.mark.parametrize("text, wall", TIMED_FORMS.items())
def test_times_of_day_are_local_date_times(text, wall, now):
    result = parse_when(text, now)
    assert isinstance(result, DateTime)
    assert (result.year, result.month, result.day, result.hour, result.minute) == wall
    assert result.utcoffset() == now.timezone.utcoffset(result.naive())
    assert result == pendulum.datetime(*wall, result.second, tz=now.timezone)


@pytest.mark.parametrize("text, instant_utc", [
    ("2026-12-31T17:00+02:00", (2026, 12, 31, 15, 0)),
    ("2026-12-31T17:00-05:00", (2026, 12, 31, 22, 0)),
    ("2026-12-31T17:00Z", (2026, 12, 31, 17, 0)),
    ("2026-12-31 23:30+13:00", (2026, 12, 31, 10, 30)),
])
def test_iso_date_times_with_an_offset_keep_it(text, instant_utc, now):
    result = parse_when(text, now)
    assert isinstance(result, DateTime)
    assert result == pendulum.datetime(*instant_utc, tz="UTC")
    assert (result.hour, result.minute) == (int(text[11:13]), int(text[14:16]))


# The process zone decides the day: each "now" is on a different date in UTC
# (or, for the Auckland 23:30 case, late in the local day).
CROSSINGS = [
    ("Pacific/Auckland", (2026, 11, 29, 8, 0), "2026-11-29"),    # UTC: 28th 19:00
    ("Pacific/Auckland", (2026, 11, 28, 23, 30), "2026-11-28"),  # UTC: 28th 10:30
    ("America/New_York", (2026, 11, 28, 22, 0), "2026-11-28"),   # UTC: 29th 03:00
    ("America/New_York", (2026, 11, 29, 0, 30), "2026-11-29"),   # UTC: 29th 05:30
]


@pytest.mark.parametrize("name, wall, today", CROSSINGS)
def test_today_is_the_local_date(name, wall, today, monkeypatch):
    with local_zone(name, monkeypatch):
        now = pendulum.datetime(*wall, tz=pendulum.local_timezone())
        assert parse_when("today", now) == day(today)
        assert parse_when("tomorrow", now) == day(today).add(days=1)
        assert parse_when("+3d", now) == day(today).add(days=3)
        assert parse_when("eom", now) == day(today).end_of("month")
        assert parse_when("fri", now) == day(today).next(pendulum.FRIDAY)
        assert describe(day(today), now) == "today"
        assert urgency(day(today).subtract(days=1), now, 7) is Urgency.OVERDUE
        timed = parse_when("tomorrow 9am", now)
        assert timed.date() == day(today).add(days=1) and timed.timezone_name == name


def test_crossings_really_cross():
    """Guard the table above: two of its cases are on another date in UTC."""
    crossing = [pendulum.datetime(*wall, tz=name).in_tz("UTC").date() != day(today)
                for name, wall, today in CROSSINGS]
    assert crossing.count(True) == 2


@pytest.mark.parametrize("text", ["2026-02-30", "flurb", "", "   ", "25:00", "13pm",
                                  "2026-13-01", "fri 25:00", "tomorrow 0am", "2026-12-31T25:00",
                                  "in -3 days", "99999d", "2026-1-5", "fri at noon"])
def test_bad_dates_say_what_was_typed_and_what_works(text, now):
    with pytest.raises(DateError) as caught:
        parse_when(text, now)
    message = str(caught.value)
    assert isinstance(caught.value, InputError)
    assert repr(text) in message
    assert "Try one of: today, tomorrow, fri" in message
    assert "2026-12-31" in message


@pytest.mark.parametrize("text, reason", [
    ("2026-02-30", "day is out of range for month"), ("2026-13-01", "month must be in 1..12"),
    ("25:00", "not a time of day"), ("13pm", "12-hour clock"), ("", "empty"),
    ("flurb", "not a date I know"),
])
def test_bad_dates_say_why(text, reason, now):
    with pytest.raises(DateError, match=reason):
        parse_when(text, now)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_in_the_error_message_works(example, now):
    assert parse_when(example, now) is not None


@pytest.mark.parametrize("offset, expected", [
    (0, "today"), (1, "tomorrow"), (3, "in 3 days"), (13, "in 13 days"), (14, "in 2 weeks"),
    (59, "in 8 weeks"), (-1, "1 day overdue"), (-2, "2 days overdue"),
    (-21, "3 weeks overdue"),
])
def test_describe_days_and_weeks(offset, expected, now):
    assert describe(now.date().add(days=offset), now) == expected


@pytest.mark.parametrize("months, expected", [
    (3, "in 3 months"), (12, "in 12 months"), (-5, "5 months overdue"),
    (48, "in 4 years"), (60, "in 5 years"),
])
def test_describe_months_and_years(months, expected, now):
    assert describe(now.date().add(months=months), now) == expected


def test_describe_with_a_time_and_without_a_deadline(now):
    assert describe(None, now) == "no deadline"
    assert describe(parse_when("17:00", now), now) == "today 17:00"
    assert describe(parse_when("tomorrow 9am", now), now) == "tomorrow 09:00"


@pytest.mark.parametrize("offset, level", [
    (-400, Urgency.OVERDUE), (-1, Urgency.OVERDUE), (0, Urgency.TODAY), (1, Urgency.SOON),
    (7, Urgency.SOON), (8, Urgency.LATER), (4000, Urgency.LATER),
])
def test_urgency_at_the_edges(offset, level, now):
    assert urgency(now.date().add(days=offset), now, 7) is level


def test_urgency_without_a_deadline_and_with_another_window(now):
    assert urgency(None, now, 7) is Urgency.NONE
    assert urgency(now.date().add(days=3), now, soon_days=2) is Urgency.LATER


def test_a_time_earlier_today_is_due_today_not_overdue(now):
    earlier = now.subtract(hours=1)
    assert urgency(earlier, now, 7) is Urgency.TODAY
    assert describe(earlier, now).startswith("today ")


# Seen from Auckland (+13) early on the 29th, or from New York (-5) on the 28th,
# a deadline written with another offset falls on the local date, not its own.
OFFSET_CASES = [
    ("Pacific/Auckland", (2026, 11, 29, 8, 0), "2026-11-28T23:00:00-05:00",
     "today 17:00", Urgency.TODAY),
    ("Pacific/Auckland", (2026, 11, 29, 8, 0), "2026-11-28T09:00:00+00:00",
     "1 day overdue", Urgency.OVERDUE),
    ("America/New_York", (2026, 11, 28, 10, 30), "2026-11-29T09:00:00+13:00",
     "today 15:00", Urgency.TODAY),
    ("America/New_York", (2026, 11, 28, 10, 30), "2026-11-30T02:00:00+00:00",
     "tomorrow 21:00", Urgency.SOON),
]


@pytest.mark.parametrize("name, wall, due, said, level", OFFSET_CASES)
def test_date_times_with_offsets_compare_by_local_date(name, wall, due, said, level):
    now = pendulum.datetime(*wall, tz=name)
    when = from_iso(due)
    assert describe(when, now) == said
    assert urgency(when, now, 7) is level


def test_time_left_is_compact(now):
    assert time_left(now.date(), now) == "today"
    assert time_left(now.date().add(days=12), now) == "12d left"
    assert time_left(now.date().subtract(days=21), now) == "3w over"
    assert time_left(now.date().add(years=4), now) == "4y left"
    assert time_left(None, now) == ""


def test_pushed_counts_from_today_when_overdue(now):
    today = now.date()
    assert pushed(today.subtract(days=5), 1, now) == today.add(days=1)
    assert pushed(today.add(days=2), 3, now) == today.add(days=5)
    assert pushed(None, 2, now) == today.add(days=2)


@pytest.mark.parametrize("text", ["2026-12-31", "2026-12-31T17:00", "fri 9am",
                                  "2026-12-31T17:00+02:00"])
def test_stored_form_round_trips(text, now):
    when = parse_when(text, now)
    stored = to_iso(when)
    assert from_iso(stored) == when
    assert type(from_iso(stored)) is type(when)
    if is_plain_date(when):
        assert stored == when.isoformat() and len(stored) == 10
    else:
        offset_form, _, zone = stored.partition("[")
        assert offset_form[-6] in "+-" and offset_form[-3] == ":"
        # typed with an offset: that offset; without one: the local zone (UTC needs none)
        local = now.timezone_name if now.timezone_name not in UTC_NAMES else None
        assert zone == ("" if text.endswith("+02:00") or local is None else f"{local}]")
        # arithmetic on a read-back deadline keeps its zone, or its offset (push, repeat)
        later = to_iso(from_iso(stored).add(days=1))
        assert later.partition("[")[2] == zone
        assert zone or later[-6:] == stored[-6:]


@pytest.mark.parametrize("when, expected", [
    ("2026-11-27", "Fri 27 Nov"),
    ("2025-12-31", "Wed 31 Dec 2025"),
    ("2026-11-28T23:30:00-05:00", "Sun 29 Nov"),  # the local date, in Auckland
])
def test_short_date_says_the_local_day(when, expected):
    from planner_tui.core.dates import from_iso, short_date

    now = pendulum.datetime(2026, 11, 28, 12, tz="Pacific/Auckland")
    assert short_date(from_iso(when), now) == expected


# -- the days a plan holds ----------------------------------------------------------------


@pytest.mark.parametrize("text, says", [
    ("9999-12-31", "9999-12-31 is after 2999-12-31, the last day a plan can hold"),
    ("+999y", "3025-11-28 is after 2999-12-31"), ("in 999 years", "3025-11-28 is after"),
    ("3000-01-01 09:00", "3000-01-01 is after"), ("2999-12-31T23:00:00-12:00", None),
    ("1899-12-31", "1899-12-31 is before 1900-01-01, the first day a plan can hold"), ("-999y", "1027-11-28 is before"),
])
def test_days_outside_the_range_a_plan_holds_are_refused_clearly(text, says, now):
    if says is None:  # in range as typed (a later day in other zones): kept as typed
        assert parse_when(text, now).year == 2999
        return
    with pytest.raises(DateError, match=re.escape(f"Cannot use {text!r}: {says}")):
        parse_when(text, now)


@pytest.mark.parametrize("text", ["2999-12-31", "1900-01-01", "2999-12-31 23:59"])
def test_the_edges_of_the_range_are_days_like_any_other(text, now):
    when = parse_when(text, now)
    assert from_iso(to_iso(when)) == when and describe(when, now) and time_left(when, now)


def test_a_horizon_keeps_the_local_day_of_a_time(now):
    when = parse_when("2026-12-04T23:30:00-12:00", now)
    assert as_day(when, now) == when.in_tz(now.timezone).date() and as_day(None, now) is None
    assert preview("fri 17:00", now, day_only=True).endswith("(in 6 days) · a horizon is a day: the time is left out")


@pytest.mark.parametrize("reader, text", [(parse_stored_day, "2026-12-04T10:00:00"), (parse_stored_day, "20261204"),
                                          (parse_stored_due, "2026-12-04 junk"), (parse_stored_stamp, "soon")])
def test_the_stored_readers_refuse_what_is_not_their_kind(reader, text):
    with pytest.raises(ValueError):
        reader(text)


def test_a_stored_time_without_an_offset_is_utc_and_aware():
    """A naive timestamp stayed naive, and the pace compared it with aware ones (TypeError)."""
    stamp = datetime_from_iso("1900-01-01T00:00:00")
    assert stamp.utcoffset() == pendulum.duration(0) and stamp < pendulum.now()
