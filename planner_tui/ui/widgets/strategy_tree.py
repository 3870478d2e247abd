"""The strategy tree: lazy, drawn from the plan at render time.

Only strategies whose parent is expanded get a `TreeNode`, so a plan with a
thousand strategies costs what is on screen. Rows are not stored as labels:
`render_label` asks `render.strategy_line` for each visible line, fitted to the
pane's width, from the plan and roll-up the screen last handed over (and the
momentum, read for the rows drawn); after a change, `redraw()` just drops the line
cache. `render.strategy_line` is the one place a row's label is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pendulum import DateTime
from rich.style import Style
from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from planner_tui.core.outcomes import StrategyProgress
from planner_tui.core.plan import Plan
from planner_tui.core.review import ReviewMark
from planner_tui.core.views import Momentum, Rollup, momentum
from planner_tui.ui import render
from planner_tui.ui.widgets.palette import palette_of

TOGGLE = Style.from_meta({"toggle": True})


class StrategyTree(Tree[int]):
    """Strategies as a tree; posts `Entered`, the screen does the rest."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_home", "First", show=False),
        Binding("G,end", "scroll_end", "Last", show=False),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False),
        # l / → / enter always go to the tactics (a collapsed strategy too): a key that
        # did one thing or another by the tree's state sent `l g X` to the wrong place.
        # Expanding is space (Tree's own binding).
        Binding("l,right,enter", "enter", "Tactics", show=False),
        Binding("h,left", "collapse_or_parent", "Collapse / parent", show=False),
    ]

    @dataclass
    class Entered(Message):
        """The person wants to work on the tactics of ``strategy_id``."""

        tree: StrategyTree
        strategy_id: int

        @property
        def control(self) -> StrategyTree:
            return self.tree

    def __init__(self, **kwargs) -> None:
        super().__init__("plan", **kwargs)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3
        self.plan = Plan()
        self.rollup = Rollup(self.plan)
        self.standings: dict[int, StrategyProgress] = {}  # the bars' progress (core/outcomes.py)
        self.now: DateTime | None = None
        self.only: set[int] | None = None
        self.strategy_nodes: dict[int, TreeNode[int]] = {}
        self._looks: dict[int, tuple] = {}
        self.marks: dict[int, ReviewMark] = {}
        self.with_momentum = False  # from the second frame on (`show_momentum`): the first is drawn sooner
        self._momenta: dict[int, Momentum] = {}

    # -- what the screen calls -------------------------------------------------------

    def show(self, plan: Plan, rollup: Rollup, standings: dict[int, StrategyProgress], now: DateTime,
             expanded: set[int], visible: set[int] | None = None, cursor: int | None = None,
             marks: dict[int, ReviewMark] | None = None) -> None:
        """Rebuild the nodes (roots, and children of expanded ones) and put the cursor back.
        ``marks``: the review marks by strategy id (due for review, last health)."""
        self.plan, self.rollup, self.standings, self.now, self.only = plan, rollup, standings, now, visible
        self.marks = marks or {}
        self._momenta = {}
        self.clear()
        self.strategy_nodes, self._looks = {}, {}
        self._add_children(self.root, None)
        wanted = set(plan.strategies) if visible is not None else expanded
        for sid in list(self._walk_wanted(wanted)):
            self._expand(sid)
        self.select_strategy(cursor)

    def redraw(self, plan: Plan, rollup: Rollup, standings: dict[int, StrategyProgress], now: DateTime,
               marks: dict[int, ReviewMark] | None = None) -> None:
        """Same shape, new numbers: draw again only the rows whose look changed
        (a tree line costs ~0.25 ms to draw; a done tactic changes a few rows)."""
        new_day = self.now is None or now.date() != self.now.date()
        self.plan, self.rollup, self.standings, self.now = plan, rollup, standings, now
        self.marks = marks or {}
        self._momenta = {}  # rows drawn again ask again; a row's momentum moves with its numbers (`_look`)
        for sid, node in self.strategy_nodes.items():
            look = self._look(sid)
            if new_day or look != self._looks.get(sid):
                self._looks[sid] = look
                node.refresh()

    def _look(self, sid: int) -> tuple:
        """What a row shows: the strategy (a new object when it changed) and its numbers."""
        return (self.plan.strategies.get(sid), self.progress(sid), self.rollup.is_wish(sid),
                self.marks.get(sid))

    def progress(self, strategy_id: int) -> StrategyProgress:
        """The row's bar: key results where they measure it, else its tactics."""
        if strategy_id in self.standings:
            return self.standings[strategy_id]
        tactics = self.rollup.progress(strategy_id)
        return StrategyProgress(tactics, tactics.ratio)

    def show_momentum(self) -> None:
        """Rows say the momentum from now on (a subtree's recent work is read per row drawn:
        ~0.5 ms for a thousand tactics, kept off the first frame)."""
        self.with_momentum = True
        for node in self.strategy_nodes.values():
            node.refresh()

    def _momentum(self, strategy_id: int) -> Momentum | None:
        if not self.with_momentum or self.now is None:
            return None
        if strategy_id not in self._momenta:
            self._momenta[strategy_id] = momentum(self.plan, strategy_id, self.now, self.rollup)
        return self._momenta[strategy_id]

    @property
    def strategy_id(self) -> int | None:
        """The highlighted strategy's id."""
        node = self.cursor_node
        return node.data if node is not None else None

    @property
    def expanded_ids(self) -> set[int]:
        return {sid for sid, node in self.strategy_nodes.items() if node.is_expanded}

    def select_strategy(self, strategy_id: int | None) -> None:
        """Move the cursor to a strategy, expanding its ancestors first."""
        if strategy_id not in self.plan.strategies:
            strategy_id = next(iter(self.strategy_nodes), None)
        if strategy_id is None:
            return
        for ancestor in self.plan.ancestors(strategy_id):
            self._expand(ancestor.id)
        node = self.strategy_nodes.get(strategy_id)
        if node is not None:
            _ = self.last_line  # lay the lines out so the node knows its line
            self.move_cursor(node)

    # -- lazy nodes --------------------------------------------------------------------

    def _children_of(self, parent: int | None):
        children = self.plan.children(parent)
        if self.only is None:
            return children
        return [s for s in children if s.id in self.only]

    def _add_children(self, node: TreeNode[int], parent: int | None) -> None:
        for strategy in self._children_of(parent):
            child = node.add(Text(strategy.title), data=strategy.id,
                             allow_expand=bool(self._children_of(strategy.id)))
            self.strategy_nodes[strategy.id] = child
            self._looks[strategy.id] = self._look(strategy.id)

    def _expand(self, strategy_id: int) -> None:
        node = self.strategy_nodes.get(strategy_id)
        if node is None or not node.allow_expand:
            return
        if not node.children:
            self._add_children(node, strategy_id)
        node.expand()

    def _walk_wanted(self, wanted: set[int]):
        """Ids to expand, parents before children (children exist only once expanded)."""
        stack = [s.id for s in reversed(self._children_of(None))]
        while stack:
            sid = stack.pop()
            if sid in wanted:
                yield sid
                stack.extend(s.id for s in reversed(self._children_of(sid)))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[int]) -> None:
        """A click on the arrow, or space: load the children on first expansion."""
        node = event.node
        if node.data is not None and not node.children and node.allow_expand:
            self._add_children(node, node.data)

    # -- keys ----------------------------------------------------------------------------

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_enter(self) -> None:
        self._enter()

    # shift+up / shift+down are the screen's: they move the strategy among its siblings
    # (ui/keys.py), as in the tactics. Tree's own use of them (the cursor to a sibling)
    # made them do something else here; skipped, the key goes on to the screen.
    def action_cursor_previous_sibling(self) -> None:
        raise SkipAction()

    def action_cursor_next_sibling(self) -> None:
        raise SkipAction()

    def _enter(self) -> None:
        if self.strategy_id is not None:
            self.post_message(self.Entered(self, self.strategy_id))

    # -- drawing -------------------------------------------------------------------------

    def get_label_width(self, node: TreeNode[int]) -> int:
        """Rows are fitted to the pane, so there is never anything to scroll sideways."""
        return 0

    def render_label(self, node: TreeNode[int], base_style: Style, style: Style) -> Text:
        strategy = self.plan.strategies.get(node.data) if node.data is not None else None
        if strategy is None or self.now is None:
            return Text("")
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else "  "
        width = self.scrollable_content_region.width - self.guide_depth * self._depth(node) - len(icon)
        line = render.strategy_line(strategy, self.progress(strategy.id),
                                    self.rollup.is_wish(strategy.id), self.now,
                                    max(width, 10), palette_of(self), self.marks.get(strategy.id),
                                    self._momentum(strategy.id))
        line.stylize(style)
        return Text.assemble((icon, base_style + TOGGLE), line)

    @staticmethod
    def _depth(node: TreeNode[int]) -> int:
        depth, parent = 0, node.parent
        while parent is not None and parent.parent is not None:
            depth, parent = depth + 1, parent.parent
        return depth
