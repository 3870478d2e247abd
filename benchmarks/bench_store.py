"""The store against a bare TinyDB, on the same synthetic plans, in the same run.

    python benchmarks/bench_store.py                 # 1k, 10k, 100k tactics
    python benchmarks/bench_store.py --sizes 10000 --repeat 15
    python benchmarks/bench_store.py --sizes 10000 --key-results 500   # and what key results cost

For each size (plans from generate.py, written to a temporary folder on the
same disk as ``--dir``) it reports medians over ``--repeat`` runs of:

- load: ``Store(path)`` (read, check, build the Plan) against
  ``TinyDB(path).table("tactics").all()`` with TinyDB's default JSONStorage;
- commit: mark one tactic done, fsync included: ``actions.set_status`` and,
  below it, a bare ``store.transaction`` (lock, catch-up check, backup check,
  one atomic write) against ``table.update({...}, doc_ids=[n])``, which
  JSONStorage follows with a flush and an fsync too;
- the file's size (ours is indented and sorted, one field per line; TinyDB's
  own is one line);
- memory of a load, measured with tracemalloc in a fresh subprocess: the peak
  while loading, and what stays held afterwards (our raw tables plus the Plan;
  TinyDB's list of documents).

The ratio is ours / TinyDB's: below 1 we are faster or smaller.

With ``--key-results N`` it then measures, on the same plan with N key results
(each with ``--values`` values) against it without them, both ours:

- load: ``Store(path)``, wall and CPU time (the CPU time of this process is what
  the file costs when the box is busy with other work);
- record a value (``record_value``) against marking a tactic done on the plan
  without key results: the commit each plan's person makes;
- marking a tactic done on both: what key results cost every other commit.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pendulum
from tinydb import TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_plan  # noqa: E402

from planner_tui.core import actions  # noqa: E402
from planner_tui.core.keyresult_actions import record_value  # noqa: E402
from planner_tui.core.model import TacticStatus  # noqa: E402
from planner_tui.core.file.store import Store  # noqa: E402

NOW = pendulum.datetime(2026, 11, 28, 10, 30, tz="UTC")


def clock() -> pendulum.DateTime:
    return NOW


def timed(action) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def load_ours(path: Path) -> Store:
    return Store(path, clock=clock)


def load_bare(path: Path) -> list:
    db = TinyDB(path)
    tactics = db.table("tactics").all()
    db.close()
    return tactics


def targets(store: Store, count: int) -> list[int]:
    """Tactics still to do and not repeating: marking them done is one plain update."""
    found = [t.id for t in store.plan.tactics.values() if t.status is TacticStatus.TODO and not t.repeat]
    return found[:count]


def memory(kind: str, path: Path) -> tuple[float, float]:
    """MiB at the peak of one load and still held after it, in a fresh interpreter."""
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(path)],
                         capture_output=True, text=True, check=True).stdout
    peak, held = out.split()[-2:]
    return float(peak), float(held)


def child(kind: str, path: Path) -> None:
    tracemalloc.start()  # after the imports: only the load itself is counted
    loaded = (load_ours if kind == "ours" else load_bare)(path)
    held, peak = tracemalloc.get_traced_memory()
    print(peak / 2**20, held / 2**20)
    del loaded


def measure(size: int, folder: Path, repeat: int) -> dict[str, tuple[float, float]]:
    source = write_plan(folder / f"plan-{size}.json", size)
    ours, bare = folder / f"ours-{size}.json", folder / f"bare-{size}.json"
    shutil.copyfile(source, ours)
    shutil.copyfile(source, bare)
    load = ([], [])
    for _ in range(repeat):  # interleaved, so drift in the machine hits both alike
        load[0].append(timed(lambda: load_ours(ours)))
        load[1].append(timed(lambda: load_bare(bare)))

    store = Store(ours, clock=clock)
    ids = targets(store, 3 * repeat + 1)
    db = TinyDB(bare)
    table = db.table("tactics")
    actions.set_status(store, [ids.pop()], TacticStatus.DONE)  # today's backup, made once a day
    commit, action, update = [], [], []
    done = {"status": "done", "done_at": NOW.isoformat()}
    for _ in range(repeat):
        tid = ids.pop()
        update.append(timed(lambda: table.update(done, doc_ids=[tid])))

        def mark(tid=ids.pop()):
            with store.transaction(f"done t{tid}") as tx:
                tx.update("tactics", tid, **done)
        commit.append(timed(mark))
        tid = ids.pop()
        action.append(timed(lambda: actions.set_status(store, [tid], TacticStatus.DONE)))
    db.close()
    memory_ours, memory_bare = memory("ours", ours), memory("bare", bare)
    return {
        "load (ms)": (1000 * statistics.median(load[0]), 1000 * statistics.median(load[1])),
        "commit: mark one done, fsync (ms)": (1000 * statistics.median(commit), 1000 * statistics.median(update)),
        "  the same via actions.set_status (ms)": (1000 * statistics.median(action), 1000 * statistics.median(update)),
        "file size (MB)": (ours.stat().st_size / 1e6, bare.stat().st_size / 1e6),
        "memory: peak during a load (MiB)": (memory_ours[0], memory_bare[0]),
        "memory: held after it (MiB)": (memory_ours[1], memory_bare[1]),
    }


def both(action) -> tuple[float, float]:
    """Wall and CPU time of one run of ``action``."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def measure_key_results(size: int, folder: Path, repeat: int, key_results: int,
                        values: int) -> dict[str, tuple[float, float]]:
    """Ours with key results against ours without, on the same plan (see the module docstring)."""
    plain = write_plan(folder / f"plain-{size}.json", size)
    measured = write_plan(folder / f"kr-{size}.json", size, key_results=key_results, values=values)
    runs: dict[str, tuple[list, list]] = {}

    def run(name: str, side: int, action) -> None:
        runs.setdefault(name, ([], []))[side].append(both(action))

    for _ in range(repeat):  # interleaved, so drift in the machine hits both alike
        run("load", 0, lambda: load_ours(measured))
        run("load", 1, lambda: load_ours(plain))
    stores = Store(measured, clock=clock), Store(plain, clock=clock)
    ids = [targets(store, repeat + 1) for store in stores]
    for store, found in zip(stores, ids):
        actions.set_status(store, [found.pop()], TacticStatus.DONE)  # today's backup, made once a day
    key_result = next(iter(stores[0].plan.keyresults))
    for _ in range(repeat):
        run("value", 0, lambda: record_value(stores[0], key_result, 42))
        for side, store in enumerate(stores):
            tid = ids[side].pop()
            run("done", side, lambda: actions.set_status(store, [tid], TacticStatus.DONE))
    runs["value"] = (runs["value"][0], runs["done"][1])

    def ms(name: str, clock_index: int) -> tuple[float, float]:
        return tuple(1000 * statistics.median(t[clock_index] for t in runs[name][side]) for side in (0, 1))

    return {
        "load, wall (ms)": ms("load", 0),
        "load, CPU of this process (ms)": ms("load", 1),
        "commit: record a value / mark one done, fsync, wall (ms)": ms("value", 0),
        "  record a value / mark one done, CPU (ms)": ms("value", 1),
        "commit: mark one done on both, wall (ms)": ms("done", 0),
        "  mark one done on both, CPU (ms)": ms("done", 1),
        "file size (MB)": (measured.stat().st_size / 1e6, plain.stat().st_size / 1e6),
    }


