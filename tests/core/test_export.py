"""Exports: the Markdown golden file, user text that cannot break the document,
the calendar parsed back with `icalendar`, JSON with its schema.

Time is frozen (Saturday 28 November 2026, 10:30 local); every test passes in
any local zone (the suite is run with TZ=Pacific/Auckland and America/New_York).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import icalendar
import pendulum
import pytest
from markdown_it import MarkdownIt

from planner_tui.core import actions

from planner_tui.core.exchange import export
from planner_tui.core.dates import deadline_words, parse_deadline_words, to_iso
from planner_tui.core.plan import Plan
from planner_tui.core.file.store import SCHEMA

from .exchange_sample import TRICKY_TITLES, add_history, build_plan

GOLDEN = Path(__file__).parents[1] / "golden" / "plan.md"


@pytest.fixture
def ids(store):
    return build_plan(store)


def markdown_parser() -> MarkdownIt:
    """CommonMark plus GitHub's tables and strikethrough: what a code-hosting site does."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(token) -> str:
    """The text a reader sees in an inline token (marks such as ~~ dropped)."""
    return "".join(child.content for child in token.children if child.type in ("text", "code_inline"))


# -- Markdown ---------------------------------------------------------------------


def test_markdown_matches_the_golden_file(store, ids, now):
    text = export.to_markdown(store.plan, now)
    if os.environ.get("PLANNER_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_markdown_renders_one_heading_per_strategy_with_its_title(store, ids, now):
    tokens = markdown_parser().parse(export.to_markdown(store.plan, now))
    headings = [(tokens[i].tag, inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]
    # Six heading levels exist; the two strategies deeper than that are plain paragraphs.
    assert headings == [
        ("h1", "Get a good job"), ("h2", TRICKY_TITLES[0]), ("h2", TRICKY_TITLES[1]),
        ("h3", TRICKY_TITLES[2]), ("h4", "Level 4"), ("h5", "Level 5"), ("h6", "Level 6"),
        ("h1", "Get fit")]


def test_markdown_tasks_render_as_a_task_list_with_the_titles_intact(store, ids, now):
    tokens = markdown_parser().parse(export.to_markdown(store.plan, now))
    items = []
    for i, token in enumerate(tokens):
        if token.type == "list_item_open" and token.level == 1 and tokens[i + 2].type == "inline":
            items.append(inline_text(tokens[i + 2]))
    assert items == [
        "[ ] Finish the site — due 2026-12-04 · in progress",
        f"[ ] {TRICKY_TITLES[3]} — due 2026-11-27",
        f"[ ] {TRICKY_TITLES[4]} — due 2026-12-04 17:00 +13:00 Pacific/Auckland · repeats 1w",
        "[x] Done one — due 2026-11-20",
        f"[x] {TRICKY_TITLES[5]} — dropped",
        "2026-10-01: 66 · after the *first* month · ok",  # a key result's values
        "2026-11-01: 63.25",
        "[ ] Run 5k — due 2026-12-01",
        "[ ] Buy shoes"]


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_escaped_text_is_read_back_exactly(title):
    assert export.unescape(export.escape(title)) == title


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_an_escaped_heading_is_one_heading_with_the_literal_title(title):
    tokens = markdown_parser().parse("## " + export.escape(title) + "\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert inline_text(tokens[1]) == title
    assert all(child.type in ("text", "code_inline") for child in tokens[1].children if child.content)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_an_escaped_line_of_notes_stays_text(title):
    tokens = markdown_parser().parse(export.escape(title) + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_text(tokens[1]) == title


def test_why_and_notes_are_block_quotes_line_by_line(store, ids, now):
    text = export.to_markdown(store.plan, now)
    assert "> Work I care about,\n> with people I learn from.\n>\n> \\# not a heading\n" in text
    assert "  > Three projects.\n  > \\- one page each\n  >\n  > \\> quoted\n" in text


def test_strategy_facts_line(store, ids, now):
    text = export.to_markdown(store.plan, now)
    assert "Horizon: **2031-11-28** (in 5 years) · Progress: **1/4** (25%) · Review every **30 days**" in text
    assert "Progress: no tactics yet · Status: **achieved**" in text
    assert "\n\n# Get fit\n\nProgress: **29%** (tactics **0/2**)\n\n" in text  # by its key results


def test_key_results_are_written_with_their_values_under_them(store, ids, now):
    text = export.to_markdown(store.plan, now)
    assert ("Key result: Resting heart rate · from **70** to **58.5** · unit **bpm** · since **2026-09-01** "
            "· now **63.25** (59%)\n- **2026-10-01**: **66** · after the \\*first\\* month · ok\n"
            "- **2026-11-01**: **63.25**\n\n") in text
    assert ("Key result: Visits · from \\*\\*1\\*\\* to \\*\\*2\\*\\* \\[x\\] · from **-1000** to **1200000** "
            "· unit **k\\$ \\*\\|\\`** · since **2026-11-01** · no value yet\n\n") in text


def test_an_empty_plan_is_only_the_marker(store, now):
    assert export.to_markdown(store.plan, now) == (
        "<!-- planner-tui plan, exported 2026-11-28. `planner import FILE.md` reads it back. -->\n")


@pytest.mark.parametrize("when, words", [
    (pendulum.Date(2026, 12, 4), "2026-12-04"),
    (pendulum.datetime(2026, 12, 4, 17, 0, tz="America/New_York"), "2026-12-04 17:00 -05:00 America/New_York"),
    (pendulum.datetime(2026, 12, 4, 17, 0, 5, tz="America/New_York"), "2026-12-04 17:00:05 -05:00 America/New_York"),
    (pendulum.datetime(2026, 12, 4, 17, 0, tz=pendulum.fixed_timezone(-5 * 3600)), "2026-12-04 17:00 -05:00"),
    (pendulum.datetime(2026, 12, 4, 17, 0, tz="UTC"), "2026-12-04 17:00 +00:00"),
])
def test_the_markdown_deadline_form_reads_back_to_the_same_deadline(when, words):
    assert deadline_words(when) == words
    back = parse_deadline_words(words)
    assert back == when and to_iso(back) == to_iso(when)


def test_a_markdown_deadline_in_a_zone_this_machine_lacks_keeps_its_offset():
    assert to_iso(parse_deadline_words("2026-12-04 17:00 -05:00 Mars/Olympus_Mons")) == "2026-12-04T17:00:00-05:00"
    assert parse_deadline_words("2026-12-04 17:00 -05:00 ../etc") is None
    assert parse_deadline_words("2026-12-04 17:00") is None  # no offset: not our form


# -- iCalendar --------------------------------------------------------------------


def parse_ics(payload: bytes) -> icalendar.Calendar:
    assert payload.startswith(b"BEGIN:VCALENDAR\r\n") and payload.endswith(b"END:VCALENDAR\r\n")
    return icalendar.Calendar.from_ical(payload)


def by_uid(calendar: icalendar.Calendar, kind: str) -> dict[str, icalendar.cal.Component]:
    return {str(c["UID"]): c for c in calendar.walk(kind)}


def test_calendar_header(store, ids, now):
    calendar = parse_ics(export.to_ics(store.plan, now))
    assert str(calendar["PRODID"]) == export.PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"


def test_one_todo_per_open_tactic_with_a_deadline(store, ids, now):
    todos = by_uid(parse_ics(export.to_ics(store.plan, now)), "VTODO")
    # t4 is done, t5 dropped, t7 has no deadline: none of them is a to-do.
    assert set(todos) == {f"t{ids[n]}@planner-tui" for n in ("t1", "t2", "t3", "t6")}


def test_every_field_of_a_todo(store, ids, now):
    todos = by_uid(parse_ics(export.to_ics(store.plan, now)), "VTODO")
    site = todos[f"t{ids['t1']}@planner-tui"]
    assert str(site["SUMMARY"]) == "Finish the site"
    assert site.decoded("DUE") == dt.date(2026, 12, 4) and not isinstance(site.decoded("DUE"), dt.datetime)
    assert site["DUE"].params.get("VALUE") == "DATE"
    assert str(site["STATUS"]) == "IN-PROCESS"
    assert str(site["RELATED-TO"]) == f"s{ids['s2']}@planner-tui"
    assert str(site["DESCRIPTION"]) == "Three projects.\n- one page each\n\n> quoted"
    assert site.decoded("DTSTAMP") == now.in_tz("UTC")
    assert site.decoded("CREATED") == now.in_tz("UTC")
    overdue = todos[f"t{ids['t2']}@planner-tui"]
    assert str(overdue["SUMMARY"]) == TRICKY_TITLES[3]
    assert str(overdue["STATUS"]) == "NEEDS-ACTION"
    assert overdue.decoded("DUE") == dt.date(2026, 11, 27)
    assert "DESCRIPTION" not in overdue
    call = todos[f"t{ids['t3']}@planner-tui"]
    assert str(call["SUMMARY"]) == TRICKY_TITLES[4]
    assert call.decoded("DUE") == pendulum.datetime(2026, 12, 4, 17, 0, tz="Pacific/Auckland")
    assert "RRULE" not in call  # the next occurrence is a tactic of its own, made when this one is done


def test_one_all_day_event_per_strategy_horizon(store, ids, now):
    events = by_uid(parse_ics(export.to_ics(store.plan, now)), "VEVENT")
    assert set(events) == {f"s{ids['s1']}@planner-tui", f"s{ids['s2']}@planner-tui"}
    job = events[f"s{ids['s1']}@planner-tui"]
    assert str(job["SUMMARY"]) == "Horizon: Get a good job"
    assert job.decoded("DTSTART") == dt.date(2031, 11, 28) and job["DTSTART"].params.get("VALUE") == "DATE"
    assert job.decoded("DTEND") == dt.date(2031, 11, 29)
    assert str(job["STATUS"]) == "CONFIRMED" and str(job["TRANSP"]) == "TRANSPARENT"
    assert str(job["DESCRIPTION"]) == ("Work I care about,\nwith people I learn from.\n\n# not a heading"
                                       "\n\nProgress: 1/4 tactics done.")
    assert "RELATED-TO" not in job
    portfolio = events[f"s{ids['s2']}@planner-tui"]
    assert str(portfolio["SUMMARY"]) == f"Horizon: {TRICKY_TITLES[0]}"
    assert str(portfolio["RELATED-TO"]) == f"s{ids['s1']}@planner-tui"


def test_uids_are_stable_across_exports_and_changes(store, ids, now):
    first = export.to_ics(store.plan, now)
    actions.add_tactic(store, "Something new", ids["s9"], due=pendulum.Date(2026, 12, 24))
    actions.edit_tactic(store, ids["t1"], title="Finish the site, really")
    second = parse_ics(export.to_ics(store.plan, now.add(days=1)))
    old, new = by_uid(parse_ics(first), "VTODO"), by_uid(second, "VTODO")
    assert set(old) < set(new) and len(new) == len(old) + 1
    assert str(new[f"t{ids['t1']}@planner-tui"]["SUMMARY"]) == "Finish the site, really"
    assert export.to_ics(store.plan, now) == export.to_ics(store.plan, now)


def test_a_namespace_keeps_two_plans_apart(store, ids, now):
    todos = by_uid(parse_ics(export.to_ics(store.plan, now, namespace="Work plan!")), "VTODO")
    assert f"t{ids['t1']}.Work-plan@planner-tui" in todos
    assert str(todos[f"t{ids['t1']}.Work-plan@planner-tui"]["RELATED-TO"]) == f"s{ids['s2']}.Work-plan@planner-tui"


def test_due_in_auckland_keeps_its_zone_and_wall_clock(store, ids, now):
    with pendulum.test_local_timezone(pendulum.timezone("Pacific/Auckland")):
        payload = export.to_ics(store.plan, now)
    assert b"DUE;TZID=Pacific/Auckland:20261204T170000\r\n" in payload
    calendar = parse_ics(payload)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Pacific/Auckland"]
    due = by_uid(calendar, "VTODO")[f"t{ids['t3']}@planner-tui"].decoded("DUE")
    assert due == pendulum.datetime(2026, 12, 4, 4, 0, tz="UTC")
    assert due.utcoffset() == dt.timedelta(hours=13)
    assert b"DUE;VALUE=DATE:20261204\r\n" in payload  # dates stay dates in every zone


def test_due_keeps_its_own_zone_in_any_readers_zone(store, ids, now):
    with pendulum.test_local_timezone(pendulum.timezone("America/New_York")):
        payload = export.to_ics(store.plan, now)
    assert b"DUE;TZID=Pacific/Auckland:20261204T170000\r\n" in payload
    calendar = parse_ics(payload)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Pacific/Auckland"]
    due = by_uid(calendar, "VTODO")[f"t{ids['t3']}@planner-tui"].decoded("DUE")
    assert due == pendulum.datetime(2026, 12, 4, 17, 0, tz="Pacific/Auckland")


def test_due_with_a_fixed_offset_is_written_in_utc(store, ids, now):
    actions.reschedule(store, [ids["t3"]], pendulum.datetime(2026, 12, 4, 17, tz=pendulum.fixed_timezone(2 * 3600)))
    payload = export.to_ics(store.plan, now)
    assert b"DUE:20261204T150000Z\r\n" in payload
    assert b"VTIMEZONE" not in payload


def test_due_typed_in_new_york_during_dst_change_keeps_the_new_york_zone(store, ids, now):
    new_york = pendulum.timezone("America/New_York")
    tactic = actions.add_tactic(store, "Clocks change", ids["s9"],
                                due=pendulum.datetime(2027, 3, 14, 9, 0, tz=new_york)).new_ids[0]
    with pendulum.test_local_timezone(new_york):
        payload = export.to_ics(store.plan, now)
    assert b"DUE;TZID=America/New_York:20270314T090000\r\n" in payload
    due = by_uid(parse_ics(payload), "VTODO")[f"t{tactic}@planner-tui"].decoded("DUE")
    assert due.utcoffset() == dt.timedelta(hours=-4)


def test_tactics_as_events_for_calendars_without_to_dos(store, ids, now):
    calendar = parse_ics(export.to_ics(store.plan, now, events=True))
    assert calendar.walk("VTODO") == []
    events = by_uid(calendar, "VEVENT")
    assert len(events) == 6  # four open tactics with deadlines, two horizons
    site = events[f"t{ids['t1']}@planner-tui"]
    assert site.decoded("DTSTART") == dt.date(2026, 12, 4) and site.decoded("DTEND") == dt.date(2026, 12, 5)
    assert str(site["SUMMARY"]) == "Finish the site" and str(site["DESCRIPTION"]).startswith("Three projects.")
    assert str(site["RELATED-TO"]) == f"s{ids['s2']}@planner-tui"
    call = events[f"t{ids['t3']}@planner-tui"]
    assert call.decoded("DTSTART") == pendulum.datetime(2026, 12, 4, 17, 0, tz="Pacific/Auckland")
    assert "DTEND" not in call  # a deadline is a moment


def test_a_dropped_strategy_horizon_is_cancelled(store, ids, now):
    actions.edit_strategy(store, ids["s2"], status="dropped")
    event = by_uid(parse_ics(export.to_ics(store.plan, now)), "VEVENT")[f"s{ids['s2']}@planner-tui"]
    assert str(event["STATUS"]) == "CANCELLED"


def test_an_empty_plan_is_a_valid_empty_calendar(store, now):
    calendar = parse_ics(export.to_ics(store.plan, now))
    assert calendar.walk("VTODO") == [] and calendar.walk("VEVENT") == []


# -- JSON -------------------------------------------------------------------------


def test_json_holds_everything_with_its_schema(store, ids, now):
    add_history(store, ids)
    data = json.loads(export.to_json(store.plan, now, export.id_counters(store)))
    assert data["format"] == "planner-tui" and data["schema"] == SCHEMA
    assert data["exported"] == now.isoformat()
    assert data["ids"] == {"strategies": 9, "tactics": 7, "checkins": 1, "reviews": 1, "keyresults": 2,
                           "measurements": 2}
    assert {name: len(docs) for name, docs in data["tables"].items()} == {
        "strategies": 9, "tactics": 7, "checkins": 1, "reviews": 1, "away": 0, "keyresults": 2, "measurements": 2}
    stored = Plan.from_tables(json.loads(store.path.read_text()))
    for table in ("strategies", "tactics", "checkins", "reviews", "keyresults", "measurements"):
        assert data["tables"][table] == {str(k): v.to_doc() for k, v in getattr(stored, table).items()}


def test_json_has_a_stable_key_order_and_one_field_per_line(store, ids, now):
    text = export.to_json(store.plan, now)
    assert text == export.to_json(store.plan, now)
    assert '\n        "title": "Finish the site"\n      },\n' in text


    def sorted_keys(pairs):
        assert [key for key, _ in pairs] == sorted(key for key, _ in pairs)
        return dict(pairs)

    json.loads(text, object_pairs_hook=sorted_keys)
    assert all(line.count('": ') <= 1 for line in text.splitlines())


def test_export_picks_the_format(store, ids, now):
    ids_now, stamped = export.id_counters(store), export.stamps(store)
    assert stamped["tactics"] and all(stamp == now.isoformat() for stamp in stamped["tactics"].values())
    assert export.export_store(store, "json", now) == export.to_json(store.plan, now, ids_now, stamped).encode()
    assert export.export(store.plan, "markdown", now) == export.to_markdown(store.plan, now).encode()
    assert export.export(store.plan, "ics", now) == export.to_ics(store.plan, now)
    assert export.export(store.plan, "json", now) == export.to_json(store.plan, now).encode()
    with pytest.raises(ValueError):
        export.export(store.plan, "pdf", now)


# -- writing a file (the CLI's -o, the app's export prompt) -------------------------


@pytest.mark.parametrize("name, fmt", [("a.md", "markdown"), ("a.ICS", "ics"), ("a.json", "json"),
                                       ("a.txt", "markdown"), ("a", "markdown")])
def test_write_export_takes_the_format_from_the_name(store, ids, now, tmp_path, name, fmt):
    written, used = export.write_export(store, tmp_path / name, now)
    assert (written, used) == (tmp_path / name, fmt)
    assert written.read_bytes() == export.export_store(store, fmt, now)
    assert export.write_export(store, tmp_path / name, now, fmt="json")[1] == "json"


@pytest.mark.parametrize("where, says", [("plan", "plan file itself"), ("folder", "it is a folder"),
                                         ("missing", "does not exist")])
def test_write_export_refuses_paths_that_cannot_be_an_export(store, ids, now, tmp_path, where, says):
    from planner_tui.core.errors import InputError

    path = {"plan": store.path, "folder": tmp_path, "missing": tmp_path / "no" / "x.md"}[where]
    before = store.path.read_bytes()
    with pytest.raises(InputError, match=says):
        export.write_export(store, path, now)
    assert store.path.read_bytes() == before and not (tmp_path / "no").exists()
