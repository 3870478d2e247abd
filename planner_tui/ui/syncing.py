"""The app's CalDAV sync: core/exchange/sync/ in a worker thread, told in notifications.

`Y` (or the palette, or ``on_start = true`` in the [caldav] settings) starts
one sync. It runs in a thread, so keys keep working, on a store of its own
opened on the same file: the app's store is only ever touched by the app's
thread. The sync writes the plan under its lock as another process would; the
session's poll then reads the file again and every screen redraws
(`Session.poll`), as for any change made elsewhere. Each step is a short
notification; the end says what changed on each side, or why the sync stopped
(core leaves the plan untouched then).
"""

from __future__ import annotations

from textual.app import App
from textual.worker import Worker

from planner_tui.core.settings import CalDavSettings
from planner_tui.ui.session import Session

GROUP = "caldav-sync"
SHOWN_LINES = 12  # of the report; the rest is counted
NO_SETTINGS = ("No CalDAV server to sync with: add a [caldav] table to the settings file "
               "(`planner settings --init` writes one to fill in; see `planner sync --help`).")


def running(app: App) -> bool:
    return any(worker.group == GROUP and not worker.is_finished for worker in app.workers)


def start(app: App, session: Session, config: CalDavSettings | None) -> Worker | None:
    """One sync in a worker thread, unless there is nothing to sync with or one is running."""
    if config is None:
        session.tell(NO_SETTINGS, title="Sync", severity="warning", timeout=10)
        return None
    if running(app):
        session.tell("A sync is already running.", title="Sync")
        return None
    session.tell(f"Syncing with the list {config.list!r}…", title="Sync", timeout=3)
    return app.run_worker(lambda: _sync(app, session, config), name="sync", group=GROUP,
                          thread=True, exit_on_error=False)


def _sync(app: App, session: Session, config: CalDavSettings) -> None:
    """In the worker's thread: the sync on a store of its own, each outcome handed to the app's thread."""
    from planner_tui.core import crash_log
    from planner_tui.core.exchange.sync.run import sync
    from planner_tui.core.exchange.sync.server import SyncError
    from planner_tui.core.file.store import PlanFileError, open_store

    def progress(step: str) -> None:
        _in_app(app, session.tell, f"{step}…", title="Sync", timeout=3)

    try:
        store = open_store(session.store.path, clock=session.store.clock)
        report = sync(store, config, progress=progress)
    except (SyncError, PlanFileError) as error:
        _in_app(app, session.tell, f"Sync stopped: {error}", title="Sync failed", severity="error", timeout=20)
        return
    except Exception as error:  # a bug: logged, told, and the app goes on (the plan is untouched)
        _in_app(app, session.tell, f"Sync stopped: {crash_log.report(error)}", title="Sync failed",
                severity="error", timeout=30)
        return
    _in_app(app, _finished, session, report.lines(config.list), report.plan_changed, list(store.warnings))


def _in_app(app: App, callback, *args, **kwargs) -> None:
    """``callback`` in the app's thread; nothing once the app has closed (a sync still
    under way then finishes on its own: the file and the sync state have it)."""
    if app.is_running:
        app.call_from_thread(callback, *args, **kwargs)


def _finished(session: Session, lines: list[str], plan_changed: bool, warnings: list[str]) -> None:
    """Back in the app's thread: read the plan the sync wrote, and say what it did."""
    if plan_changed:
        session.poll()
    for warning in warnings:
        session.tell(warning, title="Sync", severity="warning", timeout=10)
    shown = lines[:SHOWN_LINES]
    if len(lines) > len(shown):
        shown.append(f"… and {len(lines) - len(shown)} more")
    session.tell("\n".join(shown), title="Synced", timeout=10)
