"""The daily check-in: decide about each tactic on the agenda, note the day, keep a streak.

A decision (done, start, push to tomorrow, reschedule, drop, skip) is committed
the moment it is made: first the tactic's change through `core.actions` (so
repeating tactics come back as usual), then the day's `checkins` record. The two
commits are returned as one `Change`, so a single undo takes back both.

There is one record per local date. Opening the check-in again the same day
edits that record: a tactic sits in one list only, its latest decision.
Nothing is written before the first decision (or finishing).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import Any, Iterable

from pendulum import Date, DateTime

from planner_tui.core import actions
from planner_tui.core.file.changes import Change, merged
from planner_tui.core.conflicts import changed_fields
from planner_tui.core.dates import Urgency, When, local_date
from planner_tui.core.day import Day
from planner_tui.core.errors import InputError
from planner_tui.core.model import CheckIn, Tactic, TacticStatus
from planner_tui.core.plan import Plan, urgency_reader
from planner_tui.core.views import OPEN_STATUSES, order_reader
from planner_tui.core.file.store import Store
from planner_tui.core.streak import longest
from planner_tui.core.user_text import one_line

GROUP_LIMIT = 100
HEAT_WEEKS = 20
HEAT_LEVELS = 4


class Decision(str, enum.Enum):
    """What a person decides about one tactic during the check-in."""

    DONE = "done"
    START = "start"
    PUSH = "push"
    RESCHEDULE = "reschedule"
    DROP = "drop"
    SKIP = "skip"

    @property
    def field(self) -> str:
        """The record's list this decision is kept in."""
        return FIELD_OF[self]


FIELD_OF = {Decision.DONE: "done", Decision.START: "started", Decision.PUSH: "pushed",
            Decision.RESCHEDULE: "rescheduled", Decision.DROP: "dropped", Decision.SKIP: "skipped"}
LISTS = tuple(FIELD_OF.values())
# Summary words in the order people care about; skips are not news.
SUMMARY_ORDER = (("done", "done"), ("started", "started"), ("pushed", "pushed"),
                 ("rescheduled", "rescheduled"), ("dropped", "dropped"))
GROUP_TITLES = {"overdue": "Overdue", "today": "Due today", "doing": "In progress",
                "upcoming": "Next {soon} days", "earlier": "Already decided today"}


# -- what the check-in lists ------------------------------------------------------------

def agenda_groups(plan: Plan, day: Day) -> list[tuple[str, list[Tactic]]]:
    """The agenda's tactics (overdue, today, doing, upcoming) by `agenda_ids`."""
    return [(name, [plan.tactics[i] for i in ids]) for name, ids in agenda_ids(plan, day)]


def agenda_ids(plan: Plan, day: Day) -> list[tuple[str, list[int]]]:
    """The agenda, the one rule for it (the check-in, `planner today`, notify):
    open tactics overdue, due today, in progress, or due within ``day.soon_days``,
    each group in deadline order. Building no tactic: the groups are chosen and
    sorted from the stored documents (the days until each deadline read once per
    text and judged by `dates.urgency_in`, as the day's counts are;
    `deadline_order` read from the document while a tactic is not built)."""
    urgency_of = urgency_reader(day.now, day.soon_days)
    overdue, today, soon = Urgency.OVERDUE, Urgency.TODAY, Urgency.SOON  # looked up once, not per tactic
    found: dict[str, list[int]] = {"overdue": [], "today": [], "doing": [], "upcoming": []}
    for tactic_id, status, due in plan.tactics.stored("status", "due"):
        if status not in OPEN_STATUSES:
            continue
        level = urgency_of(due)
        if level is overdue:
            found["overdue"].append(tactic_id)
        elif level is today:
            found["today"].append(tactic_id)
        elif status == TacticStatus.DOING:
            found["doing"].append(tactic_id)
        elif level is soon:
            found["upcoming"].append(tactic_id)
    order = order_reader(plan.tactics)
    return [(name, sorted(ids, key=order)) for name, ids in found.items()]


def group_title(name: str, soon_days: int) -> str:
    """`Overdue`, `Due today`, `In progress`, `Next 7 days`, `Already decided today`."""
    return GROUP_TITLES[name].format(soon=soon_days)


def groups(plan: Plan, day: Day) -> list[tuple[str, list[Tactic]]]:
    """The agenda's four groups, then tactics closed earlier today (so they can be
    changed again). Empty groups are left out."""
    found = [(name, items) for name, items in agenda_groups(plan, day) if items]
    listed = {t.id for _, items in found for t in items}
    record = plan.checkin_on(day.checkin_day)
    if record is not None:
        earlier = [plan.tactics[i] for i in decided_ids(record)
                   if i in plan.tactics and i not in listed]
        if earlier:
            found.append(("earlier", earlier))
    return found


