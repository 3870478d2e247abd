"""The rule for one field changed on two sides: what `planner merge` and `planner sync` decide by.

Two copies of a plan changed apart (git branches, a sync folder's conflict copy,
the plan and a CalDAV server) are merged field by field. For one field of one
document, given its value in the common base and on each side (`resolve`):

- the same on both sides: that value (changed or not);
- changed on one side only: that side's value;
- changed on both sides to different values: a **conflict**. The side whose
  document was changed later wins: its ``modified`` stamp (core/file/modified.py;
  a document without one counts as older than any stamped change). At the same
  moment (or neither stamped), the value whose JSON text sorts last wins: an
  arbitrary choice, but the same one whichever copy does the merging, so two
  copies merging each other end up alike. Every conflict is told (`Conflict`:
  both values, which won and why), so that nothing is lost without a word.

A field missing from a document is a value of its own (`ABSENT`); with no base
at all (a two-way merge: `UNKNOWN`), every difference is a conflict.

Some texts are kept whole from both sides instead (`joined`): a day's check-in
note written on two devices is two notes, not a choice.

This module is the rule only; core/file/three_way.py merges whole plans with it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import orjson

from planner_tui.core.file.modified import instant

OURS, THEIRS = "ours", "theirs"


class _Marker:
    """A value that is not a value: a missing field, a base nobody has."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


ABSENT: Any = _Marker("ABSENT")  # the field is not in the document
UNKNOWN: Any = _Marker("UNKNOWN")  # there is no common base to compare with


class Conflict(NamedTuple):
    """One field both sides changed to different values, and how it was decided."""

    field: str
    ours: Any
    theirs: Any
    winner: str  # OURS or THEIRS
    later: bool  # True: the winner's change was later; False: the same moment, decided by the values

    @property
    def kept(self) -> Any:
        return self.ours if self.winner == OURS else self.theirs

    @property
    def lost(self) -> Any:
        return self.theirs if self.winner == OURS else self.ours


class Resolved(NamedTuple):
    """A field's merged value (ABSENT: leave it out), and the conflict decided on the way, if any."""

    value: Any
    conflict: Conflict | None = None


def resolve(field: str, base: Any, ours: Any, theirs: Any, ours_modified: Any, theirs_modified: Any) -> Resolved:
    """The merged value of ``field`` (see the module docstring for the rule).

    ``base``, ``ours``, ``theirs``: the field's value in each (ABSENT when the
    document lacks it; ``base`` UNKNOWN when there is no common base).
    ``ours_modified``, ``theirs_modified``: each side's document's stamp, as stored.
    """
    if _same(ours, theirs):
        return Resolved(ours)
    if base is not UNKNOWN:
        if _same(ours, base):
            return Resolved(theirs)
        if _same(theirs, base):
            return Resolved(ours)
    winner, later = decide(ours, theirs, ours_modified, theirs_modified)
    conflict = Conflict(field, ours, theirs, winner, later)
    return Resolved(conflict.kept, conflict)


def decide(ours: Any, theirs: Any, ours_modified: Any, theirs_modified: Any) -> tuple[str, bool]:
    """Which side wins a conflict: the later stamp; at the same moment, the value
    that sorts last. Returns the side and whether the stamps decided it."""
    side = later(ours_modified, theirs_modified)
    if side is not None:
        return side, True
    return (OURS if _sort_key(ours) >= _sort_key(theirs) else THEIRS), False


def later(ours_modified: Any, theirs_modified: Any) -> str | None:
    """The side changed later (OURS or THEIRS), None at the same moment: the rule's
    first question (a stamp as stored, or a datetime; none is older than any)."""
    ours_at, theirs_at = instant(ours_modified), instant(theirs_modified)
    if ours_at == theirs_at:
        return None
    return OURS if ours_at > theirs_at else THEIRS


def joined(ours: str, theirs: str, ours_modified: Any, theirs_modified: Any) -> str:
    """Two texts both kept: the earlier change's first, on its own line. A text
    that already holds the other whole (merged before) is kept as it is."""
    if theirs in ours:
        return ours
    if ours in theirs:
        return theirs
    first, second = (ours, theirs) if decide(ours, theirs, ours_modified, theirs_modified)[0] == THEIRS \
        else (theirs, ours)
    return f"{first}\n{second}"


def _same(a: Any, b: Any) -> bool:
    """Equal values, a missing field equal only to a missing field (1 and True differ too)."""
    if a is ABSENT or b is ABSENT or a is UNKNOWN or b is UNKNOWN:
        return a is b
    return type(a) is type(b) and a == b


def _sort_key(value: Any) -> bytes:
    """A value's place in the tie-break: its JSON text (a missing field first)."""
    if value is ABSENT:
        return b""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
