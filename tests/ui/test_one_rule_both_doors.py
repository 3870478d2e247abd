"""Each rule lives once, in core: the command line and the app give the same answer.

Both doors read the same settings.toml (made into one `Day`, core/day.py) and the
same plan; for each rule a person meets at both (a horizon given a time of day, a
review cadence like `2w`, where a week ends, what "soon" means, the agenda, the
day's counts, the streak with rest days and a late start of the day, progress and
the tree's order) the CLI's answer and the app's are compared, on the frozen
Saturday 28 November 2026.
"""

from __future__ import annotations

import json

import pendulum
import pytest

from planner_tui.cli import main
from planner_tui.core import actions, checkin
from planner_tui.core.dates import compact_deadline
from planner_tui.core.file.store import Store
from planner_tui.core.model import TacticStatus
from planner_tui.core.settings import settings_path
from planner_tui.ui import render
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.state import UiState
from planner_tui.ui.widgets.checkin_list import CheckinList
from planner_tui.ui.widgets.palette import palette_of
from planner_tui.ui.widgets.tactic_table import TacticTable
from ui_helpers import SIZE, reopen, running, screen_text, type_text

SETTINGS = 'soon_days = 14\nweek_start = "sunday"\n'


def write_settings(text: str) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(text, "utf-8")


@pytest.fixture(autouse=True)
def settings_file():
    """One settings.toml for both doors: soon is 14 days, weeks start on Sunday."""
    write_settings(SETTINGS)


@pytest.fixture
def cli(now, capsys):
    """`planner --db PATH ARGS...` in this process, at ``at`` (the frozen now); its stdout."""

    def run(path, *args: str, at: pendulum.DateTime | None = None) -> str:
        capsys.readouterr()
        with pendulum.travel_to(at or now, freeze=True):
            code = main(["--db", str(path), *args])
        out = capsys.readouterr().out
        assert code == 0, out
        return out

    return run


@pytest.fixture
def twin(tmp_path, now):
    """A second plan file for the command line, made the same way as the app's."""
    return Store(tmp_path / "cli.json", clock=lambda: now)


def goal(store: Store) -> int:
    return actions.add_strategy(store, "Goal").new_ids[0]


async def test_a_timed_horizon_and_a_2w_cadence(store, twin, cli):
    goal(store), goal(twin)
    cli(twin.path, "strategy", "add", "Run a marathon", "--by", "fri 17:00", "--review-every", "2w")
    async with running(store) as (app, pilot):
        await pilot.press("s")
        await type_text(pilot, "Run a marathon")
        await pilot.press("tab", "tab")
        await type_text(pilot, "fri 17:00")
        await pilot.press("tab")
        await type_text(pilot, "2w")
        await pilot.press("enter")
        await pilot.pause()
    from_cli, from_app = reopen(twin).strategies[2], reopen(store).strategies[2]
    assert from_cli.title == from_app.title == "Run a marathon"
    assert from_cli.horizon == from_app.horizon == pendulum.date(2026, 12, 4)  # a horizon is a day
    assert from_cli.review_every == from_app.review_every == 14


async def test_eow_when_weeks_start_on_sunday(store, twin, cli):
    goal(store), goal(twin)
    cli(twin.path, "add", "Weekly report", "--to", "s1", "--due", "eow")
    async with running(store) as (app, pilot):
        await pilot.press("a")
        await type_text(pilot, "Weekly report")
        await pilot.press("tab")
        await type_text(pilot, "eow")
        await pilot.press("enter")
        await pilot.pause()
    eow = pendulum.date(2026, 11, 28)  # today, a Saturday, ends a week that began on Sunday
    assert reopen(twin).tactics[1].due == reopen(store).tactics[1].due == eow


@pytest.fixture
def fortnight(store, now):
    """Tactics due 1 day ago, today, in 3, 10 and 20 days; one in progress without a date."""
    sid = goal(store)
    ids = {days: actions.add_tactic(store, f"in {days}", sid, due=now.date().add(days=days)).new_ids[0]
           for days in (-1, 0, 3, 10, 20)}
    ids["doing"] = actions.add_tactic(store, "doing", sid).new_ids[0]
    actions.set_status(store, [ids["doing"]], TacticStatus.DOING)
    return ids


