"""Pilot tests of the key bar (ui/widgets/key_bar.py), the one-line Footer replacement.

A small app with known bindings pins what the bar shows, what a click or a hover
does, and that it follows the bindings; one test drives the real check-in screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget

from planner_tui.core import actions
from planner_tui.core.examples import add_reviews
from planner_tui.core.model import TacticStatus
from planner_tui.ui import stylesheets
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.value_fields import ValueFields
from ui_helpers import SIZE, reopen, screen_text

NUDGE = Binding.Group("push")
LINE = "a add p P push m [bold]x[/] g grey"


class Pane(Widget, can_focus=True):
    """A focusable pane with a key of its own, to change the screen's bindings."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("o", "app.record('open')", "open")]


class Keys(App):
    """Known bindings: a group, markup in a description, a greyed and a hidden key."""

    CSS_PATH = stylesheets.MAIN  # where the key bar's own rules are
    AUTO_FOCUS = None  # the pane's key shows only once a test focuses it
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "record('add')", "add", tooltip="Add one"),
        Binding("p", "record('push 1')", "+1 day", group=NUDGE),
        Binding("P", "record('push 7')", "+1 week", group=NUDGE),
        Binding("m", "record('mark')", "[bold]x[/]"),
        Binding("g", "grey", "grey", tooltip="Greyed out"),
        Binding("h", "hidden", "hidden"),
        Binding("z", "record('secret')", "secret", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.bells = 0
        self.grey_enabled = False

    def compose(self) -> ComposeResult:
        yield Pane()
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`grey` is shown dimmed (None) until enabled; `hidden` is never shown (False)."""
        if action == "grey":
            return True if self.grey_enabled else None
        return action != "hidden"

    def action_record(self, what: str) -> None:
        self.done.append(what)

    def action_grey(self) -> None:
        self.done.append("grey")

    def bell(self) -> None:
        self.bells += 1


def bar_line(app: App) -> str:
    """The bottom row of the terminal, as drawn."""
    return screen_text(app).splitlines()[-1].rstrip()


def x_of(bar: KeyBar, word: str) -> int:
    """The cell where ``word`` starts on the bar (ASCII, so cells are characters)."""
    return bar.render().plain.index(word)


async def test_the_bar_lists_the_keys_in_order_with_descriptions():
    app = Keys()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert bar_line(app) == LINE  # group as `p P push`; markup literal; no hidden or show=False keys
        bar = app.query_one(KeyBar)
        assert bar.region.y == SIZE[1] - 1 and bar.region.height == 1
        grey = bar.render()[x_of(bar, "g grey"):]
        assert all(span.style.dim for span in grey.spans)
        assert not any(span.style.dim for span in bar.render()[:x_of(bar, "g grey")].spans)


async def test_clicking_a_key_or_its_description_presses_it():
    app = Keys()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        await pilot.click(bar, offset=(x_of(bar, "add") + 1, 0))
        await pilot.click(bar, offset=(x_of(bar, "P"), 0))
        await pilot.click(bar, offset=(x_of(bar, "push"), 0))  # the group's label: not a key
        await pilot.click(bar, offset=(x_of(bar, "x[/]"), 0))
        await pilot.click(bar, offset=(len(LINE) + 5, 0))  # past the end
        await pilot.pause()
        assert app.done == ["add", "push 7", "mark"]


async def test_clicking_a_disabled_key_only_rings_the_bell():
    app = Keys()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        await pilot.click(bar, offset=(x_of(bar, "grey"), 0))
        await pilot.pause()
        assert (app.done, app.bells) == ([], 1)


async def test_the_bar_follows_the_bindings():
    app = Keys()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.query_one(Pane).focus()
        await pilot.pause()
        assert bar_line(app) == "o open " + LINE  # the focused pane's keys first
        app.grey_enabled = True
        app.refresh_bindings()
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert not any(span.style.dim for span in bar.render().spans)
        await pilot.click(bar, offset=(x_of(bar, "grey"), 0))
        await pilot.pause()
        assert (app.done, app.bells) == (["grey"], 0)


async def test_unchanged_bindings_do_not_repaint():
    app = Keys()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        repaints = []
        bar.refresh = lambda *args, **kwargs: repaints.append(args)
        bar.bindings_changed(app.screen)
        assert repaints == []
        app.grey_enabled = True
        bar.bindings_changed(app.screen)
        assert len(repaints) == 1


async def test_hovering_a_key_shows_its_tooltip_and_highlights_it():
    app = Keys()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        plain_bg = bar.render().spans[0].style.bgcolor
        await pilot.hover(bar, offset=(x_of(bar, "add"), 0))
        assert bar.tooltip == "Add one"
        assert bar.render().spans[0].style.bgcolor != plain_bg
        await pilot.hover(bar, offset=(x_of(bar, "p P"), 0))
        assert bar.tooltip == "+1 day"  # no tooltip: the binding's description
        await pilot.hover(bar, offset=(x_of(bar, "push"), 0))
        assert bar.tooltip is None
        assert {span.style.bgcolor for span in bar.render().spans} - {None} == {plain_bg}


async def test_the_check_in_screen_bar(store, now):
    goal = actions.add_strategy(store, "Open a shop").new_ids[0]
    late = actions.add_tactic(store, "sign [/] the lease", goal, due=now.date().subtract(days=1)).new_ids[0]
    app = PlannerApp(store, start="checkin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        line = "⏎ finish x done i start p tomorrow r due X drop s skip h history esc leave"
        assert bar_line(app) == line
        bar = app.screen.query_one(KeyBar)
        await pilot.click(bar, offset=(line.index("done"), 0))
        await pilot.pause()
        assert reopen(store).tactics[late].status is TacticStatus.DONE
        await pilot.press("n")  # the note field takes the keys: the bar changes with it
        await pilot.pause()
        assert bar_line(app) != line


async def test_the_review_screen_bar(examples, now):
    """The review's check_action looks up its note field, mounted after the bar: the bar
    must wait for the screen's bindings signal, as Footer does, not read them on mount."""
    add_reviews(examples, now, ("on-track", "at-risk"), "Fix [/] later")
    app = PlannerApp(examples, start="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for _ in app.screen.query_one(ValueFields).rows:  # the key results' values come first: enter skips each
            assert bar_line(app) == "esc leave"
            await pilot.press("enter")
        await pilot.pause()
        assert bar_line(app) == "1 on track 2 at risk 3 off track ⏎ pick n skip b back esc leave"


async def test_a_narrow_bar_shows_whole_entries_only_and_clicks_past_them_do_nothing():
    app = Keys()
    narrow = len("a add p P push m [bold]x[/]") + 3  # `g grey` would be cut after `g`
    async with app.run_test(size=(narrow, 10), notifications=True) as pilot:
        await pilot.pause()
        assert bar_line(app) == "a add p P push m [bold]x[/]"
        await pilot.click(KeyBar, offset=(narrow - 2, 0))  # where `g` would be
        await pilot.pause()
        assert app.done == [] and app.bells == 0
        await pilot.click(KeyBar, offset=(0, 0))
        await pilot.pause()
        assert app.done == ["add"]