def capped(found: list[tuple[str, list[Tactic]]], limit: int = GROUP_LIMIT
           ) -> list[tuple[str, list[Tactic], int]]:
    """Each group's first ``limit`` tactics (the most pressing: the agenda is in
    deadline order) and its full size. A check-in is a minute a day, not a list of
    800 overdue tactics; those are for the plan screen."""
    return [(name, items[:limit], len(items)) for name, items in found]


def decided_ids(record: CheckIn) -> list[int]:
    """Every tactic the record mentions, in the order of the lists."""
    return [i for name in LISTS for i in getattr(record, name)]


def decision_of(record: CheckIn | None, tactic_id: int) -> Decision | None:
    """The decision already made today about a tactic, if any."""
    if record is None:
        return None
    for decision, name in FIELD_OF.items():
        if tactic_id in getattr(record, name):
            return decision
    return None


# -- deciding ---------------------------------------------------------------------------

def decide(store: Store, day: Date, tactic_id: int, decision: Decision,
           when: When | None = None, expected: dict[str, Any] | None = None) -> Change:
    """Apply one decision to a tactic and record it in ``day``'s check-in.

    ``when`` is the new deadline for `Decision.RESCHEDULE` (None: no deadline).
    ``expected``: the tactic's ``status`` and ``due`` as the person saw them; a
    decision is then what they want from there (core/conflicts.py): done on a
    tactic done elsewhere meanwhile is a no-op, done on one dropped elsewhere a
    `Conflict`. Raises `InputError` (nothing written) for a tactic not (or no
    longer) in the plan. ``new_ids`` of the returned change are new tactics (the
    next one of a repeating series).
    """
    action = _act(store, tactic_id, decision, when, expected or {})
    record = _record(store, day, f"check-in: {decision.value} t{tactic_id}",
                     lambda doc: _move(doc, tactic_id, decision),
                     must_have=tactic_id)
    change = merged(f"{decision.value} t{tactic_id}", action, record)
    change.new_ids = list(action.new_ids)  # new tactics only (a repeat's next one), not the record
    return change


STATUS_OF = {Decision.DONE: TacticStatus.DONE, Decision.START: TacticStatus.DOING, Decision.DROP: TacticStatus.DROPPED}


def _act(store: Store, tactic_id: int, decision: Decision, when: When | None, expected: dict[str, Any]) -> Change:
    if decision in STATUS_OF:
        return actions.set_status(store, [tactic_id], STATUS_OF[decision], expected=_only("status", expected))
    if decision is Decision.PUSH:
        return actions.push(store, [tactic_id], 1)  # a day later than the deadline is now
    if decision is Decision.RESCHEDULE:
        return actions.reschedule(store, [tactic_id], when, expected=_only("due", expected))
    return Change("skip")


def _only(name: str, expected: dict[str, Any]) -> dict[str, Any] | None:
    return {name: expected[name]} if name in expected else None


def _move(doc: dict[str, Any], tactic_id: int, decision: Decision) -> dict[str, Any]:
    """The record's lists with the tactic moved into the decision's list."""
    fields = {name: [i for i in doc.get(name) or [] if i != tactic_id] for name in LISTS}
    fields[decision.field].append(tactic_id)
    return fields


def finish(store: Store, day: Date, note: str | None, expected: dict[str, Any] | None = None) -> Change:
    """Save the day's note and mark the check-in finished (creating the record if
    nothing was decided: a calm day still counts for the streak).

    ``note`` None leaves the note as it is. ``expected={"note": ...}``: the note as
    the person saw it; then an untouched note is not written, and a note changed
    both here and elsewhere (another window's check-in) is a `Conflict`.
    """
    typed = {} if note is None else {"note": note}

    def fields_of(doc: dict[str, Any]) -> dict[str, Any]:
        wanted = changed_fields(f"The check-in of {day.isoformat()}", typed, expected,
                                lambda _name: doc.get("note") or "", lambda _name, text: one_line(text))
        return {**wanted, "finished": store.clock().isoformat()}

    return _record(store, day, "finish check-in", fields_of)


def _record(store: Store, day: Date, label: str, fields_of, must_have: int | None = None) -> Change:
    """Create or edit the one record of ``day`` inside one locked commit
    (``must_have``: a tactic that must still be in the plan)."""
    with store.transaction(label) as tx:
        plan = tx.store.plan  # fresh: the transaction re-read the file
        if must_have is not None:
            actions.tactic_in(plan, must_have)
        existing = plan.checkin_on(day)
        doc = tx.get("checkins", existing.id) if existing is not None else None
        if doc is None:
            blank: dict[str, Any] = {"date": day.isoformat(), "note": "", "finished": None,
                                     **{name: [] for name in LISTS}}
            tx.insert("checkins", {**blank, **fields_of(blank)})
        else:
            tx.update("checkins", existing.id, **fields_of(doc))
    return tx.change


