"""The digests from the command palette: the report's text in a screen, the other
reader's on `t`, saved as Markdown beside the plan on `s`."""

from __future__ import annotations

from textual.command import CommandPalette

from planner_tui.core import digest
from planner_tui.core.exchange.digest_formats import render
from planner_tui.ui.screens.digest import DigestScreen
from ui_helpers import notifications, palette_settled, plain, running, type_text, until


def shown(app) -> str:
    return app.screen.query_one("#digest-text").content.plain


def expected(store, kind: str, fmt: str) -> str:
    now = store.clock()
    period = digest.period_since(digest.DEFAULT_SINCE[kind], now)
    return render(digest.gather(store.plan, kind, period, now), fmt, now)


async def test_the_palette_opens_a_digest_that_saves_to_a_file_and_says_where(examples):
    store = examples
    async with running(store) as (app, pilot):
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "strategic digest")
        await until(pilot, lambda: palette_settled(app), "the palette's hits")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DigestScreen), "the digest")
        assert shown(app) == expected(store, "strategic", "text")
        assert "Applications sent: " in shown(app)  # key results then and now
        await pilot.press("t")
        await pilot.pause()
        assert shown(app) == expected(store, "tactical", "text")
        assert plain(app.screen.query_one("#digest-title").content).strip() == "Tactical digest"
        await pilot.press("s")
        await pilot.pause()
        saved = store.path.with_name(f"plan-tactical-{store.clock().date().isoformat()}.md")
        assert saved.read_text(encoding="utf-8") == expected(store, "tactical", "markdown")
        assert f"Saved the tactical digest to {saved}" in notifications(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DigestScreen)


async def test_a_digest_that_cannot_be_saved_says_why_and_stays(examples, tmp_path):
    store = examples
    async with running(store) as (app, pilot):
        app.screen.action_digest("strategic")
        await pilot.pause()
        blocked = store.path.with_name(f"plan-strategic-{store.clock().date().isoformat()}.md")
        blocked.mkdir()  # a folder where the file would go
        await pilot.press("s")
        await pilot.pause()
        assert any(message.startswith(f"Cannot write {blocked}") for message in notifications(app))
        assert isinstance(app.screen, DigestScreen)
