"""Repeat rules: what people may type, and the next deadline of a series."""

from __future__ import annotations

import pendulum
import pytest
from pendulum import Date, DateTime

from planner_tui.core.errors import InputError
from planner_tui.core.repeat import RuleError, next_due, step, validate_rule


def day(text: str) -> Date:
    return Date.fromisoformat(text)


def at(text: str) -> DateTime:
    """Noon on a day, in the local zone: a 'now' for next_due."""
    when = day(text)
    return pendulum.datetime(when.year, when.month, when.day, 12, tz=pendulum.local_timezone())


@pytest.mark.parametrize("typed, stored", [
    ("1d", "1d"), ("1w", "1w"), ("2w", "2w"), ("1m", "1m"), ("1y", "1y"), ("3m", "3m"),
    (" 2 W ", "2w"), ("999d", "999d"), ("daily", "1d"), ("Weekly", "1w"), ("biweekly", "2w"),
    ("monthly", "1m"), ("yearly", "1y"), ("weekdays", "weekdays"), ("Weekday", "weekdays"),
    (None, None), ("", None), ("  ", None), ("none", None), ("No", None), ("-", None),
])
def test_validate_rule_forms(typed, stored):
    assert validate_rule(typed) == stored


@pytest.mark.parametrize("typed", ["0d", "1x", "d", "1", "-1d", "1000d", "1.5w", "every week",
                                   "fortnightly", "2 weeks"])
def test_validate_rule_errors_quote_input_and_list_examples(typed):
    with pytest.raises(RuleError) as caught:
        validate_rule(typed)
    assert isinstance(caught.value, InputError)
    assert repr(typed) in str(caught.value)
    assert "1d, 1w, 2w, 1m, 1y, weekdays" in str(caught.value)


@pytest.mark.parametrize("due, rule, expected", [
    ("2026-11-28", "1d", "2026-11-29"), ("2026-11-28", "1w", "2026-12-05"),
    ("2026-11-28", "2w", "2026-12-12"), ("2026-11-28", "1m", "2026-12-28"),
    ("2026-11-28", "1y", "2027-11-28"), ("2026-11-28", "3m", "2027-02-28"),
    ("2026-12-03", "weekdays", "2026-12-04"),  # Thursday -> Friday
    ("2026-12-04", "weekdays", "2026-12-07"),  # Friday -> Monday
    ("2026-12-05", "weekdays", "2026-12-07"),  # Saturday -> Monday
    ("2026-11-28", "weekdays", "2026-11-30"),  # due today (Saturday) -> Monday
])
def test_next_due_from_today(due, rule, expected, now):
    assert next_due(day(due), rule, now) == day(expected)


@pytest.mark.parametrize("due, rule, today, expected", [
    ("2027-01-31", "1m", "2027-01-31", "2027-02-28"),
    ("2028-01-31", "1m", "2028-01-31", "2028-02-29"),   # leap year
    ("2027-02-28", "1m", "2027-02-28", "2027-03-28"),   # counts from the stored day
    ("2028-02-29", "1y", "2028-02-29", "2029-02-28"),
    ("2027-12-31", "1m", "2027-12-31", "2028-01-31"),
    ("2026-08-31", "6m", "2026-08-31", "2027-02-28"),
])
def test_next_due_at_month_ends_and_leap_years(due, rule, today, expected):
    assert next_due(day(due), rule, at(today)) == day(expected)


@pytest.mark.parametrize("due, rule, expected", [
    ("2026-11-01", "1w", "2026-11-29"),   # four weeks behind: the first one after today
    ("2026-11-21", "1w", "2026-12-05"),   # a week behind: not today (Nov 28), the next
    ("2026-11-20", "1d", "2026-11-29"),
    ("2026-01-31", "1m", "2026-11-30"),   # behind since January keeps the month end
    ("2024-02-29", "1y", "2027-02-28"),
    ("2026-11-26", "weekdays", "2026-11-30"),
    ("2020-01-01", "1d", "2026-11-29"),
])
def test_a_series_that_fell_behind_rolls_past_today(due, rule, expected, now):
    assert next_due(day(due), rule, now) == day(expected)


def test_a_leap_day_series_behind_for_years_lands_on_the_next_leap_day():
    assert next_due(day("2024-02-29"), "1y", at("2027-06-01")) == day("2028-02-29")


def test_no_deadline_counts_from_today(now):
    assert next_due(None, "1w", now) == now.date().add(weeks=1)
    assert next_due(None, "1d", now) == now.date().add(days=1)


def test_a_time_of_day_is_kept(now):
    due = pendulum.datetime(2026, 11, 27, 9, 0, tz=now.timezone)
    result = next_due(due, "1d", now)
    assert isinstance(result, DateTime)
    assert (result.date(), result.hour, result.minute) == (day("2026-11-29"), 9, 0)


def test_a_plain_date_stays_a_date(now):
    assert type(next_due(day("2026-11-28"), "1w", now)) is Date


def test_step_is_one_occurrence_even_in_the_past():
    assert step(day("2020-01-31"), "1m") == day("2020-02-29")
    assert step(day("2020-01-03"), "weekdays") == day("2020-01-06")


def test_an_unknown_stored_rule_is_a_clear_error(now):
    with pytest.raises(RuleError, match="fortnightly"):
        next_due(day("2026-11-28"), "fortnightly", now)
