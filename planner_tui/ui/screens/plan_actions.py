"""What each key of the main screen does: a thin call into core/actions.

Every change goes through `commit` (quick keys) or `saver` (dialogs): core
validates and writes, the change is recorded for undo, the screen reloads.
Bad input becomes a warning; a failed save keeps the change (quick keys: in
`pending`, retried; dialogs: the dialog stays open) and says how to retry.
A key or a dialog sends what the person changed from what the screen showed
(`Edit`, core/conflicts.py); a field changed elsewhere meanwhile too is told,
and the person chooses (conflict_dialog.ask).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple


from planner_tui.core import actions
from planner_tui.core.file.changes import Change
from planner_tui.core.conflicts import Conflict, Edit
from planner_tui.core.errors import InputError
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.file.store import SaveError
from planner_tui.ui.widgets.line_input import LineInput

# Dialogs and the help screen are imported when first used (see plan_edits.py).

if TYPE_CHECKING:
    from planner_tui.ui.screens.plan import PlanScreen

    Base = PlanScreen
else:
    Base = object

SEARCH_HINT = "search strategies and tactics · enter keeps · esc clears"
TACTIC_ONLY = {"push", "start"}
TREE_ONLY = {"add_strategy", "add_child"}
NEEDS_ITEM = {"edit", "done", "drop", "deadline", "reorder", "move", "delete"}
ALWAYS = {"load_examples", "help", "quit", "search", "toggle_sub", "toggle_done",
          "checkin", "review", "checkin_history", "export"}
STRATEGY_STATUS = {"done": StrategyStatus.ACHIEVED, "start": StrategyStatus.ACTIVE,
                   "drop": StrategyStatus.DROPPED}
TACTIC_STATUS = {"done": TacticStatus.DONE, "start": TacticStatus.DOING, "drop": TacticStatus.DROPPED}


class Pending(NamedTuple):
    """A change that could not be saved: kept, and retried until it is."""

    what: str
    make: Callable[[], Change]


HISTORY_WORDS = {"undo": ("Undid", "Not undone"), "redo": ("Redid", "Not redone")}


class PlanActions(Base):
    """Mixed into `PlanScreen`: the actions, and which of them apply right now."""

    # -- what applies now (footer, palette) ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ALWAYS:
            return bool(self.store.plan.strategies) or action in ("load_examples", "help", "quit")
        field = self.search_field
        if field is not None and field.has_focus:
            return action == "clear_search"
        if action == "undo":
            return True if self.history.can_undo else None
        if action == "redo":
            return True if self.history.can_redo else None
        if action == "retry":
            return bool(self.pending)
        if action == "clear_search":
            return self.search is not None or (field is not None and field.display)
        if not self.store.plan.strategies:
            return action == "add_strategy"
        if action in TREE_ONLY:
            return not self.tactic_table.has_focus
        if action in TACTIC_ONLY:
            return self._on_tactic()
        if action in NEEDS_ITEM:
            return self._target() is not None
        return self.strategy_tree.strategy_id is not None

    def _on_tactic(self) -> bool:
        return self.tactic_table.has_focus and self.tactic_table.tactic_id is not None

    def _target(self) -> tuple[str, int] | None:
        """("tactic", id) when the table has focus, else ("strategy", id); None if nothing."""
        if self.tactic_table.has_focus:
            tactic = self.tactic_table.tactic_id
            return ("tactic", tactic) if tactic in self.store.plan.tactics else None
        sid = self.strategy_tree.strategy_id
        return ("strategy", sid) if sid in self.store.plan.strategies else None

    # -- committing ----------------------------------------------------------------------------

    def commit(self, what: str, make: Callable[[], Change], strategy: int | None = None,
               tactic: int | None = None, conflicted: Callable[[Conflict], None] | None = None) -> Change | None:
        """Run one core action; record it for undo; reload with the cursor on the given ids.

        Refused, it reloads too (deciding under the lock caught the store up with the
        file: show what it found) and warns, or hands a `Conflict` to ``conflicted``.
        """
        try:
            change = make()
        except InputError as error:
            self.reload()
            if conflicted is not None and isinstance(error, Conflict):
                conflicted(error)
            else:
                self.notify(str(error), severity="warning", markup=False)
            return None
        except SaveError as error:
            self.pending.append(Pending(what, make))
            self.notify(f"{error} Kept unsaved: ctrl+s retries (also tried every second).",
                        title="Not saved", severity="error", markup=False, timeout=10)
            self.show_header()
            self.update_bindings()
            return None
        self.history.record(change)
        self.reload(strategy, tactic, change)
        return change

    def commit_edit(self, what: str, edit: Edit, write: Callable[[Edit], Change], strategy: int | None = None,
                    tactic: int | None = None) -> Change | None:
        """`commit` of what a key changed from what the screen showed; a conflict is asked about."""
        from planner_tui.ui.screens.conflict_dialog import ask

        again = lambda chosen: self.commit_edit(what, chosen, write, strategy, tactic)  # noqa: E731
        return self.commit(what, lambda: write(edit) if edit.typed else Change(what), strategy, tactic,
                           conflicted=lambda conflict: ask(self, conflict, edit, again))

    def saver(self, write: Callable[[Edit], Change], after: Callable[[Change], None],
              typed: Callable[[Any], dict[str, Any]], started: dict[str, Any] | None = None) -> Callable:
        """The dialog's save callback: ``typed(form)`` over what the dialog opened with
        (``started``; None for a new item) through ``write``; then ``after`` and close,
        or say in the dialog what went wrong."""
        opened = {"started": started}  # rebased when the person goes back to editing after a conflict

        def save(form: Any, dialog) -> None:
            self._save_edit(Edit(typed(form), opened["started"]), write, after, dialog, opened)

        return save

    def _save_edit(self, edit: Edit, write: Callable[[Edit], Change], after: Callable[[Change], None],
                   dialog, opened: dict[str, Any]) -> None:
        from planner_tui.ui.screens.conflict_dialog import ask, back_message

        try:
            change = write(edit)
        except Conflict as error:
            self.reload()
            conflict = error  # (``error`` is unbound when the except block ends; ``back`` runs later)

            def back(rebased: Edit) -> None:
                opened["started"] = rebased.started
                dialog.show_error(back_message(conflict))

            ask(self, conflict, edit, lambda chosen: self._save_edit(chosen, write, after, dialog, opened), back)
            return
        except InputError as error:
            dialog.show_error(str(error))
            return
        except SaveError as error:
            dialog.show_error(f"{error} Fix the cause, then press enter to try again.")
            return
        self.history.record(change)
        after(change)
        dialog.saved()

    # -- status, deadlines, order ------------------------------------------------------------------

    def action_done(self) -> None:
        self._set_status("done")

    def action_start(self) -> None:
        self._set_status("start")

    def action_drop(self) -> None:
        self._set_status("drop")

    def _set_status(self, key: str) -> None:
        """Set the status; pressing the same key again reopens (todo / active). What the
        key means is decided from the status the screen shows: done on a tactic done
        elsewhere meanwhile stays done."""
        kind, item = self._target()
        plan = self.store.plan
        if kind == "tactic":
            shown, wanted = plan.tactics[item].status, TACTIC_STATUS[key]
            status = TacticStatus.TODO if shown is wanted else wanted
            write = lambda edit: actions.set_status(self.store, [item], edit.typed["status"],  # noqa: E731
                                                    expected=edit.started)
            change = self.commit_edit(f"{status.value} {plan.tactics[item].title!r}",
                                      Edit({"status": status}, {"status": shown}), write, tactic=item)
            if change and len(change.new_ids):
                self.notify("Repeats: the next one is on the list.")
        else:
            shown, wanted = plan.strategies[item].status, STRATEGY_STATUS[key]
            status = StrategyStatus.ACTIVE if shown is wanted else wanted
            write = lambda edit: actions.edit_strategy(self.store, item, expected=edit.started,  # noqa: E731
                                                       **edit.typed)
            self.commit_edit(f"{status.value} {plan.strategies[item].title!r}",
                             Edit({"status": status}, {"status": shown}), write, strategy=item)

    def action_push(self, days: int) -> None:
        item = self.tactic_table.tactic_id
        self.commit(f"push {self.store.plan.tactics[item].title!r} by {days} days",
                    lambda: actions.push(self.store, [item], days), tactic=item)

    def action_reorder(self, offset: int) -> None:
        kind, item = self._target()
        if kind == "tactic":
            self.commit("reorder", lambda: actions.reorder_tactic(self.store, item, offset), tactic=item)
            self.notify("Moved among its siblings. The list sorts by deadline first, so only "
                        "tactics due the same day change places.", timeout=3)
        else:
            self.commit("reorder", lambda: actions.reorder_strategy(self.store, item, offset), strategy=item)

    # -- undo, toggles, the rest ------------------------------------------------------------------------

    def action_undo(self) -> None:
        self._history_step(self.history.undo, "undo")

    def action_redo(self) -> None:
        self._history_step(self.history.redo, "redo")

    def _history_step(self, step: Callable[[], Change | None], verb: str) -> None:
        """Undo or redo (``verb``), and say what happened."""
        try:
            change = step()
        except InputError as error:  # refused: another process changed what it would touch
            self.reload()  # the store caught up with the file while checking: show what it found
            self.notify(str(error), title=HISTORY_WORDS[verb][1], severity="warning", markup=False, timeout=10)
            return
        except SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        if change is None:
            self.notify(f"Nothing to {verb}.")
            return
        self.reload(change=change)
        self.notify(f"{HISTORY_WORDS[verb][0]}: {change.label}", markup=False)

    def action_toggle_sub(self) -> None:
        self.ui.include_sub = not self.ui.include_sub
        self.ui.save(self.store.path)
        self.show_tactics()

    def action_toggle_done(self) -> None:
        self.ui.hide_done = not self.ui.hide_done
        self.ui.save(self.store.path)
        self.show_tactics()

    def action_search(self) -> None:
        if self.search_field is None:
            self.mount_once("search", lambda: LineInput(id="search", compact=True, placeholder=SEARCH_HINT),
                            focus="#search")
        else:
            self.search_field.display = True
            self.search_field.focus()

    def action_clear_search(self) -> None:
        field = self.search_field
        if field is not None:
            field.value = ""
            field.display = False
        self.apply_search("")
        self.strategy_tree.focus()

    def action_retry(self) -> None:
        self.retry_pending()

    def action_help(self) -> None:
        from planner_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_checkin(self) -> None:
        """The daily check-in, on this screen's undo history; back here, the plan reloads."""
        from planner_tui.ui.screens.monitor import checkin_screen

        self.app.push_screen(checkin_screen(self.store, self.history), lambda _: self.reload())

    def action_review(self) -> None:
        """The review of the strategies due for review."""
        from planner_tui.ui.screens.monitor import review_screen

        self.app.push_screen(review_screen(self.store, None, self.history), lambda _: self.reload())

    def action_checkin_history(self) -> None:
        from planner_tui.ui.screens.monitor import history_screen

        self.app.push_screen(history_screen(self.store), lambda _: self.reload())

    def action_export(self) -> None:
        """Ask for a file name, then export there (its ending picks the format)."""
        from planner_tui.ui.screens.export_dialog import ExportDialog

        suggestion = str(self.store.path.with_suffix(".md"))
        self.app.push_screen(ExportDialog(suggestion), self._export_to)

    def _export_to(self, path: str | None) -> None:
        if not path:
            return
        from planner_tui.core.exchange.export import write_export

        try:
            written, fmt = write_export(self.store, path, self.store.clock())
        except (InputError, OSError) as error:
            self.notify(str(error), title="Not exported", severity="error", markup=False)
            return
        self.notify(f"Exported the plan as {fmt} to {written}", markup=False)

    def action_quit(self) -> None:
        self.ui.save(self.store.path)
        self.app.exit()

    def go_to(self, strategy_id: int, tactic_id: int | None = None) -> None:
        """From the palette: show a strategy (clearing a search that hides it), or a tactic."""
        if self.search is not None and strategy_id not in self.search.visible:
            self.action_clear_search()
        self.strategy_tree.select_strategy(strategy_id)
        self.show_tactics(keep=tactic_id)
        (self.tactic_table if tactic_id is not None else self.strategy_tree).focus()


