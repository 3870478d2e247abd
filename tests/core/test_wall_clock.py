"""Timed deadlines keep their wall-clock time across daylight-saving changes.

A stand-up at 09:00 in New York stays at 09:00 after the clocks move (an hour),
and on Lord Howe Island (half an hour): in repeats, pushes, the calendar export,
the migration of older files and when the plan is read in another zone.
"""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pendulum
import pytest

from planner_tui.core import actions, checkin

from planner_tui.core.exchange import export
from planner_tui.core.dates import (
    Urgency, from_iso, long_date, parse_stored_due, stored_due_as_written, to_iso, urgency, zone_problem,
)
from planner_tui.core.exchange.importing import read_json
from planner_tui.core.model import Tactic, TacticStatus
from planner_tui.core.plan import due_order, stored_due_order
from planner_tui.core.file.store import SCHEMA, Store, backup_folder
from planner_tui.core.file.validation import Invalid, check_document
from planner_tui.core.views import DayTally

# Each zone's two changes, as (the Friday before, the Saturday before, the Sunday of
# the change, the Friday after) and the UTC offsets before and after.
CHANGES = {
    "new-york-autumn": ("America/New_York", (2026, 10, 30), (2026, 10, 31), (2026, 11, 1), (2026, 11, 6),
                        "-04:00", "-05:00"),
    "new-york-spring": ("America/New_York", (2027, 3, 12), (2027, 3, 13), (2027, 3, 14), (2027, 3, 19),
                        "-05:00", "-04:00"),
    "lord-howe-spring": ("Australia/Lord_Howe", (2026, 10, 2), (2026, 10, 3), (2026, 10, 4), (2026, 10, 9),
                         "+10:30", "+11:00"),
    "lord-howe-autumn": ("Australia/Lord_Howe", (2027, 4, 2), (2027, 4, 3), (2027, 4, 4), (2027, 4, 9),
                         "+11:00", "+10:30"),
}


@pytest.fixture(params=CHANGES.values(), ids=CHANGES.keys())
def change(request, local_zone):
    """One daylight-saving change, with the process in its zone."""
    zone, friday, saturday, sunday, next_friday, before, after = request.param
    local_zone(zone)
    return zone, friday, saturday, sunday, next_friday, before, after


def at_nine(zone: str, day: tuple[int, int, int]) -> pendulum.DateTime:
    return pendulum.datetime(*day, 9, tz=zone)


def stored(day: tuple[int, int, int], offset: str, zone: str) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}T09:00:00{offset}[{zone}]"


def on_disk(store: Store, tactic_id: int) -> str:
    return json.loads(store.path.read_text())["tactics"][str(tactic_id)]["due"]


def store_at(tmp_path, moment: pendulum.DateTime) -> Store:
    store = Store(tmp_path / "plan.json", clock=lambda: moment)
    actions.add_strategy(store, "Team")
    return store


def add(store: Store, due, repeat: str | None = None) -> int:
    return actions.add_tactic(store, "Stand-up", 1, due=due, repeat=repeat).new_ids[0]


# -- repeats ---------------------------------------------------------------------


def test_a_weekly_timed_repeat_keeps_its_wall_clock_time(change, tmp_path):
    zone, friday, _, _, next_friday, before, after = change
    store = store_at(tmp_path, at_nine(zone, friday).add(hours=1))
    stand_up = add(store, at_nine(zone, friday), repeat="1w")
    assert on_disk(store, stand_up) == stored(friday, before, zone)

    following = actions.set_status(store, [stand_up], TacticStatus.DONE).new_ids[0]

    assert on_disk(store, following) == stored(next_friday, after, zone)
    due = Store(store.path).plan.tactics[following].due
    assert (due.hour, due.minute, due.timezone_name) == (9, 0, zone)


def test_a_daily_timed_repeat_keeps_its_wall_clock_time_on_the_day_clocks_change(change, tmp_path):
    zone, _, saturday, sunday, _, before, after = change
    store = store_at(tmp_path, at_nine(zone, saturday).add(hours=1))
    daily = add(store, at_nine(zone, saturday), repeat="1d")

    following = actions.set_status(store, [daily], TacticStatus.DONE).new_ids[0]

    assert on_disk(store, following) == stored(sunday, after, zone)


def test_a_weekly_repeat_that_fell_behind_lands_on_its_wall_clock_time(change, tmp_path):
    """Done three days late, across the change: the next one is still at 09:00."""
    zone, friday, _, _, next_friday, before, after = change
    store = store_at(tmp_path, at_nine(zone, friday).add(days=3))
    late = add(store, at_nine(zone, friday), repeat="1w")

    following = actions.set_status(store, [late], TacticStatus.DONE).new_ids[0]

    assert on_disk(store, following) == stored(next_friday, after, zone)


