"""Opening the check-in on a big plan, next to opening the main screen, in the same run.

    python benchmarks/bench_checkin.py                  # 10k tactics, 7 runs each
    python benchmarks/bench_checkin.py --tactics 100000 --runs 5

The plan comes from benchmarks/generate.py (seeded, so the same size is the same
file). The clock is frozen on Monday 1 June 2026, 10:00 local time, inside the
plan's range of deadlines, so the agenda is big: hundreds overdue, over a
thousand in progress. Each run opens a fresh `Store` (reading the file) and then
the app headless at 100x30 until its first frame has settled; the two screens
alternate, so a slow moment of the machine hits both. Also timed: one decision
in the check-in (a key press, two commits, the row redrawn) and opening the
review. Every run gets a fresh copy of the file. Medians, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pendulum
import textual

sys.path.insert(0, str(Path(__file__).parent))
from generate import write_plan  # noqa: E402

from planner_tui.core import checkin, review  # noqa: E402
from planner_tui.core.day import Day  # noqa: E402
from planner_tui.core.file.store import Store  # noqa: E402
from planner_tui.ui.app import PlannerApp  # noqa: E402

NOW = pendulum.datetime(2026, 6, 1, 10, 0, tz=pendulum.local_timezone())
SIZE = (100, 30)


def clock() -> pendulum.DateTime:
    return NOW


async def open_screen(path: Path, start: str | None, keys: tuple[str, ...] = ()) -> tuple[float, float, float]:
    """Seconds to load the store, to open the app on ``start`` (None: the main
    screen) until settled, and to press ``keys`` until settled."""
    began = time.perf_counter()
    store = Store(path, clock=clock)
    loaded = time.perf_counter()
    app = PlannerApp(store, start=start)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        opened = time.perf_counter()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        pressed = time.perf_counter()
    return loaded - began, opened - loaded, pressed - opened


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tactics", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write_plan(Path(folder) / "plan.json", args.tactics)
        plan = Store(path, clock=clock).plan
        sizes = ", ".join(f"{n} {name}" for name, n in
                          ((name, len(items)) for name, items in checkin.groups(plan, Day(NOW))))
        print(f"{args.tactics:,} tactics, {len(plan.strategies):,} strategies, "
              f"{path.stat().st_size / 1e6:.1f} MB; check-in lists {sizes} "
              f"(at most {checkin.GROUP_LIMIT} a group shown); "
              f"{len(review.due_for_review(plan, NOW))} strategies due for review")
        print(f"Python {platform.python_version()}, Textual {textual.__version__}, {platform.machine()}, "
              f"{args.runs} runs, medians in ms\n")
        screens = {"main screen": (None, ()), "check-in": ("checkin", ()),
                   "check-in, one decision": ("checkin", ("s",)), "review": ("review", ())}
        times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in screens}
        for _ in range(args.runs):
            for name, (start, keys) in screens.items():
                fresh = shutil.copyfile(path, Path(folder) / "run.json")  # a decision writes
                times[name].append(asyncio.run(open_screen(fresh, start, keys)))
        print(f"{'':24} {'load file':>9} {'open':>7} {'keys':>7}")
        for name, runs in times.items():
            load, opened, keys = zip(*runs)
            print(f"{name:24} {median_ms(list(load)):>9} {median_ms(list(opened))} "
                  f"{median_ms(list(keys)) if screens[name][1] else '      -'}")


if __name__ == "__main__":
    main()
