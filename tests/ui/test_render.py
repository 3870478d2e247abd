"""render.py without an app: rows fit their width and user text stays literal."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.style import Style

from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.plan import Progress
from planner_tui.core.views import Momentum
from planner_tui.ui import render

TRICKY = ["Fix [/] parser", "[x] done", "[@click=app.quit]q[/]"]


def strategy(title="A goal that has a rather long title indeed", **fields):
    return Strategy(id=1, title=title, **fields)


@pytest.mark.parametrize("width", [20, 30, 44, 70])
def test_a_tree_row_fits_its_width_exactly(now, width):
    goal = strategy(horizon=now.date().add(years=4))
    line = render.strategy_line(goal, Progress(3, 7), False, now, width)
    assert line.cell_len == width
    assert "4y left" in line.plain
    if width >= 44:
        assert "3/7" in line.plain and "▰" in line.plain
    if width >= 60:
        assert "by 2030" in line.plain


def test_marks_for_achieved_dropped_and_wishes(now):
    assert render.strategy_line(strategy(status=StrategyStatus.ACHIEVED), Progress(1, 1), False, now, 40).plain.startswith("✓ ")
    assert render.strategy_line(strategy(status=StrategyStatus.DROPPED), Progress(), False, now, 40).plain.startswith("✗ ")
    wish = render.strategy_line(strategy(), Progress(), True, now, 60)
    assert wish.plain.startswith("◌ ") and "no tactics" in wish.plain


def test_a_paused_strategy_reads_paused_without_colour_until_the_day_it_resumes(now):
    today = now.date()
    paused = strategy(status=StrategyStatus.PAUSED)
    assert render.strategy_line(paused, Progress(1, 3), True, now, 40).plain.startswith("‖ ")
    until = strategy(status=StrategyStatus.PAUSED, paused_until=today.add(days=1))
    assert render.strategy_line(until, Progress(1, 3), False, now, 40).plain.startswith("‖ ")
    resumed = strategy(status=StrategyStatus.PAUSED, paused_until=today)
    assert not render.strategy_line(resumed, Progress(1, 3), False, now, 40).plain.startswith("‖")


@pytest.mark.parametrize("title", TRICKY)
def test_user_text_is_never_markup(now, title):
    tactic = Tactic(id=1, title=title, strategy=1, notes=title, due=now.date())
    cells = render.tactic_cells(tactic, now, owner=title)
    assert cells[1].plain == title and cells[3].plain == title and not cells[1].spans
    assert title in render.tactic_detail(tactic, title, now).plain
    goal = strategy(title=title, why=title)
    assert render.strategy_line(goal, Progress(), True, now, 60).plain.startswith(f"◌ {title} ")
    assert title in render.strategy_detail(goal, title, Progress(), Momentum("no-horizon"), now).plain


def test_deadlines_read_the_way_people_say_them(now):
    def cell(days, status=TacticStatus.TODO):
        return render.deadline_cell(Tactic(1, "t", 1, status=status, due=now.date().add(days=days)), now).plain

    assert [cell(-2), cell(0), cell(1), cell(3)] == ["2 days overdue", "today", "tomorrow", "in 3 days"]
    assert render.deadline_cell(Tactic(1, "t", 1), now).plain == "—"


def test_a_narrow_table_puts_the_strategy_in_the_room_the_title_leaves(now):
    short = Tactic(id=1, title="Call Ann", strategy=2)
    cells = render.tactic_cells(short, now, owner="Its strategy", owner_column=False, width=30)
    assert cells[1].plain == "Call Ann · Its strategy" and len(cells) == 3
    long = Tactic(id=1, title="A tactic with quite a long title", strategy=2)
    cells = render.tactic_cells(long, now, owner="Its strategy", owner_column=False, width=30)
    assert cells[1].plain == "A tactic with quite a long ti…"  # the title first


def test_a_table_row_is_a_status_glyph_a_title_and_a_compact_deadline(now):
    tactic = Tactic(id=1, title="Write", strategy=2, status=TacticStatus.DOING, due=now.date().subtract(days=15))
    assert [cell.plain for cell in render.tactic_cells(tactic, now)] == ["◐", "Write", "2w over"]
    done = Tactic(id=1, title="Write", strategy=2, status=TacticStatus.DONE, due=now.date().subtract(days=3))
    assert render.tactic_cells(done, now)[2].plain == now.date().subtract(days=3).strftime("%-d %b")


@pytest.mark.parametrize("width", [12, 20, 40])
def test_a_cut_title_keeps_its_repeat_mark(now, width):
    tactic = Tactic(id=1, title="Coffee with the whole marketing team", strategy=2, repeat="weekly")
    title = render.tactic_cells(tactic, now, width=width)[1]
    assert title.cell_len <= width and "…" in title.plain and "↻" in title.plain


@pytest.mark.parametrize("soon_days, days, name", [(3, 5, "later"), (3, 2, "soon"), (10, 5, "soon"),
                                                   (7, 7, "soon"), (7, 8, "later")])
def test_soon_is_as_many_days_as_the_settings_say(now, soon_days, days, name):
    tactic = Tactic(1, "t", 1, due=now.date().add(days=days))
    expected = render.DEFAULT_PALETTE[name]
    assert render.deadline_cell(tactic, now, soon_days=soon_days).style == expected
    assert render.tactic_cells(tactic, now, soon_days=soon_days)[2].style == expected
    detail = render.tactic_detail(tactic, "G", now, soon_days=soon_days)
    at = detail.plain.index(f"in {days} days")
    assert detail.get_style_at_offset(Console(), at).color == Style.parse(expected).color


def test_a_closed_tactics_detail_says_when_it_was_done_and_its_plain_deadline(now):
    done = Tactic(1, "t", 2, status=TacticStatus.DONE, due=now.date().subtract(days=2),
                  done_at=now.subtract(days=1))
    detail = render.tactic_detail(done, "G", now).plain
    day_before, yesterday = now.subtract(days=2), now.subtract(days=1)
    assert f"done {yesterday.strftime('%a')} {yesterday.day} {yesterday.strftime('%b')} · t1" in detail
    assert f"deadline  {day_before.strftime('%A')} {day_before.day} {day_before.strftime('%B')}\n" in detail
    assert "overdue" not in detail and "(" not in detail
    still_open = Tactic(1, "t", 2, due=now.date().subtract(days=2))
    assert "(2 days overdue)" in render.tactic_detail(still_open, "G", now).plain


def test_a_paused_strategy_s_pace_is_said_in_the_detail_pane_and_the_review(now):
    from planner_tui.core.review import ReviewPace
    from planner_tui.ui.widgets import review_card

    assert render.momentum_text(Momentum("paused", 0, 2)).plain == "paused: on hold, nothing to keep up"
    assert review_card.pace_text(ReviewPace("paused", 0.1)).plain == "paused: no pace to keep while it is on hold"


def test_health_reads_without_colour_in_the_tree(now):
    from planner_tui.core.model import Health
    from planner_tui.core.review import ReviewMark

    goal = strategy(horizon=now.date().add(years=4))
    rows = {health: render.strategy_line(goal, Progress(3, 7), False, now, 60, review=ReviewMark(False, health)).plain
            for health in Health}
    for health, row in rows.items():  # its own shape, and no other's
        assert [mark for mark in render.HEALTH_MARK.values() if mark in row] == [render.HEALTH_MARK[health]]
    due = render.strategy_line(goal, Progress(3, 7), False, now, 60, review=ReviewMark(True, Health.AT_RISK)).plain
    assert "△◷" in due


@pytest.mark.parametrize("width", [30, 40, 60])
def test_a_tree_row_keeps_room_for_its_title_before_the_bar(now, width):
    goal = strategy(horizon=now.date().add(years=4))
    line = render.strategy_line(goal, Progress(3, 7), False, now, width).plain
    shown = line.split("…")[0] if "…" in line else goal.title
    assert len(shown) >= min(render.TITLE_ROOM, width // 2) - 1 and line.rstrip().endswith("left")


@pytest.mark.parametrize(("verdict", "words"), [("too-slow", "too slow"), ("stalled", "stalled"),
                                                ("keeping-up", None), ("no-horizon", None)])
def test_a_tree_row_says_the_momentum_in_words_when_it_asks_for_attention(now, verdict, words):
    goal = strategy(title="Grow", horizon=now.date().add(years=4))
    line = render.strategy_line(goal, Progress(3, 7), False, now, 50, momentum=Momentum(verdict)).plain
    assert len(line) == 50
    assert (words in line) if words else not any(w in line for w in render.MOMENTUM_MARK.values())
