"""The plan the export and import tests share: every status, deadlines with and
without a time, titles that look like Markdown, a tree eight levels deep.

Built through core/actions on a store with the frozen clock; the timed deadline
is in Auckland whatever the local zone, so the Markdown golden file is the same
in every time zone.
"""

from __future__ import annotations

import pendulum

from planner_tui.core import actions
from planner_tui.core.keyresult_actions import add_key_result, record_value
from planner_tui.core.keyresults import values_of
from planner_tui.core.model import TacticStatus
from planner_tui.core.file.store import Store

TRICKY_TITLES = [
    "Build a [x] portfolio | `v2` #1",
    "- leading dash",
    "1. numbered <b>html</b> &amp; $x$",
    "[x] Write *up* the_project",
    "Call — *due 2027-01-01*",
    "Dropped ~~one~~",
    "# Looks like a heading ##",
    "> quote",
    "+ plus",
    "= setext",
    "[link](http://example.com) ![img](x.png)",
    "back\\slash \\* and \\",
    "trailing ~",
    "[bold]50%[/] [@click=app.quit]",
    "2) paren",
    "<!-- comment -->",
    "***",
]


def build_plan(store: Store) -> dict[str, int]:
    """The sample plan; returns its ids by short name (s1..s9, t1..t7)."""
    ids: dict[str, int] = {}

    def strategy(name: str, title: str, **kwargs) -> int:
        ids[name] = actions.add_strategy(store, title, **kwargs).new_ids[0]
        return ids[name]

    def tactic(name: str, title: str, to: str, **kwargs) -> int:
        ids[name] = actions.add_tactic(store, title, ids[to], **kwargs).new_ids[0]
        return ids[name]

    strategy("s1", "Get a good job", why="Work I care about,\nwith people I learn from.\n\n# not a heading",
             horizon=pendulum.Date(2031, 11, 28), review_every=30)
    strategy("s2", TRICKY_TITLES[0], parent=ids["s1"], horizon=pendulum.Date(2026, 12, 31), review_every=14)
    tactic("t1", "Finish the site", "s2", due=pendulum.Date(2026, 12, 4),
           notes="Three projects.\n- one page each\n\n> quoted")
    tactic("t2", TRICKY_TITLES[3], "s2", due=pendulum.Date(2026, 11, 27))
    tactic("t3", TRICKY_TITLES[4], "s2", due=pendulum.datetime(2026, 12, 4, 17, 0, tz="Pacific/Auckland"),
           repeat="1w")
    tactic("t4", "Done one", "s2", due=pendulum.Date(2026, 11, 20))
    tactic("t5", TRICKY_TITLES[5], "s2")
    strategy("s3", TRICKY_TITLES[1], parent=ids["s1"])
    parent = "s3"
    for depth, name in enumerate(("s4", "s5", "s6", "s7", "s8"), start=3):
        title = TRICKY_TITLES[2] if name == "s4" else f"Level {depth}"
        strategy(name, title, parent=ids[parent])
        parent = name
    strategy("s9", "Get fit")
    tactic("t6", "Run 5k", "s9", due=pendulum.Date(2026, 12, 1))
    tactic("t7", "Buy shoes", "s9")
    actions.set_status(store, [ids["t1"]], TacticStatus.DOING)
    actions.set_status(store, [ids["t4"]], TacticStatus.DONE)
    actions.set_status(store, [ids["t5"]], TacticStatus.DROPPED)
    actions.edit_strategy(store, ids["s3"], status="achieved")
    ids["k1"] = add_key_result(store, ids["s9"], "Resting heart rate", 70, 58.5, "bpm",
                               since=pendulum.Date(2026, 9, 1)).new_ids[0]
    record_value(store, ids["k1"], 66, on=pendulum.Date(2026, 10, 1), note="after the *first* month · ok")
    record_value(store, ids["k1"], 63.25, on=pendulum.Date(2026, 11, 1))
    ids["k2"] = add_key_result(store, ids["s9"], "Visits · from **1** to **2** [x]", -1_000, 1_200_000, "k$ *|`",
                               since=pendulum.Date(2026, 11, 1)).new_ids[0]
    return ids


def add_history(store: Store, ids: dict[str, int]) -> None:
    """A check-in and a review, so the JSON tests see every table."""
    with store.transaction("history") as tx:
        tx.insert("checkins", {"date": "2026-11-27", "done": [ids["t4"]], "pushed": [ids["t2"]],
                               "started": [ids["t1"]], "note": "A good day", "rescheduled": [],
                               "dropped": [], "skipped": [], "finished": None})
        tx.insert("reviews", {"strategy": ids["s2"], "date": "2026-11-20", "health": "at-risk",
                              "note": "Slow start"})


def shape(plan) -> list[tuple]:
    """What a round trip must keep: the tree, titles, statuses, deadlines, and the rest
    a person wrote (why, horizon, cadence, notes, repeat rules)."""

    rows = []
    for strategy in plan.tree_order():
        rows.append(("strategy", plan.depth(strategy.id), strategy.title, strategy.status.value,
                     strategy.why, strategy.horizon, strategy.review_every))
        for kr in plan.key_results_of(strategy.id):
            rows.append(("key result", kr.title, kr.start, kr.target, kr.unit, kr.start_date,
                         [(v.date, v.value, v.note) for v in values_of(plan, kr.id)]))
        for tactic in plan.tactics_of(strategy.id):
            rows.append(("tactic", tactic.title, tactic.status.value, tactic.due, tactic.notes, tactic.repeat))
    return rows
