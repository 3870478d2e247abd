"""What this machine knows of the last sync, in a side file beside the plan (`plan.json.sync.json`).

Per-machine, never in the plan (DESIGN.md): which task list, the server's sync
token, and for each to-do by UID the plan key it stands for, where it lives
(href), the version the server last showed (ETag), and the *base*: the value
both sides last agreed on, from which "changed since" is told on each side.

It is written after every step that changed the server (core/file/side_files.py:
atomic, with the plan's permissions), so an interrupted sync resumes where it
stopped. An ETag of None means "this server copy is not yet the base": the
next sync reads it again instead of trusting it. A broken file is set aside
with a warning, and the sync starts afresh (it matches by UID, so nothing is
duplicated; differences are settled by the conflict rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import orjson

from planner_tui.core.exchange.sync.items import Item
from planner_tui.core.file import side_files
from planner_tui.core.file.storage import DUMP_OPTIONS

VERSION = 1


@dataclass(slots=True)
class Entry:
    """One to-do as last seen: the plan key it stands for, its href and ETag, and the base."""

    key: str
    href: str | None = None
    etag: str | None = None
    base: Item | None = None

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "href": self.href, "etag": self.etag,
                "base": self.base.to_json() if self.base is not None else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        base = data.get("base")
        return cls(str(data["key"]), data.get("href"), data.get("etag"),
                   Item.from_json(base) if base is not None else None)


@dataclass(slots=True)
class SyncState:
    """The whole side file: the list it is about, its sync token, and an `Entry` per UID."""

    calendar: str | None = None
    source: str | None = None  # the settings it was for: user, server, list name
    token: str | None = None
    items: dict[str, Entry] = field(default_factory=dict)

    def uid_of(self) -> dict[str, str]:
        """Plan key -> UID, for the keys this state knows."""
        return {entry.key: item_uid for item_uid, entry in self.items.items()}

    def to_json(self) -> dict[str, Any]:
        return {"version": VERSION, "calendar": self.calendar, "source": self.source, "token": self.token,
                "items": {key: entry.to_json() for key, entry in sorted(self.items.items())}}


def state_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".sync.json")


def load(plan_path: Path, warn: Callable[[str], None]) -> SyncState:
    """The state beside the plan; an empty one when there is none or it is broken (``warn`` is told)."""
    found = side_files.load(state_path(plan_path), plan_path, _parse, "The sync state",
                            "the next sync starts afresh, matching to-dos by UID", warn)
    return found or SyncState()


def _parse(raw: bytes) -> SyncState:
    data = orjson.loads(raw)
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("it is not a sync state this version knows")
    items = data.get("items")
    if not isinstance(items, dict):
        raise ValueError("it has no items")
    return SyncState(data.get("calendar"), data.get("source"), data.get("token"),
                     {str(key): Entry.from_json(entry) for key, entry in items.items()})


def save(plan_path: Path, state: SyncState) -> None:
    side_files.write(state_path(plan_path), orjson.dumps(state.to_json(), option=DUMP_OPTIONS), plan_path)
