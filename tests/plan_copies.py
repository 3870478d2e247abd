"""Helpers for the merge tests: a base plan and two copies of it, each changed
through its own real store, on one clock that ticks with every commit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pendulum

from planner_tui.core import actions
from planner_tui.core.file.merge_report import Report
from planner_tui.core.file.merging import merge_files
from planner_tui.core.file.store import Store


class Ticking:
    """A clock one second later at every reading: the order of the test's commits
    is the order of their stamps."""

    def __init__(self, start: pendulum.DateTime):
        self.at = start

    def __call__(self) -> pendulum.DateTime:
        self.at = self.at.add(seconds=1)
        return self.at


class Copies:
    """``base.json``, then ``ours.json`` and ``theirs.json`` copied from it (`split`)."""

    def __init__(self, folder: Path, start: pendulum.DateTime):
        self.folder = folder
        self.clock = Ticking(start)
        self.path = {name: folder / f"{name}.json" for name in ("base", "ours", "theirs")}

    def store(self, name: str) -> Store:
        return Store(self.path[name], clock=self.clock)

    def planned(self) -> Store:
        """The base: s1 'Career' with t1 'Call Ana' .. t4 'Send CV', s2 'Health' with t5 'Run'."""
        base = self.store("base")
        career = actions.add_strategy(base, "Career").new_ids[0]
        for title in ("Call Ana", "Update CV", "Write letter", "Send CV"):
            actions.add_tactic(base, title, career)
        health = actions.add_strategy(base, "Health").new_ids[0]
        actions.add_tactic(base, "Run", health)
        return base

    def split(self) -> tuple[Store, Store]:
        for name in ("ours", "theirs"):
            shutil.copyfile(self.path["base"], self.path[name])
        return self.store("ours"), self.store("theirs")

    def theirs_stamp(self, tactic_id: int) -> str:
        return json.loads(self.path["theirs"].read_bytes())["tactics"][str(tactic_id)]["modified"]

    def merge(self) -> tuple[dict, Report]:
        merged, report = merge_files(self.path["base"], self.path["ours"], self.path["theirs"])
        return json.loads(merged.dumps()), report


def titles(data: dict, table: str = "tactics") -> dict[str, str]:
    return {key: doc["title"] for key, doc in data.get(table, {}).items()}
