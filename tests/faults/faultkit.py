"""Helpers shared by the fault tests (imported as a plain module: tests/faults is on sys.path)."""

from __future__ import annotations

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


