"""Random sessions at the keyboard, with another writer in between: the plan keeps its contract.

Hypothesis draws a small plan (made with the CLI) and a list of steps: keys on
the plan screen, dialogs typed into (pasted text: markup, control characters,
bidi marks, emoji), the check-in and the review, and commands of a second
writer (`planner ...` on the same file) now and then, one of them while an
edit dialog is open. One Pilot session plays the steps. After each one
(tests/plan_contract.py):

- the app is still running, and a dialog that refused its input wrote nothing;
- the file passes the open-time check, and no id is handed out twice;
- the header's counts are `planner today --json`'s, and the CLI's JSON agrees
  with the app's views;
- a key's change taken back with u gives the file back byte for byte (but the
  id counters), and U gives the change back;
- a field changed by the other writer while a dialog was open, and not by the
  person, is still the other writer's once the dialog saves.

At the end every screen renders the plan (tests/plan_screens.py).

8 examples of up to 12 steps (about 15 s); PLANNER_PROPERTIES=long
(scripts/long_properties.sh) runs 200 (tests/plan_contract.py).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_contract import IdLedger, examples, file_bytes, restored_but_counters, run_cli, tables_of, views_agree
from plan_screens import drawn, every_screen_renders
from textual import events
from textual.widgets import Input
from typed_inputs import titles, when_texts
from ui_helpers import plain

from planner_tui.core.file.store import Store
from planner_tui.ui.app import PlannerApp
from planner_tui.ui.screens.checkin import CheckinScreen
from planner_tui.ui.dialogs.confirm import ConfirmDialog
from planner_tui.ui.dialogs.forms import FormDialog
from planner_tui.ui.dialogs.picker import StrategyPicker
from planner_tui.ui.screens.plan import PlanScreen
from planner_tui.ui.screens.review import ReviewScreen
from planner_tui.ui.widgets.panes import PlanHeader
from planner_tui.ui.widgets.tactic_table import TacticTable

pytestmark = pytest.mark.slow
FROZEN = (2026, 11, 28, 10, 30)
SIZE = (100, 30)

NAVIGATION = ["j", "k", "tab", "l", "h", "g", "G", "space", "c", "full_stop"]
QUICK = ["x", "i", "X", "p", "P", "K", "J"]


@dataclass(frozen=True)
class Step:
    kind: str
    keys: tuple[str, ...] = ()
    text: str = ""
    when: str = ""
    flag: bool = False
    number: int = 0


steps = st.one_of(
    st.builds(Step, st.just("navigate"), st.lists(st.sampled_from(NAVIGATION), min_size=1, max_size=4).map(tuple)),
    st.builds(Step, st.just("quick"), st.sampled_from(QUICK).map(lambda k: (k,)), flag=st.booleans()),
    st.builds(Step, st.just("add tactic"), text=titles, when=st.just("") | when_texts),
    st.builds(Step, st.just("add strategy"), st.sampled_from([("s",), ("S",)]), text=titles,
              when=st.just("") | when_texts),
    st.builds(Step, st.just("edit"), text=titles),
    st.builds(Step, st.just("deadline"), when=st.just("") | when_texts),
    st.builds(Step, st.just("delete"), flag=st.booleans()),
    st.builds(Step, st.just("move"), number=st.integers(0, 5)),
    st.builds(Step, st.just("check in"), st.lists(st.sampled_from(["x", "i", "p", "s", "X", "j"]), max_size=5)
              .map(tuple), text=st.just("") | titles),
    st.builds(Step, st.just("review"), st.sampled_from([("1",), ("2",), ("3",)]), text=st.just("") | titles),
    st.builds(Step, st.just("other writer"), st.sampled_from([("add",), ("done",), ("due",), ("strategy",)]),
              text=titles, when=when_texts, number=st.integers(0, 20)),
    st.builds(Step, st.just("edit while another writes"), text=titles, when=when_texts),
    st.builds(Step, st.just("undo or redo"), st.sampled_from([("u",), ("U",)])),
)

seed_plans = st.lists(st.tuples(titles, st.just("") | when_texts, st.integers(0, 3)), min_size=1, max_size=6)


class Session:
    """The app on a plan file, a second writer, and the checks after each step."""

    def __init__(self, app: PlannerApp, pilot, path: Path) -> None:
        self.app, self.pilot, self.path = app, pilot, path
        self.ledger = IdLedger()

    async def settle(self, pause: bool = False) -> None:
        """The app handled what it was sent (Pilot's press waits for that); with
        ``pause``, also what that set off (a dialog mounting and taking focus)."""
        if pause:
            await self.pilot.pause()
        assert self.app.is_running and self.app._exception is None

    def checked(self, step: str, before: bytes | None = None, restoring: bool = False) -> bytes:
        after = file_bytes(self.path)
        if before is not None:
            assert after == before, f"{step}: refused, yet the file changed"
        if after:
            Store(self.path)
            self.ledger.check(tables_of(after), restoring, step)
            views_agree(self.path, pendulum.now())
            self.header_agrees()
        drawn(self.app)
        return after

    def header_agrees(self) -> None:
        screen = self.app.screen
        if not isinstance(screen, PlanScreen) or screen.tally is None:
            return
        agenda = run_cli(self.path, "today", "--json").json()
        overdue = sum(row["group"] == "overdue" for row in agenda)
        today = sum(row["group"] == "today" for row in agenda)
        counts = plain(screen.query_one(PlanHeader).counts)
        assert f"{overdue} overdue" in counts and f"{today} due today" in counts, (counts, agenda)

    async def paste(self, text: str) -> None:
        """Replace what the focused field holds with ``text``, as a paste."""
        await self.settle(pause=True)
        field = self.app.focused
        assert isinstance(field, Input), field
        field.value = ""
        if text:
            field.post_message(events.Paste(text))
        await self.settle()

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
        await self.settle()

    async def escape(self) -> None:
        """Escape; asked whether to throw away what was typed (a dialog, a note), yes."""
        await self.press("escape")
        if isinstance(self.app.screen, ConfirmDialog) and "Discard" in plain(self.app.screen.question):
            await self.press("y")

    async def poll(self) -> None:
        """What the app's one-second poll does, now; the screens redraw on their next turn."""
        self.app.session.poll()
        await self.settle(pause=True)

    async def save_dialog(self, step: str) -> None:
        """Enter; a dialog still open refused what was typed: nothing was written, escape."""
        before = file_bytes(self.path)
        await self.press("enter")
        if isinstance(self.app.screen, (FormDialog, StrategyPicker, ConfirmDialog)):
            self.checked(step, before)
            await self.escape()

    def cli(self, *args: str) -> None:
        result = run_cli(self.path, *args)
        assert result.code in (0, 2), (args, result)

    def key_of(self, table: str, number: int) -> str:
        ids = sorted(int(key) for key in tables_of(file_bytes(self.path)).get(table, {}))
        return f"{table[0]}{ids[number % len(ids)]}" if ids else f"{table[0]}1"

    # -- the steps --------------------------------------------------------------------------------

    async def play(self, step: Step) -> None:
        if not isinstance(self.app.screen, PlanScreen):
            await self.escape()
        await getattr(self, "step_" + step.kind.replace(" ", "_"))(step)
        self.checked(step.kind, restoring=step.kind == "undo or redo")

    async def step_navigate(self, step: Step) -> None:
        await self.press(*step.keys)

    async def step_quick(self, step: Step) -> None:
        """A one-key change; with ``flag``, u takes it back and U does it again."""
        before, undo_depth = file_bytes(self.path), len(self.app.session.history._undo)
        await self.press(*step.keys)
        if isinstance(self.app.screen, ConfirmDialog):  # achieving or dropping with tactics open: asked
            await self.settle(pause=True)
            await self.press("y")
        after = self.checked(f"key {step.keys[0]}")
        if step.flag and after != before and len(self.app.session.history._undo) > undo_depth:
            await self.press("u")
            restored_but_counters(before, self.checked(f"u after {step.keys[0]}", restoring=True))
            await self.press("U")
            assert self.checked(f"U after {step.keys[0]}", restoring=True) == after

    async def step_add_tactic(self, step: Step) -> None:
        await self.press("a")
        if isinstance(self.app.screen, FormDialog):
            await self.paste(step.text)
            await self.press("tab")
            await self.paste(step.when)
            await self.save_dialog("add tactic")

    async def step_add_strategy(self, step: Step) -> None:
        await self.press(*step.keys)
        if isinstance(self.app.screen, FormDialog):
            await self.paste(step.text)
            await self.press("tab", "tab")
            await self.paste(step.when)
            await self.save_dialog("add strategy")

    async def step_edit(self, step: Step) -> None:
        await self.press("e")
        if isinstance(self.app.screen, FormDialog):
            await self.paste(step.text)
            await self.save_dialog("edit")

    async def step_deadline(self, step: Step) -> None:
        await self.press("d")
        if isinstance(self.app.screen, FormDialog):
            await self.paste(step.when)
            await self.save_dialog("deadline")

    async def step_delete(self, step: Step) -> None:
        await self.press("D")
        if isinstance(self.app.screen, ConfirmDialog):
            await self.press("y" if step.flag else "n")

    async def step_move(self, step: Step) -> None:
        await self.press("m")
        if isinstance(self.app.screen, StrategyPicker):
            await self.press(*["down"] * step.number)
            await self.save_dialog("move")

    async def step_check_in(self, step: Step) -> None:
        await self.press("C")
        if not isinstance(self.app.screen, CheckinScreen):
            return
        for key in step.keys:
            await self.press(key)
            self.checked(f"check-in {key}")
        if step.text:
            await self.press("n")
            await self.paste(step.text)
            await self.press("enter")
        while not isinstance(self.app.screen, PlanScreen):
            await self.escape()

    async def step_review(self, step: Step) -> None:
        await self.press("R")
        if not isinstance(self.app.screen, ReviewScreen):
            return
        if self.app.screen.strategy_id is None:
            await self.press("a")  # nothing due: review them all
        if self.app.screen.strategy_id is not None:
            await self.press(*step.keys)
            if step.text:
                await self.paste(step.text)
                await self.press("enter")
        while isinstance(self.app.screen, ReviewScreen):
            await self.escape()

    async def step_other_writer(self, step: Step) -> None:
        """`planner ...` in another terminal, then the app's poll."""
        what = step.keys[0]
        if what == "add":
            self.cli("add", step.text, "--to", self.key_of("strategies", step.number), "--due", step.when)
        elif what == "done":
            self.cli("done", self.key_of("tactics", step.number))
        elif what == "due":
            self.cli("due", self.key_of("tactics", step.number), step.when)
        else:
            self.cli("strategy", "add", step.text, "--by", step.when)
        await self.poll()

    async def step_edit_while_another_writes(self, step: Step) -> None:
        """e on a tactic; meanwhile another terminal reschedules it; the person changes
        only the title and saves: the other terminal's deadline stays."""
        table = self.app.screen.query_one(TacticTable)
        if not table.has_focus:
            await self.press("tab")
        if not table.has_focus or table.tactic_id is None:
            return
        tactic = table.tactic_id
        await self.press("e")
        if not isinstance(self.app.screen, FormDialog):
            return
        self.cli("due", f"t{tactic}", step.when)
        theirs = tables_of(file_bytes(self.path))["tactics"][str(tactic)]["due"]
        await self.pilot.press("home")  # the title field has focus: change it, not replace it
        self.app.focused.post_message(events.Paste(step.text))
        await self.save_dialog("edit while another writes")
        doc = tables_of(file_bytes(self.path)).get("tactics", {}).get(str(tactic))
        if doc is not None:
            assert doc["due"] == theirs, f"the dialog wrote back the deadline it opened with: {doc['due']} != {theirs}"

    async def step_undo_or_redo(self, step: Step) -> None:
        await self.press(*step.keys)


async def play(path: Path, plan_steps: list[Step]) -> None:
    now = pendulum.now()
    app = PlannerApp(Store(path, clock=lambda: now))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        session = Session(app, pilot, path)
        await session.settle()
        session.checked("start")
        for step in plan_steps:
            await session.play(step)
    await every_screen_renders(path, lambda: now)


def make_seed_plan(path: Path, seed) -> None:
    """Strategies and tactics through the CLI (refused ones are simply not there)."""
    run_cli(path, "strategy", "add", "Goal", "--by", "1y")
    for number, (title, when, kind) in enumerate(seed):
        if kind == 0:
            run_cli(path, "strategy", "add", title, "--under", "s1", "--by", when or "none")
        else:
            run_cli(path, "add", title, "--to", f"s{1 + number % 2}", "--due", when or "today")


@settings(max_examples=examples(8, 200))
@given(seed=seed_plans, plan_steps=st.lists(steps, min_size=1, max_size=12))
def test_keys_and_a_second_writer_keep_the_contract(tmp_path_factory, seed, plan_steps):
    path = tmp_path_factory.mktemp("keys") / "plan.json"
    with pendulum.travel_to(pendulum.datetime(*FROZEN, tz=pendulum.local_timezone()), freeze=True):
        make_seed_plan(path, seed)
        asyncio.run(play(path, plan_steps))
