"""Three example plans taken from the planning method, at three scales.

Deadlines and horizons are relative to today, so the examples always look
alive: some tactics overdue, some due this week, horizons years away. The
founder's and the company's are a team's plans: their strategies and some
tactics have owners and tags (`planner list --owner sam`, `--tag launch`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pendulum import DateTime

from planner_tui.core.file.changes import Change
from planner_tui.core.dates import to_iso
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.file.store import Store, Transaction


@dataclass
class T:
    """An example tactic: title, days from today (None: no deadline), status."""

    title: str
    due: int | None = None
    status: str = "todo"
    notes: str = ""
    repeat: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()


@dataclass
class S:
    """An example strategy: title, why, horizon in months, review cadence."""

    title: str
    why: str = ""
    months: int | None = None
    review_every: int | None = 30
    tactics: list[T] = field(default_factory=list)
    children: list[S] = field(default_factory=list)
    owner: str | None = None
    tags: tuple[str, ...] = ()


STUDENT = S(
    "Get a good job in my field within five years",
    "Work I care about, with people I learn from, that pays for a life.",
    60, 30,
    children=[
        S("Finish the degree with a strong thesis", "A thesis is the best proof of what I can do.", 18, 14, [
            T("Pick a thesis topic with my supervisor", -3, "done"),
            T("Read the five key papers on the topic", 4, "doing"),
            T("Write the thesis outline", 10),
        ]),
        S("Build a portfolio people can see", "Employers hire what they can look at.", 12, 14, [
            T("Finish the portfolio site", 6, "doing", "Three projects, one page each."),
            T("Write up the data-viz project", -2),
            T("Publish one post a month", 0, repeat="1m"),
        ]),
        S("Grow a professional network", "Most good jobs are found through people.", 36, 30, [
            T("Go to the local meetup", 12),
            T("Ask two alumni for a coffee chat", 3),
        ]),
    ],
)

FOUNDER = S(
    "Get the startup acquired within four years",
    "An exit that rewards the team and puts the product in bigger hands.",
    48, 30,
    children=[
        S("Reach product-market fit", "Nobody buys a company whose customers would not miss it.", 12, 14, [
            T("Interview 10 churned customers", 5, "doing"),
            T("Ship onboarding v2", 14, owner="ana", tags=("launch",)),
            T("Weekly metrics review", 2, repeat="1w", owner="maya"),
        ], owner="sam", tags=("product",)),
        S("Grow revenue to 5M ARR", "Acquirers pay for a growing revenue line.", 30, 30, [
            T("Hire the first account executive", 21, owner="maya"),
            T("Raise prices for new plans", -1, tags=("launch",)),
        ], owner="lee", tags=("sales",)),
        S("Be easy to buy", "Clean books and clean code shorten due diligence.", 40, 60, [
            T("Close the books monthly", 3, repeat="1m"),
            T("Have the IP assignment agreements checked", None, owner="ana"),
        ]),
    ],
    owner="maya",
)

COMPANY = S(
    "Build a digital infrastructure that matches the competition",
    "Our rivals ship in days what takes us months; customers notice.",
    36, 30,
    children=[
        S("Move core systems to the cloud", "Elastic capacity and faster releases.", 24, 30, [
            T("Inventory every application and its owner", -5, "done"),
            T("Migrate the billing system", 45, "doing", tags=("finance",)),
            T("Decommission the old data centre", None),
        ], owner="it-ops", tags=("cloud",)),
        S("Make every team data-driven", "Decisions from evidence, not from the loudest voice.", 30, 30, [
            T("Roll out the shared dashboard", 9, owner="data"),
            T("Train team leads on the analytics tools", 20),
        ], owner="ana"),
        S("Secure by default", "One breach costs more than the whole programme.", 18, 30, [
            T("Enforce single sign-on everywhere", -4, tags=("cloud",)),
            T("Quarterly access review", 30, repeat="3m"),
        ], owner="security"),
    ],
    tags=("digital",),
)

EXAMPLES = (STUDENT, FOUNDER, COMPANY)


def add_examples(store: Store, journal: bool = False) -> Change:
    """Add the three example plans to the store, in one commit (one undo)."""
    with store.transaction("add the example plans", journal) as tx:
        first = _next_root_position(store)
        for offset, example in enumerate(EXAMPLES):
            _add(tx, example, None, first + offset)
    return tx.change


def _next_root_position(store: Store) -> int:
    """After the existing top-level strategies. Read once per commit: the plan
    in memory only changes when the commit ends, so asking again for each
    example gave all three the same position."""
    return max((s.position for s in store.plan.roots()), default=-1) + 1


def _add(tx: Transaction, example: S, parent: int | None, position: int) -> int:
    today = tx.now.date()
    horizon = today.add(months=example.months) if example.months else None
    strategy_id = tx.insert("strategies", {
        "title": example.title, "parent": parent, "why": example.why,
        "horizon": to_iso(horizon), "status": StrategyStatus.ACTIVE.value,
        "position": position, "review_every": example.review_every,
        "created": tx.now.isoformat(), **_labels(example)})
    for index, tactic in enumerate(example.tactics):
        _add_tactic(tx, tactic, strategy_id, index)
    for index, child in enumerate(example.children):
        _add(tx, child, strategy_id, index)
    return strategy_id


def _add_tactic(tx: Transaction, tactic: T, strategy_id: int, position: int) -> None:
    today = tx.now.date()
    due = today.add(days=tactic.due) if tactic.due is not None else None
    done = tactic.status == TacticStatus.DONE.value
    tx.insert("tactics", {
        "title": tactic.title, "strategy": strategy_id, "status": tactic.status,
        "due": to_iso(due), "notes": tactic.notes, "repeat": tactic.repeat,
        "position": position, "created": tx.now.isoformat(),
        "done_at": tx.now.isoformat() if done else None, **_labels(tactic)})


def _labels(example: S | T) -> dict:
    """An example's owner and tags as the file keeps them (only when set)."""
    return {key: value for key, value in (("owner", example.owner), ("tags", list(example.tags))) if value}


