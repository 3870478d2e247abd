"""The things a plan is made of (strategies, tactics, check-ins, reviews, time away, key results
and their values), as plain dataclasses.

Each class knows how to read itself from a stored document and write itself
back (`from_doc` / `to_doc`); the field names are the file's contract
(DESIGN.md). Nothing here touches the file or the clock.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from pendulum import Date, DateTime

from planner_tui.core.dates import When, datetime_from_iso, from_iso, to_iso


# Levels of strategies a plan may nest (a top-level strategy is level 1): more
# than any plan people keep, few enough for every tree walk, screen and format.
MAX_DEPTH = 100


class StrategyStatus(str, enum.Enum):
    ACTIVE = "active"
    PAUSED = "paused"  # on hold: out of pace, health suggestions and due reviews (until `paused_until`)
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class TacticStatus(str, enum.Enum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Still waiting for work (todo or doing)."""
        return self in (TacticStatus.TODO, TacticStatus.DOING)


class Health(str, enum.Enum):
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"


# Loading 100k tactics calls these once per document: a dict lookup is several
# times faster than calling the enum class, which stays the fallback for errors.
_STRATEGY_STATUS = {status.value: status for status in StrategyStatus}
_TACTIC_STATUS = {status.value: status for status in TacticStatus}


def _iso_or_none(value: DateTime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _labels(owner: str | None, tags: tuple[str, ...]) -> dict[str, Any]:
    """``owner`` and ``tags`` as the file keeps them: only when set, so a plan that
    uses neither reads as it did before they existed."""
    found: dict[str, Any] = {}
    if owner is not None:
        found["owner"] = owner
    if tags:
        found["tags"] = list(tags)
    return found


@dataclass(slots=True)
class Strategy:
    """A long-term goal tied to a vision; nested through ``parent``."""

    id: int
    title: str
    parent: int | None = None
    why: str = ""
    horizon: Date | None = None
    status: StrategyStatus = StrategyStatus.ACTIVE
    position: int = 0
    review_every: int | None = None
    created: DateTime | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    paused_until: Date | None = None

    @property
    def key(self) -> str:
        """The id people see and type: `s3`."""
        return f"s{self.id}"

    def status_on(self, today: Date) -> StrategyStatus:
        """The status as of ``today``: paused until a day that has come reads as active.

        Worked out when read, never written: the file keeps `paused` until someone
        changes it, so a resumption needs no process running on the day.
        """
        if self.status is StrategyStatus.PAUSED and self.paused_until is not None and today >= self.paused_until:
            return StrategyStatus.ACTIVE
        return self.status

    def is_paused(self, today: Date) -> bool:
        return self.status_on(today) is StrategyStatus.PAUSED

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Strategy:
        return cls(
            id=doc_id,
            title=doc.get("title", ""),
            parent=doc.get("parent"),
            why=doc.get("why") or "",
            horizon=from_iso(doc.get("horizon")),
            status=_STRATEGY_STATUS.get(doc.get("status", "active")) or StrategyStatus(doc.get("status")),
            position=doc.get("position", 0),
            review_every=doc.get("review_every"),
            created=datetime_from_iso(doc.get("created")),
            owner=doc.get("owner"),
            tags=tuple(doc.get("tags") or ()),
            paused_until=from_iso(doc.get("paused_until")),
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "parent": self.parent,
            "why": self.why,
            "horizon": to_iso(self.horizon),
            "status": self.status.value,
            "position": self.position,
            "review_every": self.review_every,
            "created": _iso_or_none(self.created),
            **_labels(self.owner, self.tags),
            **({"paused_until": to_iso(self.paused_until)} if self.paused_until is not None else {}),
        }


@dataclass(slots=True)
class Tactic:
    """A short-term, concrete action with a deadline, serving one strategy."""

    id: int
    title: str
    strategy: int
    status: TacticStatus = TacticStatus.TODO
    due: When | None = None
    notes: str = ""
    repeat: str | None = None
    position: int = 0
    created: DateTime | None = None
    done_at: DateTime | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    reopen_as: TacticStatus | None = None  # a closed tactic's open status before (core/actions.py `reopened`)

    @property
    def key(self) -> str:
        """The id people see and type: `t42`."""
        return f"t{self.id}"

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Tactic:
        return cls(
            id=doc_id,
            title=doc.get("title", ""),
            strategy=doc.get("strategy"),
            status=_TACTIC_STATUS.get(doc.get("status", "todo")) or TacticStatus(doc.get("status")),
            due=from_iso(doc.get("due")),
            notes=doc.get("notes") or "",
            repeat=doc.get("repeat"),
            position=doc.get("position", 0),
            created=datetime_from_iso(doc.get("created")),
            done_at=datetime_from_iso(doc.get("done_at")),
            owner=doc.get("owner"),
            tags=tuple(doc.get("tags") or ()),
            reopen_as=_TACTIC_STATUS.get(doc.get("reopen_as")),
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "strategy": self.strategy,
            "status": self.status.value,
            "due": to_iso(self.due),
            "notes": self.notes,
            "repeat": self.repeat,
            "position": self.position,
            "created": _iso_or_none(self.created),
            "done_at": _iso_or_none(self.done_at),
            **_labels(self.owner, self.tags),
            **({"reopen_as": self.reopen_as.value} if self.reopen_as is not None else {}),
        }


# A check-in's lists of tactic ids, one per decision (core/checkin.py: Decision).
CHECKIN_LISTS = ("done", "pushed", "started", "rescheduled", "dropped", "skipped")


@dataclass(slots=True)
class CheckIn:
    """One day's check-in: what was decided about which tactics, and a note.

    Each tactic is in at most one list (its latest decision that day).
    ``rescheduled``, ``dropped``, ``skipped`` and ``finished`` were added for
    the check-in screen (core/checkin.py); files without them read as empty.
    """

    id: int
    date: Date
    done: list[int] = field(default_factory=list)
    pushed: list[int] = field(default_factory=list)
    started: list[int] = field(default_factory=list)
    note: str = ""
    rescheduled: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    finished: DateTime | None = None

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> CheckIn:
        return cls(
            id=doc_id,
            date=from_iso(doc["date"]),
            done=list(doc.get("done") or []),
            pushed=list(doc.get("pushed") or []),
            started=list(doc.get("started") or []),
            note=doc.get("note") or "",
            rescheduled=list(doc.get("rescheduled") or []),
            dropped=list(doc.get("dropped") or []),
            skipped=list(doc.get("skipped") or []),
            finished=datetime_from_iso(doc.get("finished")),
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "done": list(self.done),
            "pushed": list(self.pushed),
            "started": list(self.started),
            "note": self.note,
            "rescheduled": list(self.rescheduled),
            "dropped": list(self.dropped),
            "skipped": list(self.skipped),
            "finished": _iso_or_none(self.finished),
        }


@dataclass(slots=True)
class Review:
    """A periodic look at one strategy: its health and a note.

    ``at``, ``done``, ``total``, ``expected`` and ``suggested`` (added for
    core/review.py) keep what the review saw: the time, the progress then, the
    progress the pace expected, and the health the pace suggested.
    """

    id: int
    strategy: int
    date: Date
    health: Health
    note: str = ""
    at: DateTime | None = None
    done: int | None = None
    total: int | None = None
    expected: float | None = None
    suggested: Health | None = None

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Review:
        suggested = doc.get("suggested")
        return cls(
            id=doc_id,
            strategy=doc["strategy"],
            date=from_iso(doc["date"]),
            health=Health(doc.get("health", "on-track")),
            note=doc.get("note") or "",
            at=datetime_from_iso(doc.get("at")),
            done=doc.get("done"),
            total=doc.get("total"),
            expected=doc.get("expected"),
            suggested=Health(suggested) if suggested else None,
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "date": self.date.isoformat(),
            "health": self.health.value,
            "note": self.note,
            "at": _iso_or_none(self.at),
            "done": self.done,
            "total": self.total,
            "expected": self.expected,
            "suggested": self.suggested.value if self.suggested else None,
        }


@dataclass(slots=True)
class Away:
    """Days away (``start`` to ``end``, both included): they neither break nor extend
    the check-in streak (core/streak.py)."""

    id: int
    start: Date
    end: Date
    note: str = ""

    @property
    def key(self) -> str:
        """The id people see and type: `a2`."""
        return f"a{self.id}"

    def __contains__(self, day: Date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Away:
        return cls(id=doc_id, start=from_iso(doc["start"]), end=from_iso(doc["end"]), note=doc.get("note") or "")

    def to_doc(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "note": self.note}


@dataclass(slots=True)
class KeyResult:
    """A measure of a strategy's outcome: from ``start`` to ``target`` (either way:
    churn from 8 to 3 counts down), measured since ``start_date``. Its values are
    `Measurement` documents of their own (core/keyresults.py says why)."""

    id: int
    strategy: int
    title: str
    start: float
    target: float
    unit: str = ""
    start_date: Date | None = None
    position: int = 0
    created: DateTime | None = None

    @property
    def key(self) -> str:
        """The id people see and type: `k3`."""
        return f"k{self.id}"

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> KeyResult:
        return cls(
            id=doc_id,
            strategy=doc.get("strategy"),
            title=doc.get("title", ""),
            start=doc.get("start", 0),
            target=doc.get("target", 0),
            unit=doc.get("unit") or "",
            start_date=from_iso(doc.get("start_date")),
            position=doc.get("position", 0),
            created=datetime_from_iso(doc.get("created")),
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "title": self.title,
            "start": self.start,
            "target": self.target,
            "unit": self.unit,
            "start_date": to_iso(self.start_date),
            "position": self.position,
            "created": _iso_or_none(self.created),
        }


@dataclass(slots=True)
class Measurement:
    """One value of a key result, measured on ``date``, with an optional note."""

    id: int
    keyresult: int
    date: Date
    value: float
    note: str = ""

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Measurement:
        return cls(
            id=doc_id,
            keyresult=doc["keyresult"],
            date=from_iso(doc["date"]),
            value=doc["value"],
            note=doc.get("note") or "",
        )

    def to_doc(self) -> dict[str, Any]:
        """Without a note when there is none: a plan keeps thousands of values, most without one,
        and every open reads them all."""
        doc = {"keyresult": self.keyresult, "date": self.date.isoformat(), "value": self.value}
        return {**doc, "note": self.note} if self.note else doc


TABLES: dict[str, type] = {
    "strategies": Strategy,
    "tactics": Tactic,
    "checkins": CheckIn,
    "reviews": Review,
    "away": Away,
    "keyresults": KeyResult,
    "measurements": Measurement,
}
