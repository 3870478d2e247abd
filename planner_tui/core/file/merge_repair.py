"""What two sides' changes make invalid only together, repaired by a stated rule and reported.

Each copy of a plan is valid; their merge may not be, and a merge never writes a
plan that is not (the rule is core/file/validation.py's). Two things can go wrong:

- **a delete under something the other side added or moved**: one side deleted a
  strategy, the other added a tactic under it (or moved one there). The deleted
  strategy is kept (with its own parents, if those went too): deleting it would
  lose the other side's work, or leave the tactic with nowhere to be;
- **a loop of parents, or a tree too deep**: one side moved s2 under s5, the other
  moved s5 under s2. Of the strategies in the loop that were moved, the one whose
  change is the earliest (its ``modified``; then the lower id) goes back under the
  parent it had in the common base, or to the top level when that is gone or
  there is no base; again until no loop is left. A tree that the moves nested more
  than MAX_DEPTH levels deep is undone the same way along the too-deep branch.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from planner_tui.core.file.integrity import REFERENCES
from planner_tui.core.file.merge_report import Report, name_of
from planner_tui.core.file.modified import FIELD as MODIFIED, instant
from planner_tui.core.model import MAX_DEPTH

Tables = dict[str, dict[int, dict[str, Any]]]


class Deleted(NamedTuple):
    """A document one side deleted and the other left as it was: what to bring back if needed."""

    doc: dict[str, Any]
    by: str  # the side that deleted it (merge.OURS or merge.THEIRS)


def repair(tables: Tables, base: Tables | None, deleted: dict[tuple[str, int], Deleted], report: Report) -> None:
    """Make ``tables`` (merged) valid where the two sides' changes clash, in place."""
    _keep_what_is_named(tables, deleted, report)
    _untangle(tables, base, report)


def _keep_what_is_named(tables: Tables, deleted: dict[tuple[str, int], Deleted], report: Report) -> None:
    """Bring back every deleted document that a kept one names (REFERENCES that must
    name something), until none is missing."""
    found = True
    while found:
        found = False
        for ref in REFERENCES:
            if ref.history or ref.many:
                continue
            targets = tables.get(ref.target, {})
            for doc_id, doc in sorted(tables.get(ref.table, {}).items()):
                named = doc.get(ref.field)
                gone = deleted.pop((ref.target, named), None) if named not in targets else None
                if gone is not None:
                    targets = tables.setdefault(ref.target, targets)  # a table no side holds stays out
                    targets[named] = gone.doc
                    report.repaired.append(f"{name_of(ref.target, named, gone.doc)}: deleted on "
                                           f"{report.side(gone.by)}, but kept: {name_of(ref.table, doc_id, doc)} "
                                           "is under it")
                    found = True


def _untangle(tables: Tables, base: Tables | None, report: Report) -> None:
    """No loop of parents, nothing deeper than MAX_DEPTH (see the module docstring)."""
    strategies = tables.get("strategies", {})
    was = (base or {}).get("strategies", {})
    while (problem := _tree_problem(strategies)) is not None:
        kind, chain = problem
        moved = [sid for sid in chain if sid in was and was[sid].get("parent") != strategies[sid].get("parent")]
        if moved:
            sid = min(moved, key=lambda s: (instant(strategies[s].get(MODIFIED)), s))
            parent = was[sid].get("parent")
            parent = parent if parent in strategies else None
        else:
            sid, parent = (min(chain) if kind == "loop" else chain[-1]), None
        strategies[sid] = {**strategies[sid], "parent": parent}
        report.repaired.append(_told(kind, chain, sid, parent, strategies, bool(moved)))


def _told(kind: str, chain: list[int], sid: int, parent: int | None, strategies: dict[int, dict[str, Any]],
          moved: bool) -> str:
    def name(strategy_id: int) -> str:
        return name_of("strategies", strategy_id, strategies[strategy_id])

    where = f"under {name(parent)}" if parent is not None else "to the top level"
    why = "its move was the earliest" if moved else "no move of the two sides to undo"
    if kind == "loop":
        return (f"{' and '.join(map(name, chain))} were moved under each other on the two sides (a loop): "
                f"{name(sid)} went back {where} ({why})")
    return (f"{name(sid)}: the two sides' moves nested strategies more than {MAX_DEPTH} levels deep; "
            f"it went back {where} ({why})")


def _tree_problem(strategies: dict[int, dict[str, Any]]) -> tuple[str, list[int]] | None:
    """("loop", its strategies) or ("deep", the branch from the top to the one too deep), or None."""
    parents = {sid: doc.get("parent") for sid, doc in strategies.items()}
    levels: dict[Any, int] = {None: 0}
    for start in sorted(parents):
        chain: list[int] = []
        current: Any = start
        while current not in levels and current in parents:
            if current in chain:
                return "loop", chain[chain.index(current):]
            chain.append(current)
            current = parents[current]
        level = levels.get(current, 0)  # (a parent not in the plan: the validation's to tell)
        for depth, sid in enumerate(reversed(chain), level + 1):
            levels[sid] = depth
            if depth > MAX_DEPTH:
                return "deep", _branch(sid, parents)
    return None


def _branch(sid: int, parents: dict[int, Any]) -> list[int]:
    branch = [sid]
    while parents.get(branch[-1]) in parents and len(branch) <= MAX_DEPTH + 1:
        branch.append(parents[branch[-1]])
    return list(reversed(branch))