# -- a plan that has been lived in (screenshots, snapshot tests) -----------------------

SAMPLE_NOTES = ["Shipped the draft; waiting on feedback", "Slow day: meetings", "",
                "Blocked on the [API] keys", "Good momentum", ""]  # brackets: shown literally


def add_history(store: Store, now: DateTime, days: int = 140) -> None:
    """Check-ins on most of the last ``days`` days (some missed), each with a few
    tactics of the first strategy done that day: what the history screen shows."""
    today = now.date()
    goal = next(iter(store.plan.strategies))
    with store.transaction("history") as tx:
        for days_ago in range(1, days):
            day = today.subtract(days=days_ago)
            if days_ago % 9 in (4, 5) or day.isoweekday() == 7 and days_ago % 3:
                continue  # days without a check-in
            ids = []
            for n in range((days_ago * 7) % 5):
                at = now.subtract(days=days_ago).add(minutes=n)
                ids.append(tx.insert("tactics", {
                    "title": f"done {days_ago}.{n}", "strategy": goal, "status": "done",
                    "due": to_iso(day), "notes": "", "repeat": None, "position": 100 + n,
                    "created": at.subtract(days=3).isoformat(), "done_at": at.isoformat()}))
            tx.insert("checkins", {"date": day.isoformat(), "done": ids, "pushed": [], "started": [],
                                   "note": SAMPLE_NOTES[days_ago % len(SAMPLE_NOTES)],
                                   "finished": now.subtract(days=days_ago).isoformat()})


def add_reviews(store: Store, now: DateTime, healths: tuple[str, str, str], note: str) -> None:
    """The first two strategies made 45 days ago and reviewed 59, 45 and 31 days ago
    (the last one with ``note``): both due for review again."""
    with store.transaction("reviews") as tx:
        for sid in list(store.plan.strategies)[:2]:
            tx.update("strategies", sid, created=now.subtract(days=45).isoformat())
            for days, health in zip((59, 45, 31), healths):
                tx.insert("reviews", {"strategy": sid, "date": now.subtract(days=days).date().isoformat(),
                                      "health": health, "note": note if days == 31 else "",
                                      "at": now.subtract(days=days).isoformat(), "done": 1, "total": 8})
