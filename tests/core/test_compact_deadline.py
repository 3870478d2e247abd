"""compact_deadline: the tactics table's deadline in at most nine cells, one rule
for every deadline, by the local date of ``now``'s zone (two zones far apart)."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import Date

from planner_tui.core.dates import (COMPACT_CELLS, FIRST_YEAR, LAST_YEAR, compact_deadline, days_until,
                                    local_date)
from tests.conftest import FROZEN

ZONES = ("Pacific/Auckland", "America/New_York")


def frozen_in(zone: str) -> pendulum.DateTime:
    return pendulum.datetime(*FROZEN, tz=zone)  # Saturday 28 November 2026, 10:30


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("days", "said"), [
    (0, "today"), (1, "tomorrow"), (2, "Mon"), (6, "Fri"), (7, "7d"), (13, "13d"), (14, "2w"),
    (59, "8w"), (95, "3mo"), (800, "2y"), (-1, "1d over"), (-3, "3d over"), (-15, "2w over"),
    (-400, "13mo over"),
])
def test_compact_deadlines_read_as_people_say_them(zone, days, said):
    now = frozen_in(zone)
    assert compact_deadline(now.date().add(days=days), now) == said


@pytest.mark.parametrize("zone", ZONES)
def test_a_timed_deadline_today_says_by_when_in_the_local_clock(zone):
    now = frozen_in(zone)
    at_five = pendulum.datetime(2026, 11, 28, 17, 0, tz=zone)
    assert compact_deadline(at_five, now) == "by 17:00"
    assert compact_deadline(at_five.add(days=1), now) == "tomorrow"
    assert compact_deadline(None, now) == "—"


def test_a_timed_deadline_in_another_zone_counts_by_the_local_day():
    """17:00 in New York on Friday is Saturday 11:00 in Auckland: today there."""
    now = frozen_in("Pacific/Auckland")
    friday_new_york = pendulum.datetime(2026, 11, 27, 17, 0, tz="America/New_York")
    assert compact_deadline(friday_new_york, now) == "by 11:00"
    assert compact_deadline(friday_new_york, frozen_in("America/New_York")) == "1d over"


days = st.dates(min_value=Date(FIRST_YEAR, 1, 1), max_value=Date(LAST_YEAR, 12, 31))
moments = st.datetimes(min_value=pendulum.datetime(FIRST_YEAR, 1, 2).naive(),
                       max_value=pendulum.datetime(LAST_YEAR, 12, 30).naive(),
                       timezones=st.sampled_from([pendulum.timezone(z) for z in (*ZONES, "UTC")]))


@given(when=st.one_of(days.map(lambda d: Date(d.year, d.month, d.day)), moments.map(pendulum.instance)),
       zone=st.sampled_from(ZONES))
def test_every_deadline_fits_and_agrees_with_the_day_it_falls_on(when, zone):
    now = frozen_in(zone)
    said, left = compact_deadline(when, now), days_until(when, now)
    assert 0 < len(said) <= COMPACT_CELLS
    assert said.endswith(" over") == (left < 0)
    assert (said == "today" or said.startswith("by ")) == (left == 0)
    if 1 < left < 7:
        assert said == local_date(when, now).strftime("%a")
    if left >= 7 or left < 0:
        number = int(said.split(" ")[0].rstrip("dwmoy"))
        unit = said.split(" ")[0].lstrip("0123456789")
        scale = {"d": 1, "w": 7, "mo": 28, "y": 365}[unit]
        assert number * scale <= abs(left) + 3  # never says more than it is (months and years round down)


@pytest.mark.parametrize("zone", ZONES)
def test_a_closed_tactics_deadline_is_only_its_day(zone):
    now = frozen_in(zone)
    assert compact_deadline(now.date().subtract(days=3), now, closed=True) == "25 Nov"
    assert compact_deadline(Date(2025, 6, 1), now, closed=True) == "Jun 2025"
    assert compact_deadline(None, now, closed=True) == "—"


@given(when=days.map(lambda d: Date(d.year, d.month, d.day)), zone=st.sampled_from(ZONES))
def test_a_closed_deadline_fits_too(when, zone):
    assert 0 < len(compact_deadline(when, frozen_in(zone), closed=True)) <= COMPACT_CELLS
