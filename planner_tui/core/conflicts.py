"""A save writes what the person changed, on top of the file as it is now.

A dialog, a key or a note field shows the plan as it was read; meanwhile another
window or terminal may change the same document (`planner due t1 ...`). Saving
the whole form would write what the person saw back over that change: a lost
update. So the app sends each field with the value the person started from
(``expected``), and the action decides under the lock, field by field:

- left as it was: not written (the file keeps what it holds now, whoever wrote it);
- changed here and not elsewhere (or elsewhere to the same value): written;
- changed here and elsewhere to something else: a `Conflict`, and nothing of the
  save is written. It names each such field: what the person started from, what
  the file holds now, what they typed; `Edit.keep_mine` and `Edit.take_theirs`
  are the two ways on.

Values are compared as the model reads them (`Tactic.due` is a Date or a
DateTime, `Strategy.status` a StrategyStatus), so a deadline written with a
different offset for the same moment is the same deadline. Without ``expected``
(the command line: it has no view that can be stale) every field is written.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.errors import InputError

FIELD_WORDS = {"due": "deadline", "review_every": "review cadence"}


class Clash(NamedTuple):
    """One field changed both here and elsewhere since the person started."""

    field: str
    started: Any  # what the person started from
    now: Any  # what the file holds now
    typed: Any  # what the person typed (cleaned)


class Conflict(InputError):
    """A save refused because a field it changes was also changed elsewhere; nothing written."""

    def __init__(self, subject: str, clashes: list[Clash]):
        self.subject = subject
        self.clashes = clashes
        told = "; ".join(describe(clash) for clash in clashes)
        super().__init__(f"{subject} was changed elsewhere meanwhile: {told}. Nothing was saved.")


def describe(clash: Clash) -> str:
    """`deadline: you started from 2026-12-04, it is now 2031-01-15, you typed 2026-12-10`."""
    return (f"{field_word(clash.field)}: you started from {shown(clash.started)}, "
            f"it is now {shown(clash.now)}, you typed {shown(clash.typed)}")


def field_word(name: str) -> str:
    return FIELD_WORDS.get(name, name.replace("_", " "))


def shown(value: Any) -> str:
    """A field's value for a message: dates as ISO, text quoted, nothing as `nothing`."""
    if value is None or value == "":
        return "nothing"
    if isinstance(value, DateTime):
        return value.format("YYYY-MM-DD HH:mm")
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return repr(value) if isinstance(value, str) else str(value)


def changed_fields(subject: str, typed: dict[str, Any], expected: dict[str, Any] | None,
                   now: Callable[[str], Any], clean: Callable[[str, Any], Any]) -> dict[str, Any]:
    """The fields to write, cleaned: what the person changed, unless changed elsewhere too.

    ``now(name)`` reads a field as the file holds it (under the lock); ``clean(name,
    value)`` checks and normalises what was typed (an `InputError` naming the field).
    Raises `Conflict` listing every field changed both here and elsewhere.
    """
    wanted: dict[str, Any] = {}
    clashes: list[Clash] = []
    for name, value in typed.items():
        watched = expected is not None and name in expected
        if watched and value == expected[name]:
            continue  # left as it was (compared before cleaning: an old title may not be clean)
        cleaned = clean(name, value)
        if not watched:
            wanted[name] = cleaned
            continue
        started, current = expected[name], now(name)
        if cleaned == started:
            continue
        if current not in (started, cleaned):
            clashes.append(Clash(name, started, current, cleaned))
        else:
            wanted[name] = cleaned
    if clashes:
        raise Conflict(subject, clashes)
    return wanted


@dataclass(frozen=True)
class Edit:
    """What a person typed, and what they started from: one save, and its ways on after a conflict."""

    typed: dict[str, Any]
    started: dict[str, Any] | None = field(default=None)

    def keep_mine(self, conflict: Conflict) -> Edit:
        """Write what was typed over what the file held when the conflict was told (and
        only that: a third change made since is a new conflict)."""
        rebased = {**(self.started or {}), **{clash.field: clash.now for clash in conflict.clashes}}
        return Edit(self.typed, rebased)

    def take_theirs(self, conflict: Conflict) -> Edit:
        """Keep the file's value of each clashing field; write the person's other changes."""
        clashing = {clash.field for clash in conflict.clashes}
        return Edit({k: v for k, v in self.typed.items() if k not in clashing}, self.started)
