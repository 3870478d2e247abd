"""The main screen: strategy tree, tactics table, detail pane; the mediator.

Data flows one way. A key runs an action (plan_actions.py); the action asks
core/ for a change; core commits it to the file; `reload()` hands the new plan
to the widgets, which redraw. Widgets only post messages (a highlight moved,
the person wants the other pane); handlers here decide what that means.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Tree

from planner_tui.core import review
from planner_tui.core.file.changes import Change
from planner_tui.core.history import History
from planner_tui.core.file.store import PlanFileError, SaveError, Store
from planner_tui.core.views import (DayTally, Rollup, Search, owners, pace, search, strategy_path,
                                    tactic_rows, tree_order, tree_shape)
from planner_tui.ui import render
from planner_tui.ui.app_settings import app_settings
from planner_tui.ui.commands import PlanCommands
from planner_tui.ui.keys import SCREEN_BINDINGS
from planner_tui.ui.screens.plan_actions import Pending, PlanActions
from planner_tui.ui.screens.plan_edits import PlanEdits
from planner_tui.ui.state import UiState
from planner_tui.ui.widgets.key_bar import KeyBar
from planner_tui.ui.widgets.panes import DetailPane, PlanHeader
from planner_tui.ui.widgets.strategy_tree import StrategyTree
from planner_tui.ui.widgets.tactic_table import TacticTable

POLL_SECONDS = 1.0
ROW_LIMIT = 1000
INSTANT_SEARCH = 20_000  # tactics: below this, search on every key; above, after a pause


class PlanScreen(PlanActions, PlanEdits, Screen[None]):
    """Owns the store, the undo history and the view state; widgets get data."""

    BINDINGS = SCREEN_BINDINGS
    COMMANDS = {PlanCommands}
    TALL = 27  # rows from which the detail pane gets its full height
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]

    def __init__(self, store: Store) -> None:
        # Start with the class the first resize gives: adding it then would restyle
        # every widget before the first frame (~2 ms).
        super().__init__(id="plan", classes="-tall" if self.app.size.height >= self.TALL else "-short")
        self.store = store
        self.history = History(store)
        self.ui = UiState.load(store.path, store.warnings.append)
        self.now = store.clock()
        self.rollup: Rollup | None = None  # built by reload(), once the screen is up
        self.shape: frozenset | None = None
        self.search: Search | None = None
        self.shown_strategy: int | None = None
        self.pending: list[Pending] = []
        self._search_timer = None
        self._binding_state: tuple = ()
        self._rebuilding = 0
        self.tally: DayTally | None = None
        self._borders: dict[str | None, tuple] = {}
        self.marks: dict[int, review.ReviewMark] = {}  # due for review / last health, per reload

    def compose(self) -> ComposeResult:
        yield PlanHeader(id="header")
        with Horizontal(id="panes"):
            yield StrategyTree(id="tree")
            yield TacticTable(id="tactics")
        yield DetailPane(id="detail")
        yield KeyBar()

    def mount_once(self, widget_id: str, make, focus: str | None = None) -> None:
        """The welcome and the search field are mounted the first time they are
        needed: each widget type costs CSS work before the first frame."""
        if not self.query(f"#{widget_id}"):
            self.mount(make(), before=self.query_one(KeyBar))
        if focus:
            self.call_after_refresh(lambda: self.query_one(focus).focus())

    @property
    def soon_days(self) -> int:
        """How many days ahead a deadline counts as soon (settings.toml)."""
        return app_settings(self).soon_days

    @property
    def search_field(self) -> Input | None:
        found = self.query("#search")
        return found.first(Input) if found else None

    @property
    def strategy_tree(self) -> StrategyTree:
        return self.query_one(StrategyTree)

    @property
    def tactic_table(self) -> TacticTable:
        return self.query_one(TacticTable)

    def on_mount(self) -> None:
        self.strategy_tree.border_title = "strategies"
        # The first frame shows the plan; the day's counts and the detail pane follow it.
        self.reload(strategy=self.ui.strategy, first_frame=True)
        self.call_after_refresh(self._after_first_frame)
        self.watch(self.strategy_tree, "cursor_line", self.strategy_highlighted, init=False)
        self.watch(self.tactic_table, "cursor_row", self.tactic_highlighted, init=False)
        if self.store.plan.strategies:
            self.strategy_tree.focus()
        self.set_interval(POLL_SECONDS, self.poll)
        self.app.theme_changed_signal.subscribe(self, self.theme_changed)

    def theme_changed(self, _theme) -> None:
        """Cells keep the colours they were built with: build them again in the new theme."""
        self.call_after_refresh(self._recolour)

    def _recolour(self) -> None:
        self.tactic_table.forget_cells()
        self.reload()

    # -- one way: plan -> widgets ---------------------------------------------------------

    def reload(self, strategy: int | None = None, tactic: int | None = None,
               change: Change | None = None, first_frame: bool = False) -> None:
        """Hand the current plan to every widget; the cursor stays (or goes to the given ids).

        ``change`` (our own commit, or an undo) says which tactics moved, so the day's
        counts are updated instead of recounted. The ``first_frame`` shows the tree
        and the tactics only: the counts and the detail pane follow a frame later."""
        plan = self.store.plan
        self.now = self.store.clock()
        self.rollup = Rollup(plan)
        self.marks = review.review_marks(plan, self.now)
        self._welcome_if_empty(not plan.strategies)
        if self.search is not None:
            self.search = search(plan, self.search.query)
        shape = tree_shape(plan)
        if shape != self.shape or self.search is not None:
            self.shape = shape
            cursor = strategy if strategy is not None else self.strategy_tree.strategy_id or self.ui.strategy
            with self.rebuilding():
                self.strategy_tree.show(plan, self.rollup, self.now, self.ui.expanded,
                                        self.search.visible if self.search else None, cursor, self.marks)
        else:
            self.strategy_tree.redraw(plan, self.rollup, self.now, self.marks)
            if strategy is not None:
                with self.rebuilding():
                    self.strategy_tree.select_strategy(strategy)
        self.show_tactics(keep=tactic, detail=not first_frame)
        if not first_frame:
            self._count_the_day(change)
            self.show_header()
        self.update_bindings()

    def _after_first_frame(self) -> None:
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
        state = (self.history.can_undo, self.history.can_redo, bool(self.pending),
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

                self.mount_once("welcome", lambda: Welcome(id="welcome"), focus="#welcome-add")
            else:
                self.strategy_tree.focus()

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
                           query=self._tactic_query(sid), limit=ROW_LIMIT, rollup=self.rollup)
        serves = owners(plan, rows.rows.ids, sid) if self.ui.include_sub else None
        with self.rebuilding():
            if first_row:
                self.tactic_table.cursor_row = 0
            elif keep is None:
                keep = self.tactic_table.tactic_id  # same strategy: stay on the same tactic
            self.tactic_table.show(rows.rows, self.now, serves, keep=keep, soon_days=self.soon_days)
        self._border(self.tactic_table, Text.assemble("tactics · ", render.literal(plan.strategies[sid].title)),
                     Text(self._table_note(rows.total, len(rows.rows))))
        if detail:
            self.show_detail()

    def _border(self, widget, title: Text, subtitle: Text | None) -> None:
        """Set a pane's border texts only when they change: setting one repaints the
        whole pane and its neighbours (a frame's worth of work on every key)."""
        if self._borders.get(widget.id) != (title, subtitle):
            self._borders[widget.id] = (title, subtitle)
            widget.border_title, widget.border_subtitle = title, subtitle

    def _tactic_query(self, sid: int) -> str:
        """Search narrows the tactics unless the strategy itself matched."""
        if self.search is None or sid in self.search.strategy_hits:
            return ""
        return self.search.query

    def _table_note(self, total: int, shown: int) -> str:
        parts = ["c: with sub-strategies" if self.ui.include_sub else "c: own only",
                 ".: done hidden" if self.ui.hide_done else ".: done shown"]
        if total > shown:
            parts.append(f"{shown:,} of {total:,}, nearest first: / to search")
        elif not total:
            parts.append("none yet: a adds one")
        return " · ".join(parts)

    def show_detail(self) -> None:
        """The tactic under the cursor when the table has focus, else the strategy."""
        detail, plan = self.query_one(DetailPane), self.store.plan
        tactic_id = self.tactic_table.tactic_id if self.tactic_table.has_focus else None
        if tactic_id is not None and tactic_id in plan.tactics:
            tactic = plan.tactics[tactic_id]
            detail.show_tactic(tactic, self._path(tactic.strategy), self.now, self.soon_days)
        elif (sid := self.strategy_tree.strategy_id) in plan.strategies:
            strategy = plan.strategies[sid]
            last = review.last_review(plan, sid)
            detail.show_strategy(strategy, self._path(sid), self.rollup.progress(sid),
                                 pace(plan, sid, self.now, self.rollup), self.now,
                                 review.health_series(plan, sid), last,
                                 review.next_review(strategy, last, self.now))
        else:
            detail.show_nothing()

    def _path(self, strategy_id: int) -> str:
        if strategy_id not in self.store.plan.strategies:
            return "?"
        return strategy_path(self.store.plan, strategy_id)

    def show_header(self) -> None:
        from planner_tui.core import checkin  # the streak follows the first frame: so does its import

        if self.tally is None:
            self.tally = DayTally(self.store.plan, self.now)
        streak = checkin.streak_status(self.store.plan, self.now.date())
        self.query_one(PlanHeader).show(self.store.path.name, self.now, self.tally.counts, len(self.pending),
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
        if self.tactic_table.row_count:
            self.tactic_table.focus()

    @on(TacticTable.Left)
    def back_to_tree(self) -> None:
        self.strategy_tree.focus()

    @on(TacticTable.Chosen)
    def edit_chosen(self) -> None:
        self.action_edit()

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
        """Filter the tree to hits and their ancestors, the tactics to hits."""
        plan = self.store.plan
        self.search = search(plan, query) if query.strip() else None
        visible = self.search.visible if self.search else None
        cursor = self.strategy_tree.strategy_id
        if self.search:
            hits = self.search.strategy_hits | {plan.tactics[t].strategy for t in self.search.tactic_hits}
            if cursor not in hits:
                cursor = next((s.id for s in tree_order(plan) if s.id in hits), cursor)
        with self.rebuilding():
            self.strategy_tree.show(plan, self.rollup, self.now, self.ui.expanded, visible, cursor, self.marks)
        self._border(self.strategy_tree, Text("strategies"), self._search_note())
        self.show_tactics(first_row=True)

    def _search_note(self) -> Text | None:
        if self.search is None:
            return None
        note = Text("/")
        note.append_text(render.literal(self.search.query))
        note.append(f" · {len(self.search.strategy_hits)} strategies, {len(self.search.tactic_hits)} tactics")
        return note

    # -- the file changing under us, and saves that failed ------------------------------------------

    def poll(self) -> None:
        """Another process may have changed the file; a new day changes every deadline's words."""
        if self.pending:
            self.retry_pending(quiet=True)
        try:
            changed = self.store.refresh()
        except PlanFileError as error:
            self.notify(str(error), title="Cannot read the plan file", severity="error", markup=False)
            return
        if changed or self.store.clock().date() != self.now.date():
            self.reload()

    def retry_pending(self, quiet: bool = False) -> None:
        """Try the unsaved changes again, oldest first; stop at the first failure."""
        while self.pending:
            try:
                change = self.pending[0].make()
            except SaveError as error:
                if not quiet:
                    self.notify(str(error), title="Still cannot save", severity="error", markup=False)
                break
            except Exception as error:  # the change no longer applies (deleted meanwhile)
                change = None
                self.notify(f"Dropped an unsaved change: {error}", severity="warning", markup=False)
            done = self.pending.pop(0)
            if change:
                self.history.record(change)
                self.notify(f"Saved: {done.what}", markup=False)
        self.reload()
        self.update_bindings()