# -- pushes (p and P in the app, p in the check-in) --------------------------------


@pytest.mark.parametrize("days, lands_on", [(1, "sunday"), (7, "next_friday")], ids=["p", "P"])
def test_a_push_across_the_change_keeps_the_wall_clock_time(change, tmp_path, days, lands_on):
    zone, friday, saturday, sunday, next_friday, before, after = change
    start = saturday if days == 1 else friday
    store = store_at(tmp_path, at_nine(zone, start).subtract(hours=2))
    tactic = add(store, at_nine(zone, start))

    actions.push(store, [tactic], days)

    assert on_disk(store, tactic) == stored({"sunday": sunday, "next_friday": next_friday}[lands_on], after, zone)


def test_pushing_an_overdue_timed_deadline_counts_from_today_at_its_time(change, tmp_path):
    zone, friday, _, sunday, _, before, after = change
    store = store_at(tmp_path, at_nine(zone, sunday).add(hours=3))  # two days late
    tactic = add(store, at_nine(zone, friday))

    actions.push(store, [tactic], 1)

    monday = at_nine(zone, sunday).add(days=1)
    assert on_disk(store, tactic) == stored((monday.year, monday.month, monday.day), after, zone)


def test_the_check_in_push_keeps_the_wall_clock_time(change, tmp_path):
    zone, _, saturday, sunday, _, before, after = change
    now = at_nine(zone, saturday).subtract(hours=2)
    store = store_at(tmp_path, now)
    tactic = add(store, at_nine(zone, saturday))

    checkin.decide(store, now.date(), tactic, checkin.Decision.PUSH)

    assert on_disk(store, tactic) == stored(sunday, after, zone)


# -- the calendar ------------------------------------------------------------------


def test_the_calendar_holds_both_sides_of_the_change_at_their_wall_clock_time(change, tmp_path):
    zone, friday, _, _, next_friday, before, after = change
    store = store_at(tmp_path, at_nine(zone, friday).add(hours=1))
    stand_up = add(store, at_nine(zone, friday), repeat="1w")
    following = actions.set_status(store, [stand_up], TacticStatus.DONE).new_ids[0]
    still_open = add(store, at_nine(zone, friday))

    payload = export.to_ics(store.plan, store.clock())

    calendar = icalendar.Calendar.from_ical(payload)
    todos = {str(todo["UID"]): todo for todo in calendar.walk("VTODO")}
    for tactic, day, offset in ((still_open, friday, before), (following, next_friday, after)):
        due = todos[f"t{tactic}@planner-tui"]
        assert due["DUE"].params["TZID"] == zone
        moment = due.decoded("DUE")
        assert (moment.date(), moment.hour, moment.minute) == (dt.date(*day), 9, 0)
        assert moment.utcoffset() == from_iso(stored(day, offset, zone)).utcoffset()
        line = f"DUE;TZID={zone}:{day[0]:04d}{day[1]:02d}{day[2]:02d}T090000\r\n".encode()
        assert line in payload
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [zone]


def test_the_calendar_keeps_the_deadlines_zone_in_any_readers_zone(change, tmp_path, local_zone):
    zone, friday, *_ = change
    store = store_at(tmp_path, at_nine(zone, friday).subtract(days=1))
    add(store, at_nine(zone, friday))
    local_zone("Asia/Kolkata")

    payload = export.to_ics(Store(store.path).plan, pendulum.now())

    assert f"DUE;TZID={zone}:{friday[0]:04d}{friday[1]:02d}{friday[2]:02d}T090000".encode() in payload


# -- a plan read in another zone -----------------------------------------------------


