"""What people type, as hypothesis strategies: titles, deadlines, repeat rules, cadences.

Shared by the property tests (and any test with many inputs). Titles mix plain
words with the text that has broken terminal apps before: Rich markup and
Textual actions (`[@click=app.quit]`), control characters and escape
sequences, bidirectional marks, emoji sequences, combining marks. Deadlines
come in every form `core.dates.parse_when` reads, timed and untimed, near and
far (up to the calendar's ends), with a few it refuses mixed in.
"""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from planner_tui.core.dates import UNITS, WEEKDAY_ALIASES, WEEKDAYS

MARKUP = ["[bold]x[/]", "[@click=app.quit]q[/]", "[/]", "[", "]", "[red", "\\[x]", "[b]",
          "[link=https://example.com]l[/link]", "[x] done", "${x}", "{0}", "%s", ":smile:"]
CONTROL = ["\x1b[31m", "\x1b]0;owned\x07", "\x07", "\x00", "\r", "\n", "\t", "\x7f", "\x9b", "\x1b[2J", "\b"]
BIDI = ["\u200f", "\u202e", "\u2066", "\u2069", "\u200e", "\u061c", "\u200b", "\ufeff"]
EMOJI = ["🙂", "👩‍👩‍👧", "🇳🇿", "✔️", "1️⃣", "🏳️‍🌈", "🧑🏽‍💻"]
WORDS = ["Run 5k", "Ship v2", "شراء الخبز", "עברית", "日本語のタスク", "café", "e\u0301", "Z̤͔ͧ̑̓", "ﷺ", "  ",
         "Launch", "x" * 80]

_fragment = st.one_of(st.sampled_from(MARKUP + CONTROL + BIDI + EMOJI + WORDS), st.text(max_size=6))

# Some of these clean to nothing (only spaces and control characters): a title the
# CLI and the app must refuse, writing nothing.
titles = st.lists(_fragment, min_size=1, max_size=4).map("".join)
notes = st.one_of(st.just(""), titles)

# -- deadlines and horizons ------------------------------------------------------------

NAMED_DAYS = ["today", "now", "tod", "tomorrow", "tmr", "tom", "yesterday"]
WEEKDAY_WORDS = [*WEEKDAYS, *WEEKDAY_ALIASES, "mon", "tue", "wed", "thu", "fri", "sat", "sun",
                 "next fri", "this sat", "next monday"]
EDGES = ["eow", "eom", "eoq", "eoy", "sow", "som", "soq", "soy", "end of month", "start of the year",
         "end of the week", "start of quarter"]
TIMES = ["17:00", "9am", "5:30pm", "12am", "12pm", "0:05", "23:59", "5 pm", "07:30"]
OFFSETS_AS_ZONES = ["Z", "+00:00", "+05:30", "-11:00", "+14:00", "-03:30"]
# Read by nothing: refused with a message, nothing written.
UNREADABLE = ["someday", "2026-02-30", "25:00", "fri 13pm", "1001d", "in 2000 years", "", "   ", "2026-13-01",
              "tomorrow tomorrow"]


def _offset(sign: str, number: int, unit: str, spaced: bool) -> str:
    return f"{sign}{number}{' ' if spaced else ''}{unit}"


offsets = st.one_of(
    st.builds(_offset, st.sampled_from(["", "+", "-"]), st.integers(0, 1000), st.sampled_from(sorted(UNITS)),
              st.booleans()),
    st.builds(lambda n, unit: f"in {n} {unit}", st.sampled_from(["a", "an", "one", "2", "3", "10", "1000"]),
              st.sampled_from(sorted(UNITS))),
    st.builds(lambda unit: f"next {unit}", st.sampled_from(sorted(UNITS))),
)

# Dates near today, and at the calendar's ends: both are accepted by the reader.
near_days = st.dates(min_value=pendulum.date(2025, 1, 1), max_value=pendulum.date(2028, 12, 31))
far_days = st.one_of(st.dates(min_value=pendulum.date(1, 1, 1), max_value=pendulum.date(1900, 1, 1)),
                     st.dates(min_value=pendulum.date(2200, 1, 1), max_value=pendulum.date(9999, 12, 31)),
                     st.sampled_from([pendulum.date(9999, 12, 31), pendulum.date(1, 1, 1)]))
iso_days = st.one_of(near_days, near_days, far_days).map(lambda day: day.isoformat())

iso_moments = st.builds(
    lambda day, hour, minute, separator, zone: f"{day}{separator}{hour:02d}:{minute:02d}{zone}",
    iso_days, st.integers(0, 23), st.sampled_from([0, 15, 30, 59]), st.sampled_from(["T", " "]),
    st.sampled_from(["", *OFFSETS_AS_ZONES]))

untimed_days = st.one_of(st.sampled_from(NAMED_DAYS + WEEKDAY_WORDS + EDGES), offsets, iso_days)

timed = st.one_of(
    iso_moments,
    st.builds(lambda day, time: f"{day} {time}", untimed_days, st.sampled_from(TIMES)),
    st.sampled_from(TIMES),
)


def _as_typed(text: str, upper: bool, padded: bool) -> str:
    """People type in any case, with stray spaces."""
    text = text.upper() if upper else text
    return f"  {text} " if padded else text


# Every form parse_when reads (and a few it refuses), as people type them.
when_texts = st.builds(_as_typed, st.one_of(untimed_days, untimed_days, timed, st.sampled_from(UNREADABLE)),
                       st.booleans(), st.booleans())

# -- repeat rules and review cadences -------------------------------------------------------

repeat_texts = st.one_of(
    st.sampled_from(["1d", "1w", "2w", "1m", "1y", "weekdays", "weekday", "daily", "weekly", "biweekly",
                     "monthly", "yearly", "none", "", "-"]),
    st.builds(lambda n, unit: f"{n}{unit}", st.integers(0, 1000), st.sampled_from("dwmy")),
    st.sampled_from(["0d", "fortnightly", "1x", "every day"]),  # refused
)

review_cadences = st.one_of(st.none(), st.integers(-5, 4000))

# Owners and tags: stored one way (lower case, letters, digits, - _ .), so some of
# these are refused, and `me` is the settings' owner.
labels = st.one_of(st.sampled_from(["bo", "me", "Ana", "ops-team", "q4.launch", "x_y", "", "two words", "[b]",
                                    "é", "a" * 33]),
                   st.text(alphabet="abcz09-_.", min_size=1, max_size=8))

# Amounts of key results as people type them (`planner kr add --from 45k`), and some
# that are refused.
amounts = st.one_of(st.sampled_from(["0", "3", "10", "45k", "1.2M", "8%", "12.5%", "$400k", "-3", "100", "1e9",
                                     "abc", "", "5 apples"]),
                    st.integers(-1000, 10**7).map(str))
