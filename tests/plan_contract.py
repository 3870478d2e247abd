"""The plan's contract, checked from outside, after any step by any writer.

Used by the property tests (tests/properties, tests/ui/test_contract_keys.py):

- `run_cli` runs `planner` in-process, as tests/cli/conftest.py does, but
  without pytest's capture (hypothesis runs many examples in one test).
- `IdLedger`: ids are never handed out twice, and the file's id counters never
  fall below an id it ever held.
- `restored_but_counters`: an undo gives back the file byte for byte, except
  that the id counters stay where the undone change left them (ids are never
  reused, so they never go back).
- `views_agree`: what the CLI prints as JSON and what the app counts and lists
  (the same core views its screens call) say the same about the plan.
- `every_command_reads`: every read-only command works on the file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pendulum

from planner_tui.cli import main
from planner_tui.core import checkin, review
from planner_tui.core.day import Day
from planner_tui.core.file.storage import DUMP_OPTIONS
from planner_tui.core.file.store import ID_TABLES, META_ID, Store
from planner_tui.core.rollup import Rollup
from planner_tui.core.views import DayTally

SOON_DAYS = 7  # the default setting; the tests' settings folder is empty

# The property tests run a bounded number of examples, so that the whole suite
# stays within a few minutes; PLANNER_PROPERTIES=long (scripts/long_properties.sh)
# runs many more, and PLANNER_EXAMPLES=N sets the number for either.
LONG = os.environ.get("PLANNER_PROPERTIES") == "long"


def examples(default: int, long: int) -> int:
    """How many examples a property test runs now."""
    return int(os.environ.get("PLANNER_EXAMPLES") or (long if LONG else default))


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self
        return json.loads(self.out)


def run_cli(path: Path, *args: str) -> CliResult:
    """`planner --db PATH ARGS...` in this process; its exit code and what it printed."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["--db", str(path), *args])
        stdout.flush()
        stderr.flush()
    return CliResult(code, out.getvalue().decode(), err.getvalue().decode())


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def tables_of(raw: bytes) -> dict[str, Any]:
    return orjson.loads(raw) if raw.strip() else {}


def counters_of(data: dict[str, Any]) -> dict[str, int]:
    return dict(data.get("meta", {}).get(str(META_ID), {}).get("ids", {}))


def restored_but_counters(before: bytes, after: bytes) -> None:
    """``after`` (the file after an undo) is ``before`` byte for byte, but for the id
    counters, which must not have gone back."""
    old, new = tables_of(before), tables_of(after)
    old_ids, new_ids = counters_of(old), counters_of(new)
    assert all(new_ids.get(t, 0) >= n for t, n in old_ids.items()), f"id counters went back: {old_ids} -> {new_ids}"
    if not old:  # undone back to a plan that was never written: nothing in it
        assert not any(new.get(table) for table in ID_TABLES), new
        return
    old_meta, new_meta = old.get("meta", {}).get(str(META_ID), {}), new.get("meta", {}).get(str(META_ID), {})
    if "ids" in old_meta:
        new_meta["ids"] = old_meta["ids"]
    else:
        new_meta.pop("ids", None)
    assert orjson.dumps(new, option=DUMP_OPTIONS) == before, "the undo did not give the file back as it was"


class IdLedger:
    """Every id each table ever held: a document made later must get a new one.

    Only an undo, a redo or a restore may bring an id back, and only one the
    file held before (the same document, back from the dead)."""

    def __init__(self) -> None:
        self.ever: dict[str, set[int]] = {t: set() for t in ID_TABLES}
        self.present: dict[str, set[int]] = {t: set() for t in ID_TABLES}

    def check(self, data: dict[str, Any], restoring: bool, step: str) -> None:
        counters = counters_of(data)
        for table in ID_TABLES:
            ids = {int(key) for key in data.get(table, {})}
            highest = max(self.ever[table], default=0)
            back = {i for i in ids - self.present[table] if i <= highest}
            if restoring:
                assert back <= self.ever[table], f"{step}: {table} {sorted(back - self.ever[table])} never existed"
            else:
                assert not back, f"{step}: {table} ids {sorted(back)} were handed out again"
            self.ever[table] |= ids
            self.present[table] = ids
            if self.ever[table]:
                assert counters.get(table, 0) >= max(self.ever[table]), (
                    f"{step}: the {table} counter ({counters.get(table)}) is below an id the file held "
                    f"({max(self.ever[table])}): that id would be handed out again")


def views_agree(path: Path, now: pendulum.DateTime) -> None:
    """The CLI's JSON and the app's counts (the core views the screens use) agree."""
    plan = Store(path, clock=lambda: now).plan

    agenda = run_cli(path, "today", "--json").json()
    groups = Counter(row["group"] for row in agenda)
    tally = DayTally(plan, now).counts  # the plan screen's header
    assert (groups["overdue"], groups["today"]) == (tally.overdue, tally.today), (agenda, tally)
    listed = [(name, [t.key for t in items]) for name, items in checkin.agenda_groups(plan, Day(now, SOON_DAYS))]
    printed = [(name, [row["id"] for row in agenda if row["group"] == name]) for name, _ in listed]
    assert printed == listed, "`today --json` and the check-in list other tactics"

    rows = run_cli(path, "list", "--json").json()
    strategies = {row["id"]: row for row in rows if row["kind"] == "strategy"}
    tactics = [row["id"] for row in rows if row["kind"] == "tactic"]
    assert sorted(strategies) == sorted(s.key for s in plan.strategies.values()), "a strategy is missing from `list`"
    assert sorted(tactics) == sorted(t.key for t in plan.tactics.values()), "a tactic is missing from `list`"
    rollup = Rollup(plan)  # the tree's progress
    for key, row in strategies.items():
        progress = rollup.progress(int(key[1:]))
        assert (row["done"], row["total"]) == (progress.done, progress.total), (row, progress)

    streak = checkin.streak_status(plan, Day(now))  # the header's streak
    assert run_cli(path, "streak", "--json").json() == {"streak": streak.days, "today": streak.today}

    due = {row["id"] for row in run_cli(path, "review", "--due", "--json").json()}
    marked = {plan.strategies[sid].key for sid, mark in review.review_marks(plan, now).items() if mark.due}
    assert due == marked, "`review --due` and the tree's review marks disagree"


READ_ONLY_COMMANDS = (
    ("list",), ("list", "--json"), ("today",), ("today", "--json"), ("streak",), ("streak", "--short"),
    ("review", "--due"), ("checkin", "--history"), ("export",), ("export", "--format", "ics"),
    ("export", "--format", "ics", "--events"), ("export", "--format", "json"),
)


def every_command_reads(path: Path) -> None:
    """Every command that only reads works on the plan, and leaves the file as it was."""
    before = file_bytes(path)
    for command in READ_ONLY_COMMANDS:
        result = run_cli(path, *command)
        assert result.code == 0, (command, result)
    assert file_bytes(path) == before
