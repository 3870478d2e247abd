"""What the screen looked like last time: expanded strategies, toggles, cursor.

Kept in a small JSON file next to the plan (`plan.json.ui.json`), never in the
plan itself: it is a view preference, not part of the plan, and losing it
loses nothing. Reading or writing it never fails loudly.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path


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
    def load(cls, plan_path: Path) -> UiState:
        """The saved state, or the defaults when there is none or it is unreadable."""
        try:
            data = json.loads(cls.path_for(plan_path).read_text("utf-8"))
            return cls(expanded={int(i) for i in data.get("expanded", [])},
                       include_sub=bool(data.get("include_sub", True)),
                       hide_done=bool(data.get("hide_done", False)),
                       strategy=data.get("strategy"))
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()

    def save(self, plan_path: Path) -> None:
        """Write atomically (temp + rename); a read-only folder just means no memory."""
        target = self.path_for(plan_path)
        data = {**asdict(self), "expanded": sorted(self.expanded)}
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            temp.write_text(json.dumps(data), "utf-8")
            os.replace(temp, target)
