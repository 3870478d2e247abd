"""Regenerate every screenshots/*.svg from the real app, on the three example
plans, at a fixed date (Saturday 28 November 2026, 10:30 local time).

    python scripts/screenshots.py            # writes screenshots/*.svg
    python scripts/screenshots.py --out /tmp/shots

Each shot opens a fresh plan file in a temporary folder (the check-in, its
history and the review on the examples with 20 weeks of check-ins and two
strategies due for review), presses the keys a person would, and saves what the
terminal shows. The app gets the default settings (only the theme varies), so
the developer's own settings.toml neither shows in the pictures nor is written.
The clock is frozen and the cursor does not blink, so a rerun writes the same
bytes: the files only change when the screens do.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pendulum
from textual.widgets import Input

from planner_tui.core.examples import add_examples, add_history, add_reviews
from planner_tui.core.settings import DEFAULT_THEME, LoadedSettings, Settings
from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp

NOW = pendulum.datetime(2026, 11, 28, 10, 30, tz=pendulum.local_timezone())
ROOT = Path(__file__).resolve().parent.parent
@dataclass(frozen=True)
class Shot:
    """One picture: the plan it starts from, the screen it opens on, the keys pressed."""

    name: str
    keys: tuple[str, ...] = ()
    size: tuple[int, int] = (100, 30)
    plan: str = "examples"  # "examples", "empty" or "lived-in" (examples with a history)
    start: str | None = None  # `planner checkin` / `history` / `review` open straight there
    theme: str = DEFAULT_THEME


SHOTS = [
    Shot("main", ("space", "j")),
    Shot("tactics", ("j", "space", "l", "j", "j")),
    Shot("edit-dialog", ("space", "j", "a", *"Email the supervisor", "tab", "f", "r", "i")),
    Shot("search", ("slash", *"review")),
    Shot("search-owner", ("slash", *"@ana", "enter")),
    Shot("help", ("question_mark",)),
    Shot("welcome", plan="empty"),
    Shot("small-80x24", ("space", "j", "tab"), size=(80, 24)),
    Shot("light-theme", ("space",), theme="textual-light"),
    Shot("checkin-history", size=(100, 40), plan="lived-in", start="history"),
    Shot("review", ("2", "5", "enter", "enter", "2"), plan="lived-in", start="review"),  # a value, a skip, at risk
    Shot("overview", ("O",), plan="lived-in"),
    Shot("checkin", ("x", "p", "s", "r", "f", "r", "i"), plan="lived-in", start="checkin"),
    Shot("key-results"),
    Shot("record-value", ("v", "enter", "2", "5")),
    Shot("burnup", ("B",)),
    Shot("digest", ("ctrl+p", *"strategic digest", "enter")),
]


def lived_in(store: Store) -> None:
    """20 weeks of check-ins (some days missed) with work done, and two reviews due."""
    add_history(store, NOW)
    add_reviews(store, NOW, ("on-track", "at-risk", "at-risk"), "Hiring is slow")


def plan_for(shot: Shot, folder: Path) -> Store:
    """A fresh plan file for one shot, on the frozen clock."""
    store = Store(folder / f"{shot.name}.json", clock=lambda: NOW)
    if shot.plan != "empty":
        add_examples(store)
    if shot.plan == "lived-in":
        lived_in(store)
    return store


async def take(shot: Shot, folder: Path, out: Path) -> Path:
    settings = LoadedSettings(Settings(theme=shot.theme), folder / f"{shot.name}-settings.toml")
    app = PlannerApp(plan_for(shot, folder), start=shot.start, settings=settings)
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        for key in shot.keys:
            await pilot.press("space" if key == " " else key)
            await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause(0.3)
        return Path(app.save_screenshot(filename=f"{shot.name}.svg", path=str(out)))


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        for shot in SHOTS:
            print(await take(shot, Path(name), out))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    asyncio.run(main(parser.parse_args().out))
