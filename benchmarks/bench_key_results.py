"""What key results cost the app, in one process: a 10k plan with key results against the
same plan without them, in the same run, interleaved.

    python benchmarks/bench_key_results.py                       # 10k tactics, 500 key results x 6 values
    python benchmarks/bench_key_results.py --key-results 500 --values 12 --runs 15

For each plan, the app runs headless (Textual's `run_test`, 120x40) and times, wall
and CPU of this process:

- open: from `PlannerApp(Store(path))` to the detail pane drawn (the frame after the
  first: on the first plan its strategy's key results are in it), store load included;
- a dialog's commit on the first strategy: recording a value of its first key result on
  the plan with them (`v`, pick it, type `42`, enter), against a new horizon on the plan
  without (`d`, type `2031-07-07`, enter): timed from enter to the dialog gone and the screen
  redrawn (the strategy's detail pane, with its key results on the first plan);
- a key's commit on both: marking a tactic done (`x` on the tactics table), timed from
  the key to the screen redrawn: what key results cost every other change.
Every commit writes the whole file, fsync included.

Medians of ``--runs`` (each a fresh copy of the plan), ratio with / without. Plans
come from benchmarks/generate.py (seeded); `bench_ui.py --key-results` times the same
from outside the process, as a person sees it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write_plan  # noqa: E402

from planner_tui.core.file.store import Store  # noqa: E402
from planner_tui.ui.app import PlannerApp  # noqa: E402
from planner_tui.ui.dialogs.forms import FormDialog  # noqa: E402
from planner_tui.ui.dialogs.key_result_value import ValueDialog  # noqa: E402
from planner_tui.ui.widgets.key_results import KeyResultsSection  # noqa: E402
from planner_tui.ui.widgets.panes import DetailPane  # noqa: E402

SIZE = (120, 40)


class Clock:
    """Wall and CPU time since it was made."""

    def __init__(self) -> None:
        gc.collect()
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


async def settled(pilot, condition, within: float = 30.0) -> None:
    """Let the app run until ``condition()`` holds (a bound, not a wait: a refused save would hang)."""
    give_up = time.monotonic() + within
    while not condition():
        if time.monotonic() > give_up:
            raise RuntimeError(f"the app did not get there: {pilot.app.screen!r}")
        await pilot.pause()
    await pilot.pause()


async def one_run(path: Path, measured: bool) -> dict[str, tuple[float, float]]:
    """Open, a dialog's commit, a key's commit; (wall, CPU) seconds each. The collector
    as `planner` runs it (cli/launch.py): off until the first frames are out, then what
    start-up built frozen."""
    clock = Clock()
    gc.disable()
    app = PlannerApp(Store(path))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, lambda: str(app.screen.query_one(DetailPane).content).strip()
                      and (not measured or app.screen.query_one(KeyResultsSection).display))
        found = {"open": clock.read()}
        gc.freeze()
        gc.enable()
        if measured:
            await pilot.press("v")
            await settled(pilot, lambda: app.screen.id != "plan")
            if not isinstance(app.screen, ValueDialog):
                await pilot.press("enter")  # the first key result of several
                await settled(pilot, lambda: isinstance(app.screen, ValueDialog))
            await pilot.press("4", "2")
        else:
            await pilot.press("d")
            await settled(pilot, lambda: isinstance(app.screen, FormDialog))
            await pilot.press("ctrl+u", *"2031-07-07")
        await pilot.pause()
        clock = Clock()
        await pilot.press("enter")
        await settled(pilot, lambda: not isinstance(app.screen, FormDialog))
        found["dialog"] = clock.read()
        await pilot.press("tab")
        await pilot.pause()
        table = app.screen.tactic_table
        before = app.store.plan.tactics[table.tactic_id].status
        clock = Clock()
        await pilot.press("x")
        await settled(pilot, lambda: app.store.plan.tactics[table.tactic_id].status != before)
        found["done"] = clock.read()
    gc.unfreeze()
    return found


async def measure(size: int, key_results: int, values: int, runs: int, folder: Path) -> dict:
    plans = {False: write_plan(folder / "plain.json", size),
             True: write_plan(folder / "kr.json", size, key_results=key_results, values=values)}
    found: dict[tuple[str, bool], list[tuple[float, float]]] = {}
    for _ in range(runs + 1):  # the first run of each warms the imports: left out
        for measured, pristine in plans.items():
            copy = folder / f"run-{int(measured)}.json"
            shutil.copy(pristine, copy)
            for part, times in (await one_run(copy, measured)).items():
                found.setdefault((part, measured), []).append(times)
            for side_file in folder.glob("run-*.json.*"):
                side_file.unlink() if side_file.is_file() else shutil.rmtree(side_file)
    return {key: times[1:] for key, times in found.items()}


def report(found: dict, size: int, key_results: int, values: int) -> str:
    lines = [f"### {size:,} tactics, {key_results} key results × {values} values against none", "",
             "| | with | without | ratio |", "|---|---:|---:|---:|"]
    names = {"open": "open to the detail pane", "dialog": "a dialog: record a value / a new horizon",
             "done": "a key: mark a tactic done"}
    for part, words in names.items():
        for index, clock in enumerate(("wall", "CPU")):
            with_, without = (1000 * statistics.median(t[index] for t in found[(part, side)]) for side in (True, False))
            lines.append(f"| {words}, {clock} (ms) | {with_:.1f} | {without:.1f} | {with_ / without:.2f}x |")
    lines.append("")
    lines.append(f"(medians of {len(found[('open', True)])} runs)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--key-results", type=int, default=500)
    parser.add_argument("--values", type=int, default=6)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        found = asyncio.run(measure(args.size, args.key_results, args.values, args.runs, Path(name)))
    print(report(found, args.size, args.key_results, args.values))


if __name__ == "__main__":
    main()
