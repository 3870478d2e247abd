"""Three example plans taken from the planning method, at three scales.

Deadlines and horizons are relative to today, so the examples always look
alive: some tactics overdue, some due this week, horizons years away, key
results with a few months of values (one of them behind its line). The
founder's and the company's are a team's plans: their strategies and some
tactics have owners and tags (`planner list --owner sam`, `--tag launch`).

`planner demo` and the app's examples (`add_demo`) also give them a past: a few
weeks of check-ins (a tactic pushed again and again, one dropped, notes of the
day), tactics done in those weeks, and reviews whose health changed, so that
the digests (`planner report`) show something in every section at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pendulum import DateTime

from planner_tui.core.file.changes import Change
from planner_tui.core.dates import to_iso
from planner_tui.core.model import Measurement, StrategyStatus, TacticStatus
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
class K:
    """An example key result, its line starting ``months`` ago, and its values: (days ago, value, note)."""

    title: str
    start: float
    target: float
    unit: str = ""
    months: int = 4
    values: list[tuple[int, float, str]] = field(default_factory=list)


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
    key_results: list[K] = field(default_factory=list)


STUDENT = S(
    "Get a good job in my field within five years",
    "Work I care about, with people I learn from, that pays for a life.",
    60, 30,
    key_results=[
        K("Applications sent", 0, 40, "applications", 4, [(100, 3, ""), (70, 8, ""), (40, 14, ""),
                                                          (9, 19, "two referrals from the meetup")]),
        K("Interviews had", 0, 10, "interviews", 4, [(70, 1, ""), (40, 2, ""), (9, 2, "")]),
    ],
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
        ], key_results=[K("Projects published", 0, 5, "projects", 3, [(60, 1, ""), (20, 2, "the thesis demo")])]),
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
        ], owner="sam", tags=("product",),
            key_results=[K("Users who would be very disappointed without us", 18, 40, "%", 4,
                           [(90, 19, "first survey"), (45, 20, ""), (8, 21, "onboarding still loses people")])]),
        S("Grow revenue to 5M ARR", "Acquirers pay for a growing revenue line.", 30, 30, [
            T("Hire the first account executive", 21, owner="maya"),
            T("Raise prices for new plans", -1, tags=("launch",)),
        ], owner="lee", tags=("sales",), key_results=[
            K("ARR", 1_200_000, 5_000_000, "$", 6, [(150, 1_400_000, ""), (120, 1_550_000, ""),
                                                   (90, 1_700_000, ""), (60, 1_900_000, "first enterprise deal"),
                                                   (30, 2_050_000, ""), (3, 2_200_000, "")]),
            K("Monthly churn", 4, 1.5, "%", 6, [(120, 3.8, ""), (60, 3.4, ""), (3, 2.9, "annual plans help")]),
        ]),
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
        ], owner="it-ops", tags=("cloud",),
            key_results=[K("Applications in the cloud", 0, 42, "applications", 5,
                           [(120, 2, ""), (80, 5, ""), (40, 9, ""), (6, 12, "billing is next")])]),
        S("Make every team data-driven", "Decisions from evidence, not from the loudest voice.", 30, 30, [
            T("Roll out the shared dashboard", 9, owner="data"),
            T("Train team leads on the analytics tools", 20),
        ], owner="ana"),
        S("Secure by default", "One breach costs more than the whole programme.", 18, 30, [
            T("Enforce single sign-on everywhere", -4, tags=("cloud",)),
            T("Quarterly access review", 30, repeat="3m"),
        ], owner="security",
            key_results=[K("Systems behind single sign-on", 20, 100, "%", 3,
                           [(60, 35, ""), (30, 48, ""), (5, 60, "")])]),
    ],
    tags=("digital",),
)

EXAMPLES = (STUDENT, FOUNDER, COMPANY)


def add_examples(store: Store, journal: bool = False) -> Change:
    """Add the three example plans to the store, in one commit (one undo)."""
    with store.transaction("add the example plans", journal) as tx:
        _add_all(tx, store, tx.now)
    return tx.change


def add_demo(store: Store, journal: bool = False) -> Change:
    """The three example plans with a past (the module docstring says what), in one
    commit (one undo): what `planner demo` and the app's examples add."""
    with store.transaction("add the example plans", journal) as tx:
        named = _add_all(tx, store, tx.now.subtract(weeks=PAST_WEEKS))
        _add_past(tx, named)
    return tx.change


def _add_all(tx: Transaction, store: Store, created: DateTime) -> dict[str, int]:
    """Every example, made at ``created``; the ids of their strategies and tactics by title."""
    named: dict[str, int] = {}
    first = _next_root_position(store)
    for offset, example in enumerate(EXAMPLES):
        _add(tx, example, None, first + offset, created, named)
    return named


def _next_root_position(store: Store) -> int:
    """After the existing top-level strategies. Read once per commit: the plan
    in memory only changes when the commit ends, so asking again for each
    example gave all three the same position."""
    return max((s.position for s in store.plan.roots()), default=-1) + 1


def _add(tx: Transaction, example: S, parent: int | None, position: int, created: DateTime,
         named: dict[str, int]) -> int:
    today = tx.now.date()
    horizon = today.add(months=example.months) if example.months else None
    strategy_id = named[example.title] = tx.insert("strategies", {
        "title": example.title, "parent": parent, "why": example.why,
        "horizon": to_iso(horizon), "status": StrategyStatus.ACTIVE.value,
        "position": position, "review_every": example.review_every,
        "created": created.isoformat(), **_labels(example)})
    for index, tactic in enumerate(example.tactics):
        named[tactic.title] = _add_tactic(tx, tactic, strategy_id, index, created)
    for index, key_result in enumerate(example.key_results):
        _add_key_result(tx, key_result, strategy_id, index)
    for index, child in enumerate(example.children):
        _add(tx, child, strategy_id, index, created, named)
    return strategy_id


