"""Every key of the main screen in one place: bindings, help screen and palette.

`description` is the footer's short word; `tooltip` is the sentence the help
screen and the command palette show. Each binding has an `id`, so a keymap can
remap it (`App.set_keymap`). Keys that belong to the tree or the table widgets
(moving the cursor) are listed in `NAVIGATION` for the help screen.
"""

from __future__ import annotations

from typing import Mapping

from textual.binding import Binding


def retry_binding(binding_id: str) -> Binding:
    """ctrl+s on every screen that changes the plan (plan, check-in, review): the changes
    the file could not take yet, tried again (ui/session.py); shown only then."""
    return Binding("ctrl+s", "retry", "retry save", id=binding_id,
                   tooltip="Try again to save the changes that could not be saved")


PUSH = Binding.Group("push", compact=True)
REORDER = Binding.Group("reorder", compact=True)

# Footer order is this order, the most used first; check_action (screens/plan.py)
# hides what does not apply to the focused pane. The footer has room for about ten
# (80-100 columns), so the rest are show=False: listed by `?` and in the palette,
# and the two table toggles are named in the table's border.
SCREEN_BINDINGS = [
    Binding("question_mark", "help", "help", id="help", tooltip="Show every key"),
    Binding("q", "quit", "quit", id="quit", tooltip="Quit (everything is already saved)"),
    Binding("a", "add_tactic", "+tactic", id="add-tactic",
            tooltip="Add a tactic to the highlighted strategy"),
    Binding("s", "add_strategy", "+strategy", id="add-strategy",
            tooltip="Add a top-level strategy (S: a sub-strategy of the highlighted one)"),
    Binding("S", "add_child", "+sub", id="add-child",
            tooltip="Add a sub-strategy under the highlighted strategy (a child)"),
    Binding("e", "edit", "edit", id="edit",
            tooltip="Edit the highlighted strategy or tactic"),
    Binding("x", "done", "done", id="done",
            tooltip="Mark done (a strategy: achieved); again to reopen"),
    Binding("i", "start", "start", id="start",
            tooltip="Start the tactic (doing); again to set it back to todo"),
    Binding("X", "drop", "drop", show=False, id="drop",
            tooltip="Drop the tactic or strategy; again to reopen"),
    Binding("d", "deadline", "due", id="deadline",
            tooltip="Set or change the deadline (a strategy: its horizon)"),
    Binding("p", "push(1)", "+1d", id="push-day", group=PUSH,
            tooltip="Push the tactic's deadline by a day"),
    Binding("P", "push(7)", "+1w", id="push-week", group=PUSH,
            tooltip="Push the tactic's deadline by a week"),
    Binding("K,shift+up", "reorder(-1)", "up", show=False, id="reorder-up", group=REORDER,
            tooltip="Move up among its siblings"),
    Binding("J,shift+down", "reorder(1)", "down", show=False, id="reorder-down", group=REORDER,
            tooltip="Move down among its siblings"),
    Binding("v", "record_value", "value", show=False, id="record-value",
            tooltip="Record a value of one of the strategy's key results (previewed as you type)"),
    Binding("B", "burnup", "burn-up", show=False, id="burnup",
            tooltip="The strategy's burn-up chart: progress over time against the line to its horizon"),
    Binding("m", "move", "move", id="move",
            tooltip="Move a strategy under another one, or a tactic to another strategy"),
    Binding("D,delete", "delete", "delete", id="delete",
            tooltip="Delete (asks first when a strategy has sub-strategies or tactics)"),
    Binding("u", "undo", "undo", id="undo", tooltip="Undo the last change"),
    Binding("slash", "search", "search", id="search",
            tooltip="Search: filter strategies and tactics as you type"),
    Binding("C", "checkin", "check-in", id="checkin",
            tooltip="Daily check-in: decide on today's overdue, due and doing tactics"),
    Binding("R", "review", "review", id="review",
            tooltip="Review the strategies due for review: health and a note"),
    Binding("O", "overview", "overview", show=False, id="overview",
            tooltip="Strategic overview: every strategy's progress, pace and health, what needs attention first"),
    Binding("H", "checkin_history", "history", show=False, id="checkin-history",
            tooltip="Check-in history: the streak, a heat map and past check-ins"),
    Binding("escape", "clear_search", "clear", id="clear-search",
            tooltip="Clear the search and show the whole plan"),
    Binding("U,ctrl+r", "redo", "redo", show=False, id="redo", tooltip="Redo what was undone"),
    Binding("c", "toggle_sub", "subs", show=False, id="toggle-sub",
            tooltip="Include the tactics of sub-strategies, or not"),
    Binding("full_stop", "toggle_done", "hide done", show=False, id="toggle-done",
            tooltip="Hide done and dropped tactics, or show them"),
    Binding("E", "load_examples", "examples", id="examples", show=False,
            tooltip="Load the three example plans (a student, a founder, a company)"),
    Binding("ctrl+e", "export", "export", show=False, id="export",
            tooltip="Export the plan… (.md, .ics or .json: the file name picks the format)"),
    retry_binding("retry"),
    Binding("w", "my_work", "mine", show=False, id="my-work",
            tooltip="My work: what the settings' owner does (@me in the search; esc shows all)"),
    Binding("Y", "sync", "sync", show=False, id="sync",
            tooltip="Sync with the CalDAV task list of the settings (a phone's to-dos)"),
]

