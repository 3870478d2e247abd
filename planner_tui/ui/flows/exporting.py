"""Exporting from the main screen (ctrl+e): ask for a file name, then write there.

The file name's ending picks the format (core/exchange/export.py). Reads top to
bottom: the dialog closes before the export is written, and a failure is told.
"""

from __future__ import annotations

from planner_tui.core.errors import InputError
from planner_tui.core.exchange.export import write_export
from planner_tui.ui.dialogs.export import ExportDialog
from planner_tui.ui.session import Session


async def export(session: Session) -> None:
    store = session.store
    path = await session.app.push_screen_wait(ExportDialog(str(store.path.with_suffix(".md"))))
    if not path:
        return
    try:
        written, fmt = write_export(store, path, store.clock())
    except (InputError, OSError) as error:
        session.tell(str(error), title="Not exported", severity="error")
        return
    session.tell(f"Exported the plan as {fmt} to {written}")
