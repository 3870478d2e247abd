"""SVG screenshots of the check-in, its history heat map and the review, from the real app.

    python screenshots/make_monitor.py

Writes checkin.svg, checkin-history.svg and review.svg next to this file. The
plan is the three example plans with 20 weeks of check-ins and two strategies
due for review, on a clock frozen at Saturday 28 November 2026, 10:30, so the
pictures only change when the screens do.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pendulum

from planner_tui.core.dates import to_iso
from planner_tui.core.examples import add_examples
from planner_tui.core.store import Store
from planner_tui.ui.app import PlannerApp

HERE = Path(__file__).parent
NOW = pendulum.datetime(2026, 11, 28, 10, 30, tz=pendulum.local_timezone())
NOTES = ["Shipped the draft; waiting on feedback", "Slow day: meetings", "",
         "Blocked on the API keys", "Good momentum", ""]
SIZE = (100, 30)


def lived_in(store: Store) -> None:
    """20 weeks of check-ins (some days missed) with work done, and two reviews due."""
    today = NOW.date()
    goal = next(iter(store.plan.strategies))
    with store.transaction("history") as tx:
        for days_ago in range(1, 140):
            day = today.subtract(days=days_ago)
            if days_ago % 9 in (4, 5) or day.isoweekday() == 7 and days_ago % 3:
                continue
            ids = []
            for n in range((days_ago * 7) % 5):
                at = NOW.subtract(days=days_ago).add(minutes=n)
                ids.append(tx.insert("tactics", {
                    "title": f"done {days_ago}.{n}", "strategy": goal, "status": "done",
                    "due": to_iso(day), "notes": "", "repeat": None, "position": 100 + n,
                    "created": at.subtract(days=3).isoformat(), "done_at": at.isoformat()}))
            tx.insert("checkins", {"date": day.isoformat(), "done": ids, "pushed": [], "started": [],
                                   "note": NOTES[days_ago % len(NOTES)],
                                   "finished": NOW.subtract(days=days_ago).isoformat()})
        for sid in list(store.plan.strategies)[:2]:
            tx.update("strategies", sid, created=NOW.subtract(days=45).isoformat())
            for days, health in [(59, "on-track"), (45, "at-risk"), (31, "at-risk")]:
                tx.insert("reviews", {"strategy": sid, "date": NOW.subtract(days=days).date().isoformat(),
                                      "health": health, "note": "Hiring is slow" if days == 31 else "",
                                      "at": NOW.subtract(days=days).isoformat(), "done": 1, "total": 8})


async def shoot(store: Store, start: str, name: str, keys: tuple[str, ...] = (), size=SIZE) -> None:
    app = PlannerApp(store, start=start)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        for field in app.screen.query("Input"):
            field.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(str(HERE / name))
    print(HERE / name)


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "plan.json", clock=lambda: NOW)
        add_examples(store)
        lived_in(store)
        await shoot(store, "history", "checkin-history.svg", size=(100, 40))
        await shoot(store, "review", "review.svg", ("2",))
        await shoot(store, "checkin", "checkin.svg", ("x", "p", "s", "r", "f", "r", "i"))


if __name__ == "__main__":
    asyncio.run(main())