def test_the_deadlines_zone_wins_for_its_time_and_the_readers_date_for_overdue(tmp_path, local_zone):
    """Written in New York, read in Auckland: 09:00 New York stays 09:00 New York
    (pushed or repeated from Auckland), and "overdue" is by Auckland's date."""
    new_york = local_zone("America/New_York")
    store = store_at(tmp_path, pendulum.datetime(2026, 10, 29, 10, tz=new_york))
    stand_up = add(store, at_nine("America/New_York", (2026, 10, 30)), repeat="1w")
    early = add(store, pendulum.datetime(2026, 10, 30, 5, tz=new_york))

    auckland = local_zone("Pacific/Auckland")
    now = pendulum.datetime(2026, 10, 31, 1, tz=auckland)  # Friday 30 October, 08:00 in New York
    reader = Store(store.path, clock=lambda: now)
    # Auckland's Friday 22:00 is over once Saturday has begun there; New York would say today.
    assert urgency(reader.plan.tactics[early].due, now, 7) is Urgency.OVERDUE
    assert urgency(reader.plan.tactics[early].due, now.in_tz(new_york), 7) is Urgency.TODAY
    assert urgency(reader.plan.tactics[stand_up].due, now, 7) is Urgency.TODAY  # 02:00 Saturday in Auckland
    counts = DayTally(Store(store.path, clock=lambda: now).plan, now).counts  # read from the documents
    assert (counts.overdue, counts.today) == (1, 1)

    actions.push(reader, [early], 7)
    following = actions.set_status(reader, [stand_up], TacticStatus.DONE).new_ids[0]

    # overdue by a day in Auckland, so the week counts from today there (dates.pushed)
    assert on_disk(reader, early) == "2026-11-07T05:00:00-05:00[America/New_York]"
    assert on_disk(reader, following) == "2026-11-06T09:00:00-05:00[America/New_York]"


def test_a_deadline_from_another_zone_shows_the_local_time_and_the_time_it_keeps():
    due = pendulum.datetime(2026, 12, 4, 9, tz="America/New_York")
    in_auckland = pendulum.datetime(2026, 11, 28, 10, 30, tz="Pacific/Auckland")
    assert long_date(due, in_auckland) == "Saturday 5 December 03:00 (09:00 America/New_York)"
    assert long_date(due, in_auckland.in_tz("America/New_York")) == "Friday 4 December 09:00"
    assert long_date(due, in_auckland.in_tz("America/Toronto")) == "Friday 4 December 09:00"  # same clock
    fixed = pendulum.instance(dt.datetime(2026, 12, 4, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5))))
    assert long_date(fixed, in_auckland) == "Saturday 5 December 03:00"  # an instant, nothing to keep


# -- files from before zones were kept (schema 1) --------------------------------------

SCHEMA_1 = {
    "meta": {"1": {"schema": 1, "ids": {"strategies": 1, "tactics": 6}}},
    "strategies": {"1": {"title": "Team", "parent": None, "status": "active", "position": 0}},
    "tactics": {
        "1": {"title": "winter stand-up", "strategy": 1, "due": "2026-12-04T09:00:00-05:00", "repeat": "1w"},
        "2": {"title": "summer stand-up", "strategy": 1, "due": "2027-06-04T09:00:00-04:00"},
        "3": {"title": "typed in Auckland", "strategy": 1, "due": "2026-12-04T17:00:00+13:00"},
        "4": {"title": "a day", "strategy": 1, "due": "2026-12-04"},
        "5": {"title": "by hand, no offset", "strategy": 1, "due": "2026-12-04T09:00"},
        "6": {"title": "no deadline", "strategy": 1, "due": None},
    },
}
ZONED = {
    "1": "2026-12-04T09:00:00-05:00[America/New_York]",
    "2": "2027-06-04T09:00:00-04:00[America/New_York]",
    "3": "2026-12-04T17:00:00+13:00",  # not New York's offset: stays a fixed offset
    "4": "2026-12-04",
    "5": "2026-12-04T09:00:00-05:00[America/New_York]",  # local wall-clock time, as it was read
    "6": None,
}


def test_an_old_file_gets_the_local_zone_where_its_offset_matches_and_its_copy_kept(tmp_path, local_zone):
    local_zone("America/New_York")
    path = tmp_path / "plan.json"
    old = json.dumps(SCHEMA_1, indent=1).encode()
    path.write_bytes(old)

    store = Store(path, clock=lambda: pendulum.datetime(2026, 11, 28, 10, 30, tz="America/New_York"))

    assert (backup_folder(path) / "plan.schema1.json").read_bytes() == old
    data = json.loads(path.read_bytes())
    assert data["meta"]["1"]["schema"] == SCHEMA
    assert {key: doc["due"] for key, doc in data["tactics"].items()} == ZONED
    for key, doc in data["tactics"].items():  # nothing else moved
        assert {k: v for k, v in doc.items() if k != "due"} == \
            {k: v for k, v in SCHEMA_1["tactics"][key].items() if k != "due"}
    assert data["strategies"] == SCHEMA_1["strategies"]
    assert data["meta"]["1"]["ids"] == SCHEMA_1["meta"]["1"]["ids"]
    # and the migrated stand-up now repeats at 09:00 across the March change
    assert store.plan.tactics[1].due.add(weeks=14).isoformat() == "2027-03-12T09:00:00-05:00"
    assert store.plan.tactics[1].due.add(weeks=15).isoformat() == "2027-03-19T09:00:00-04:00"
    path_bytes = path.read_bytes()
    Store(path)  # opened again: nothing to migrate, nothing written
    assert path.read_bytes() == path_bytes


