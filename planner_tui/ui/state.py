"""What the screen looked like last time: expanded strategies, toggles, cursor.

Kept in a small JSON file next to the plan (`plan.json.ui.json`), never in the
plan itself: it is a view preference, not part of the plan, and losing it
loses nothing. It is a side file of the plan (core/file/side_files.py): written
with the plan's permissions, never through a link, and a broken one is set
aside with a warning instead of stopping the app.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from planner_tui.core.file import side_files


@dataclass
class UiState:
    expanded: set[int] = field(default_factory=set)
    include_sub: bool = True
    hide_done: bool = False
    strategy: int | None = None

    @staticmethod
    def path_for(plan_path: Path) -> Path:
        return plan_path.with_name(plan_path.name + ".ui.json")

    @classmethod
    def load(cls, plan_path: Path, warn: Callable[[str], None] = lambda message: None) -> UiState:
        """The saved state, or the defaults when there is none; a broken one is set aside and ``warn`` told."""
        state = side_files.load(cls.path_for(plan_path), plan_path, cls._parse, "The app's view state",
                                "the app starts with everything folded", warn)
        return state or cls()

    @classmethod
    def _parse(cls, raw: bytes) -> UiState:
        """The state in the file; ValueError or TypeError for anything else."""
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("it is not an object")
        strategy = data.get("strategy")
        return cls(expanded={_whole(i) for i in data.get("expanded", [])},
                   include_sub=bool(data.get("include_sub", True)),
                   hide_done=bool(data.get("hide_done", False)),
                   strategy=None if strategy is None else _whole(strategy))

    def save(self, plan_path: Path) -> None:
        """Write it beside the plan; a read-only folder just means no memory."""
        data = {**asdict(self), "expanded": sorted(self.expanded)}
        with contextlib.suppress(OSError):
            side_files.write(self.path_for(plan_path), json.dumps(data).encode(), plan_path)


def _whole(value: Any) -> int:
    """An id as stored: a whole number (json reads Infinity and 1e999 too)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{value!r} is not an id")
    return int(value)