def _add_tactic(tx: Transaction, tactic: T, strategy_id: int, position: int, created: DateTime,
                done_at: DateTime | None = None) -> int:
    today = tx.now.date()
    due = today.add(days=tactic.due) if tactic.due is not None else None
    done = tactic.status == TacticStatus.DONE.value
    return tx.insert("tactics", {
        "title": tactic.title, "strategy": strategy_id, "status": tactic.status,
        "due": to_iso(due), "notes": tactic.notes, "repeat": tactic.repeat,
        "position": position, "created": created.isoformat(),
        "done_at": (done_at or tx.now).isoformat() if done else None, **_labels(tactic)})


def _labels(example: S | T) -> dict:
    """An example's owner and tags as the file keeps them (only when set)."""
    return {key: value for key, value in (("owner", example.owner), ("tags", list(example.tags))) if value}


def _add_key_result(tx: Transaction, key_result: K, strategy_id: int, position: int) -> None:
    today = tx.now.date()
    kr_id = tx.insert("keyresults", {
        "strategy": strategy_id, "title": key_result.title, "start": key_result.start,
        "target": key_result.target, "unit": key_result.unit,
        "start_date": today.subtract(months=key_result.months).isoformat(), "position": position,
        "created": tx.now.isoformat()})
    for days_ago, value, note in key_result.values:
        tx.insert("measurements", Measurement(0, kr_id, today.subtract(days=days_ago), value, note).to_doc())


# -- the examples' past (`add_demo`) ----------------------------------------------------

PAST_WEEKS = 26  # the examples were made half a year ago
AFTER_THE_EXAMPLES = 100  # the position of a tactic of the past: after its strategy's own
# Tactics of those weeks: (strategy, tactic, days ago made, days ago done or dropped).
PAST_TACTICS = (
    ("Get a good job in my field within five years", T("Send the first ten applications", -14, "done"), 30, 12),
    ("Grow revenue to 5M ARR", T("Sign the first enterprise customer", -5, "done"), 40, 4),
    ("Move core systems to the cloud", T("Map the data flows of billing", -7, "done"), 50, 8),
    ("Grow a professional network", T("Sponsor the campus hackathon", -10, "dropped"), 25, 12),
)
# Check-ins: days ago, {decision list: tactic titles}, the day's note.
PAST_CHECKINS = (
    (16, {"pushed": ["Write up the data-viz project"]}, "Quiet week; applications take longer than planned"),
    (12, {"done": ["Send the first ten applications"], "dropped": ["Sponsor the campus hackathon"]},
     "Dropped the hackathon: no budget this term"),
    (10, {"rescheduled": ["Raise prices for new plans"]}, ""),
    (9, {"pushed": ["Write up the data-viz project"], "done": ["Map the data flows of billing"]},
     "Two interviews booked"),
    (4, {"done": ["Sign the first enterprise customer"]}, "Enterprise deal signed!"),
    (3, {"pushed": ["Write up the data-viz project"]}, "Pushed the write-up again"),
)
# Reviews: strategy, days ago, health, note (each strategy's health changed at its last one, or held);
# most are within their cadence, a few are due, one never happened: the overview shows each kind.
PAST_REVIEWS = (
    ("Get a good job in my field within five years", 30, "at-risk", "Few applications out"),
    ("Get a good job in my field within five years", 6, "on-track", "Referrals are working"),
    ("Reach product-market fit", 35, "on-track", "Surveys look promising"),
    ("Reach product-market fit", 7, "at-risk", "Onboarding still loses people"),
    ("Grow revenue to 5M ARR", 40, "on-track", ""),
    ("Grow revenue to 5M ARR", 10, "on-track", "Enterprise pipeline growing"),
    ("Finish the degree with a strong thesis", 8, "at-risk", "Supervisor away until January"),
    ("Build a portfolio people can see", 12, "on-track", ""),
    ("Get the startup acquired within four years", 25, "on-track", "The board backs the plan"),
    ("Be easy to buy", 40, "on-track", "Books audited"),
    ("Build a digital infrastructure that matches the competition", 33, "on-track", ""),
    ("Move core systems to the cloud", 20, "on-track", "Billing mapped"),
    ("Make every team data-driven", 28, "off-track", "No analyst hired yet"),
    ("Secure by default", 15, "on-track", ""),
)  # "Grow a professional network" was never reviewed: a newcomer sees that case too


def _add_past(tx: Transaction, named: dict[str, int]) -> None:
    """The tactics done and dropped in the last weeks, the check-ins that decided them (a
    day that already has a check-in in this plan keeps its own), and reviews."""
    now = tx.now
    for strategy, tactic, made, closed in PAST_TACTICS:
        at = now.subtract(days=closed)
        named[tactic.title] = _add_tactic(tx, tactic, named[strategy], AFTER_THE_EXAMPLES,
                                          now.subtract(days=made), at)
    for days_ago, decided, note in PAST_CHECKINS:
        day = now.date().subtract(days=days_ago)
        if tx.store.plan.checkin_on(day) is not None:
            continue
        lists = {name: [named[title] for title in decided.get(name, ())]
                 for name in ("done", "pushed", "started", "rescheduled", "dropped", "skipped")}
        tx.insert("checkins", {"date": day.isoformat(), **lists, "note": note,
                               "finished": now.subtract(days=days_ago).isoformat()})
    for strategy, days_ago, health, note in PAST_REVIEWS:
        at = now.subtract(days=days_ago)
        tx.insert("reviews", {"strategy": named[strategy], "date": at.date().isoformat(), "health": health,
                              "note": note, "at": at.isoformat()})


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