# Commands of the palette alone, without a key: (what it does, action).
PALETTE_ONLY = [
    ("Strategic digest: each strategy's progress, key results and pace over the last 4 weeks",
     "digest('strategic')"),
    ("Tactical digest: what was done, pushed and dropped in the last week, what keeps slipping",
     "digest('tactical')"),
]

# Which of them apply when (the screen's check_action): the footer and the palette follow.
TACTIC_ONLY = {"push", "start"}  # the table has focus, on a tactic
TREE_ONLY = {"add_strategy", "add_child", "burnup"}  # the tree has focus
MEASURED = {"record_value"}  # the tree has focus, on a strategy with key results
NEEDS_ITEM = {"edit", "done", "drop", "deadline", "reorder", "move", "delete"}  # something highlighted
ALWAYS = {"load_examples", "help", "quit", "search", "toggle_sub", "toggle_done",
          "checkin", "review", "overview", "checkin_history", "export", "my_work",
          "sync", "digest"}  # once the plan has a strategy
EMPTY_PLAN = {"load_examples", "help", "quit", "add_strategy", "sync"}  # all an empty plan offers

NAVIGATION = [
    ("j k  ↓ ↑", "Move the cursor down / up"),
    ("g G  home end", "First / last row"),
    ("ctrl+f ctrl+b  pgdn pgup", "Page down / up"),
    ("l →  enter", "Tree: go to the strategy's tactics (collapsed or not)"),
    ("h ←", "Tree: collapse, then go to the parent; tactics: back to the tree"),
    ("space", "Tree: expand or collapse the strategy"),
    ("tab  shift+tab", "Switch between the tree and the tactics"),
    ("enter", "Tactics: edit the highlighted tactic"),
    ("ctrl+p", "Command palette: every action, and go to any strategy or tactic"),
]

LEGEND = [
    ("○ ◐ ● ✗", "A tactic to do, in progress, done, dropped"),
    ("✓", "An achieved strategy (a dropped one is dimmed, ✗)"),
    ("◌", "A wish: an active strategy with no open tactic"),
    ("‖", "A paused strategy: out of pace and reviews until it resumes"),
    ("▰▰▱▱▱ 2/5", "Progress: done tactics of all below (dropped ones do not count)"),
    ("4y left", "Time left to the strategy's horizon"),
    ("◷ ◆", "Due for review (R reviews), reviewed; green / yellow / red: the last health"),
    ("✓ 3-day streak", "Header: checked in today (○: not yet; C checks in)"),
]


def display_keys(binding: Binding, keymap: Mapping[str, str] | None = None) -> str:
    """`D delete` for the help screen: the keys as people read them, the settings'
    own keys (``keymap``, the [keys] table) in place of the defaults."""
    names = {"slash": "/", "question_mark": "?", "full_stop": ".", "delete": "del"}
    keys = (keymap or {}).get(binding.id or "", binding.key)
    return " ".join(names.get(key, key) for key in keys.split(","))
