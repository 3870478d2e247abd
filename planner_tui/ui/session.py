"""The session: how every screen changes the plan, and how what happens is told.

One per app (`PlannerApp.session`), shared by the plan, check-in and review
screens, so that the three behave alike. A screen asks the session for a
change; the session runs it through core, records it for undo, and hands the
change to the screen's ``done``, which tells the widgets. What goes wrong is
told to the person here, the same way on every screen:

- refused (bad input, a tactic deleted elsewhere): a warning, nothing written;
- a field changed here and elsewhere too (core/conflicts.py): asked
  (dialogs/conflict.py): keep mine, take theirs, or back to editing;
- the file cannot be written (a full disk, a read-only folder): a key's change
  is kept unsaved and tried again (ctrl+s, and every second), oldest first; a
  form's change stays in its form, and Enter tries again;
- undo and redo: refused when the plan no longer allows them
  (core/file/integrity.py); undo takes an unsaved change back by forgetting it.

Whatever else changes what the screens show (another process's change, a kept
change saved at last, a new day, the count of unsaved changes) is published on
`changed_signal`; each screen subscribes and redraws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Protocol, runtime_checkable

from textual.signal import Signal

from planner_tui.core.conflicts import Conflict, Edit
from planner_tui.core.errors import InputError, SaveError
from planner_tui.core.file.changes import Change
from planner_tui.core.file.store import PlanFileError, Store
from planner_tui.core.history import History

if TYPE_CHECKING:
    from textual.app import App

    from planner_tui.core.plan import Plan

Done = Callable[[Change], None]
"""What a screen does once its change is saved: tell its widgets."""

KEPT = "Kept unsaved: ctrl+s retries (also tried every second)."
STEP_WORDS = {"undo": ("Undid", "Not undone"), "redo": ("Redid", "Not redone")}


def _nothing(change: Change) -> None:
    """The ``done`` of a change that needs no telling beyond the redraw."""


class Form(Protocol):
    """Where a person typed a change (a dialog, a note field): what was typed stays
    there when the change is not saved."""

    def not_saved(self, told: str) -> None:
        """Refused or failed: say why (what was typed stays; Enter tries again)."""

    def rebased(self, started: dict[str, Any], told: str) -> None:
        """Back to editing after a conflict: the form now starts from the file's values."""


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen where a person types (a form dialog, the check-in's or review's note):
    quitting asks before what was typed and not saved is lost."""

    def typed_unsaved(self) -> str | None:
        """What closing now would lose, named for a question (`What you typed in New
        tactic`), or None when nothing was typed since it was last saved or opened."""


class Unsaved(NamedTuple):
    """A key's change the file could not take: kept, and tried again until it does."""

    what: str
    make: Callable[[], Change]


