"""Random sequences of everything people do to a plan, from every door at once.

A hypothesis state machine drives one plan file through

- the CLI (`planner ...` in-process, a new process's view each time: add,
  edit, note, move, rm, statuses, due, key results and their values, the
  check-in and the review without the app, undo, export and import), and
- two app windows: each a long-lived `Store` with its own undo `History`,
  making the same core calls the screens make (screens.plan_actions,
  plan_edits, checkin, review) on the plan as that window last saw it; a
  window catches up only when it polls or commits, as the app does,

with titles full of markup, control characters, bidi marks and emoji, and
deadlines in every form `parse_when` reads. The clock moves on by days now and
then. After every step (tests/plan_contract.py):

- a refused action (bad input, exit 2) wrote nothing;
- the file passes the open-time check (a fresh `Store` opens it);
- no id is handed out twice, and the counters never fall below an id used;
- the CLI's `--json` and the app's counts and lists agree;
- an undone action gives the file back byte for byte (but the id counters),
  and a redo gives back what the action wrote.

At the end of each example every read-only command works, and every screen
renders the plan (tests/ui/test_contract_keys.py plays real keys).

30 examples of up to 25 steps (about 15 s); PLANNER_PROPERTIES=long
(scripts/long_properties.sh) runs 300 of up to 60 (tests/plan_contract.py).
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

import pendulum
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule, run_state_machine_as_test
from app_window import CHOICES, Window, pick
from plan_contract import (LONG, IdLedger, counters_of, every_command_reads, examples, file_bytes,
                           restored_but_counters, run_cli, tables_of, views_agree)
from plan_screens import every_screen_renders
from typed_inputs import amounts, labels, notes, repeat_texts, review_cadences, titles, when_texts

from planner_tui.core.errors import InputError
from planner_tui.core.file.store import Store

FROZEN = (2026, 11, 28, 10, 30)
pytestmark = pytest.mark.slow

# An index into the ids a window or the CLI sees; now and then -1, which names one
# that does not exist.
present = st.integers(0, 40)
picks = present | st.integers(-1, 40)
BIG = 40  # tactics: a merge import doubles the plan, so not past this
RAM = Path("/dev/shm")


class PlanContract(RuleBasedStateMachine):
    """One plan file, the CLI and two app windows; see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        # In memory where there is a tmpfs: an fsync there costs nothing, and each
        # example makes hundreds of commits.
        self.folder = Path(tempfile.mkdtemp(prefix="planner-contract-", dir=RAM if RAM.is_dir() else None))
        self.path = self.folder / "plan.json"
        self.now = pendulum.datetime(*FROZEN, tz=pendulum.local_timezone())
        pendulum.travel_to(self.now, freeze=True)
        self.windows = [Window(Store(self.path, clock=pendulum.now)) for _ in range(2)]
        self.ledger = IdLedger()

    def teardown(self) -> None:
        try:
            if self.path.exists() and sys.exc_info()[0] is None:  # (not when a step failed)
                every_command_reads(self.path)
                asyncio.run(every_screen_renders(self.path, pendulum.now))
        finally:
            pendulum.travel_back()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- checking every step ---------------------------------------------------------------------

    def checked(self, step: str, before: bytes, refused: bool, restoring: bool = False) -> bytes:
        """What must hold after any step; the file's bytes after it."""
        after = file_bytes(self.path)
        if refused:
            assert after == before, f"{step}: refused, yet the file changed"
        if after:
            Store(self.path, clock=pendulum.now)  # the open-time check: raises PlanFileError
            self.ledger.check(tables_of(after), restoring, step)
            views_agree(self.path, pendulum.now())
        return after

    def cli(self, *args: str, restoring: bool = False) -> bool:
        """Run a command; it succeeds or refuses (exit 2, nothing written). True when it succeeded."""
        before = file_bytes(self.path)
        result = run_cli(self.path, *args)
        assert result.code in (0, 2), (args, result)
        if result.code == 2:
            assert result.err.strip(), f"{args}: refused without saying why"
        self.checked(f"planner {' '.join(args)!r}", before, result.code == 2, restoring)
        return result.code == 0

    def in_window(self, number: int, what: str, act, check_undo: bool = False) -> None:
        """A window's action, recorded for its undo; optionally undone and redone at once."""
        window = self.windows[number]
        before = file_bytes(self.path)
        try:
            change = act(window)
        except InputError:
            self.checked(what, before, refused=True)
            return
        after = self.checked(what, before, refused=False)
        if change and check_undo:
            assert window.history.undo() is change, f"{what}: undo took back another change"
            restored_but_counters(before, self.checked(f"undo {what}", after, refused=False, restoring=True))
            assert window.history.redo() is change
            assert self.checked(f"redo {what}", after, refused=False, restoring=True) == after, \
                f"{what}: redo wrote something else than the change did"

    def key_of(self, table: str, index: int) -> str:
        """How a person names an item on the command line: `t3`, `s2`."""
        data = tables_of(file_bytes(self.path))
        return f"{table[0]}{pick(map(int, data.get(table, {})), index)}"

    @initialize(strategies=st.lists(st.tuples(titles, st.none() | present), max_size=4),
                tactics=st.lists(st.tuples(titles, present, st.none() | when_texts), max_size=6),
                key_results=st.lists(present, max_size=2))
    def a_plan_to_start_from(self, strategies, tactics, key_results) -> None:
        """A few strategies, tactics and key results made with the CLI (one that is
        refused is made with a plain title instead), seen by both windows: most
        steps then act on something that is there."""
        assert run_cli(self.path, "list", "--json").json() == []
        assert not self.path.exists(), "reading an empty plan wrote a file"
        for number, (title, under) in enumerate(strategies):
            args = ["--under", self.key_of("strategies", under)] if under is not None and number else []
            if run_cli(self.path, "strategy", "add", title, *args).code:
                assert run_cli(self.path, "strategy", "add", f"Goal {number}").code == 0
        for number, (title, to, due) in enumerate(tactics if strategies else []):
            args = [title, "--to", self.key_of("strategies", to), *(["--due", due] if due is not None else [])]
            if run_cli(self.path, "add", *args).code:
                assert run_cli(self.path, "add", f"Step {number}", "--to", self.key_of("strategies", to)).code == 0
        for number, which in enumerate(key_results if strategies else []):
            assert run_cli(self.path, "kr", "add", self.key_of("strategies", which), f"Measure {number}",
                           "--from", "0", "--to", "10").code == 0
        for window in self.windows:
            window.store.refresh()
        self.checked("the plan to start from", b"", refused=False)

    # -- the command line --------------------------------------------------------------------------

    @rule(title=titles, under=st.none() | picks, by=st.none() | when_texts, why=notes,
          every=review_cadences, undo=st.booleans())
    def cli_strategy_add(self, title, under, by, why, every, undo):
        args = ["strategy", "add", title, "--why", why]
        if under is not None:
            args += ["--under", self.key_of("strategies", under)]
        if by is not None:
            args += ["--by", by]
        if every is not None:
            args += ["--review-every", str(every)]
        self.cli_and_maybe_undo(args, undo)

    @rule(title=titles, to=picks, due=st.none() | when_texts, notes=notes, repeat=st.none() | repeat_texts,
          owner=st.none() | labels, tags=st.lists(labels, max_size=2), undo=st.booleans())
    def cli_add(self, title, to, due, notes, repeat, owner, tags, undo):
        args = ["add", title, "--to", self.key_of("strategies", to), "--notes", notes]
        if due is not None:
            args += ["--due", due]
        if repeat is not None:
            args += ["--repeat", repeat]
        if owner is not None:
            args += ["--owner", owner]
        for tag in tags:
            args += ["--tag", tag]
        self.cli_and_maybe_undo(args, undo)

    @rule(which=picks, kind=st.sampled_from(["tactics", "strategies"]), title=st.none() | titles,
          notes=st.none() | notes, when=st.none() | when_texts | st.just("none"),
          rule=st.none() | repeat_texts | st.sampled_from(["30", "2w", "1m", "none"]), owner=st.none() | labels,
          tags=st.none() | st.lists(labels, max_size=3), undo=st.booleans())
    def cli_edit(self, which, kind, title, notes, when, rule, owner, tags, undo):
        """`planner edit T|S` with any of its fields."""
        args = ["edit", self.key_of(kind, which)]
        for option, value in (("--title", title), ("--notes", notes), ("--due", when), ("--owner", owner)):
            if value is not None:
                args += [option, value]
        if rule is not None:
            args += ["--repeat" if kind == "tactics" else "--review-every", rule]
        if tags == []:
            args.append("--no-tags")
        for tag in tags or []:
            args += ["--tag", tag]
        self.cli_and_maybe_undo(args, undo)

    @rule(which=picks, kind=st.sampled_from(["tactics", "strategies"]), text=notes, replace=st.booleans(),
          undo=st.booleans())
    def cli_note(self, which, kind, text, replace, undo):
        self.cli_and_maybe_undo(["note", self.key_of(kind, which), text, *(["--replace"] if replace else [])], undo)

    @rule(which=picks, to=picks, undo=st.booleans())
    def cli_move(self, which, to, undo):
        self.cli_and_maybe_undo(["move", self.key_of("tactics", which), "--to", self.key_of("strategies", to)], undo)

    @rule(which=picks, under=st.none() | picks, undo=st.booleans())
    def cli_strategy_move(self, which, under, undo):
        where = ["--top"] if under is None else ["--under", self.key_of("strategies", under)]
        self.cli_and_maybe_undo(["strategy", "move", self.key_of("strategies", which), *where], undo)

    @rule(which=picks, kind=st.sampled_from(["tactics", "strategies"]), yes=st.booleans(), undo=st.booleans())
    def cli_rm(self, which, kind, yes, undo):
        if kind == "tactics":
            self.cli_and_maybe_undo(["rm", self.key_of("tactics", which)], undo)
        else:
            self.cli_and_maybe_undo(["strategy", "rm", self.key_of("strategies", which), *(["--yes"] if yes else [])],
                                    undo)

    @rule(command=st.sampled_from(["done", "drop", "pause", "reopen"]), which=st.lists(picks, min_size=1, max_size=2),
          until=st.none() | when_texts, undo=st.booleans())
    def cli_strategy_status(self, command, which, until, undo):
        args = ["strategy", command, *(self.key_of("strategies", i) for i in which)]
        if command == "pause" and until is not None:
            args += ["--until", until]
        self.cli_and_maybe_undo(args, undo)

    @rule(decisions=st.lists(st.tuples(st.sampled_from(["--done", "--start", "--push", "--drop", "--skip",
                                                        "--reschedule"]), picks, when_texts), max_size=3),
          note=st.none() | notes, day=st.none() | st.sampled_from(["yesterday", "today", "tomorrow", "2026-11-01"]),
          undo=st.booleans())
    def cli_checkin(self, decisions, note, day, undo):
        """The check-in without the app: decisions, a note, another day; or only --finish."""
        args = ["checkin"]
        for option, which, when in decisions:
            key = self.key_of("tactics", which)
            args += [option, f"{key}={when}" if option == "--reschedule" else key]
        if note is not None:
            args += ["--note", note]
        if day is not None:
            args += ["--date", day]
        self.cli_and_maybe_undo(args if len(args) > 1 else ["checkin", "--finish"], undo)

    @rule(which=picks, health=st.sampled_from(["on-track", "at-risk", "off-track", "fine"]), note=st.none() | notes,
          undo=st.booleans())
    def cli_review(self, which, health, note, undo):
        args = ["review", self.key_of("strategies", which), "--health", health]
        self.cli_and_maybe_undo(args + (["--note", note] if note is not None else []), undo)

    @rule(which=picks, name=titles, start=amounts, goal=amounts, since=st.none() | when_texts, undo=st.booleans())
    def cli_key_result(self, which, name, start, goal, since, undo):
        """`planner kr add`: a key result on a strategy."""
        args = ["kr", "add", self.key_of("strategies", which), name, "--from", start, "--to", goal]
        self.cli_and_maybe_undo(args + (["--since", since] if since is not None else []), undo)

    @rule(which=picks, value=amounts, on=st.none() | when_texts, note=st.none() | notes, undo=st.booleans())
    def cli_measure(self, which, value, on, note, undo):
        """`planner kr set`: a key result's value on a day."""
        args = ["kr", "set", self.key_of("keyresults", which), value]
        for option, given in (("--on", on), ("--note", note)):
            if given is not None:
                args += [option, given]
        self.cli_and_maybe_undo(args, undo)

    @rule(command=st.sampled_from(["done", "start", "drop"]), which=st.lists(picks, min_size=1, max_size=3),
          undo=st.booleans())
    def cli_status(self, command, which, undo):
        self.cli_and_maybe_undo([command, *(self.key_of("tactics", i) for i in which)], undo)

    @rule(which=picks, when=when_texts | st.sampled_from(["none", "never", "-"]), undo=st.booleans())
    def cli_due(self, which, when, undo):
        self.cli_and_maybe_undo(["due", self.key_of("tactics", which), when], undo)

    def cli_and_maybe_undo(self, args: list[str], undo: bool) -> None:
        """A command; with ``undo``, `planner undo` right after takes it back exactly
        (a command that changed nothing leaves the undo to the one before it)."""
        before = file_bytes(self.path)
        if self.cli(*args) and undo and file_bytes(self.path) != before:
            self.cli("undo", restoring=True)
            restored_but_counters(before, file_bytes(self.path))

    @rule()
    def cli_undo(self):
        """`planner undo` of whatever the CLI did last: taken back, or refused when stale."""
        self.cli("undo", restoring=True)

    @rule(mode=st.sampled_from(["fresh", "replace", "merge"]))
    def cli_json_round_trip(self, mode):
        """Export, then import: into a new file it is the same plan; --replace changes nothing."""
        export = self.folder / "export.json"
        assert run_cli(self.path, "export", "-o", str(export)).code == 0
        plan = Store(self.path).plan
        if mode == "fresh":
            fresh = self.folder / "fresh.json"
            fresh.unlink(missing_ok=True)
            result = run_cli(fresh, "import", str(export))
            assert result.code == 0, result
            assert same_plan(Store(fresh).plan, plan), "a restored export is another plan"
            restored, used = counters_of(tables_of(fresh.read_bytes())), counters_of(tables_of(file_bytes(self.path)))
            assert all(restored.get(t, 0) >= n for t, n in used.items()), \
                f"the restored file would hand out ids the plan had used: {restored} < {used}"
        elif mode == "replace":
            self.cli("import", str(export), "--replace", restoring=True)
            assert same_plan(Store(self.path).plan, plan), "replacing the plan with its own export changed it"
        elif len(plan.tactics) < BIG:
            self.cli("import", str(export), "--merge")
            merged = Store(self.path).plan
            assert (len(merged.strategies), len(merged.tactics)) == (2 * len(plan.strategies), 2 * len(plan.tactics))

    @precondition(lambda self: self.path.exists() and Store(self.path).plan.strategies)
    @rule()
    def cli_markdown_round_trip(self):
        """A Markdown export read back into a new file keeps every title."""
        export, fresh = self.folder / "export.md", self.folder / "fresh-md.json"
        assert run_cli(self.path, "export", "-o", str(export)).code == 0
        fresh.unlink(missing_ok=True)
        result = run_cli(fresh, "import", str(export))
        assert result.code == 0, result
        plan, back = Store(self.path).plan, Store(fresh).plan
        assert sorted(s.title for s in back.strategies.values()) == sorted(s.title for s in plan.strategies.values())
        assert sorted(t.title for t in back.tactics.values()) == sorted(t.title for t in plan.tactics.values())

    # -- the app windows -----------------------------------------------------------------------------

    @rule(w=st.integers(0, 1), title=titles, where=st.sampled_from(["top", "sibling", "child"]), at=picks,
          horizon=st.none() | when_texts, why=notes, cadence=st.none() | st.sampled_from(["30", "2w", "1m", "0", "9999"]),
          undo=st.booleans())
    def app_add_strategy(self, w, title, where, at, horizon, why, cadence, undo):
        self.in_window(w, "add strategy", lambda win: win.add_strategy(title, where, at, horizon, why, cadence),
                       undo)

    @rule(w=st.integers(0, 1), title=titles, at=picks, due=st.none() | when_texts, notes=notes,
          repeat=st.none() | repeat_texts, undo=st.booleans())
    def app_add_tactic(self, w, title, at, due, notes, repeat, undo):
        self.in_window(w, "add tactic", lambda win: win.add_tactic(at, title, due, notes, repeat), undo)

    @rule(w=st.integers(0, 1), at=picks, title=st.none() | titles, due=st.none() | when_texts,
          notes=st.none() | notes, repeat=st.none() | repeat_texts, undo=st.booleans())
    def app_edit_tactic(self, w, at, title, due, notes, repeat, undo):
        """Only what the person typed is written, however stale the window's form."""
        before = tables_of(file_bytes(self.path)).get("tactics", {})
        self.in_window(w, "edit tactic", lambda win: win.edit_tactic(at, title, due, notes, repeat), undo)
        after = tables_of(file_bytes(self.path)).get("tactics", {})
        untouched = [name for name, typed in (("title", title), ("due", due), ("notes", notes), ("repeat", repeat))
                     if typed is None]
        for key, doc in after.items():
            if key in before:
                assert all(doc.get(name) == before[key].get(name) for name in untouched), \
                    f"t{key}: the edit wrote a field the person left alone: {before[key]} -> {doc}"

    @rule(w=st.integers(0, 1), at=picks, title=st.none() | titles, why=st.none() | notes,
          horizon=st.none() | when_texts, cadence=st.none() | st.sampled_from(["", "7", "1y", "abc"]),
          undo=st.booleans())
    def app_edit_strategy(self, w, at, title, why, horizon, cadence, undo):
        self.in_window(w, "edit strategy", lambda win: win.edit_strategy(at, title, why, horizon, cadence), undo)

    @rule(w=st.integers(0, 1), kind=st.sampled_from(["tactic", "strategy"]), at=picks,
          key=st.sampled_from(["done", "start", "drop"]), undo=st.booleans())
    def app_status(self, w, kind, at, key, undo):
        self.in_window(w, f"{key} {kind}", lambda win: win.status(kind, at, key), undo)

    @rule(w=st.integers(0, 1), at=picks, days=st.sampled_from([1, 7]), undo=st.booleans())
    def app_push(self, w, at, days, undo):
        self.in_window(w, f"push {days}", lambda win: win.push(at, days), undo)

    @rule(w=st.integers(0, 1), kind=st.sampled_from(["tactic", "strategy"]), at=picks,
          when=st.just("") | when_texts, undo=st.booleans())
    def app_deadline(self, w, kind, at, when, undo):
        self.in_window(w, f"deadline of a {kind}", lambda win: win.deadline(kind, at, when), undo)

    @rule(w=st.integers(0, 1), kind=st.sampled_from(["tactic", "strategy"]), at=picks,
          offset=st.sampled_from([-1, 1]), undo=st.booleans())
    def app_reorder(self, w, kind, at, offset, undo):
        self.in_window(w, f"reorder a {kind}", lambda win: win.reorder(kind, at, offset), undo)

    @rule(w=st.integers(0, 1), kind=st.sampled_from(["tactic", "strategy"]), at=picks, to=st.none() | picks,
          undo=st.booleans())
    def app_move(self, w, kind, at, to, undo):
        self.in_window(w, f"move a {kind}", lambda win: win.move(kind, at, to), undo)

    @rule(w=st.integers(0, 1), kind=st.sampled_from(["tactic", "strategy"]), at=picks, undo=st.booleans())
    def app_delete(self, w, kind, at, undo):
        self.in_window(w, f"delete a {kind}", lambda win: win.delete(kind, at), undo)

    @rule(w=st.integers(0, 1), at=picks, decision=st.sampled_from(["done", "start", "push", "reschedule",
                                                                    "drop", "skip"]),
          when=st.just("") | when_texts, undo=st.booleans())
    def app_checkin_decision(self, w, at, decision, when, undo):
        self.in_window(w, f"check-in: {decision}", lambda win: win.decide(at, decision, when), undo)

    @rule(w=st.integers(0, 1), note=notes, undo=st.booleans())
    def app_checkin_finish(self, w, note, undo):
        self.in_window(w, "finish the check-in", lambda win: win.finish_checkin(note), undo)

    @rule(w=st.integers(0, 1), at=picks, health=st.sampled_from(["on-track", "at-risk", "off-track"]),
          note=notes, undo=st.booleans())
    def app_review(self, w, at, health, note, undo):
        self.in_window(w, "review", lambda win: win.review(at, health, note), undo)

    @rule(w=st.integers(0, 1), verb=st.sampled_from(["undo", "redo"]))
    def app_undo_or_redo(self, w, verb):
        """Undo or redo whatever is on the window's stack: done, or refused (nothing written)."""
        window, before = self.windows[w], file_bytes(self.path)
        try:
            getattr(window.history, verb)()
        except InputError:
            self.checked(verb, before, refused=True, restoring=True)
            return
        self.checked(verb, before, refused=False, restoring=True)

    @rule(w=st.integers(0, 1), choice=st.sampled_from(CHOICES))
    def app_conflict_answer(self, w, choice):
        """How the person will answer the window's next conflict dialog."""
        self.windows[w].choice = choice

    @rule(w=st.integers(0, 1))
    def app_poll(self, w):
        """The window's poll: it catches up with what others wrote."""
        self.windows[w].store.refresh()

    @precondition(lambda self: self.path.exists())
    @rule(days=st.sampled_from([1, 2, 8, 40, 400]), hours=st.integers(0, 23))
    def time_passes(self, days, hours):
        pendulum.travel_to(pendulum.now().add(days=days, hours=hours), freeze=True)
        self.checked("time passes", file_bytes(self.path), refused=True)


def same_plan(one, other) -> bool:
    """The same documents under the same ids, in every table."""
    return all({k: v.to_doc() for k, v in getattr(one, t).items()} == {k: v.to_doc() for k, v in getattr(other, t).items()}
               for t in ("strategies", "tactics", "checkins", "reviews"))


def test_the_plan_keeps_its_contract_whoever_writes():
    run_state_machine_as_test(PlanContract, settings=settings(max_examples=examples(30, 300),
                                                              stateful_step_count=60 if LONG else 25))
