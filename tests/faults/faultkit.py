"""Helpers shared by the fault tests (imported as a plain module: tests/faults is on sys.path)."""

from __future__ import annotations

import time
from pathlib import Path

import orjson
from planner_tui.core.file.storage import DUMP_OPTIONS
from planner_tui.core.file.store import SCHEMA

WRITER = Path(__file__).with_name("writer.py")


def seed_plan(path: Path, tactics: int, created: str) -> dict:
    """Write a plan with one strategy and ``tactics`` tactics (ids 1..n); returns its tables."""
    data = {
        "meta": {"1": {"schema": SCHEMA, "ids": {"strategies": 1, "tactics": tactics}}},
        "strategies": {"1": {"title": "Stay alive", "parent": None, "why": "", "horizon": None,
                             "status": "active", "position": 0, "review_every": None,
                             "created": created}},
        "tactics": {str(i): {"title": f"seed {i}", "strategy": 1, "status": "todo", "due": "2026-12-31",
                             "notes": "some notes " * 3, "repeat": None, "position": i,
                             "created": created, "done_at": None} for i in range(1, tactics + 1)},
    }
    path.write_bytes(orjson.dumps(data, option=DUMP_OPTIONS))
    return data


def temps_of(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.tmp-*"))


def tactic_doc(title: str, created: str) -> dict:
    return {"title": title, "strategy": 1, "status": "todo", "due": None, "notes": "", "repeat": None,
            "position": 0, "created": created, "done_at": None}




def meet(folder: Path, name: str, me: str, parties: int, check=lambda: None, give_up: float = 120.0) -> None:
    """A barrier between processes: mark ``me`` as arrived at ``name``, then wait
    until all ``parties`` have. Waiting is for the others, not for a time; the
    bound only turns a crashed party into an error instead of a hang, and
    ``check`` (called while waiting) can say sooner that one crashed."""
    (folder / f"{name}.{me}").touch()
    until = time.monotonic() + give_up
    while len(list(folder.glob(f"{name}.*"))) < parties:
        if time.monotonic() > until:
            raise TimeoutError(f"{me}: only {len(list(folder.glob(f'{name}.*')))} of {parties} reached {name}")
        check()
        time.sleep(0.001)
