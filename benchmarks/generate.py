"""Synthetic plans for the benchmarks, in the plan file's own format (DESIGN.md).

    python benchmarks/generate.py 10000 /tmp/plan-10k.json
    python benchmarks/generate.py 10000 /tmp/plan-10k-kr.json --key-results 500

About 100 tactics per strategy; the strategies form a tree three levels deep
(10% top-level, 30% their children, 60% grandchildren). Everything comes from a
seeded random generator and a fixed start date, so the same size always gives
the same bytes. Key results, when asked for, are spread over the strategies
round the tree, each with ``--values`` values (a month apart): drawn from a
generator of their own, so the rest of the plan is the same bytes with or
without them.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import orjson
import pendulum

from planner_tui.core.dates import to_iso
from planner_tui.core.file.storage import DUMP_OPTIONS
from planner_tui.core.file.store import SCHEMA

TACTICS_PER_STRATEGY = 100
VALUES_PER_KEY_RESULT = 6  # half a year of monthly values
START = pendulum.datetime(2026, 1, 5, 9, 0, tz="Europe/Berlin")
WORDS = ("write plan draft review call email budget hire launch ship test fix read "
         "learn build design measure survey meet publish migrate backup audit").split()


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()


def strategy_parents(count: int, rng: random.Random) -> list[int | None]:
    """Parent of strategy i + 1: a tree three levels deep."""
    roots = max(1, round(count * 0.1))
    middle = max(0, min(count - roots, round(count * 0.3)))
    parents: list[int | None] = [None] * roots
    parents += [rng.randint(1, roots) for _ in range(middle)]
    parents += [rng.randint(roots + 1, roots + middle) if middle else rng.randint(1, roots)
                for _ in range(count - roots - middle)]
    return parents


def make_plan(tactics: int, seed: int = 1, key_results: int = 0, values: int = VALUES_PER_KEY_RESULT) -> dict[str, Any]:
    """The tables of a plan with ``tactics`` tactics (and ``key_results`` key results, each
    with ``values`` values)."""
    rng = random.Random(seed)
    n_strategies = max(1, tactics // TACTICS_PER_STRATEGY)
    strategies: dict[str, Any] = {}
    positions: dict[Any, int] = {}
    for index, parent in enumerate(strategy_parents(n_strategies, rng), start=1):
        position = positions.get(parent, 0)
        positions[parent] = position + 1
        created = START.add(minutes=index)
        strategies[str(index)] = {
            "title": _title(rng), "parent": parent, "why": _title(rng) if rng.random() < 0.5 else "",
            "horizon": START.add(days=rng.randint(90, 1500)).date().isoformat() if rng.random() < 0.7 else None,
            "status": rng.choice(("active",) * 8 + ("achieved", "dropped")), "position": position,
            "review_every": rng.choice((None, 7, 14, 30)), "created": created.isoformat(),
            "modified": created.add(days=index % 11).isoformat(),
        }
    table: dict[str, Any] = {}
    for index in range(1, tactics + 1):
        strategy = (index - 1) * n_strategies // tactics + 1
        position = positions.get(("t", strategy), 0)
        positions[("t", strategy)] = position + 1
        created = START.add(minutes=index * 7)
        roll = rng.random()
        if roll < 0.55:
            due = START.add(days=rng.randint(0, 720)).date().isoformat()
        elif roll < 0.7:
            due = to_iso(START.add(days=rng.randint(0, 720), hours=rng.randint(0, 10)))  # kept in its zone
        else:
            due = None
        status = rng.choice(("todo", "todo", "todo", "doing", "done", "done", "dropped"))
        table[str(index)] = {
            "title": _title(rng), "strategy": strategy, "status": status, "due": due,
            "notes": _title(rng) if rng.random() < 0.3 else "",
            "repeat": rng.choice(("1w", "2w", "1m")) if rng.random() < 0.05 else None,
            "position": position, "created": created.isoformat(),
            "done_at": created.add(days=rng.randint(1, 60)).isoformat() if status == "done" else None,
        }
        # When it last changed (core/file/modified.py): done, else some hours after it was made.
        table[str(index)]["modified"] = table[str(index)]["done_at"] or created.add(hours=index % 97).isoformat()
    days = max(1, tactics // 100)
    checkins = {str(i): {"date": START.add(days=i).date().isoformat(),
                         "done": rng.sample(range(1, tactics + 1), 3), "pushed": [], "started": [],
                         "note": "", "modified": START.add(days=i, hours=20).isoformat()} for i in range(1, days + 1)}
    reviews = {str(i): {"strategy": rng.randint(1, n_strategies), "date": START.add(days=i).date().isoformat(),
                        "health": rng.choice(("on-track", "at-risk", "off-track")), "note": "",
                        "modified": START.add(days=i, hours=9).isoformat()}
               for i in range(1, n_strategies + 1)}
    meta = {"1": {"schema": SCHEMA, "ids": {"strategies": n_strategies, "tactics": tactics,
                                       "checkins": days, "reviews": n_strategies}}}
    plan = {"meta": meta, "strategies": strategies, "tactics": table,
            "checkins": checkins, "reviews": reviews}
    if key_results:
        plan.update(make_key_results(n_strategies, key_results, values, seed))
        meta["1"]["ids"].update(keyresults=key_results, measurements=key_results * values)
    return plan


def make_key_results(strategies: int, count: int, values: int, seed: int) -> dict[str, Any]:
    """``count`` key results round the strategies (going up or down), each with ``values``
    values a month apart, stamped as every write stamps them (core/file/modified.py)."""
    rng = random.Random(seed + 1)
    keyresults, measurements = {}, {}
    for index in range(1, count + 1):
        start = rng.choice((0, 10, 100, 1_000_000))
        target = start + rng.choice((-1, 1)) * rng.randint(1, 50) * max(1, start // 10 or 1)
        since = START.add(days=rng.randint(0, 60))
        keyresults[str(index)] = {
            "strategy": (index - 1) % strategies + 1, "title": _title(rng), "start": start, "target": target,
            "unit": rng.choice(("", "%", "$", "users")), "start_date": since.date().isoformat(),
            "position": (index - 1) // strategies, "created": since.isoformat(), "modified": since.isoformat()}
        for step in range(values):
            measured = since.add(days=30 * (step + 1))
            value = {"keyresult": index, "date": measured.date().isoformat(),
                     "value": round(start + (target - start) * rng.random(), 1),
                     "modified": measured.add(hours=index % 13).isoformat()}  # recorded that day
            if rng.random() < 0.2:  # a note on one value in five; none is no field (model.Measurement)
                value["note"] = _title(rng)
            measurements[str((index - 1) * values + step + 1)] = value
    return {"keyresults": keyresults, "measurements": measurements}


def write_plan(path: Path, tactics: int, seed: int = 1, key_results: int = 0,
               values: int = VALUES_PER_KEY_RESULT) -> Path:
    path.write_bytes(orjson.dumps(make_plan(tactics, seed, key_results, values), option=DUMP_OPTIONS))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tactics", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--key-results", type=int, default=0, help="key results to spread over the strategies")
    parser.add_argument("--values", type=int, default=VALUES_PER_KEY_RESULT, help="values of each key result")
    args = parser.parse_args()
    write_plan(args.path, args.tactics, args.seed, args.key_results, args.values)
    print(f"{args.path}: {args.tactics} tactics, {args.path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
