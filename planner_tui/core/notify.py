"""What `planner notify` tells, each thing once: deadlines coming up, the morning digest,
the evening nudge, reviews falling due.

`planner notify` runs every few minutes (cron, a systemd user timer) and says
what is worth saying at that moment. A side file beside the plan
(`plan.json.notify.json`, per machine: each desktop tells its own person)
remembers the key of every message sent, so nothing is said twice, and forgets
keys older than `KEEP_DAYS`.

The events, each with its key:

- ``due:t42:<deadline>``: an open tactic with a time of day due within
  ``within`` of now (before or, for a run that came late, after): a tactic
  rescheduled is a new event;
- ``digest:<day>``: from the settings' ``digest_at`` on the person's day
  (`streak.checkin_day`): what is overdue, due and in progress;
- ``nudge:<day>``: from ``nudge_at`` on that day, when its check-in is not
  done (not on a rest day or a day away: the streak does not need one);
- ``review:s3:<day>``: a strategy due for review since that day; every one
  newly due goes in one message.

A day with nothing overdue, due or in progress and no review due says nothing
at all: no digest, no nudge.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

import orjson
from pendulum import Date, DateTime

from planner_tui.core.checkin import agenda_ids
from planner_tui.core.dates import short_date
from planner_tui.core.day import Day
from planner_tui.core.errors import InputError
from planner_tui.core.file import side_files
from planner_tui.core.file.storage import DUMP_OPTIONS
from planner_tui.core.plan import Plan
from planner_tui.core.review import due_for_review, latest_reviews, next_review
from planner_tui.core.user_text import visible

KEEP_DAYS = 14
LISTED = 5  # titles a digest or a review message names; the rest are counted
UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600}


class Message(NamedTuple):
    """One notification: the keys of what it tells, a title and a body, how urgent."""

    keys: tuple[str, ...]
    title: str
    body: str
    urgency: str = "normal"  # notify-send's: low, normal, critical


class Schedule(NamedTuple):
    """When the settings say to tell the day's digest and the check-in nudge (what a
    day is, when it starts and which days rest: the `Day`)."""

    digest_at: datetime.time | None = datetime.time(8)
    nudge_at: datetime.time | None = datetime.time(20)


def parse_within(text: str) -> datetime.timedelta:
    """`15m`, `1h`, `90s`, `30 min`: how far ahead (and back) a deadline is told."""
    match = re.fullmatch(r"\s*(\d+)\s*([a-z]*)\s*", text.lower())
    unit = (match[2] or "m") if match else ""
    if match is None or unit not in UNITS or not 0 < int(match[1]) * UNITS[unit] <= 86_400:
        raise InputError(f"--within {text.strip()!r}: give a time such as 15m, 1h or 90s (at most a day).")
    return datetime.timedelta(seconds=int(match[1]) * UNITS[unit])


def messages(plan: Plan, today: Day, within: datetime.timedelta, schedule: Schedule,
             sent: Iterable[str]) -> list[Message]:
    """Everything worth telling at ``today.now`` that was not told yet (``sent``: keys)."""
    told, now = set(sent), today.now
    day = today.checkin_day
    groups = dict(agenda_ids(plan, today))
    pressing = groups["overdue"] + groups["today"] + groups["doing"]
    found = [*_due_soon(plan, now, within), *_reviews(plan, now, told)]
    if pressing:
        found += _digest(plan, now, day, schedule, groups) + _nudge(plan, now, day, today.rest_weekdays, schedule)
    return [message for message in found if not told.issuperset(message.keys)]


def _due_soon(plan: Plan, now: DateTime, within: datetime.timedelta) -> list[Message]:
    found = []
    for tactic in plan.tactics.values():
        due = tactic.due
        if tactic.status.is_open and isinstance(due, DateTime) and now - within <= due <= now + within:
            minutes = round((due - now).total_seconds() / 60)
            when = f"in {minutes} min" if minutes > 0 else "now" if minutes == 0 else f"{-minutes} min ago"
            strategy = plan.strategies.get(tactic.strategy)
            body = f"{tactic.key} · {strategy.title if strategy else ''} · {when}"
            found.append(Message((f"due:{tactic.key}:{due.isoformat()}",),
                                 f"Due {short_date(due, now, clock=True)}: {tactic.title}", body, "critical"))
    return found


def _digest(plan: Plan, now: DateTime, day: Date, schedule: Schedule, groups: dict[str, list[int]]) -> list[Message]:
    if schedule.digest_at is None or now < _at(now, day, schedule.digest_at):
        return []
    counts = [(len(groups[name]), word) for name, word in (("overdue", "overdue"), ("today", "due today"),
                                                           ("doing", "in progress"))]
    title = "Today: " + ", ".join(f"{n} {word}" for n, word in counts if n)
    ids = groups["overdue"] + groups["today"] + groups["doing"]
    return [Message((f"digest:{day.isoformat()}",), title, _listed(plan.tactics[i].title for i in ids))]


def _nudge(plan: Plan, now: DateTime, day: Date, rest_weekdays: frozenset[int], schedule: Schedule) -> list[Message]:
    if schedule.nudge_at is None or now < _at(now, day, schedule.nudge_at) or plan.checkin_on(day) is not None:
        return []
    if plan.rest(rest_weekdays).skips(day):
        return []
    streak = plan.streak(day, rest_weekdays)
    keep = f"It keeps your {streak}-day streak. " if streak else ""
    return [Message((f"nudge:{day.isoformat()}",), "Today's check-in is not done yet",
                    f"{keep}planner checkin, or C in the app.", "low")]


def _reviews(plan: Plan, now: DateTime, told: set[str]) -> list[Message]:
    """One message for every strategy newly due for review (each told once per time it falls due)."""
    latest = latest_reviews(plan)
    due = [(s, f"review:{s.key}:{next_review(s, latest.get(s.id), now).isoformat()}") for s in due_for_review(plan, now)]
    due = [(strategy, key) for strategy, key in due if key not in told]
    if not due:
        return []
    noun = "strategy is" if len(due) == 1 else "strategies are"
    body = _listed(s.title for s, _ in due) + "\nplanner review, or R in the app."
    return [Message(tuple(key for _, key in due), f"{len(due)} {noun} due for review", body)]


def _listed(titles: Iterable[str]) -> str:
    """The first `LISTED` titles, one a line, and how many more."""
    titles = list(titles)
    lines = [f"· {title}" for title in titles[:LISTED]]
    if len(titles) > LISTED:
        lines.append(f"and {len(titles) - LISTED} more")
    return "\n".join(lines)


def _at(now: DateTime, day: Date, clock: datetime.time) -> DateTime:
    """``clock`` on ``day``, in ``now``'s zone (a day starting at 04:00 runs past midnight)."""
    return now.set(year=day.year, month=day.month, day=day.day, hour=clock.hour, minute=clock.minute,
                   second=0, microsecond=0)


