"""PlannerApp: one store in, the session made, the first screen up, clean exits on signals.

The CLI opens the store (so file problems are reported before the terminal
switches to the app) and runs ``PlannerApp(store).run()``; tests build the
same app on a `tmp_path` store with a frozen clock. The app makes what every
screen shares once: the session (ui/session.py: changes, undo, saves that
failed) and the settings, and polls the file for the session every second.
"""

from __future__ import annotations

import asyncio
import signal
from typing import ClassVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from planner_tui.core import crash_log
from planner_tui.core.dates import zone_problem
from planner_tui.core.settings import LoadedSettings, choose_theme, load_settings, remember_theme
from planner_tui.core.file.store import Store
from planner_tui.core.user_text import visible
from planner_tui.ui import stylesheets
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.session import Session

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
POLL_SECONDS = 1.0  # another process's changes, a new day, saves to try again
STARTS = ("checkin", "history", "review")


class Crashed(Exception):
    """An unexpected error, logged (core/crash_log.py): Textual shows an exception's
    ``__rich__`` instead of its traceback, so the screen gets one short line."""

    def __init__(self, error: Exception) -> None:
        super().__init__(type(error).__name__)
        self.__cause__ = error
        self.message = crash_log.report(error)

    def __rich__(self) -> Text:
        return Text(self.message, no_wrap=True, overflow="ignore")  # the log's path unbroken


class PlannerApp(App[None]):
    """The terminal planner. Every change is saved when made, so quitting is always safe."""

    CSS_PATH = stylesheets.MAIN
    TITLE = "planner"
    ENABLE_COMMAND_PALETTE = True
    # Priority: the focus moves as the app reads the key, before it hands on the next one.
    # Textual's own tab goes to the focused widget first and comes back up to the screen
    # later, so the keys typed right after it (a fast typist, a burst from tmux or a paste)
    # landed in the field or pane being left: a title took the deadline's letters.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(self, store: Store, start: str | None = None,
                 start_strategies: list[int] | None = None,
                 settings: LoadedSettings | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        self.session = Session(store, self)
        # settings.toml (tests pass their own): theme, week start, soon days, review cadence.
        self.loaded_settings = settings if settings is not None else load_settings()
        self.settings = self.loaded_settings.settings
        # `planner checkin` / `planner review`: open straight into that screen (`STARTS`).
        if start is not None and start not in STARTS:
            raise ValueError(f"unknown start screen {start!r}: one of {', '.join(STARTS)}")
        self.start = start
        self.start_strategies = start_strategies
        if start:  # Textual reads a screen's CSS_PATH when it is pushed, not for the first screen
            self.css_path = [*self.css_path, stylesheets.DIALOGS, stylesheets.MONITOR]
        # Before the first frame: a theme set in on_mount re-parses all CSS and restyles every widget.
        self._theme_problem = self._choose_theme()
        # [keys]: only the entries core/keymap.py found usable; the rest were told with the
        # settings' problems and keep their defaults. Without any, nothing to do on the open path.
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))

    def notify(self, message: str, *, title: str = "", **kwargs) -> None:
        """Every notification, with control characters as escapes: messages quote
        titles and file names (`Deleted …`, errors), which are the person's text."""
        super().notify(visible(message, lines=True), title=visible(title), **kwargs)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's handler would print a full-screen traceback with every frame's
        locals (titles, notes); it still restores the terminal and exits with 1.
        Printed soft-wrapped: cropped to the terminal's width, the log's path was cut."""
        self.error_console.soft_wrap = True
        super()._handle_exception(Crashed(error))

    def get_default_screen(self) -> Screen:
        """The plan, or the screen `planner checkin|review` asked for (ending the app when it closes)."""
        if self.start == "checkin":
            from planner_tui.ui.screens.checkin import CheckinScreen

            return CheckinScreen(self.session)
        if self.start == "history":
            from planner_tui.ui.screens.checkin_history import CheckinHistoryScreen

            return CheckinHistoryScreen(self.session)
        if self.start == "review":
            from planner_tui.ui.screens.review import ReviewScreen

            return ReviewScreen(self.session, self.start_strategies)
        return PlanScreen(self.session)

    def on_mount(self) -> None:
        self._exit_on_signals()
        self._tell_settings_problems()
        self.set_interval(POLL_SECONDS, self.session.poll)
        if self.settings.caldav is not None and self.settings.caldav.on_start:
            self.call_after_refresh(self._sync_on_start)

    def _sync_on_start(self) -> None:
        """`on_start = true` in [caldav]: once the first frame is up, in a worker."""
        from planner_tui.ui import syncing

        syncing.start(self, self.session, self.settings.caldav)

    async def action_quit(self) -> None:
        """ctrl+q, as `q`: unsaved changes are not given up without asking."""
        self.session.quit()

    def _choose_theme(self) -> str | None:
        """Use the saved theme; say why not when it cannot be used."""
        theme, problem = choose_theme(self.settings.theme, self.available_themes)
        self.theme = theme
        return problem

    def _tell_settings_problems(self) -> None:
        """Problems with settings.toml, shown once the app is up; a theme picked later
        in the palette is written back to the settings file, so it survives a restart."""
        for message in (self.loaded_settings.problem, self._theme_problem):
            if message:
                self.notify(message, title="Settings", severity="warning", markup=False, timeout=10)
        if message := zone_problem():
            self.notify(message, title="Time zone", severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme) -> None:
        problem = remember_theme(theme.name, self.loaded_settings.path)
        if problem:
            self.notify(problem, title="Theme not saved", severity="warning", markup=False)

    def _exit_on_signals(self) -> None:
        """SIGTERM and SIGHUP (the terminal closed) end the app like `q` does,
        so the terminal is restored; nothing is unsaved at any moment."""
        try:
            loop = asyncio.get_running_loop()
            for number in EXIT_SIGNALS:
                loop.add_signal_handler(number, self._signalled, number)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or no signals here (tests, Windows)

    def _signalled(self, number: int) -> None:
        self.exit(return_code=0, message=None)

    def on_unmount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for number in EXIT_SIGNALS:
                loop.remove_signal_handler(number)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
