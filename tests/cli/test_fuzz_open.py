"""Fuzz the open-time check: a plan file is refused when opened, or every command works on it.

Each example is a valid plan with one document changed (tests/plan_mutations.py:
every JSON type, extreme numbers, dates at and past the edges of the range,
times where days belong, hostile text). Either `Store` refuses the file
(PlanFileError: `planner` exits 1 and the file is untouched), or the commands
people run all work on it: nothing raises, and each exits 0 (the two that write
may refuse with a clear exit 2, writing nothing).

PLANNER_FUZZ_EXAMPLES sets how many examples (150 by default, a few seconds);
scripts/fuzz_open.py runs thousands.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

import pendulum
from hypothesis import HealthCheck, event, given, settings

from planner_tui.cli import main
from planner_tui.core.file.store import PlanFileError, Store
from plan_mutations import EXAMPLES, frozen_now, mutated_plans

READERS = [["list"], ["list", "--json"], ["today"], ["today", "--json"], ["review", "--due"],
           ["review", "--due", "--json"], ["streak"], ["streak", "--json"]]


def quietly(argv: list[str]) -> tuple[int, str]:
    """Run `planner ARGV` in-process (exceptions propagate); the exit code and stderr."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr = saved
    err.seek(0)
    return code, err.read()


def works_everywhere(path: Path, folder: Path) -> None:
    db = ["--db", str(path)]
    for args in READERS + [["export", "-f", fmt, "-o", str(folder / f"out.{fmt}")] for fmt in ("md", "ics", "json")]:
        code, err = quietly(db + args)
        assert code == 0, (args, err)
    code, err = quietly(["--db", str(folder / "restored.json"), "import", str(folder / "out.json")])
    assert code == 0, ("import of the export", err)
    plan = Store(path).plan
    for args in (["add", "New", "--to", f"s{min(plan.strategies)}"], ["done", f"t{min(plan.tactics)}"]):
        before = path.read_bytes()
        code, err = quietly(db + args)
        assert code == 0 or (code == 2 and err.startswith("Error: ") and path.read_bytes() == before), (args, err)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(data=mutated_plans())
def test_a_changed_file_is_refused_at_open_or_works_in_every_command(tmp_path, data):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    written = path.read_bytes()
    with pendulum.travel_to(frozen_now(), freeze=True):
        try:
            Store(path)
        except PlanFileError:
            event("refused at open")
            code, err = quietly(["--db", str(path), "list"])
            assert code == 1 and err.startswith("Error: Cannot use the plan file") and path.read_bytes() == written
            return
        event("opened: every command ran")
        works_everywhere(path, folder)
