"""The main screen's dialog-driven changes: add, edit, deadline, move, delete.

Each opens a dialog or picker with what the person typed so far and hands it a
save callback (`PlanActions.saver`): core validates and commits what the person
changed from what the dialog opened with, the screen reloads. Split from
plan_actions.py, which keeps the one-key changes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Callable

from rich.text import Text

from planner_tui.core import actions
from planner_tui.core.file.changes import Change
from planner_tui.core.dates import as_day
from planner_tui.core.views import move_targets, strategy_path
from planner_tui.ui import render
from planner_tui.ui.app_settings import app_settings

# Dialogs, the picker and the examples are imported when first used: the first
# frame does not need them (about 10 ms of imports).

if TYPE_CHECKING:
    from planner_tui.ui.screens.picker import Choice
    from planner_tui.ui.screens.plan import PlanScreen

    Base = PlanScreen
else:
    Base = object


class PlanEdits(Base):
    """Mixed into `PlanScreen` next to `PlanActions`."""

    # -- adding ---------------------------------------------------------------------------------

    def action_add_tactic(self) -> None:
        from planner_tui.ui.screens.edit_dialogs import TacticDialog, heading

        sid = self.strategy_tree.strategy_id
        strategy = self.store.plan.strategies[sid]
        save = self.saver(lambda edit: actions.add_tactic(self.store, strategy=sid, **edit.typed),
                          lambda change: self.reload(tactic=change.new_ids[0]), asdict)
        self.app.push_screen(TacticDialog(heading("New tactic for", strategy.title), save, self.now,
                                          horizon=strategy.horizon))

    def action_add_strategy(self) -> None:
        current = self.store.plan.strategies.get(self.strategy_tree.strategy_id)
        self._new_strategy(current.parent if current else None)

    def action_add_child(self) -> None:
        self._new_strategy(self.strategy_tree.strategy_id)

    def _new_strategy(self, parent: int | None) -> None:
        from planner_tui.ui.screens.edit_dialogs import StrategyDialog, StrategyForm, heading

        plan = self.store.plan
        title = heading("New sub-strategy of", plan.strategies[parent].title) if parent else heading("New strategy")
        save = self.saver(lambda edit: actions.add_strategy(self.store, parent=parent, **edit.typed),
                          lambda change: self._focus_tree_on(change.new_ids[0]), asdict)
        form = StrategyForm(review_every=app_settings(self).default_review_every)
        self.app.push_screen(StrategyDialog(title, save, self.now, form))

    def _focus_tree_on(self, strategy_id: int) -> None:
        self.reload(strategy=strategy_id)
        self.strategy_tree.focus()

    def action_load_examples(self) -> None:
        from planner_tui.core.examples import add_demo

        if self.commit("load the examples", lambda: add_demo(self.store)):
            self.strategy_tree.select_strategy(self.store.plan.roots()[0].id)
            self.strategy_tree.focus()
            self.notify("Loaded the three example plans. Press u to undo.")

    # -- editing ------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        from planner_tui.ui.screens.edit_dialogs import (StrategyDialog, StrategyForm, TacticDialog,
                                                         TacticForm, heading)

        kind, item = self._target()
        plan = self.store.plan
        if kind == "tactic":
            tactic = plan.tactics[item]
            form = TacticForm(tactic.title, tactic.due, tactic.notes, tactic.repeat or "")
            save = self.saver(lambda edit: actions.edit_tactic(self.store, item, expected=edit.started, **edit.typed),
                              lambda change: self.reload(tactic=item), asdict, actions.editable(tactic))
            horizon = plan.strategies[tactic.strategy].horizon if tactic.strategy in plan.strategies else None
            self.app.push_screen(TacticDialog(heading("Edit tactic", tactic.title), save, self.now, form, horizon))
        else:
            strategy = plan.strategies[item]
            form = StrategyForm(strategy.title, strategy.why, strategy.horizon, strategy.review_every)
            save = self.saver(self._edit_strategy(item), lambda change: self.reload(strategy=item), asdict,
                              actions.editable(strategy))
            self.app.push_screen(StrategyDialog(heading("Edit strategy", strategy.title), save, self.now, form))

    def _edit_strategy(self, strategy_id: int) -> Callable:
        return lambda edit: actions.edit_strategy(self.store, strategy_id, expected=edit.started, **edit.typed)

    def action_deadline(self) -> None:
        from planner_tui.ui.screens.edit_dialogs import DeadlineDialog, heading

        kind, item = self._target()
        plan = self.store.plan
        if kind == "tactic":
            tactic = plan.tactics[item]
            owner = plan.strategies.get(tactic.strategy)
            save = self.saver(lambda edit: actions.edit_tactic(self.store, item, expected=edit.started, **edit.typed),
                              lambda change: self.reload(tactic=item), lambda f: {"due": f.when},
                              {"due": tactic.due})
            self.app.push_screen(DeadlineDialog(heading("Deadline of", tactic.title), save, self.now,
                                                tactic.due, owner.horizon if owner else None))
        else:
            strategy = plan.strategies[item]
            save = self.saver(self._edit_strategy(item), lambda change: self.reload(strategy=item),
                              lambda f: {"horizon": as_day(f.when, self.now)}, {"horizon": strategy.horizon})
            self.app.push_screen(DeadlineDialog(heading("Horizon of", strategy.title), save, self.now,
                                                strategy.horizon, empty="no horizon", day_only=True))

    # -- moving and deleting ------------------------------------------------------------------------

    def action_move(self) -> None:
        from planner_tui.ui.screens.edit_dialogs import heading
        from planner_tui.ui.screens.picker import StrategyPicker

        kind, item = self._target()
        plan = self.store.plan
        if kind == "tactic":
            tactic = plan.tactics[item]
            targets = [(s.id, strategy_path(plan, s.id)) for s in move_targets(plan) if s.id != tactic.strategy]
            picker = StrategyPicker(heading("Move tactic", tactic.title) + Text(" to…"), targets)
            self.app.push_screen(picker, lambda choice: self._move_tactic(item, choice))
        else:
            targets = [(s.id, strategy_path(plan, s.id)) for s in move_targets(plan, item)]
            picker = StrategyPicker(heading("Move strategy", plan.strategies[item].title) + Text(" under…"),
                                    targets, top_level=plan.strategies[item].parent is not None)
            self.app.push_screen(picker, lambda choice: self._move_strategy(item, choice))

    def _move_tactic(self, tactic_id: int, choice: Choice | None) -> None:
        if choice is None or choice.strategy_id is None:
            return
        if self.commit("move tactic", lambda: actions.move_tactic(self.store, tactic_id, choice.strategy_id)):
            target = self.store.plan.strategies[choice.strategy_id].title
            self.notify(f"Moved to {target}. Press u to undo.", markup=False)

    def _move_strategy(self, strategy_id: int, choice: Choice | None) -> None:
        if choice is not None:
            self.commit("move strategy", lambda: actions.move_strategy(self.store, strategy_id, choice.strategy_id),
                        strategy=strategy_id)

    def action_delete(self) -> None:
        from planner_tui.ui.screens.confirm import ConfirmDialog

        kind, item = self._target()
        plan = self.store.plan
        if kind == "tactic":
            self._delete(lambda: actions.delete_tactic(self.store, item), plan.tactics[item].title)
            return
        subs = len(plan.descendants(item)) - 1
        tactics = len(plan.tactics_of(item, deep=True))
        delete = lambda: actions.delete_strategy(self.store, item)  # noqa: E731
        neighbour = self._neighbour(item)
        title = plan.strategies[item].title
        if not subs and not tactics:
            self._delete(delete, title, neighbour)
            return
        question = Text("Delete ")
        question.append_text(render.literal(title, "bold"))
        question.append(f" with its {_count(subs, 'sub-strategy', 'sub-strategies')} "
                        f"and {_count(tactics, 'tactic', 'tactics')}?")
        self.app.push_screen(ConfirmDialog(question),
                             lambda yes: self._delete(delete, title, neighbour) if yes else None)

    def _delete(self, make: Callable[[], Change], title: str, strategy: int | None = None) -> None:
        if self.commit(f"delete {title!r}", make, strategy=strategy):
            self.notify(f"Deleted {title}. Press u to undo.", markup=False)

    def _neighbour(self, strategy_id: int) -> int | None:
        """Where the cursor goes after a delete: next sibling, previous one, or the parent."""
        plan = self.store.plan
        parent = plan.strategies[strategy_id].parent
        siblings = [s.id for s in plan.children(parent)]
        index = siblings.index(strategy_id)
        rest = siblings[index + 1:] + siblings[:index][::-1]
        return rest[0] if rest else parent


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"

