"""The command line's listings against Taskwarrior's `task list`, in the same run.

    python benchmarks/bench_cli.py                  # 10k tactics, 15 runs each
    python benchmarks/bench_cli.py --tactics 1000 --runs 9

The plan comes from generate.py, its dates moved so that today is what
1 June 2026 is to the generated plan (the day bench_checkin.py freezes): the
agenda holds the same tactics whatever day the benchmark runs. Taskwarrior
gets the same tactics as tasks (`task import` into a temporary TASKDATA with
`rc.confirmation=off`): title, project (the strategy's id), deadline, status
(todo and doing pending, done completed, dropped deleted) and creation time.

Every command is the real executable in a fresh process (`planner` on PATH,
else `python -m planner_tui`; `task`), our modules compiled to bytecode first
(as an installed copy has them), no settings file, its output read through a pipe, the
targets interleaved round-robin so the machine's drift hits all alike. "as on
a terminal" forces the terminal path while still reading a pipe: ours with
TTY_COMPATIBLE=1 and 120 columns (fitted, wrapped, coloured), Taskwarrior's with
rc._forcecolor=on and rc.defaultwidth=120. Reported: medians, and each one's
ratio to `task list`'s median in the same run (below 1: faster).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import orjson
import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

from planner_tui.core.dates import parse_stored_due  # noqa: E402

FROZEN_DAY = pendulum.date(2026, 6, 1)  # as in bench_checkin.py
TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "120"}


def planner_command() -> list[str]:
    found = shutil.which("planner")
    return [found] if found else [sys.executable, "-m", "planner_tui"]


def write_plan(path: Path, tactics: int) -> dict:
    """generate.py's plan with its dates moved by whole days: today is its 1 June 2026."""
    shift = pendulum.today().date() - FROZEN_DAY
    generate.START = generate.START.add(days=shift.in_days())
    plan = generate.make_plan(tactics)
    path.write_bytes(orjson.dumps(plan))
    return plan


def taskwarrior_data(plan: dict, folder: Path) -> dict[str, str]:
    """A TASKDATA holding the plan's tactics as tasks; the environment that reads it."""
    rc, data = folder / "taskrc", folder / "task"
    data.mkdir()
    rc.write_text(f"data.location={data}\nconfirmation=off\n")
    status = {"todo": "pending", "doing": "pending", "done": "completed", "dropped": "deleted"}
    tasks = []
    for doc in plan["tactics"].values():
        entry = pendulum.parse(doc["created"]).in_tz("UTC").format("YYYYMMDD[T]HHmmss[Z]")
        task = {"description": doc["title"], "status": status[doc["status"]], "entry": entry,
                "project": f"s{doc['strategy']}"}
        if doc["due"]:
            task["due"] = _due_in_utc(doc["due"])
        if task["status"] != "pending":
            task["end"] = entry
        tasks.append(task)
    (folder / "tasks.json").write_bytes(orjson.dumps(tasks))
    env = {**os.environ, "TASKRC": str(rc)}
    subprocess.run(["task", "import", str(folder / "tasks.json")], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return env


def _due_in_utc(text: str) -> str:
    """A stored deadline (a day: its midnight UTC) as Taskwarrior's UTC stamp."""
    due = parse_stored_due(text)
    moment = due if isinstance(due, datetime) else pendulum.datetime(due.year, due.month, due.day)
    return pendulum.instance(moment).in_tz("UTC").format("YYYYMMDD[T]HHmmss[Z]")


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from spawn to exit, and the lines printed (read through a pipe)."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    return elapsed, done.stdout.count(b"\n")


def targets(plan_path: Path, task_env: dict[str, str]) -> dict[str, tuple[list[str], dict[str, str]]]:
    planner = [*planner_command(), "--db", str(plan_path)]
    plain = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(plan_path.parent / "config")}
    for name in ("TTY_COMPATIBLE", "FORCE_COLOR", "COLUMNS"):
        plain.pop(name, None)
    return {
        "task list": (["task", "list"], task_env),
        "task list, as on a terminal": (["task", "rc._forcecolor=on", "rc.defaultwidth=120", "list"], task_env),
        "planner today": ([*planner, "today"], plain),
        "planner today, as on a terminal": ([*planner, "today"], {**plain, **TERMINAL}),
        "planner today --json": ([*planner, "today", "--json"], plain),
        "planner list": ([*planner, "list"], plain),
        "planner list, as on a terminal": ([*planner, "list"], {**plain, **TERMINAL}),
        "planner list --json": ([*planner, "list", "--json"], plain),
        "planner streak --short": ([*planner, "streak", "--short"], plain),
        "planner --version": ([*planner, "--version"], plain),
    }


def measure(tactics: int, runs: int, folder: Path) -> list[tuple[str, float, int]]:
    plan_path = folder / "plan.json"
    plan = write_plan(plan_path, tactics)
    commands = targets(plan_path, taskwarrior_data(plan, folder))
    times: dict[str, list[float]] = {name: [] for name in commands}
    lines: dict[str, int] = {}
    for name, (command, env) in commands.items():  # warm up: a schema upgrade, task's first gc
        run(command, env)
    for _ in range(runs):
        for name, (command, env) in commands.items():
            elapsed, lines[name] = run(command, env)
            times[name].append(elapsed)
    return [(name, statistics.median(values), lines[name]) for name, values in times.items()]


def report(tactics: int, runs: int, rows: list[tuple[str, float, int]]) -> str:
    baseline = dict((name, median) for name, median, _ in rows)["task list"]
    out = [f"### {tactics:,} tactics, medians of {runs} runs", "",
           "| command | lines | ms | ratio to `task list` |", "|---|---:|---:|---:|"]
    for name, median, count in rows:
        out.append(f"| {name} | {count:,} | {1000 * median:.0f} | {median / baseline:.2f}x |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tactics", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if not shutil.which("task"):
        raise SystemExit("Taskwarrior is needed: apt-get install taskwarrior")
    import planner_tui

    compileall.compile_dir(Path(planner_tui.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        rows = measure(args.tactics, args.runs, Path(folder))
    print(report(args.tactics, args.runs, rows))


if __name__ == "__main__":
    main()
