"""Repeat rules: what people may type, and the next deadline of a series."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


# -- bounded: a series far behind, and the last day a plan holds ----------------------------------


def brute_next_due(due, rule: str, now):
    """The rule read plainly: the k-th occurrence for k = 1, 2, ... until one is past today."""
    from planner_tui.core.dates import local_date
    from planner_tui.core.repeat import _RULE, _UNITS

    def kth(k: int, previous):
        if rule == "weekdays":
            return step(previous, rule)
        match = _RULE.match(rule)
        return due.add(**{_UNITS[match["unit"]]: int(match["n"]) * k})

    k, when = 1, kth(1, due)
    while local_date(when, now) <= now.date():
        k += 1
        when = kth(k, when)
    return when


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days_behind=st.integers(-40, 3 * 366), rule=st.sampled_from(["1d", "3d", "1w", "2w", "1m", "3m", "1y",
                                                                   "7d", "31d", "weekdays"]),
       timed=st.booleans())
def test_starting_near_today_gives_what_stepping_from_the_deadline_gives(days_behind, rule, timed, now):
    due = now.date().subtract(days=days_behind)
    if timed:
        due = pendulum.datetime(due.year, due.month, due.day, 23, 30, tz="Pacific/Kiritimati")
    assert next_due(due, rule, now) == brute_next_due(due, rule, now)


def test_a_series_due_in_1900_comes_back_tomorrow_or_next_week(now):
    assert next_due(day("1900-01-01"), "1d", now) == day("2026-11-29")
    assert next_due(day("1900-01-01"), "weekdays", now) == day("2026-11-30")  # now is a Saturday
    assert next_due(day("1900-01-31"), "1m", now) == day("2026-11-30")


def test_a_series_ends_at_the_last_day_a_plan_holds(now):
    assert next_due(day("2999-12-25"), "1w", now) is None
    assert next_due(day("2999-12-30"), "1d", now) == day("2999-12-31")
    assert next_due(day("2999-12-31"), "weekdays", now) is None
