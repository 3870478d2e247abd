"""The Markdown form reads back what it wrote, whatever the text says.

Titles, notes and whys are made of the Markdown form's own markers (a
`due:2026-12-04` or `📅 2026-12-04` another tool would read as a deadline,
our `— *due …*` tail, `[x]`, `# `, `> `, backticks, pipes, a trailing
backslash...) mixed with any other text, cleaned as the app cleans what
people type; export then import must give back every title, note, why,
deadline and status exactly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner_tui.core import actions

from planner_tui.core.exchange import export, importing
from planner_tui.core.errors import InputError
from planner_tui.core.model import TacticStatus
from planner_tui.core.file.store import Store
from planner_tui.core.user_text import many_lines

MARKERS = [
    "due:2026-12-04", "📅 2026-12-04", "📅2026-12-04", " — *due 2026-12-04*", " — *in progress*",
    " — *dropped*", " — *repeats 1w*", " · ", "[x] ", "[ ] ", "- [ ] ", "# ", "## ", " #", "> ", ">",
    "\\", "`", "```", "~~~", "|", "~~", "*", "**", "_", "<!--", "-->", "---", "===", "1. ", "2) ",
    "+ ", "Horizon: **2031-11-28** (in 5 years)", "Progress: no tactics yet", "Status: **dropped**",
    "&amp;", "$x$", "[a](b)", "\t", "  ", "\n", "\n\n", "📅", "due:",
]
PIECE = st.one_of(st.sampled_from(MARKERS), st.text(max_size=6))
TEXT = st.lists(PIECE, max_size=8).map("".join)
DEADLINE = st.one_of(
    st.none(),
    st.dates(min_value=pendulum.Date(2000, 1, 1), max_value=pendulum.Date(2100, 12, 31))
    .map(lambda day: pendulum.Date(day.year, day.month, day.day)),
    st.builds(lambda day, minutes: pendulum.datetime(day.year, day.month, day.day, tz="UTC")
              .add(minutes=minutes).in_tz(pendulum.local_timezone()),
              st.dates(min_value=pendulum.Date(2000, 1, 1), max_value=pendulum.Date(2036, 12, 31)),
              st.integers(0, 24 * 60 - 1)),
)


def title_of(text: str) -> str:
    """The text as a title the app keeps, or a stand-in when nothing of it is left."""
    try:
        return actions.clean_title(text[:500])
    except InputError:
        return "untitled"


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(strategy=TEXT, child=TEXT, why=TEXT, tactics=st.lists(
    st.tuples(TEXT, TEXT, DEADLINE, st.sampled_from(list(TacticStatus))), min_size=1, max_size=3))
def test_export_then_import_gives_back_every_title_note_why_deadline_and_status(
        clock, strategy, child, why, tactics):
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "plan.json", clock=clock)
        top = actions.add_strategy(store, title_of(strategy), why=why).new_ids[0]
        below = actions.add_strategy(store, title_of(child), parent=top, why=why + child).new_ids[0]
        for title, notes, due, status in tactics:
            tactic = actions.add_tactic(store, title_of(title), below, due=due, notes=notes).new_ids[0]
            actions.set_status(store, [tactic], status)
        fresh = Store(Path(folder) / "again.json", clock=clock)
        importing.import_markdown(fresh, export.to_markdown(store.plan, clock()))
        assert shape(fresh) == shape(store)


def shape(store: Store) -> tuple:
    """What the Markdown form carries: the tree with titles and whys, tactics in order."""
    plan = store.plan
    return tuple((plan.depth(s.id), s.title, s.why,
                  tuple((t.title, t.notes, t.due, t.status) for t in plan.tactics_of(s.id)))
                 for s in plan.tree_order())


def test_the_stored_form_of_notes_is_what_markdown_can_carry():
    """Line ends are newlines and no line ends in blank space (Markdown drops it),
    so the property above holds for every note a person can store."""
    assert many_lines(" a  \r\nb\t\rc \u2028d\n\n") == "a\nb\nc\nd"


def test_a_title_made_of_markers_comes_back_whole(store, now, tmp_path):
    """The examples from the issue, each on its own, spelled out."""
    goal = actions.add_strategy(store, "Goal # not closing #").new_ids[0]
    titles = ["Pay rent due:2026-12-04", "Pay 📅 2026-12-04", "Call — *due 2026-12-04*", "[x] not done",
              "# not a heading", "> not a quote", "ends in a backslash \\", "`code` | pipe"]
    for title in titles:
        actions.add_tactic(store, title, goal)
    fresh = Store(tmp_path / "again.json", clock=store.clock)
    importing.import_markdown(fresh, export.to_markdown(store.plan, now))
    assert [(t.title, t.due) for t in fresh.plan.tactics.values()] == [(title, None) for title in titles]
    assert [s.title for s in fresh.plan.strategies.values()] == ["Goal # not closing #"]


KEY_RESULT_MARKERS = ["Key result: ", " · from **1** to **2**", " · unit **$**", " · since **2026-09-01**",
                      " · now **5** (50%)", " · no value yet", "- **2026-09-01**: **5**", "**", "\\$", " · "]
KR_TEXT = st.lists(st.one_of(st.sampled_from(KEY_RESULT_MARKERS + MARKERS), st.text(max_size=6)),
                   max_size=6).map("".join)
AMOUNT = st.one_of(st.integers(-10**12, 10**12), st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False))
DAY = st.dates(min_value=pendulum.Date(2000, 1, 1), max_value=pendulum.Date(2026, 11, 28)).map(
    lambda day: pendulum.Date(day.year, day.month, day.day))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=KR_TEXT, unit=KR_TEXT, start=AMOUNT, target=AMOUNT, since=DAY,
       values=st.lists(st.tuples(DAY, AMOUNT, KR_TEXT), max_size=4))
def test_key_results_and_their_values_read_back_exactly(clock, title, unit, start, target, since, values):
    from planner_tui.core.keyresult_actions import add_key_result, clean_unit, record_value
    from planner_tui.core.keyresults import values_of

    if start == target:
        target = start + 1
    unit = clean_unit(" ".join(unit.split())[:24])
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "plan.json", clock=clock)
        goal = actions.add_strategy(store, "Goal").new_ids[0]
        kr = add_key_result(store, goal, title_of(title), start, target, unit, since=since).new_ids[0]
        for day, value, note in values:
            record_value(store, kr, value, on=day, note=note)
        fresh = Store(Path(folder) / "again.json", clock=clock)
        importing.import_markdown(fresh, export.to_markdown(store.plan, clock()))
        [again] = fresh.plan.key_results_of(next(iter(fresh.plan.strategies)))
        mine = store.plan.keyresults[kr]
        assert (again.title, again.start, again.target, again.unit, again.start_date) == (
            mine.title, mine.start, mine.target, mine.unit, mine.start_date)
        assert [(v.date, v.value, v.note) for v in values_of(fresh.plan, again.id)] == [
            (v.date, v.value, v.note) for v in values_of(store.plan, kr)]
