"""Amounts as people type them and read them (core/amounts.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner_tui.core.amounts import Amount, exact, in_full, parse_amount, shown
from planner_tui.core.errors import InputError
from planner_tui.core.file.validation import MAX_AMOUNT


@pytest.mark.parametrize("text, value, unit", [
    ("3", 3, None), ("1.2M", 1_200_000, None), ("1.2m", 1_200_000, None), ("45k", 45_000, None),
    ("45K", 45_000, None), ("12.5%", 12.5, "%"), ("12 %", 12, "%"), ("-3", -3, None), ("−3", -3, None),
    ("- 2.5", -2.5, None), ("+7", 7, None), ("1,200", 1200, None), ("1,234,567.5", 1_234_567.5, None),
    ("3B", 3_000_000_000, None), ("2bn", 2_000_000_000, None), ("$300k", 300_000, "$"),
    ("-$5k", -5000, "$"), ("€1.5M", 1_500_000, "€"), (".5", 0.5, None), ("1.1M", 1_100_000, None),
    ("0", 0, None), ("-0", 0, None), ("  42  ", 42, None),
])
def test_what_people_type_is_read(text, value, unit):
    found = parse_amount(text)
    assert found == Amount(value, unit)
    assert type(found.value) is type(value)  # 1.2M is the whole number 1200000, not 1200000.0


@pytest.mark.parametrize("text", ["", "  ", "abc", "1.2.3", "1e6", "nan", "inf", "--3", "+-3", "-$-3", "1,20",
                                  "12,34,567", "3 apples", "k", "%", "$", "0x10", "1/2", "1.2MM"])
def test_garbage_is_refused_with_forms_that_work(text):
    with pytest.raises(InputError, match=r"Cannot read .* as a number. Try one of: 3, -2\.5, .*45k, 1\.2M"):
        parse_amount(text)


def test_past_the_largest_amount_is_refused():
    assert parse_amount(str(MAX_AMOUNT)).value == MAX_AMOUNT
    with pytest.raises(InputError, match="too large"):
        parse_amount(str(MAX_AMOUNT + 1))
    with pytest.raises(InputError, match="too large"):
        parse_amount("-2000000B")


@given(st.one_of(st.integers(-MAX_AMOUNT, MAX_AMOUNT),
                 st.floats(-MAX_AMOUNT, MAX_AMOUNT, allow_nan=False, allow_infinity=False)))
def test_the_exact_form_reads_back_to_the_same_number(value):
    assert parse_amount(exact(value)).value == value


@pytest.mark.parametrize("value, unit, text", [
    (3, "", "3"), (1_200_000, "", "1.2M"), (1_250_000, "$", "$1.25M"), (45_000, "", "45k"),
    (12_345, "", "12.3k"), (9_999, "", "9,999"), (999_999, "", "1M"), (12.5, "%", "12.5%"),
    (-1_500_000, "", "-1.5M"), (-5000, "$", "-$5,000"), (3_000_000_000, "", "3B"), (0.125, "", "0.12"),
    (14, "applications", "14 applications"), (-0.001, "", "0"), (5_000_000.0, "ARR", "5M ARR"),
])
def test_amounts_are_shown_as_people_glance_at_them(value, unit, text):
    assert shown(value, unit) == text


@given(st.integers(-10**12, 10**12))
def test_what_is_shown_reads_back_close_to_the_number(value):
    """Rounded for the eye, but never a different order of magnitude."""
    read = parse_amount(shown(value)).value
    assert abs(read - value) <= max(0.006 * abs(value), 0.006)


@pytest.mark.parametrize("typed, unit, said", [("45k", "users", "45,000 users"), ("1.2M", "$", "$1,200,000"),
                                               ("12.5%", "%", "12.5%"), ("-3", "", "-3"), ("1,234.25", "", "1,234.25")])
def test_in_full_says_every_digit_a_value_was_read_as(typed, unit, said):
    assert in_full(parse_amount(typed).value, unit) == said


@given(st.integers(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT))
def test_a_whole_number_in_full_reads_back_the_same(number):
    assert parse_amount(in_full(number)).value == number
