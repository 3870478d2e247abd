"""The check-in and the review without the app: `planner checkin --done t4 ...`, `planner review s3 --health ...`.

What they write is what the app's screens write: every decision goes through
core/checkin.py `decide` and the check-in ends with `finish`; a review through
core/review.py `record_review`. A command is one entry of the undo journal,
however many commits it made, so one `planner undo` takes it back.

Decisions are applied in a fixed order, whatever the order of the options: done,
start, push, reschedule, drop, skip (each in the order given), then the note.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from pendulum import Date

from planner_tui.cli.group import BadInput, Context, answering, one_undo
from planner_tui.cli.output import print_json
from planner_tui.cli.screen import Screen
from planner_tui.cli.typed import when
from planner_tui.core import checkin as checking
from planner_tui.core import review as reviewing
from planner_tui.core.checkin import Decision
from planner_tui.core.dates import When, as_day, parse_when
from planner_tui.core.model import Health


class Decided(NamedTuple):
    """The check-in options as given: tactic ids per decision, `T=WHEN` pairs, a note, a day."""

    done: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    push: tuple[str, ...] = ()
    reschedule: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    note: str | None = None
    on: str | None = None
    finish: bool = False

    def __bool__(self) -> bool:
        return any(self)


ORDER = (Decision.DONE, Decision.START, Decision.PUSH, Decision.RESCHEDULE, Decision.DROP, Decision.SKIP)


def check_in(context: Context, decided: Decided, as_json: bool) -> None:
    """Apply the decisions to the day's check-in and finish it, as the app's screen does."""
    store = context.store
    with answering():
        day = checkin_day(context, decided.on)
        steps = _steps(context, decided)
        with one_undo(context, f"check-in of {day.isoformat()}") as changes:
            for decision, tactic_id, new_due in steps:
                changes.append(checking.decide(store, day, tactic_id, decision, new_due))
            changes.append(checking.finish(store, day, decided.note))
    plan = store.plan
    record = plan.checkin_on(day)
    streak = checking.streak_status(plan, context.day).days
    if as_json:
        print_json({"date": day.isoformat(), **{name: [f"t{i}" for i in getattr(record, name)] for name in checking.LISTS},
                    "note": record.note, "streak": streak})
        return
    Screen().say((f"Checked in for {_day_words(context, day)}: {checking.summary(record, streak)}", ""))


def checkin_day(context: Context, typed: str | None) -> Date:
    """The day to check in for: today's check-in day (the settings' day_starts_at), or the
    day typed (`yesterday`, `2026-11-27`), which may not be a day to come. Words are read
    from the check-in day: at 00:30 with a day starting at 04:00, `yesterday` is the day
    before the one still going on."""
    today = context.checkin_day
    if typed is None:
        return today
    base = context.now.subtract(days=(context.now.date() - today).days)
    day = as_day(parse_when(typed, base, context.day.week_start), base)
    if day > today:
        raise BadInput(f"--date {typed.strip()!r} is {day.isoformat()}, a day still to come: "
                       f"a check-in is for today ({today.isoformat()}) or a day before.")
    return day


def _day_words(context: Context, day: Date) -> str:
    offset = (context.checkin_day - day).days
    return {0: "today", 1: "yesterday"}.get(offset, day.isoformat())


def _steps(context: Context, decided: Decided) -> list[tuple[Decision, int, When | None]]:
    """Each decision with its tactic (and the new deadline of a reschedule), in ORDER;
    a tactic named twice is refused (a check-in keeps one decision per tactic)."""
    plan = context.store.plan
    steps: list[tuple[Decision, int, When | None]] = []
    for decision in ORDER:
        for text in _split(getattr(decided, decision.value)):
            new_due = None
            if decision is Decision.RESCHEDULE:
                text, new_due = _rescheduled(context, text)
            steps.append((decision, plan.find_tactic(text).id, new_due))
    seen: dict[int, Decision] = {}
    for decision, tactic_id, _ in steps:
        if tactic_id in seen:
            raise BadInput(f"t{tactic_id} is both --{seen[tactic_id].value} and --{decision.value}: "
                           "a check-in keeps one decision per tactic. Nothing was written.")
        seen[tactic_id] = decision
    return steps


def _split(values: tuple[str, ...]) -> list[str]:
    """`--done t1 --done "t2 t3"`, `--done t1,t2`: each tactic once, in order."""
    return [part for value in values for part in re.split(r"[\s,]+", value.strip()) if part]


def _rescheduled(context: Context, text: str) -> tuple[str, When | None]:
    """`t4=fri` (or `t4=none`: no deadline)."""
    key, equals, typed = text.partition("=")
    if not equals or not typed.strip():
        raise BadInput(f"--reschedule {text!r}: give the tactic and its new deadline as T=WHEN (t4=fri).")
    return key, when(context, typed, clear_ok=True)


# -- the review -------------------------------------------------------------------------


def review(context: Context, strategies: list[int], health: str, note: str | None, as_json: bool) -> None:
    """Record a review of each strategy (`record_review`, as the app's review screen), one undo for all."""
    store = context.store
    with answering():
        picked = _health(health)
        with one_undo(context, f"review {' '.join(f's{sid}' for sid in strategies)}: {picked.value}") as changes:
            for sid in strategies:
                changes.append(reviewing.record_review(store, sid, picked, note))
    plan = store.plan
    reviews = [reviewing.last_review(plan, sid) for sid in strategies]
    if as_json:
        print_json([_review_record(r) for r in reviews])
        return
    Screen().say((reviewing.review_summary([r.health for r in reviews]), ""))


def _health(text: str) -> Health:
    """`at-risk`, `at risk`, `at_risk`, `AT-RISK`."""
    word = re.sub(r"[\s_]+", "-", text.strip().lower())
    try:
        return Health(word)
    except ValueError:
        raise BadInput(f"--health {text!r} is not one of: {', '.join(h.value for h in Health)}.") from None


def _review_record(review: Any) -> dict[str, Any]:
    return {"strategy": f"s{review.strategy}", "date": review.date.isoformat(), "health": review.health.value,
            "note": review.note, "suggested": review.suggested.value if review.suggested else None,
            "done": review.done, "total": review.total, "expected": review.expected}
