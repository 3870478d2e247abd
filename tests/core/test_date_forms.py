"""Dates typed as month names, `tmrw` and `eod`; suggestions for dates that do not read;
every form in the README read in any zone; arbitrary text never raises but DateError."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings, strategies as st
from pendulum import Date, DateTime

from planner_tui.core.dates import DateError, known_words, parse_when

# `now` and `zone`: the fixtures that run each test in three time zones
from tests.core.test_dates import day, is_plain_date, now, zone  # noqa: F401

README = Path(__file__).resolve().parents[2] / "README.md"

MONTH_FORMS = {
    "dec 15": "2026-12-15", "15 dec": "2026-12-15", "december 15": "2026-12-15",
    "15 december": "2026-12-15", "Dec 15th": "2026-12-15", "15th dec": "2026-12-15",
    "1st jan": "2027-01-01", "jan 5": "2027-01-05", "sept 3": "2027-09-03",
    "15 december 2027": "2027-12-15", "dec 15, 2027": "2027-12-15", "december 15 2025": "2025-12-15",
    "nov 28": "2026-11-28",  # today is its own next occurrence
    "nov 27": "2027-11-27",  # yesterday's day and month is next year's
    "feb 29": "2028-02-29",  # the next year that has one
    "tmrw": "2026-11-29", "tmw": "2026-11-29", "eod": "2026-11-28", "end of day": "2026-11-28",
    "fri eod": "2026-12-04", "dec 15 eod": "2026-12-15",
}


@pytest.mark.parametrize("text, expected", MONTH_FORMS.items())
def test_month_names_tmrw_and_eod_are_dates(text, expected, now):
    result = parse_when(text, now)
    assert is_plain_date(result), f"{text!r} gave {result!r}"
    assert result == day(expected)


@pytest.mark.parametrize("text, wall", [
    ("dec 15 17:00", (2026, 12, 15, 17, 0)), ("15 dec 5:30pm", (2026, 12, 15, 17, 30)),
    ("15 december 2027 9am", (2027, 12, 15, 9, 0)), ("tmrw 9am", (2026, 11, 29, 9, 0)),
])
def test_month_names_take_a_time_of_day(text, wall, now):
    result = parse_when(text, now)
    assert isinstance(result, DateTime)
    assert result == pendulum.datetime(*wall, tz=now.timezone)


@pytest.mark.parametrize("text, reason", [
    ("feb 30", "30 February is not a real date"), ("apr 31", "31 April is not a real date"),
    ("feb 29 2027", "29 February 2027 is not a real date"), ("dec 15 0000", "not a real date"),
])
def test_days_a_month_does_not_have_are_refused_with_the_reason(text, reason, now):
    with pytest.raises(DateError, match=reason):
        parse_when(text, now)


@pytest.mark.parametrize("text", ["dec", "15", "dec 32", "ma 15", "15 dec dec", "dec 15 27",
                                  "17:00 eod", "2026-12-31T17:00 eod"])
def test_near_misses_of_month_forms_are_refused(text, now):
    with pytest.raises(DateError):
        parse_when(text, now)


# -- suggestions ------------------------------------------------------------------------


@pytest.mark.parametrize("typed, meant", [
    ("31/12/2026", ["2026-12-31"]), ("12/31/2026", ["2026-12-31"]), ("31.12.2026", ["2026-12-31"]),
    ("31-12-26", ["2026-12-31"]), ("2026/12/31", ["2026-12-31"]), ("2026-1-5", ["2026-01-05"]),
    ("4/5/2026", ["2026-05-04", "2026-04-05"]), ("31/12", ["31 dec"]),
    ("31/12/2026 17:00", ["2026-12-31 17:00"]),
    ("nxt fri", ["next fri"]), ("tomorow", ["tomorrow"]), ("Tommorow 9am", ["tomorrow 9am"]),
    ("fridy", ["friday"]), ("decmber 15", ["december 15"]), ("15 dce", ["15 dec"]),
    ("in 3 dyas", ["in 3 days"]), ("nex week", ["next week"]), ("5pm fri", ["fri 5pm"]),
    ("17:00 tomorrow", ["tomorrow 17:00"]),
])
def test_an_unreadable_date_suggests_the_nearest_form(typed, meant, now):
    with pytest.raises(DateError) as caught:
        parse_when(typed, now)
    message = str(caught.value)
    said = re.search(r"Did you mean (.*)\? Try one of", message)
    assert said, message
    assert said[1] == " or ".join(repr(text) for text in meant)
    for text in meant:
        parse_when(text, now)  # every suggestion reads
    assert message.startswith(f"Cannot read {typed!r} as a date")


@pytest.mark.parametrize("typed", ["flurb", "fri at noon", "99/99/9999", "31/02/2026", "next",
                                   "blah blah", "2026-02-30", "25:00"])
def test_no_suggestion_when_nothing_near_reads(typed, now):
    with pytest.raises(DateError) as caught:
        parse_when(typed, now)
    assert "Did you mean" not in str(caught.value)


# -- properties -------------------------------------------------------------------------


def readme_forms() -> list[str]:
    """Every `quoted` form between the README's date-forms marks (`eow`/`eom` is two)."""
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- date forms", 1)[1].split("<!-- /date forms -->", 1)[0]
    return re.findall(r"`([^`]+)`", block.split("-->", 1)[1])


def test_the_readme_lists_the_forms():
    forms = readme_forms()
    assert {"dec 15", "15 dec", "december 15", "15 december 2027", "tmrw", "eod"} <= set(forms)
    assert len(forms) > 30


times = st.datetimes(min_value=pendulum.datetime(1990, 1, 1).naive(),
                     max_value=pendulum.datetime(2200, 12, 31).naive())


@settings(max_examples=60, deadline=None)
@given(wall=times, zone=st.timezones(), form=st.sampled_from(readme_forms()))
def test_every_readme_form_reads_in_any_zone(wall, zone, form):
    now = pendulum.instance(wall, tz=pendulum.timezone(zone.key))
    result = parse_when(form, now)
    timed = bool(re.search(r"\d:\d\d|\dam|\dpm", form))
    assert isinstance(result, DateTime) if timed else type(result) is Date


WORDS = st.sampled_from(known_words() + ["1", "15", "2027", "17:00", "5pm", "0", "99", "2026-12-31",
                                       "31/12/2026", "+3", "-", ",", "t", "eod", "th"])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=40), st.lists(WORDS, max_size=5).map(" ".join)),
       wall=times)
def test_any_text_either_reads_or_raises_date_error(text, wall):
    now = pendulum.instance(wall, tz="Europe/Berlin")
    try:
        result = parse_when(text, now)
    except DateError as error:
        assert repr(text) in str(error)
    else:
        assert isinstance(result, Date)
