"""Undo and redo for a session: every commit, deletes included.

Undo applies a change's inverse by id, so it still works after another process
changed other parts of the file; parts that vanished meanwhile are skipped.
"""

from __future__ import annotations

from planner_tui.core.changes import Change
from planner_tui.core.store import Store


class History:
    """Two stacks of changes; a new change clears the redo stack."""

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
        """Take back the newest change; returns what was undone, or None."""
        if not self._undo:
            return None
        change = self._undo[-1]
        self.store.commit(f"undo {change.label}", change.inverse)
        self._redo.append(self._undo.pop())
        return change

    def redo(self) -> Change | None:
        """Do the newest undone change again; returns it, or None."""
        if not self._redo:
            return None
        change = self._redo[-1]
        self.store.commit(f"redo {change.label}", change.forward)
        self._undo.append(self._redo.pop())
        return change
