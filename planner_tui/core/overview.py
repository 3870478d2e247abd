"""The strategic overview: every strategy at a glance, those that need attention first.

A person running a company asks "which of my strategies should I look at now?",
not "how is this one doing?". For each strategy this gathers what the review
judges it by (core/review.py, core/pace.py through `strategy_pace`, the roll-up
of core/outcomes.py): progress, pace, the last health given, the last and next
review, the time to the horizon; and orders them by what needs attention:

1. off track: the last review said so, or the horizon passed with work left;
2. at risk: the last review said so, or behind pace (more than a third short);
3. the review is due (or late);
4. nothing to judge it by yet: no tactics, no key result measured, no horizon;
5. the rest (on pace, on track), then the paused ones, then the achieved ones.

Within one level, the nearest horizon first (none last), then the tree's order.
Dropped strategies are left out, as in the strategic digest. A strategy's
reasons are all its concerns, most pressing first, in a few words each.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from pendulum import Date, DateTime

from planner_tui.core.dates import days_until
from planner_tui.core.exchange.records import tree_walk
from planner_tui.core.model import Health, Strategy, StrategyStatus
from planner_tui.core.outcome_pace import strategy_pace
from planner_tui.core.outcomes import StrategyProgress, standings
from planner_tui.core.pace import VERDICT_WORDS, ReviewPace
from planner_tui.core.plan import Plan
from planner_tui.core.review import HEALTH_WORDS, latest_reviews, next_review

OFF_TRACK, AT_RISK, REVIEW_DUE, UNJUDGED, FINE, PAUSED, ACHIEVED = range(7)
ATTENTION_WORDS = {OFF_TRACK: "off track", AT_RISK: "at risk", REVIEW_DUE: "review due",
                   UNJUDGED: "nothing to judge by yet", FINE: "fine", PAUSED: "paused", ACHIEVED: "achieved"}
UNJUDGED_VERDICTS = ("no-tactics", "no-values", "no-horizon", "no-start")


class Standing(NamedTuple):
    """One strategy in the overview. ``attention``: its level (`OFF_TRACK` first);
    ``reasons``: why, most pressing first (empty when there is nothing to say)."""

    strategy: Strategy
    depth: int
    progress: StrategyProgress
    pace: ReviewPace
    health: Health | None
    last_review: Date | None
    next_review: Date | None
    days_left: int | None
    attention: int
    reasons: tuple[str, ...]


def overview(plan: Plan, now: DateTime, top_only: bool = False) -> list[Standing]:
    """Every strategy that is not dropped (``top_only``: the top-level ones), most in
    need of attention first."""
    walk = [(strategy.id, depth) for strategy, depth in tree_walk(plan)]
    found = standings_of(plan, now, (sid for sid, depth in walk if depth == 0 or not top_only))
    order = {sid: index for index, (sid, _depth) in enumerate(walk)}
    return sorted(found, key=lambda s: (s.attention, s.days_left is None, s.days_left or 0, order[s.strategy.id]))


def standings_of(plan: Plan, now: DateTime, strategy_ids: Iterable[int]) -> list[Standing]:
    """The standing of each of ``strategy_ids`` (dropped ones left out), in that order:
    the review shows a parent's sub-strategies with it this way."""
    progress, latest = standings(plan), latest_reviews(plan)
    depths = {strategy.id: depth for strategy, depth in tree_walk(plan)}
    found = []
    for sid in strategy_ids:
        strategy = plan.strategies[sid]
        if strategy.status is StrategyStatus.DROPPED:
            continue
        last = latest.get(sid)
        pace = strategy_pace(plan, sid, now, progress[sid])
        due = next_review(strategy, last, now)
        days_left = days_until(strategy.horizon, now) if strategy.horizon is not None else None
        level, reasons = attention(strategy, pace, last.health if last else None, due, now)
        found.append(Standing(strategy, depths.get(sid, 0), progress[sid], pace, last.health if last else None,
                              last.date if last else None, due, days_left, level, reasons))
    return found


def attention(strategy: Strategy, pace: ReviewPace, health: Health | None, review_day: Date | None,
              now: DateTime) -> tuple[int, tuple[str, ...]]:
    """How much a strategy needs attention (the module's levels) and why, in words."""
    if strategy.status is StrategyStatus.ACHIEVED:
        return ACHIEVED, ()
    if pace.verdict == "paused":
        return PAUSED, ()
    concerns: list[tuple[int, str]] = []
    if health is Health.OFF_TRACK:
        concerns.append((OFF_TRACK, "reviewed off track"))
    if pace.verdict == "passed":
        concerns.append((OFF_TRACK, VERDICT_WORDS["passed"]))
    if health is Health.AT_RISK:
        concerns.append((AT_RISK, "reviewed at risk"))
    if pace.verdict == "behind":
        concerns.append((AT_RISK, VERDICT_WORDS["behind"]))
    if review_day is not None and review_day <= now.date():
        late = (now.date() - review_day).days
        concerns.append((REVIEW_DUE, "review due" if late == 0 else f"review {late}d late"))
    if pace.verdict in UNJUDGED_VERDICTS:
        concerns.append((UNJUDGED, VERDICT_WORDS[pace.verdict]))
    if not concerns:
        return FINE, ()
    concerns.sort(key=lambda concern: concern[0])
    return concerns[0][0], tuple(words for _level, words in concerns)


def health_word(health: Health | None) -> str:
    """`on track`, or `not reviewed` before the first review."""
    return HEALTH_WORDS[health] if health is not None else "not reviewed"
