"""CLI test fixtures: time frozen with pendulum.travel_to, the CLI run in-process.

`cli("add", "x", "--to", "s1")` runs ``planner --db <plan_path> add x --to s1``
through `planner_tui.cli.main` (the function) and returns its exit code and what it printed.
Output is as in a pipe (plain, one line per item); with the `terminal` fixture, as on an
80-column colour terminal (`Result.seen`: its lines without the colour codes).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pendulum
import pytest

from planner_tui.cli import main

FROZEN = (2026, 11, 28, 10, 30)  # a Saturday, in the local time zone


def frozen_now() -> pendulum.DateTime:
    return pendulum.datetime(*FROZEN, tz=pendulum.local_timezone())


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def seen(self) -> list[str]:
        """The lines as a person sees them on a terminal: colour codes left out."""
        return re.sub(r"\x1b\[[0-9;]*m", "", self.out).splitlines()


@pytest.fixture(autouse=True)
def frozen():
    """Every CLI test runs at Saturday 28 November 2026, 10:30 local time."""
    with pendulum.travel_to(frozen_now(), freeze=True):
        yield frozen_now()


@pytest.fixture(autouse=True)
def _plain_80_columns(monkeypatch):
    """Rich sizes output by COLUMNS (else by a terminal on stdin); colour is off in a pipe."""
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def terminal(monkeypatch):
    """Print as on an 80-column terminal: Rich's TTY_COMPATIBLE=1, which cli/screen.py obeys."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")


@pytest.fixture
def cli(capsys, plan_path):
    """Run `planner --db plan_path ARGS...` in-process; ``db=`` picks another file."""

    def run(*args: str, db: Path | None = plan_path) -> Result:
        capsys.readouterr()
        argv = (["--db", str(db)] if db is not None else []) + list(args)
        code = main(argv)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def ok(cli):
    """Like `cli`, but the command must succeed and print nothing on stderr."""

    def run(*args: str, **kwargs: Any) -> Result:
        result = cli(*args, **kwargs)
        assert result.code == 0, result
        assert result.err == "", result
        return result

    return run


@pytest.fixture
def read(plan_path):
    """The plan file's tables, as JSON."""

    def load(path: Path = plan_path) -> dict[str, Any]:
        return json.loads(path.read_text(encoding="utf-8"))

    return load


@pytest.fixture
def plan(ok):
    """A small plan: two trees, a sub-strategy, tactics at every urgency.

    s1 Get a good job (by 5y)
      s2 Build a portfolio (under s1, by eoy)
        t1 Finish the site        due fri (in 6 days), started
        t2 Write up the project   due yesterday (overdue)
      t3 Read the papers          due today
    s3 Get fit
      t4 Run 5k                   due +3d
      t5 Book a marathon          due +30d (not in the agenda)
      t6 Buy shoes                no deadline
    """
    ok("strategy", "add", "Get a good job", "--by", "5y", "--why", "Work I care about")
    ok("strategy", "add", "Build a portfolio", "--under", "s1", "--by", "eoy")
    ok("strategy", "add", "Get fit")
    ok("add", "Finish the site", "--to", "s2", "--due", "fri")
    ok("add", "Write up the project", "--to", "s2", "--due", "yesterday")
    ok("add", "Read the papers", "--to", "s1", "--due", "today")
    ok("add", "Run 5k", "--to", "s3", "--due", "+3d")
    ok("add", "Book a marathon", "--to", "s3", "--due", "+30d")
    ok("add", "Buy shoes", "--to", "s3")
    ok("start", "t1")