def checkin_groups(listing: CheckinList) -> list[tuple[str, list[int]]]:
    """The check-in's headings and the tactic ids under each, as drawn."""
    found: list[tuple[str, list[int]]] = []
    for index in range(listing.option_count):
        option = listing.get_option_at_index(index)
        if option.disabled:
            found.append((option.prompt.plain.split("  ")[0].strip(), []))
        else:
            found[-1][1].append(int(option.id[1:]))
    return found


async def test_soon_days_14_the_agenda_its_urgency_and_the_days_counts(store, fortnight, cli):
    today = json.loads(cli(store.path, "today", "--json"))
    from_cli: dict[str, list[int]] = {}
    for item in today:
        from_cli.setdefault(item["group"], []).append(int(item["id"][1:]))
    assert from_cli["upcoming"] == [fortnight[3], fortnight[10]]  # 10 days is soon; 20 is not
    assert {int(item["id"][1:]): item["urgency"] for item in today}[fortnight[10]] == "soon"
    listed = {item["id"]: item["urgency"] for item in json.loads(cli(store.path, "list", "--json"))}
    assert (listed[f"t{fortnight[10]}"], listed[f"t{fortnight[20]}"]) == ("soon", "later")

    app = PlannerApp(Store(store.path, clock=store.clock), start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        groups = checkin_groups(app.screen.query_one(CheckinList))
    titles = {"overdue": "Overdue", "today": "Due today", "doing": "In progress", "upcoming": "Next 14 days"}
    assert groups == [(titles[name], ids) for name, ids in from_cli.items()]

    async with running(Store(store.path, clock=store.clock)) as (app, pilot):
        shown, counts = screen_text(app), app.screen.tally.counts
        table = app.screen.query_one(TacticTable)
        row = [t.id for t in table.tactics].index(fortnight[10]) + 1  # + the header line
        said = compact_deadline(store.clock().date().add(days=10), store.clock())  # the table's `10d`
        [segment] = [s for s in table.render_line(row) if said in s.text]
        assert segment.style.color == palette_of(table)["soon"].color  # soon, as the CLI said
    assert (counts.overdue, counts.today) == (len(from_cli["overdue"]), len(from_cli["today"])) == (1, 1)
    assert f"{counts.overdue} overdue · {counts.today} due today" in shown


async def test_the_streak_with_rest_days_and_a_late_start_of_the_day(store, cli, now):
    """Fridays rest and the day starts at 04:00: at 01:00 on Saturday it is still Friday, a
    rest day, so Wednesday's and Thursday's check-ins make a 2-day streak at both doors
    (the app's header once counted from Saturday with no rest days: no streak)."""
    write_settings(SETTINGS + 'rest_days = ["fri"]\nday_starts_at = "04:00"\n')
    for day in (25, 26):
        checkin.finish(store, pendulum.date(2026, 11, day), "")
    late = now.replace(hour=1, minute=0)  # Saturday 01:00 in the local zone
    from_cli = json.loads(cli(store.path, "streak", "--json", at=late))
    assert from_cli == {"streak": 2, "today": False}
    async with running(Store(store.path, clock=lambda: late)) as (app, pilot):
        assert "○ 2-day streak" in screen_text(app)


async def test_progress_and_the_trees_order(examples, cli):
    listed = [item for item in json.loads(cli(examples.path, "list", "--json")) if item["kind"] == "strategy"]
    UiState(expanded=set(examples.plan.strategies)).save(examples.path)  # the whole tree open
    async with running(Store(examples.path, clock=examples.clock), size=(160, 60)) as (app, pilot):
        tree = [line.split("││")[0] for line in screen_text(app).splitlines() if "││" in line]  # the left pane
    rows = [line for line in tree if "▰" in line or "▱" in line]  # not the details (nor their key results' bars)
    assert len(rows) == len(listed) > 10
    for row, item in zip(rows, listed):  # in the same order, with the same numbers
        assert item["title"][:20] in row and f" {item['done']}/{item['total']}" in row, (row, item)
        # the bar is the progress `list` gives: key results' where they measure it (core/outcomes.py)
        assert row.count("▰") == round(item["progress"] * render.BAR_CELLS), (row, item)
    assert any(item["measured"] and round(item["progress"] * 5) != round(item["done"] / item["total"] * 5)
               for item in listed if item["total"]), "no strategy in the examples is measured by key results"
