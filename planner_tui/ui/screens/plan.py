"""The main screen: strategy tree, tactics table, detail pane; the mediator.

Data flows one way. A key runs an action here; the action asks the session
(ui/session.py) for a change, directly or through a flow (ui/flows/: the keys
that open a dialog); the session commits it through core; the screen then tells
its widgets what changed (`show_saved`, `reload`), and they redraw. Widgets
only post messages (a highlight moved, the person wants the other pane);
handlers here decide what that means.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from rich.text import Text
from textual import events, getters, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Tree

from planner_tui.core import review
from planner_tui.core.file.changes import Change
from planner_tui.core.keyresults import readings, value_series
from planner_tui.core.outcome_pace import key_result_pace
from planner_tui.core.outcomes import StrategyProgress, standings
from planner_tui.core.user_text import counted
from planner_tui.core.views import (DayTally, Owners, Rollup, Search, momentum, search, strategy_path,
                                    tactic_rows, tree_shape)
from planner_tui.ui import render
from planner_tui.ui.app_settings import app_day, app_settings
from planner_tui.ui.commands import PlanCommands
from planner_tui.ui.flows import Target
from planner_tui.ui.keys import ALWAYS, EMPTY_PLAN, MEASURED, NEEDS_ITEM, SCREEN_BINDINGS, TACTIC_ONLY, TREE_ONLY
from planner_tui.ui.session import Session
from planner_tui.ui.state import UiState
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.key_results import KeyResultLine
from planner_tui.ui.widgets.line_input import LineInput
from planner_tui.ui.widgets.panes import DetailPane, PlanHeader
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable

# Flows, dialogs and the other screens are imported when first used: the first
# frame does not need them (about 10 ms of imports).

INSTANT_SEARCH = 20_000  # tactics: below this, search on every key; above, after a pause
SEARCH_HINT = "search strategies and tactics · enter keeps · esc clears"
NO_TACTICS = "No tactics shown here: a adds one, space expands the strategy, c shows its sub-strategies' tactics."


class PlanScreen(Screen[None]):
    """Shows the session's plan; keeps the view state (UiState) and the search."""

    BINDINGS = SCREEN_BINDINGS
    COMMANDS = {PlanCommands}
    TALL = 27  # rows from which the detail pane gets its full height
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]

    strategy_tree = getters.query_one(StrategyTree)
    tactic_table = getters.query_one(TacticTable)
    detail = getters.query_one(DetailPane)
    header = getters.query_one(PlanHeader)

    def __init__(self, session: Session) -> None:
        # Start with the class the first resize gives: adding it then would restyle
        # every widget before the first frame (~2 ms).
        super().__init__(id="plan", classes="-tall" if self.app.size.height >= self.TALL else "-short")
        self.session = session
        self.store = session.store
        self.ui = UiState.load(self.store.path, self.store.warnings.append)
        self.now = self.store.clock()
        self.rollup: Rollup | None = None  # built by reload(), once the screen is up
        self.standings: dict[int, StrategyProgress] = {}
        self.shape: frozenset | None = None
        self.search: Search | None = None
        self.view: str | None = None  # a named view of the settings (the palette), narrowing the search
        self._search_problem: str | None = None  # the last one told
        self.shown_strategy: int | None = None
        self._search_timer = None
        self._binding_state: tuple = ()
        self._rebuilding = 0
        self.tally: DayTally | None = None
        self._borders: dict[str | None, tuple] = {}
        self.marks: dict[int, review.ReviewMark] = {}  # due for review / last health, per reload

    def compose(self) -> ComposeResult:
        yield PlanHeader()
        with Horizontal(classes="panes"):
            yield StrategyTree()
            yield TacticTable()
        yield DetailPane()
        yield KeyBar()

    @property
    def plan(self):
        """The session's plan (what the palette searches: ui/commands.py `PlanView`)."""
        return self.store.plan

    @property
    def soon_days(self) -> int:
        """How many days ahead a deadline counts as soon (settings.toml)."""
        return app_settings(self).soon_days

    @property
    def search_field(self) -> Input | None:
        """Mounted the first time `/` is pressed (each widget type costs CSS work before the first frame)."""
        found = self.query("#search")
        return found.first(Input) if found else None

    def on_mount(self) -> None:
        self.strategy_tree.border_title = "strategies"
        # The first frame shows the plan; the day's counts and the detail pane follow it.
        self.reload(strategy=self.ui.strategy, first_frame=True)
        self.call_after_refresh(self._after_first_frame)
        self.watch(self.strategy_tree, "cursor_line", self.strategy_highlighted, init=False)
        self.watch(self.tactic_table, "cursor_row", self.tactic_highlighted, init=False)
        if self.store.plan.strategies:
            self.strategy_tree.focus()
        self.session.changed_signal.subscribe(self, self.plan_changed)
        self.app.theme_changed_signal.subscribe(self, self.theme_changed)

    def plan_changed(self, _session: Session) -> None:
        """Something else changed the plan (another process, a retried save, a new day)."""
        self.reload()

    def theme_changed(self, _theme) -> None:
        """Cells keep the colours they were built with: build them again in the new theme."""
        self.call_after_refresh(self._recolour)

    def _recolour(self) -> None:
        self.tactic_table.forget_cells()
        self.reload()

    # -- one way: plan -> widgets ---------------------------------------------------------

    def show_saved(self, change: Change | None, strategy: int | None = None, tactic: int | None = None) -> None:
        """Show a change just saved (the flows' `Show`): the cursor on ``tactic``, or on
        ``strategy`` with the tree focused."""
        self.reload(strategy, tactic, change)
        if strategy is not None:
            self.strategy_tree.focus()

    def reload(self, strategy: int | None = None, tactic: int | None = None,
               change: Change | None = None, first_frame: bool = False) -> None:
        """Hand the current plan to every widget; the cursor stays (or goes to the given ids).

        ``change`` (our own commit, or an undo) says which tactics moved, so the day's
        counts are updated instead of recounted. The ``first_frame`` shows the tree
        and the tactics only: the counts and the detail pane follow a frame later."""
        plan = self.store.plan
        self.now = self.store.clock()
        self.rollup = plan.rollup()  # kept by the plan until its tactics or strategies change
        self.standings = standings(plan, self.rollup)  # the bars: key results where they measure
        self.marks = review.review_marks(plan, self.now)
        self._welcome_if_empty(not plan.strategies)
        if self.search is not None:
            self.search = self._find(self.search.query)
        shape = tree_shape(plan)
        if shape != self.shape or self.search is not None:
            self.shape = shape
            cursor = strategy if strategy is not None else self.strategy_tree.strategy_id or self.ui.strategy
            with self.rebuilding():
                self.strategy_tree.show(plan, self.rollup, self.standings, self.now, self.ui.expanded,
                                        self.search.visible if self.search else None, cursor, self.marks)
        else:
            self.strategy_tree.redraw(plan, self.rollup, self.standings, self.now, self.marks)
            if strategy is not None:
                with self.rebuilding():
                    self.strategy_tree.select_strategy(strategy)
        self.show_tactics(keep=tactic, detail=not first_frame)
        if not first_frame:
            self._count_the_day(change)
            self.show_header()
        self.update_bindings()

    def _after_first_frame(self) -> None:
        self.strategy_tree.show_momentum()
        self._count_the_day(None)
        self.show_header()
        self.show_detail()
        self._tell_warnings()

    def _tell_warnings(self) -> None:
        """Side files the store set aside (a broken view state, say): said once, literally."""
        for message in self.store.warnings:
            self.notify(message, title="Set aside", severity="warning", markup=False, timeout=10)
        self.store.warnings.clear()

    def _count_the_day(self, change: Change | None) -> None:
        plan = self.store.plan
        if change is not None and self.tally is not None and self.tally.today == self.now.date():
            self.tally.update(plan, {op.id for op in change.forward if op.table == "tactics"})
        else:
            self.tally = DayTally(plan, self.now)

    @contextlib.contextmanager
    def rebuilding(self) -> Iterator[None]:
        """The screen moves the cursors itself and shows the tactics after: the
        cursor watchers stay quiet meanwhile."""
        self._rebuilding += 1
        try:
            yield
        finally:
            self._rebuilding -= 1

    def update_bindings(self) -> None:
        """Refresh the footer only when what applies changed: a footer rebuild costs
        a frame, too much for every cursor move."""
        table = self.tactic_table
        state = (self.session.can_undo, self.session.can_redo, bool(self.session.unsaved),
                 bool(self.store.plan.strategies), self.search is not None, self.focused,
                 table.has_focus and table.tactic_id is not None)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def _welcome_if_empty(self, empty: bool) -> None:
        """An empty plan shows the welcome; the first strategy brings the panes back."""
        if empty != self.has_class("-empty"):
            self.set_class(empty, "-empty")
            if empty:
                from planner_tui.ui.widgets.welcome import Welcome

                self._mount_once("welcome", lambda: Welcome(id="welcome"), focus="#welcome-add")
            else:
                self.strategy_tree.focus()

    def _mount_once(self, widget_id: str, make, focus: str | None = None) -> None:
        """The welcome and the search field are mounted the first time they are
        needed: each widget type costs CSS work before the first frame."""
        if not self.query(f"#{widget_id}"):
            self.mount(make(), before=self.query_one(KeyBar))
        if focus:
            self.call_after_refresh(lambda: self.query_one(focus).focus())

    def show_tactics(self, keep: int | None = None, first_row: bool = False, detail: bool = True) -> None:
        """The highlighted strategy's tactics, with the toggles and the search applied
        (and the detail pane, unless ``detail`` is False)."""
        plan, sid = self.store.plan, self.strategy_tree.strategy_id
        self.shown_strategy = sid
        if sid is None or sid not in plan.strategies:
            self.tactic_table.show([], self.now, soon_days=self.soon_days)
            self._border(self.tactic_table, Text("tactics"), None)
            if detail:
                self.show_detail()
            return
        rows = tactic_rows(plan, sid, deep=self.ui.include_sub, hide_done=self.ui.hide_done,
                           only=self.search.tactics_under(sid) if self.search else None, rollup=self.rollup)
        serves = Owners(plan, rows.rows.ids, sid) if self.ui.include_sub else None
        with self.rebuilding():
            if first_row:
                self.tactic_table.cursor_row = 0
            elif keep is None:
                keep = self.tactic_table.tactic_id  # same strategy: stay on the same tactic
            self.tactic_table.show(rows.rows, self.now, serves, keep=keep, soon_days=self.soon_days)
        self._border(self.tactic_table, Text.assemble("tactics · ", render.literal(plan.strategies[sid].title)),
                     Text(self._table_note(rows.total)))
        if detail:
            self.show_detail()

    def _border(self, widget, title: Text, subtitle: Text | None) -> None:
        """Set a pane's border texts only when they change: setting one repaints the
        whole pane and its neighbours (a frame's worth of work on every key)."""
        if self._borders.get(type(widget).__name__) != (title, subtitle):
            self._borders[type(widget).__name__] = (title, subtitle)
            widget.border_title, widget.border_subtitle = title, subtitle

    def _table_note(self, total: int) -> str:
        parts = ["c: with sub-strategies" if self.ui.include_sub else "c: own only",
                 ".: done hidden" if self.ui.hide_done else ".: done shown"]
        if total > 1:
            parts.append(f"{total:,} tactics")
        elif not total:
            parts.append("none yet: a adds one")
        return " · ".join(parts)

    def show_detail(self) -> None:
        """The tactic under the cursor when the table has focus, else the strategy."""
        plan = self.store.plan
        tactic_id = self.tactic_table.tactic_id if self.tactic_table.has_focus else None
        if tactic_id is not None and tactic_id in plan.tactics:
            tactic = plan.tactics[tactic_id]
            self.detail.show_tactic(tactic, self._path(tactic.strategy), self.now, self.soon_days)
        elif (sid := self.strategy_tree.strategy_id) in plan.strategies:
            strategy = plan.strategies[sid]
            last = review.last_review(plan, sid)
            self.detail.show_strategy(strategy, self._path(sid), self.strategy_tree.progress(sid),
                                      momentum(plan, sid, self.now, self.rollup), self.now,
                                      review.health_series(plan, sid), last,
                                      review.next_review(strategy, last, self.now), self._key_results(sid))
        else:
            self.detail.show_nothing()

    def _key_results(self, strategy_id: int) -> list[KeyResultLine]:
        """The strategy's own key results as they read now, each with its pace and last values."""
        plan = self.store.plan
        strategy = plan.strategies[strategy_id]
        return [KeyResultLine(found, key_result_pace(found, strategy, self.now),
                              value_series(plan, found.key_result.id))
                for found in readings(plan, strategy_id)]

    def _path(self, strategy_id: int) -> str:
        if strategy_id not in self.store.plan.strategies:
            return "?"
        return strategy_path(self.store.plan, strategy_id)

    def show_header(self) -> None:
        from planner_tui.core import checkin  # the streak follows the first frame: so does its import

        if self.tally is None:
            self.tally = DayTally(self.store.plan, self.now)
        streak = checkin.streak_status(self.store.plan, app_day(self, self.now))
        self.header.show(self.store.path.name, self.now, self.tally.counts, len(self.session.unsaved),
                         streak.days, streak.today)

    # -- messages up from the widgets ---------------------------------------------------------

    def strategy_highlighted(self) -> None:
        """The tree cursor moved: swap the tactics (unless they are already shown).

        Called by a watcher on the tree's cursor (not by its NodeHighlighted
        message) so the new tactics are drawn in the same frame as the cursor."""
        if self._rebuilding:
            return
        sid = self.strategy_tree.strategy_id
        if sid != self.shown_strategy:
            self.show_tactics(first_row=True)
        self.ui.strategy = sid

    @on(Tree.NodeExpanded)
    @on(Tree.NodeCollapsed)
    def remember_expansion(self, event: Tree.NodeExpanded | Tree.NodeCollapsed) -> None:
        """Expansion survives a restart (but a search's expansions are not remembered)."""
        if self.search is not None or event.node.data is None:
            return
        if isinstance(event, Tree.NodeExpanded):
            self.ui.expanded.add(event.node.data)
        else:
            self.ui.expanded.discard(event.node.data)
        self.ui.save(self.store.path)

    @on(StrategyTree.Entered)
    def enter_tactics(self) -> None:
        """l / → / enter: to the tactics; with none shown, say so rather than do nothing."""
        if self.tactic_table.row_count:
            self.tactic_table.focus()
        else:
            self.session.tell(NO_TACTICS, timeout=4)

    @on(TacticTable.Left)
    def back_to_tree(self) -> None:
        self.strategy_tree.focus()

    @on(TacticTable.Chosen)
    def edit_chosen(self, event: TacticTable.Chosen) -> None:
        from planner_tui.ui.flows import editing

        if event.tactic_id in self.store.plan.tactics:
            editing.edit(self.session, Target("tactic", event.tactic_id), self.now, self.show_saved)

    def tactic_highlighted(self) -> None:
        """The table cursor moved: the detail follows, in the same frame (a watcher)."""
        if self.tactic_table.has_focus and not self._rebuilding:
            self.show_detail()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.show_detail()
        self.update_bindings()

    # -- search --------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        if self.search is not None and event.value == self.search.query:
            return  # set by `search_for`, already applied
        if self._search_timer is not None:
            self._search_timer.stop()
        if len(self.store.plan.tactics) < INSTANT_SEARCH:
            self.apply_search(event.value)
        else:
            self._search_timer = self.set_timer(0.15, lambda: self.apply_search(event.value))

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.strategy_tree.focus()

    def apply_search(self, query: str) -> None:
        """Filter the tree to hits and their ancestors, the tactics to hits. No search or
        view asked and none shown: nothing to do (clearing the field tells us again, a
        turn later, and must not move a cursor `go_to` has put on a tactic since)."""
        if not query.strip() and self.view is None and self.search is None:
            return
        plan = self.store.plan
        self.search = self._find(query)
        visible = self.search.visible if self.search else None
        cursor = self.strategy_tree.strategy_id
        if self.search:
            hits = self.search.strategy_hits | {plan.tactics[t].strategy for t in self.search.tactic_hits}
            if cursor not in hits:
                cursor = next((s.id for s in plan.tree_order() if s.id in hits), cursor)
        with self.rebuilding():
            self.strategy_tree.show(plan, self.rollup, self.standings, self.now, self.ui.expanded, visible, cursor, self.marks)
        self._border(self.strategy_tree, Text("strategies"), self._search_note())
        self.show_tactics(first_row=True)

    def _find(self, query: str) -> Search | None:
        """The search (`@ana #launch words`, core/filters.py `find`) within the named view;
        None when neither is on. What cannot be read (`@me` with no owner set) is told,
        and the words are searched as they are."""
        if not query.strip() and self.view is None:
            return None
        from planner_tui.core.errors import InputError
        from planner_tui.core.filters import find

        settings = app_settings(self)
        view = settings.views.get(self.view) if self.view is not None else None
        self._search_problem, told = None, self._search_problem
        try:
            return find(self.store.plan, query, self.now, settings.owner, settings.week_start_day, view)
        except InputError as error:
            if str(error) != told:  # told once, not again on every key typed after it
                self.notify(str(error), title="Search", severity="warning", markup=False)
            self._search_problem = str(error)
            return search(self.store.plan, query)

    def _search_note(self) -> Text | None:
        if self.search is None:
            return None
        note = Text()
        if self.view is not None:
            note.append_text(Text("view ").append_text(render.literal(self.view)))
        if self.search.query.strip():
            note.append(" · /" if note else "/")
            note.append_text(render.literal(self.search.query))
        note.append(f" · {counted(len(self.search.strategy_hits), 'strategy', 'strategies')}, "
                        f"{counted(len(self.search.tactic_hits), 'tactic')}")
        return note

    def action_search(self) -> None:
        field = self.search_field
        if field is None:
            self._mount_once("search", lambda: LineInput(id="search", classes="search", compact=True,
                                                         placeholder=SEARCH_HINT), focus="#search")
        else:
            field.display = True
            field.focus()

    def action_clear_search(self) -> None:
        field = self.search_field
        if field is not None:
            field.value = ""
            field.display = False
        self.view = None
        self.apply_search("")
        self.strategy_tree.focus()

    def action_my_work(self) -> None:
        """The tactics of the settings' owner (inherited from their strategies too): `@me`."""
        from planner_tui.core.errors import InputError
        from planner_tui.core.labels import ME, whose

        try:
            whose(ME, app_settings(self).owner)
        except InputError as error:  # no owner in the settings: how to set one
            self.notify(str(error), title="My work", severity="warning", markup=False)
            return
        self.search_for(f"@{ME}")

    def show_view(self, name: str) -> None:
        """From the palette: the plan through a named view of the settings ([views.NAME]);
        esc leaves it."""
        self.view = name
        field = self.search_field
        self.apply_search(field.value if field is not None and field.display else "")
        self.strategy_tree.focus()

    def search_for(self, query: str) -> None:
        """Show ``query`` in the search field, and its hits."""
        field = self.search_field
        if field is None:
            self.mount(LineInput(query, id="search", classes="search", compact=True, placeholder=SEARCH_HINT),
                       before=self.query_one(KeyBar))
        else:
            field.value, field.display = query, True
        self.apply_search(query)
        self.strategy_tree.focus()

    def go_to(self, strategy_id: int, tactic_id: int | None = None) -> None:
        """From the palette: show a strategy, or a tactic with the cursor on it. A search
        (or view) or the done-hidden toggle that hides it is cleared first, so `x` then
        marks the tactic named, not whichever row the cursor was left on."""
        plan = self.store.plan
        tactic = plan.tactics.get(tactic_id) if tactic_id is not None else None
        shown = self.search.tactics_under(strategy_id) if self.search is not None else None
        if self.search is not None and (strategy_id not in self.search.visible or (
                tactic is not None and shown is not None and tactic_id not in shown)):
            self.action_clear_search()
        if tactic is not None and self.ui.hide_done and not tactic.status.is_open:
            self.ui.hide_done = False
            self.ui.save(self.store.path)
        with self.rebuilding():  # the tactics are shown once, below, with the cursor on the one named
            self.strategy_tree.select_strategy(strategy_id)
        self.ui.strategy = self.strategy_tree.strategy_id
        self.show_tactics(keep=tactic_id)
        (self.tactic_table if tactic_id is not None else self.strategy_tree).focus()

    # -- what applies now (footer, palette) ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ALWAYS:
            return bool(self.store.plan.strategies) or action in EMPTY_PLAN
        field = self.search_field
        if field is not None and field.has_focus:
            return action == "clear_search"
        if action == "undo":
            return True if self.session.can_undo else None
        if action == "redo":
            return True if self.session.can_redo else None
        if action == "retry":
            return bool(self.session.unsaved)
        if action == "clear_search":
            return self.search is not None or (field is not None and field.display)
        if not self.store.plan.strategies:
            return action in EMPTY_PLAN
        if action in TREE_ONLY:
            return not self.tactic_table.has_focus
        if action in MEASURED:
            sid = self.strategy_tree.strategy_id
            return not self.tactic_table.has_focus and bool(sid is not None and self.store.plan.key_results_of(sid))
        if action in TACTIC_ONLY:
            return self.tactic_table.has_focus and self.tactic_table.tactic_id is not None
        if action in NEEDS_ITEM:
            return self.target() is not None
        return self.strategy_tree.strategy_id is not None

    def target(self) -> Target | None:
        """The highlighted tactic when the table has focus, else the strategy; None if nothing."""
        if self.tactic_table.has_focus:
            tactic = self.tactic_table.tactic_id
            return Target("tactic", tactic) if tactic in self.store.plan.tactics else None
        sid = self.strategy_tree.strategy_id
        return Target("strategy", sid) if sid in self.store.plan.strategies else None

    # -- keys that change the plan: ask the session (or a flow), then show ---------------------------

    def action_add_tactic(self) -> None:
        from planner_tui.ui.flows import editing

        editing.add_tactic(self.session, self.strategy_tree.strategy_id, self.now, self.show_saved)

    def action_add_strategy(self) -> None:
        """A top-level strategy, wherever the cursor is (`S` adds one under it)."""
        self._add_strategy(None)

    def action_add_child(self) -> None:
        self._add_strategy(self.strategy_tree.strategy_id)

    def _add_strategy(self, parent: int | None) -> None:
        from planner_tui.ui.flows import editing

        editing.add_strategy(self.session, parent, self.now, app_settings(self).default_review_every,
                             self.show_saved)

    def action_edit(self) -> None:
        from planner_tui.ui.flows import editing

        editing.edit(self.session, self.target(), self.now, self.show_saved)

    def action_deadline(self) -> None:
        from planner_tui.ui.flows import editing

        editing.deadline(self.session, self.target(), self.now, self.show_saved)

    def action_done(self) -> None:
        self._toggle("done")

    def action_start(self) -> None:
        self._toggle("start")

    def action_drop(self) -> None:
        self._toggle("drop")

    def _toggle(self, key: str) -> None:
        from planner_tui.ui.flows import status

        status.toggle(self.session, self.target(), key, self.show_saved)

    def action_push(self, days: int) -> None:
        from planner_tui.core import actions

        item = self.tactic_table.tactic_id
        self.session.change(f"push {self.store.plan.tactics[item].title!r} by {days} days",
                            lambda: actions.push(self.store, [item], days),
                            lambda change: self.show_saved(change, tactic=item))

    def action_reorder(self, offset: int) -> None:
        from planner_tui.ui.flows import moving

        moving.reorder(self.session, self.target(), offset, self.show_saved)

    @work
    async def action_move(self) -> None:
        from planner_tui.ui.flows import moving

        await moving.move(self.session, self.target(), self.show_saved)

    @work
    async def action_delete(self) -> None:
        from planner_tui.ui.flows import deleting

        await deleting.delete(self.session, self.target(), self.show_saved)

    @work
    async def action_record_value(self) -> None:
        from planner_tui.ui.flows import key_results

        await key_results.record_value(self.session, self.strategy_tree.strategy_id, self.store.clock(),
                                       self.show_saved)

    def action_burnup(self) -> None:
        """The highlighted strategy's burn-up chart; back here, the plan reloads (a value may
        have been recorded there)."""
        from planner_tui.ui.screens.burnup import BurnupScreen

        self.app.push_screen(BurnupScreen(self.session, self.strategy_tree.strategy_id), lambda _: self.reload())

    def action_load_examples(self) -> None:
        from planner_tui.ui.flows.examples import load_examples

        load_examples(self.session, self.show_saved)

    def action_undo(self) -> None:
        self.session.undo(lambda change: self.reload(change=change))

    def action_redo(self) -> None:
        self.session.redo(lambda change: self.reload(change=change))

    def action_retry(self) -> None:
        self.session.retry()

    # -- keys that change the view, or go elsewhere -------------------------------------------------

    def action_toggle_sub(self) -> None:
        self.ui.include_sub = not self.ui.include_sub
        self.ui.save(self.store.path)
        self.show_tactics()

    def action_toggle_done(self) -> None:
        self.ui.hide_done = not self.ui.hide_done
        self.ui.save(self.store.path)
        self.show_tactics()

    def action_help(self) -> None:
        from planner_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_checkin(self) -> None:
        """The daily check-in (on the session's undo history); back here, the plan reloads."""
        from planner_tui.ui.screens.checkin import CheckinScreen

        self.app.push_screen(CheckinScreen(self.session), lambda _: self.reload())

    def action_review(self) -> None:
        """The review of the strategies due for review."""
        from planner_tui.ui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.session), lambda _: self.reload())

    def action_overview(self) -> None:
        """Every strategy at a glance; enter there comes back to the strategy chosen."""
        from planner_tui.ui.screens.overview import OverviewScreen

        self.app.push_screen(OverviewScreen(self.session), self._back_from_overview)

    def _back_from_overview(self, strategy_id: int | None) -> None:
        self.reload()
        if strategy_id is not None and strategy_id in self.store.plan.strategies:
            self.go_to(strategy_id)

    def action_checkin_history(self) -> None:
        from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen

        self.app.push_screen(CheckinHistoryScreen(self.session), lambda _: self.reload())

    def action_sync(self) -> None:
        """Sync with the CalDAV list of the settings, in a worker (ui/syncing.py)."""
        from planner_tui.ui import syncing

        syncing.start(self.app, self.session, app_settings(self).caldav)

    def action_digest(self, kind: str) -> None:
        """A digest for one of two readers (from the palette)."""
        from planner_tui.ui.screens.digest import DigestScreen

        self.app.push_screen(DigestScreen(self.session, kind))

    @work
    async def action_export(self) -> None:
        from planner_tui.ui.flows.exporting import export

        await export(self.session)

    def action_quit(self) -> None:
        self.ui.save(self.store.path)
        self.session.quit()
