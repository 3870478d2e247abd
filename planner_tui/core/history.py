"""Undo and redo for a session: every commit, deletes included.

Undo applies a change's inverse by id, so it still works after another process
changed other parts of the file. When another process changed what the undo (or
redo) would touch, or it would leave a document naming one that is gone, or put a
strategy under one now below it (a loop), it is refused with the same rule as
`planner undo` (core/file/integrity.py): an `UndoRefused` (an InputError) says why and
what to do, and nothing is written.
"""

from __future__ import annotations

from planner_tui.core.file.changes import Change
from planner_tui.core.file.store import Store


class History:
    """Two stacks of changes; a new change clears the redo stack.

    A refused undo or redo leaves both stacks as they were: the change stays on
    top, so the same key refuses again until the plan allows it (a tactic added
    since under a strategy whose creation would be undone is moved or deleted),
    and nothing older is skipped to (undo is last in, first out: an older change
    may be what the refused one was built on).
    """

    def __init__(self, store: Store, depth: int = 500):
        self.store = store
        self.depth = depth
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    def record(self, change: Change) -> Change:
        """Remember a change just committed (empty changes are ignored)."""
        if change:
            self._undo = (self._undo + [change])[-self.depth:]
            self._redo.clear()
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Change | None:
        """Take back the newest change; returns what was undone, or None. `UndoRefused` when refused."""
        if not self._undo:
            return None
        change = self._undo[-1]
        self.store.revert(change, "undo")
        self._redo.append(self._undo.pop())
        return change

    def redo(self) -> Change | None:
        """Do the newest undone change again; returns it, or None. `UndoRefused` when refused."""
        if not self._redo:
            return None
        change = self._redo[-1]
        self.store.revert(change.undone(), "redo", change.label)
        self._undo.append(self._redo.pop())
        return change
