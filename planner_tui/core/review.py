"""Strategy reviews: which strategies are due, what changed since the last look, the pace.

A strategy with a review cadence (``review_every`` days) is due for review when
its last review — or, never reviewed, its creation — is that many days old or
older. The review shows progress and how it moved, each key result then and
now, tactics done and overdue, time left, and the **pace** (core/pace.py: by the
strategy's key results where it has some, core/outcome_pace.py): behind by more
than a third of what was expected suggests "at risk"; a horizon that passed with
work left, "off track". That suggestion is only pre-selected: the person picks
the health, and the `reviews` record keeps both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.file.changes import Change
from planner_tui.core.conflicts import changed_fields
from planner_tui.core.dates import days_until, local_date, urgency, Urgency
from planner_tui.core.errors import InputError
from planner_tui.core.keyresults import Reading, readings
from planner_tui.core.model import Health, Review, Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.outcome_pace import strategy_pace
from planner_tui.core.pace import ReviewPace, suggested_health
from planner_tui.core.plan import Plan
from planner_tui.core.rollup import Progress
from planner_tui.core.file.store import Store
from planner_tui.core.user_text import one_line
from planner_tui.core.file.validation import MAX_CADENCE

HEALTH_WORDS = {Health.ON_TRACK: "on track", Health.AT_RISK: "at risk", Health.OFF_TRACK: "off track"}
# For the sparkline: higher is healthier.
HEALTH_LEVEL = {Health.OFF_TRACK: 1.0, Health.AT_RISK: 2.0, Health.ON_TRACK: 3.0}


# -- the cadence ----------------------------------------------------------------------------

CADENCE_EXAMPLES = "30, 14d, 2w, 1m, 3m, 1y, or empty for none"
CADENCE_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_cadence(text: str) -> int | None:
    """Review cadence in days from `30`, `14d`, `2w`, `1m`, `1y`; None when empty.

    What the app's dialogs and `planner strategy add --review-every` read, so
    both accept the same forms; at most MAX_CADENCE days (core/file/validation.py).
    """
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in ("", "none", "no", "-"):
        return None
    number, unit = (cleaned[:-1], cleaned[-1]) if cleaned[-1] in CADENCE_UNITS else (cleaned, "d")
    if not (number.isascii() and number.isdigit()) or not 1 <= int(number) * CADENCE_UNITS[unit] <= MAX_CADENCE:
        raise InputError(f"Cannot read {text.strip()!r} as a review cadence (every 1 day to "
                         f"{MAX_CADENCE // 365} years). Try: {CADENCE_EXAMPLES}.")
    return int(number) * CADENCE_UNITS[unit]


# -- due for review -------------------------------------------------------------------------

def reviews_of(plan: Plan, strategy_id: int) -> list[Review]:
    """A strategy's reviews, oldest first."""
    found = [r for r in plan.reviews.values() if r.strategy == strategy_id]
    return sorted(found, key=lambda r: (r.date, r.id))


def latest_reviews(plan: Plan) -> dict[int, Review]:
    """The newest review of each strategy, in one pass (for the tree's marks)."""
    latest: dict[int, Review] = {}
    for review in plan.reviews.values():
        best = latest.get(review.strategy)
        if best is None or (review.date, review.id) > (best.date, best.id):
            latest[review.strategy] = review
    return latest


def last_review(plan: Plan, strategy_id: int) -> Review | None:
    history = reviews_of(plan, strategy_id)
    return history[-1] if history else None


def next_review(strategy: Strategy, last: Review | None, now: DateTime) -> Date | None:
    """The day a strategy falls due for review; None when it has no cadence or is not
    active (a paused one is not, until the day its pause ends: `Strategy.status_on`)."""
    if strategy.review_every is None or strategy.status_on(now.date()) is not StrategyStatus.ACTIVE:
        return None
    if last is not None:
        since = last.date
    elif strategy.created is not None:
        since = local_date(strategy.created, now)
    else:
        return now.date()  # never reviewed and no creation date (a hand-written file): due now
    return since.add(days=strategy.review_every)


def is_due(strategy: Strategy, last: Review | None, now: DateTime) -> bool:
    day = next_review(strategy, last, now)
    return day is not None and day <= now.date()


def due_for_review(plan: Plan, now: DateTime) -> list[Strategy]:
    """Active strategies due for review, in the tree's order (parents first)."""
    latest = latest_reviews(plan)
    ordered = [plan.strategies[sid] for root in plan.roots() for sid in plan.descendants(root.id)]
    return [s for s in ordered if is_due(s, latest.get(s.id), now)]


# -- marks for the tree and the sparkline -----------------------------------------------------

class ReviewMark(NamedTuple):
    """What the tree shows next to a strategy: due for review, and its last health."""

    due: bool = False
    health: Health | None = None


def review_marks(plan: Plan, now: DateTime) -> dict[int, ReviewMark]:
    """A mark for every strategy that is due or has been reviewed (one pass)."""
    latest = latest_reviews(plan)
    marks: dict[int, ReviewMark] = {}
    for strategy in plan.strategies.values():
        last = latest.get(strategy.id)
        due = is_due(strategy, last, now)
        if due or last is not None:
            marks[strategy.id] = ReviewMark(due, last.health if last else None)
    return marks


def health_series(plan: Plan, strategy_id: int, limit: int = 24) -> list[float]:
    """Health over the last ``limit`` reviews as 1 (off) / 2 (at risk) / 3 (on track),
    oldest first: data for a sparkline."""
    return [HEALTH_LEVEL[r.health] for r in reviews_of(plan, strategy_id)[-limit:]]


# -- what a review shows ------------------------------------------------------------------------

