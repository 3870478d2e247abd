"""A digest in a screen, from the command palette: `planner report --strategic` or
`--tactical` as text, scrollable, and saved to a file on `s`.

core/digest.py gathers it (the reader's usual period: the last four weeks for
the strategic one, the last week for the tactical), core/exchange/digest_formats.py
writes it, as the CLI prints it; `t` switches to the other reader's. `s` saves
it as Markdown beside the plan (`plan-strategic-2026-11-28.md`) and says where.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from planner_tui.core import digest
from planner_tui.core.exchange.digest_formats import render
from planner_tui.ui.screens.monitor import MonitorScreen
from planner_tui.ui.session import Session
from planner_tui.ui.widgets.key_bar import KeyBar

TITLES = {"strategic": "Strategic digest", "tactical": "Tactical digest"}


class DigestScreen(MonitorScreen):
    """Read-only; escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "leave", "back", id="digest-back", tooltip="Back to the plan"),
        Binding("s", "save", "save", id="digest-save", tooltip="Save the digest as Markdown beside the plan"),
        Binding("t", "switch", "other digest", id="digest-switch",
                tooltip="The other reader's digest (strategic, tactical)"),
        Binding("j,down", "scroll(1)", "down", show=False),
        Binding("k,up", "scroll(-1)", "up", show=False),
    ]

    def __init__(self, session: Session, kind: str) -> None:
        super().__init__(session, id="digest")
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Horizontal(classes="monitor-header"):
            yield Static(id="digest-title")
            yield Static(Text(self.now.format("dddd D MMMM YYYY")), classes="corner")
        with VerticalScroll(classes="digest-body"):
            yield Static(id="digest-text", classes="digest-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_digest()
        self.query_one(".digest-body").focus()

    def written(self, fmt: str) -> str:
        """The digest of the reader's usual period, as of now, in ``fmt`` (text or markdown)."""
        self.now = self.store.clock()
        period = digest.period_since(digest.DEFAULT_SINCE[self.kind], self.now)
        return render(digest.gather(self.store.plan, self.kind, period, self.now), fmt, self.now)

    def show_digest(self) -> None:
        self.query_one("#digest-title", Static).update(Text(TITLES[self.kind], style="bold"))
        self.query_one("#digest-text", Static).update(Text(self.written("text")))
        self.query_one(".digest-body", VerticalScroll).scroll_home(animate=False)

    def action_switch(self) -> None:
        self.kind = next(kind for kind in digest.KINDS if kind != self.kind)
        self.show_digest()

    def action_save(self) -> None:
        path = digest.saved_name(self.store.path, self.kind, self.now.date())
        try:
            path.write_text(self.written("markdown"), encoding="utf-8")
        except OSError as error:
            self.notify(f"Cannot write {path}: {error.strerror or error}", title="Not saved", severity="error",
                        markup=False)
            return
        self.notify(f"Saved the {self.kind} digest to {path}", title="Saved", markup=False)

    def action_scroll(self, step: int) -> None:
        body = self.query_one(".digest-body", VerticalScroll)
        body.scroll_relative(y=step, animate=False)

    def action_leave(self) -> None:
        self.close(None)