# -- the streak and the summary -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class StreakStatus:
    """The streak (ending today or yesterday) and whether today's check-in exists."""

    days: int
    today: bool

    @property
    def text(self) -> str:
        """`6-day streak · checked in today` — for the header, the CLI, a shell prompt."""
        return f"{streak_words(self.days)} · {'checked in today' if self.today else 'not checked in today'}"


def streak_status(plan: Plan, day: Day) -> StreakStatus:
    """The streak up to the check-in day (before the settings' day_starts_at, the
    day before), rest days and time away stepped over: the header, the check-in,
    `planner streak`."""
    today = day.checkin_day
    return StreakStatus(plan.streak(today, day.rest_weekdays), plan.checkin_on(today) is not None)


def streak_words(days: int) -> str:
    return f"{days}-day streak" if days else "no streak yet"


def longest_streak(plan: Plan, rest_weekdays: Iterable[int] = ()) -> int:
    """The longest run of check-in days ever, rest days and time away stepped over."""
    return longest((c.date for c in plan.checkins.values()), plan.rest(rest_weekdays))


def counts(record: CheckIn | None) -> dict[str, int]:
    """How many tactics are in each of the record's lists."""
    return {name: len(getattr(record, name)) if record else 0 for name in LISTS}


def tally(record: CheckIn | None) -> str:
    """`3 done, 1 pushed` (`nothing changed` when nothing did; skips are not news)."""
    numbers = counts(record)
    parts = [f"{numbers[name]} {word}" for name, word in SUMMARY_ORDER if numbers[name]]
    return ", ".join(parts) or "nothing changed"


def summary(record: CheckIn | None, streak: int) -> str:
    """`3 done, 1 pushed · 6-day streak`: the notification after a check-in."""
    return f"{tally(record)} · {streak_words(streak)}"


# -- the history: a heat map and the notes -----------------------------------------------------

@dataclass(frozen=True, slots=True)
class HeatDay:
    """One cell: how much was done that day and whether there was a check-in.

    ``level`` is 0 (nothing done) to 4 (the busiest days of the period); ``future``
    cells (later this week) are drawn blank; ``rest`` days (the settings' rest days,
    the plan's time away) are ones the streak steps over.
    """

    day: Date
    done: int = 0
    checked_in: bool = False
    future: bool = False
    level: int = 0
    rest: bool = False  # a rest day or a day away: no check-in expected


@dataclass(slots=True)
class HeatMap:
    """``weeks`` columns, each seven days from Monday to Sunday, oldest first."""

    weeks: list[list[HeatDay]] = field(default_factory=list)
    busiest: int = 0
    checkins: int = 0
    done: int = 0

    @property
    def first(self) -> Date:
        return self.weeks[0][0].day

    @property
    def last(self) -> Date:
        return self.weeks[-1][-1].day


def heat_map(plan: Plan, day: Day, weeks: int = HEAT_WEEKS) -> HeatMap:
    """The last ``weeks`` calendar weeks (this one included), by local date; the
    day's rest weekdays and the plan's time away are marked as rest.

    "Done" counts tactics whose ``done_at`` falls on the day (in ``now``'s zone),
    and at least the tactics the day's check-in marked done.
    """
    now, today = day.now, day.today
    rest = plan.rest(day.rest_weekdays)
    start = today.subtract(days=today.weekday() + 7 * (weeks - 1))
    done = _done_per_day(plan, now, start)
    records = {c.date: c for c in plan.checkins.values() if start <= c.date <= today}
    for day, record in records.items():
        done[day] = max(done.get(day, 0), len(record.done))
    busiest = max(done.values(), default=0)
    columns = []
    for week in range(weeks):
        column = []
        for offset in range(7):
            cell = start.add(days=7 * week + offset)
            n = done.get(cell, 0)
            column.append(HeatDay(cell, n, cell in records, cell > today, _level(n, busiest), rest.skips(cell)))
        columns.append(column)
    return HeatMap(columns, busiest, len(records), sum(done.values()))


def _done_per_day(plan: Plan, now: DateTime, start: Date) -> dict[Date, int]:
    done: dict[Date, int] = {}
    for tactic in plan.tactics.values():
        if tactic.status is TacticStatus.DONE and tactic.done_at is not None:
            day = local_date(tactic.done_at, now)
            if start <= day <= now.date():
                done[day] = done.get(day, 0) + 1
    return done


def _level(done: int, busiest: int) -> int:
    if not done or not busiest:
        return 0
    return max(1, math.ceil(HEAT_LEVELS * done / busiest))


def day_notes(plan: Plan) -> list[CheckIn]:
    """Every check-in, newest first (the history's list of notes; not to be mistaken
    for the undo journal, core/file/undo_journal.py)."""
    return sorted(plan.checkins.values(), key=lambda c: (c.date, c.id), reverse=True)
