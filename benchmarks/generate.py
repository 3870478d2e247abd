"""Synthetic plans for the benchmarks, in the plan file's own format (DESIGN.md).

    python benchmarks/generate.py 10000 /tmp/plan-10k.json

About 100 tactics per strategy; the strategies form a tree three levels deep
(10% top-level, 30% their children, 60% grandchildren). Everything comes from a
seeded random generator and a fixed start date, so the same size always gives
the same bytes.
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


def make_plan(tactics: int, seed: int = 1) -> dict[str, Any]:
    """The tables of a plan with ``tactics`` tactics."""
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
    return {"meta": meta, "strategies": strategies, "tactics": table,
            "checkins": checkins, "reviews": reviews}


def write_plan(path: Path, tactics: int, seed: int = 1) -> Path:
    path.write_bytes(orjson.dumps(make_plan(tactics, seed), option=DUMP_OPTIONS))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tactics", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_plan(args.path, args.tactics, args.seed)
    print(f"{args.path}: {args.tactics} tactics, {args.path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
