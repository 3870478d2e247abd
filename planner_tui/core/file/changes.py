"""Changes to the plan file, as small values that can be applied, inverted and stored.

Every commit is a list of these. They name documents by id, so a change made in
one process applies cleanly on top of another process's changes, and undo is
just the inverse list applied the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, Union


class Put(NamedTuple):
    """Create (or restore) the document ``id`` with exactly ``doc``.

    The small immutable records of core/ are NamedTuples, not frozen dataclasses:
    defining one costs a seventh as much, and start-up defines a few dozen classes.
    """

    table: str
    id: int
    doc: dict[str, Any]


class Patch(NamedTuple):
    """Set some fields of the document ``id``."""

    table: str
    id: int
    fields: dict[str, Any]


class Remove(NamedTuple):
    """Delete the document ``id``."""

    table: str
    id: int


Op = Union[Put, Patch, Remove]


@dataclass(slots=True)
class Change:
    """One commit: what it did (``forward``) and how to take it back (``inverse``)."""

    label: str
    forward: list[Op] = field(default_factory=list)
    inverse: list[Op] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.forward)

    def undone(self) -> Change:
        """The change that takes this one back (its forward is our inverse)."""
        return Change(f"undo {self.label}", list(self.inverse), list(self.forward))

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "forward": [op_to_json(op) for op in self.forward],
                "inverse": [op_to_json(op) for op in self.inverse]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(data["label"], [op_from_json(op) for op in data["forward"]],
                   [op_from_json(op) for op in data["inverse"]])


def merged(label: str, *changes: Change) -> Change:
    """Several commits as one change: undo takes them back newest first."""
    result = Change(label)
    for change in changes:
        result.forward.extend(change.forward)
        result.inverse[:0] = change.inverse
        result.new_ids.extend(change.new_ids)
    return result


def op_to_json(op: Op) -> dict[str, Any]:
    """A plain dict for the file (the CLI's undo journal lives in ``meta``)."""
    data: dict[str, Any] = {"op": type(op).__name__.lower(), "table": op.table, "id": op.id}
    if isinstance(op, Put):
        data["doc"] = op.doc
    elif isinstance(op, Patch):
        data["fields"] = op.fields
    return data


def op_from_json(data: dict[str, Any]) -> Op:
    kind, table, doc_id = data["op"], data["table"], data["id"]
    if kind == "put":
        return Put(table, doc_id, data["doc"])
    if kind == "patch":
        return Patch(table, doc_id, data["fields"])
    return Remove(table, doc_id)