# -- what was sent ----------------------------------------------------------------------


def memory_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".notify.json")


def read_sent(plan_path: Path, warn: Callable[[str], None]) -> dict[str, str]:
    """Key -> when it was sent (ISO); {} when nothing was, or the file is broken (set aside)."""
    found = side_files.load(memory_path(plan_path), plan_path, _parse, "The notify memory",
                            "planner notify starts afresh (a message may come twice)", warn)
    return found or {}


def _parse(raw: bytes) -> dict[str, str]:
    data = orjson.loads(raw)
    sent = data.get("sent") if isinstance(data, dict) else None
    if not isinstance(sent, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in sent.items()):
        raise ValueError("it is not a record of sent messages")
    return sent


def remember(plan_path: Path, sent: dict[str, str], now: DateTime, keys: Iterable[str]) -> bool:
    """Add ``keys`` (sent at ``now``) and forget those older than KEEP_DAYS; write the
    side file only when that changed it. True when it was written."""
    cutoff = now.subtract(days=KEEP_DAYS)
    kept = {key: at for key, at in sent.items() if _when_sent(at) >= cutoff}
    kept.update({key: now.isoformat() for key in keys})
    if kept == sent:
        return False
    side_files.write(memory_path(plan_path), orjson.dumps({"sent": kept}, option=DUMP_OPTIONS), plan_path)
    return True


def _when_sent(text: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)  # unreadable: forgotten
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def for_desktop(text: str) -> str:
    """A body as notification servers read it: their markup (`<b>`, `<a href>`) escaped,
    control characters as visible escapes."""
    return visible(text, lines=True).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

