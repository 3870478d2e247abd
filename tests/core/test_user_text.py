"""Control characters in what people typed: dropped on the way in, shown as
escapes on the way out (every export format), kept exactly by JSON.

The plan under test (`hostile`, tests/conftest.py) holds ESC c, BEL, CSI,
OSC 8, RLO, NEL and NUL in every text field, as a hand-edited file could.
"""

from __future__ import annotations

import json
import re

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner_tui.core import actions, checkin, review

from planner_tui.core.exchange import export
from planner_tui.core.errors import InputError
from planner_tui.core.user_text import json_safe, many_lines, one_cell, one_line, visible

# Written out here, not taken from the module: the test says what "unsafe" means.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
UNSAFE_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


# -- the rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("raw, shown", [
    ("\x1bc", "\\x1bc"), ("ring\x07", "ring\\x07"), ("\x1b[31mred", "\\x1b[31mred"),
    ("\x1b]8;;http://x/\x1b\\link", "\\x1b]8;;http://x/\\x1b\\link"), ("\u202eevil", "\\u202eevil"),
    ("a\x85b", "a\\x85b"), ("nul\x00", "nul\\x00"), ("del\x7f", "del\\x7f"), ("a\u2028b", "a\\u2028b"),
    ("two\nlines\ttab\r", "two\\nlines\\ttab\\r"),
])
def test_visible_writes_each_control_as_its_escape(raw, shown):
    assert visible(raw) == shown


def test_visible_keeps_lines_and_tabs_when_asked_and_ordinary_text_always():
    assert visible("one\n\ttwo\x1b", lines=True) == "one\n\ttwo\\x1b"
    text = "Café 日本 👩‍💻 שלום مرحبا \u200f [bold] \\x1b"  # ZWJ, RLM and a typed backslash are text
    assert visible(text) == visible(text, lines=True) == text


@given(st.text())
def test_nothing_unsafe_survives_visible(text):
    assert not UNSAFE.search(visible(text))
    assert not UNSAFE_BUT_LINES.search(visible(text, lines=True))


@given(st.text())
def test_json_safe_json_reads_back_the_same_text_with_nothing_raw(text):
    document = json_safe(json.dumps({"t": text}, ensure_ascii=False))
    assert not UNSAFE_BUT_LINES.search(document)
    assert json.loads(document) == {"t": text}


@given(st.text())
def test_one_cell_keeps_the_length_so_a_cursor_stays_on_its_character(text):
    shown = one_cell(text)
    assert len(shown) == len(text)
    assert not UNSAFE_BUT_LINES.search(shown.replace("\t", "")) and "\n" not in shown
    assert one_cell("a\x1b\n") == "a␛␊"


@given(st.text())
def test_what_is_kept_is_shown_as_it_is(text):
    """Stored text holds nothing `visible` would change: what is kept is what is shown."""
    line, lines = one_line(text), many_lines(text)
    assert visible(line) == line and visible(lines, lines=True) == lines
    assert one_line(line) == line and many_lines(lines) == lines


def test_kept_text_drops_controls_and_keeps_lines():
    assert one_line(" a\x1bc\x07 \u202eb\x0bc\nd ") == "ac b c d"
    assert many_lines("one \r\ntwo\x1b[31m\rthree\u2028four\n\n\tfive\x00  ") == "one\ntwo[31m\nthree\nfour\n\n\tfive"


def test_titles_follow_the_same_rule(store):
    assert actions.clean_title("a\x1bc\u202e b\x85c") == one_line("a\x1bc\u202e b\x85c") == "ac b c"
    with pytest.raises(InputError, match="empty"):
        actions.clean_title("\x1b\x07\u202e")


# -- on the way in: every text field ---------------------------------------------------------


def test_notes_whys_and_check_in_and_review_notes_are_cleaned_when_saved(store, now):
    goal = actions.add_strategy(store, "Goal", why="why\x1bc\nline two\x07").new_ids[0]
    task = actions.add_tactic(store, "Task", goal, notes="notes\x1b[31m\n\tindented\u202e").new_ids[0]
    assert store.plan.strategies[goal].why == "whyc\nline two"  # ESC goes, its "c" is text
    assert store.plan.tactics[task].notes == "notes[31m\n\tindented"
    actions.edit_strategy(store, goal, why="\x1b]8;;x\x1b\\y")
    actions.edit_tactic(store, task, notes="a\x00b")
    assert (store.plan.strategies[goal].why, store.plan.tactics[task].notes) == ("]8;;x\\y", "ab")
    checkin.finish(store, now.date(), "calm\x1bc day\x85")
    assert store.plan.checkin_on(now.date()).note == "calmc day"
    review.record_review(store, goal, "on-track", "fine\x07\u202e")
    (kept,) = store.plan.reviews.values()
    assert kept.note == "fine"
    review.set_review_note(store, kept.id, "x\x1b[2Jy")
    assert store.plan.reviews[kept.id].note == "x[2Jy"


# -- on the way out: every export format -------------------------------------------------


def test_markdown_shows_the_escapes_and_nothing_raw(store, hostile, now):
    text = export.to_markdown(store.plan, now)
    hostile.defused(text)
    plain = export.unescape(text)  # what a Markdown reader shows
    hostile.defused(plain, "# Goal", "## Part", "- [ ] Task", "> why", whole=True)
    assert f"  > \tnotes {hostile.shown}" in plain  # a note's tab is text Markdown keeps


def test_ics_shows_the_escapes_and_nothing_raw(store, hostile, now):
    for events in (False, True):
        data = export.to_ics(store.plan, now, events=events).decode()
        hostile.defused(data.replace("\r\n", "\n"))
        calendar = icalendar.Calendar.from_ical(data)
        summaries = [str(c.get("summary")) for c in calendar.walk() if c.get("summary")]
        descriptions = [str(c.get("description")) for c in calendar.walk() if c.get("description")]
        hostile.defused("\n".join(summaries), "Horizon: Goal", "Task", whole=True)
        hostile.defused("\n".join(descriptions), "why", "\tnotes", whole=True)


def test_json_keeps_the_text_exactly_and_prints_nothing_raw(store, hostile, now):
    document = export.to_json(store.plan, now)
    hostile.defused(document)
    tables = json.loads(document)["tables"]
    assert tables["tactics"]["1"]["title"] == f"Task {hostile.text}"
    assert tables["tactics"]["1"]["notes"] == f"first line\n\tnotes {hostile.text}"
    assert {c["note"] for c in tables["checkins"].values()} == {f"day {hostile.text}"}
    assert tables["reviews"]["1"]["note"] == f"review {hostile.text}"