@dataclass(slots=True)
class ReviewFacts:
    """Everything the review screen shows about one strategy.

    ``last`` is the newest review before today (what "since" compares with);
    ``today`` is a review already made today, which a second look edits.
    """

    strategy: Strategy
    progress: Progress
    last: Review | None
    today: Review | None = None
    done_since: list[Tactic] = field(default_factory=list)
    overdue: list[Tactic] = field(default_factory=list)
    days_left: int | None = None
    pace: ReviewPace = ReviewPace("no-horizon", 0.0)
    suggested: Health = Health.ON_TRACK
    history: list[Review] = field(default_factory=list)
    key_results: list[tuple[Reading, Reading | None]] = field(default_factory=list)
    """Each key result now, and as the last review saw it (None before the first)."""

    @property
    def progress_then(self) -> Progress | None:
        """The progress the last review saw (None before the first, or for old records)."""
        if self.last is None or self.last.done is None or self.last.total is None:
            return None
        return Progress(self.last.done, self.last.total)

    @property
    def change(self) -> float | None:
        """Progress ratio now minus then (percentage points / 100)."""
        then = self.progress_then
        return None if then is None else self.progress.ratio - then.ratio


def facts(plan: Plan, strategy_id: int, now: DateTime) -> ReviewFacts:
    """Progress and its change, tactics done since the last review (or creation),
    overdue tactics, days left, pace and the suggested health."""
    strategy = plan.strategies[strategy_id]
    history = reviews_of(plan, strategy_id)
    before = [r for r in history if r.date < now.date()]
    last = before[-1] if before else None
    today = history[-1] if history and history[-1].date == now.date() else None
    tactics = plan.tactics_of(strategy_id, deep=True)
    progress = plan.progress(strategy_id)
    since = _since(strategy, last)
    done_since = [t for t in tactics if t.status is TacticStatus.DONE and t.done_at is not None
                  and (since is None or t.done_at > since)]
    done_since.sort(key=lambda t: t.done_at)
    overdue = [t for t in tactics if t.status.is_open and urgency(t.due, now, soon_days=0) is Urgency.OVERDUE]
    pace = strategy_pace(plan, strategy_id, now)
    days_left = days_until(strategy.horizon, now) if strategy.horizon else None
    current = readings(plan, strategy_id)
    then = readings(plan, strategy_id, last.date) if last is not None else [None] * len(current)
    return ReviewFacts(strategy, progress, last, today, done_since, overdue, days_left, pace,
                       suggested_health(pace, len(overdue)), history, list(zip(current, then)))


def _since(strategy: Strategy, last: Review | None) -> DateTime | None:
    if last is None:
        return strategy.created
    return last.at  # None for old records: then every done tactic counts


# -- saving -------------------------------------------------------------------------------------

def record_review(store: Store, strategy_id: int, health: Health | str, note: str | None = "",
                  journal: bool = False, expected: dict[str, Any] | None = None) -> Change:
    """Store a review of the strategy today, with what it saw (progress, expected, suggested),
    as the plan is under the lock.

    Reviewing the same strategy again the same day edits that day's review.
    ``note`` None keeps the day's note; ``expected={"note": ...}`` is the note as the
    person saw it (core/conflicts.py): an untouched note is not written, one changed
    here and in another window too is a `Conflict`.
    """
    try:
        health = Health(health)
    except ValueError:
        raise InputError(f"Health is one of: {', '.join(h.value for h in Health)}.") from None
    typed = {} if note is None else {"note": note}
    with store.transaction(f"review s{strategy_id}: {health.value}", journal) as tx:
        plan, now = tx.store.plan, tx.now
        if strategy_id not in plan.strategies:
            raise InputError(f"No strategy s{strategy_id} in the plan (deleted elsewhere meanwhile?). "
                             "Nothing was changed.")
        seen = facts(plan, strategy_id, now)
        current = seen.today.note if seen.today else ""
        wanted = changed_fields(f"The review of s{strategy_id}", typed, expected,
                                lambda _name: current, lambda _name, text: one_line(text))
        doc = {"strategy": strategy_id, "date": now.date().isoformat(), "health": health.value,
               "note": wanted.get("note", current), "at": now.isoformat(),
               "done": seen.progress.done, "total": seen.progress.total,
               "expected": seen.pace.expected, "suggested": seen.suggested.value}
        if seen.today is not None:
            _keep_first_look(tx, seen.today.id, doc)
        else:
            tx.insert("reviews", doc)
    return tx.change


def _keep_first_look(tx, review_id: int, doc: dict) -> None:
    """A second look the same day edits the record, but keeps the progress the first
    look saw (what "since the last review" should compare against is the day's start)."""
    old = tx.get("reviews", review_id) or {}
    kept = {k: old[k] for k in ("at", "done", "total", "expected") if old.get(k) is not None}
    tx.update("reviews", review_id, **{**doc, **kept})


def set_review_note(store: Store, review_id: int, note: str) -> Change:
    """Change a stored review's note."""
    if review_id not in store.plan.reviews:
        raise InputError(f"No review {review_id}.")
    with store.transaction("review note") as tx:
        tx.update("reviews", review_id, note=one_line(note))
    return tx.change


def health_words(health: Health | None) -> str:
    return HEALTH_WORDS[health] if health else "not reviewed"


def review_summary(healths: list[Health]) -> str:
    """`Reviewed 2 strategies: 1 on track, 1 at risk`."""
    if not healths:
        return "No strategy reviewed."
    noun = "strategy" if len(healths) == 1 else "strategies"
    parts = [f"{healths.count(h)} {HEALTH_WORDS[h]}" for h in Health if healths.count(h)]
    return f"Reviewed {len(healths)} {noun}: {', '.join(parts)}"
