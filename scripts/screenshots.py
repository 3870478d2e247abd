"""Regenerate screenshots/*.svg from the real app, on the three example plans,
at a fixed date (Saturday 28 November 2026, 10:30 local time).

    python scripts/screenshots.py            # writes screenshots/*.svg
    python scripts/screenshots.py --out /tmp/shots

Each shot opens a fresh plan file in a temporary folder, presses the keys a
person would, and saves what the terminal shows. The cursor does not blink, so
the files only change when the screens do.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pendulum
from textual.widgets import Input

from planner_tui.core.examples import add_examples
from planner_tui.core.store import Store
from planner_tui.ui.app import PlannerApp

NOW = pendulum.datetime(2026, 11, 28, 10, 30, tz=pendulum.local_timezone())
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Shot:
    name: str
    keys: tuple[str, ...] = ()
    size: tuple[int, int] = (100, 30)
    examples: bool = True
    theme: str | None = None


SHOTS = [
    Shot("main", ("l", "j")),
    Shot("tactics", ("j", "l", "l", "j", "j")),
    Shot("edit-dialog", ("l", "j", "a", *"Email the supervisor", "tab", "f", "r", "i")),
    Shot("search", ("slash", *"review")),
    Shot("help", ("question_mark",)),
    Shot("welcome", examples=False),
    Shot("small-80x24", ("l", "j", "tab"), size=(80, 24)),
    Shot("light-theme", ("l",), theme="textual-light"),
]


async def take(shot: Shot, folder: Path, out: Path) -> Path:
    store = Store(folder / f"{shot.name}.json", clock=lambda: NOW)
    if shot.examples:
        add_examples(store)
    app = PlannerApp(store)
    async with app.run_test(size=shot.size) as pilot:
        if shot.theme:
            app.theme = shot.theme
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