class Session:
    """One store, its undo history and the changes not saved yet, for every screen."""

    def __init__(self, store: Store, app: App) -> None:
        self.store = store
        self.app = app
        self.history = History(store)
        self.unsaved: list[Unsaved] = []
        self.day = store.clock().date()  # a new day redraws every deadline's words
        self.changed_signal: Signal[Session] = Signal(app, "session-changed")

    @property
    def plan(self) -> Plan:
        return self.store.plan

    # -- asking for a change ----------------------------------------------------------------

    def change(self, what: str, make: Callable[[], Change], done: Done = _nothing) -> None:
        """A key's change (push, reorder, move, delete...): ``make`` commits it through core.
        ``what`` names it in messages (`Saved: push 'Call Ann' by 1 days`)."""
        if not self._waits(what, make):
            self._attempt(make, done, failed=lambda error: self._keep(what, make, error))

    def change_fields(self, what: str, edit: Edit, write: Callable[[Edit], Change], done: Done = _nothing) -> None:
        """A key's change to fields as the screen showed them (``edit``: a status, a deadline):
        a field changed elsewhere meanwhile is asked about; taking theirs of every field
        leaves nothing to write, and going back leaves it as it is."""

        def again(chosen: Edit) -> None:
            if chosen.typed:
                self.change_fields(what, chosen, write, done)

        make = lambda: write(edit)  # noqa: E731
        if not self._waits(what, make):
            self._attempt(make, done, failed=lambda error: self._keep(what, make, error),
                          conflicted=lambda conflict: self._ask(conflict, edit, again))

    def submit(self, edit: Edit, write: Callable[[Edit], Change], form: Form, done: Done = _nothing) -> None:
        """What a form holds (a dialog, a note): ``edit`` is what was typed over what the
        form opened with. A conflict is asked about (back to editing rebases the form);
        taking theirs still saves the rest of the form. Refused or failed, the form says
        why and keeps what was typed."""

        def again(chosen: Edit) -> None:
            self.submit(chosen, write, form, done)

        if self.unsaved:
            self.retry(quiet=True)  # older changes first, when the file takes them again
        self._attempt(lambda: write(edit), done, refused=form.not_saved,
                      failed=lambda error: form.not_saved(f"{error} Fix the cause, then press enter to try again."),
                      conflicted=lambda conflict: self._ask(conflict, edit, again, form))

    def _attempt(self, make: Callable[[], Change], done: Done, failed: Callable[[Exception], None],
                 refused: Callable[[str], None] | None = None,
                 conflicted: Callable[[Conflict], None] | None = None) -> None:
        """Run ``make``; record the change for undo and hand it to ``done``, or tell why not.

        Deciding under the lock may have caught the store up with the file: then the
        screens are told to redraw (`_caught_up`) whatever the outcome."""
        before = self.plan
        try:
            change = make()
        except InputError as error:
            self._caught_up(before)
            if conflicted is not None and isinstance(error, Conflict):
                conflicted(error)
            else:
                (refused or self._refused)(str(error))
            return
        except (SaveError, PlanFileError) as error:
            self._caught_up(before)
            failed(error)
            return
        self.history.record(change)
        self._caught_up(before)
        done(change)

    def _ask(self, conflict: Conflict, edit: Edit, again: Callable[[Edit], None], form: Form | None = None) -> None:
        """Show the conflict; keep mine or take theirs saves ``again``; back to editing
        rebases the form (without one, nothing happens)."""
        from planner_tui.ui.dialogs.conflict import ConflictDialog, back_message

        def chosen(choice: str | None) -> None:
            if choice == ConflictDialog.MINE:
                again(edit.keep_mine(conflict))
            elif choice == ConflictDialog.THEIRS:
                again(edit.take_theirs(conflict))
            elif form is not None:
                form.rebased(edit.keep_mine(conflict).started or {}, back_message(conflict))

        self.app.push_screen(ConflictDialog(conflict), chosen)

    # -- what could not be saved ----------------------------------------------------------------

    def _waits(self, what: str, make: Callable[[], Change]) -> bool:
        """Older unsaved changes go first: they are tried now, and while the file still
        refuses them a new change waits behind them (True), so changes land in order."""
        if not self.unsaved:
            return False
        self.retry(quiet=True)
        if not self.unsaved:
            return False
        self.unsaved.append(Unsaved(what, make))
        self.tell(f"The file still cannot take the {len(self.unsaved) - 1} change(s) before this one. {KEPT}",
                   title="Not saved", severity="error", timeout=10)
        self._publish()
        return True

    def _keep(self, what: str, make: Callable[[], Change], error: Exception) -> None:
        self.unsaved.append(Unsaved(what, make))
        self.tell(f"{error} {KEPT}", title="Not saved", severity="error", timeout=10)
        self._publish()

    def retry(self, quiet: bool = False) -> None:
        """Try the unsaved changes again, oldest first; stop at the first that still fails
        (said unless ``quiet``). One that no longer applies (its tactic deleted
        meanwhile) is dropped, and said."""
        before, count = self.plan, len(self.unsaved)
        while self.unsaved:
            first = self.unsaved[0]
            try:
                change = first.make()
            except (SaveError, PlanFileError) as error:
                if not quiet:
                    self.tell(str(error), title="Still cannot save", severity="error")
                break
            except InputError as error:
                self.tell(f"Dropped an unsaved change ({first.what}): {error}", severity="warning")
            else:
                self.history.record(change)
                self.tell(f"Saved: {first.what}")
            self.unsaved.pop(0)
        if len(self.unsaved) != count:
            self._publish()
        else:
            self._caught_up(before)

    # -- undo and redo ------------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self.unsaved) or self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    def undo(self, done: Done = _nothing) -> None:
        """Take back the newest change: an unsaved one is forgotten (there is nothing in
        the file to take back); a saved one is reverted, unless the plan no longer allows it."""
        if self.unsaved:
            forgotten = self.unsaved.pop()
            self.tell(f"Undid: {forgotten.what} (it had not been saved)")
            self._publish()
            return
        self._step("undo", self.history.undo, done)

    def redo(self, done: Done = _nothing) -> None:
        self._step("redo", self.history.redo, done)

    def _step(self, verb: str, step: Callable[[], Change | None], done: Done) -> None:
        """Undo or redo (``verb``), and say what happened."""
        did, not_done = STEP_WORDS[verb]
        before = self.plan
        try:
            change = step()
        except InputError as error:  # refused: another process changed what it would touch
            self._caught_up(before)
            self.tell(str(error), title=not_done, severity="warning", timeout=10)
            return
        except (SaveError, PlanFileError) as error:
            self._caught_up(before)
            self.tell(str(error), title=not_done, severity="error")
            return
        if change is None:
            self.tell(f"Nothing to {verb}.")
            return
        self._caught_up(before)
        done(change)
        self.tell(f"{did}: {change.label}")

    # -- leaving -----------------------------------------------------------------------------------

    def quit(self, result: Any = None) -> None:
        """End the app with ``result``; changes still unsaved are tried once more, and
        given up only when the person says so, as is what they typed and did not save
        (a dialog, a note: any open screen that `HoldsTyping`)."""
        if self.unsaved:
            self.retry()
        losses = self._losses()
        if losses:
            self.app.run_worker(self._quit_asking(result, losses))
        else:
            self.app.exit(result)

    def _losses(self) -> list[str]:
        """What quitting now would lose, a sentence each."""
        losses = []
        if self.unsaved:
            whats = "; ".join(unsaved.what for unsaved in self.unsaved)
            losses.append(f"{len(self.unsaved)} change(s) could not be saved ({whats}).")
        for screen in self.app.screen_stack:
            if isinstance(screen, HoldsTyping) and (typed := screen.typed_unsaved()):
                losses.append(f"{typed} is not saved.")
        return losses

    async def _quit_asking(self, result: Any, losses: list[str]) -> None:
        from rich.text import Text

        from planner_tui.core.user_text import visible
        from planner_tui.ui.dialogs.confirm import ConfirmDialog

        them = "them" if len(losses) > 1 or self.unsaved else "it"
        question = Text(visible(f"{' '.join(losses)} Quit and lose {them}?"))
        if await self.app.push_screen_wait(ConfirmDialog(question, yes="Quit")):
            self.app.exit(result)

    # -- the world moving on ----------------------------------------------------------------------

    def poll(self) -> None:
        """Every second (`PlannerApp`): try the unsaved changes again, notice another
        process's changes to the file and the start of a new day."""
        if self.unsaved:
            self.retry(quiet=True)
        try:
            changed = self.store.refresh()
        except PlanFileError as error:
            self.tell(str(error), title="Cannot read the plan file", severity="error")
            return
        today = self.store.clock().date()
        if changed or today != self.day:
            self.day = today
            self._publish()

    def _caught_up(self, before: Plan) -> None:
        """The store read the file again (another process wrote it): every screen redraws."""
        if self.plan is not before:
            self._publish()

    def _publish(self) -> None:
        self.changed_signal.publish(self)

    def _refused(self, told: str) -> None:
        self.tell(told, title="Not saved", severity="warning")

    def tell(self, message: str, **kwargs: Any) -> None:
        """Every message quotes the person's text (titles, file names): never markup."""
        self.app.notify(message, markup=False, **kwargs)
