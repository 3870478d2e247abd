"""What a merge tells: every decision a person might want to check, in plain sentences.

A merge decides alone (a git merge driver cannot ask), so it says what it
decided: each conflict with both values and which won and why, each delete that
was not carried out, each id that changed, each repair. Nothing is dropped
without a line here. The text is plain; the front door shows it
(`user_text.visible`: titles are data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner_tui.core.file.merge import ABSENT, OURS, THEIRS, Conflict
from planner_tui.core.file.modified import FIELD as MODIFIED
from planner_tui.core.user_text import counted

# The tables whose ids people see and type, and how (model.Strategy.key, Tactic.key, a3 for
# time away): a
# new id in one of these is reported. A new table of such ids adds its letter here.
PREFIX = {"strategies": "s", "tactics": "t", "away": "a", "keyresults": "k"}
SHORT = 60


@dataclass
class Report:
    """The lines of a merge's report, by kind, in the order they were found."""

    sides: tuple[str, str] = ("ours", "theirs")  # how the two sides are called
    base: str = ""  # where the common base came from
    conflicts: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # deletes not carried out
    renumbered: list[str] = field(default_factory=list)
    combined: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    def side(self, which: str) -> str:
        return self.sides[0] if which == OURS else self.sides[1]

    @property
    def clean(self) -> bool:
        """Nothing decided that a person should check (no conflict, delete kept, repair or new id)."""
        return not (self.conflicts or self.kept or self.renumbered or self.repaired)

    def lines(self) -> list[str]:
        """Every line, each kind under its heading."""
        out = [self.base] if self.base else []
        for heading, items in (("Conflicts, decided by the later change", self.conflicts),
                               ("Deleted on one side, edited on the other: kept", self.kept),
                               ("New ids", self.renumbered), ("Combined", self.combined),
                               ("Repaired", self.repaired)):
            if items:
                out.append(f"{heading} ({len(items)}):")
                out.extend(f"  {item}" for item in items)
        return out

    def conflict(self, name: str, conflict: Conflict) -> None:
        """`t4 'Call Ana' title: 'Call Ana now' (theirs, changed later) over 'Call Bo' (ours)`."""
        why = "changed later" if conflict.later else "changed at the same moment: the values decide"
        loser = THEIRS if conflict.winner == OURS else OURS
        self.conflicts.append(f"{name} {conflict.field}: {shown(conflict.kept)} ({self.side(conflict.winner)}, {why}) "
                              f"over {shown(conflict.lost)} ({self.side(loser)})")


def name_of(table: str, doc_id: int, doc: dict[str, Any] | None) -> str:
    """`t42 'Call Ana'`, `s3 'Health'`, `k2 'ARR'`, `check-in of 2026-12-05`, `review of s3 on
    2026-12-05`, `value of k2 on 2026-12-05`."""
    doc = doc or {}
    if table in PREFIX:
        title = doc.get("title")
        return f"{PREFIX[table]}{doc_id}" + (f" {shown(title)}" if isinstance(title, str) else "")
    if table == "checkins":
        return f"check-in of {doc.get('date')}"
    if table == "reviews":
        return f"review of s{doc.get('strategy')} on {doc.get('date')}"
    if table == "measurements":
        return f"value of k{doc.get('keyresult')} on {doc.get('date')}"
    return f"{table} {doc_id}"


def shown(value: Any) -> str:
    """A value in a sentence: quoted text cut to SHORT characters, `none`, a list's length."""
    if value is ABSENT or value is None:
        return "none"
    if isinstance(value, str):
        return repr(value if len(value) <= SHORT else value[:SHORT - 1] + "…")
    if isinstance(value, list):
        return counted(len(value), "item")
    return repr(value)


def without_stamp(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != MODIFIED}