def test_an_old_file_opened_where_the_zone_is_utc_gets_no_zone(tmp_path, local_zone):
    local_zone("UTC")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(SCHEMA_1))

    Store(path)

    data = json.loads(path.read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA
    assert data["tactics"]["1"]["due"] == "2026-12-04T09:00:00-05:00"
    assert data["tactics"]["5"]["due"] == "2026-12-04T09:00"  # still read as local wall-clock time


def test_a_schema_1_json_export_imports_through_the_same_migration(local_zone):
    local_zone("America/New_York")
    export_1 = {"format": "planner-tui", "schema": 1, "ids": SCHEMA_1["meta"]["1"]["ids"],
                "tables": {name: SCHEMA_1[name] for name in ("strategies", "tactics")}}

    snapshot = read_json(json.dumps(export_1))

    assert snapshot.schema == SCHEMA
    assert {str(key): doc["due"] for key, doc in snapshot.tables["tactics"].items()} == ZONED


# -- reading the stored form ---------------------------------------------------------


@pytest.mark.parametrize("text, wall, offset", [
    # the night clocks go back in New York: 01:30 happens twice, the offset says which
    ("2026-11-01T01:30:00-04:00[America/New_York]", (1, 30), "-04:00"),
    ("2026-11-01T01:30:00-05:00[America/New_York]", (1, 30), "-05:00"),
    # an offset the zone's rules no longer give (they changed since): the wall clock wins
    ("2026-12-04T09:00:00-04:00[America/New_York]", (9, 0), "-05:00"),
    # a zone this machine does not know: the offset stays
    ("2026-12-04T09:00:00-05:00[Mars/Olympus_Mons]", (9, 0), "-05:00"),
    ("2026-10-04T09:00:00+11:00[Australia/Lord_Howe]", (9, 0), "+11:00"),
])
def test_the_stored_form_is_read_the_same_with_and_without_pendulum(text, wall, offset, local_zone):
    local_zone("Pacific/Auckland")
    plain, built = parse_stored_due(text), from_iso(text)
    assert plain == built and (built.hour, built.minute) == wall
    assert built.isoformat()[-6:] == offset and plain.utcoffset() == built.utcoffset()
    assert stored_due_order(text, pendulum.local_timezone()) == due_order(built)


@pytest.mark.parametrize("text", ["2026-12-04T09:00:00-05:00[America/New_York", "2026-12-04T09:00:00-05:00]",
                                  "2026-12-04T09:00:00-05:00[../../etc/passwd]", "2026-12-04T09:00:00-05:00[]",
                                  "2026-12-04T09:00:00-05:00[America/New York]", "2026-12-04[America/New_York]",
                                  "2026-12-04T25:00:00-05:00[America/New_York]",
                                  "2026-12-04T09:00:00-05:00[u-ca=gregory]"])
def test_a_malformed_stored_deadline_is_refused_by_every_reader(text):
    doc = {"title": "x", "strategy": 1, "due": text}
    for read in (parse_stored_due, stored_due_as_written, from_iso.__wrapped__, lambda t: Tactic.from_doc(1, doc)):
        with pytest.raises(ValueError):
            read(text)
    with pytest.raises(Invalid, match='field "due"'):
        check_document("tactics", 1, doc)


# -- a local zone nobody can read ------------------------------------------------------


@pytest.mark.parametrize("tz, problem", [("", False), ("America/New_York", False), (":Europe/Paris", False),
                                         ("/etc/localtime", False), ("EST5EDT", False),
                                         ("Nowhere/Bogus", True), ("CET-1CEST,M3.5.0,M10.5.0/3", True),
                                         ("America", True)])
def test_a_tz_pendulum_cannot_read_is_a_problem_named(tz, problem, monkeypatch):
    monkeypatch.setenv("TZ", tz)
    said = zone_problem()
    assert (said is not None) == problem
    if problem:
        assert said.startswith(f"TZ={tz!r} is not a time zone this program knows")


def test_when_the_local_zone_is_utc_a_time_keeps_a_fixed_offset(tmp_path, local_zone):
    """An unknown TZ falls back to the system's zone, here UTC: a time of day is then
    stored as a plain offset, not pinned to UTC's clock as if that had been chosen."""
    local_zone("Etc/UTC")
    store = store_at(tmp_path, pendulum.now())
    tactic = add(store, pendulum.datetime(2026, 12, 4, 9, tz=pendulum.local_timezone()))
    assert on_disk(store, tactic) == "2026-12-04T09:00:00+00:00"