def table(size: int, rows: dict[str, tuple[float, float]], columns: tuple[str, str] = ("planner_tui", "bare TinyDB"),
          heading: str = "") -> str:
    lines = [heading or f"### {size:,} tactics", "", f"| | {columns[0]} | {columns[1]} | ratio |", "|---|---:|---:|---:|"]
    for name, (ours, bare) in rows.items():
        lines.append(f"| {name} | {ours:.2f} | {bare:.2f} | {ours / bare:.2f}x |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=0, help="runs per median (default: by size)")
    parser.add_argument("--dir", type=Path, default=None, help="where the plans go (default: a temp folder)")
    parser.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    parser.add_argument("--key-results", type=int, default=0, help="also: this many key results against none")
    parser.add_argument("--values", type=int, default=6, help="with --key-results: values of each")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], Path(args.child[1]))
    results = {}
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-store-") as folder:
        for size in args.sizes:
            repeat = args.repeat or (11 if size <= 10_000 else 7)
            results[size] = measure(size, Path(folder), repeat)
            print(table(size, results[size]) + f"\n\n(medians of {repeat} runs)\n", flush=True)
            if args.key_results:
                rows = measure_key_results(size, Path(folder), repeat, args.key_results, args.values)
                heading = (f"### {size:,} tactics, {args.key_results} key results × {args.values} values "
                           "against none")
                print(table(size, rows, ("with", "without"), heading) + f"\n\n(medians of {repeat} runs)\n",
                      flush=True)
    if args.json:
        print(json.dumps({str(k): v for k, v in results.items()}, indent=2))


if __name__ == "__main__":
    main()
