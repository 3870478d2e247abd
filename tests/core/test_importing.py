"""Imports: JSON restore, merge and replace (all or nothing, never a newer schema),
and Markdown outlines, ours (round trip) and the odd ones people keep.
"""

from __future__ import annotations

import errno
import json

import pendulum
import pytest

from planner_tui.core.exchange import export, importing

from planner_tui.core.file import storage
from planner_tui.core.errors import InputError
from planner_tui.core.exchange.markdown_outline import parse_outline, read_task
from planner_tui.core.model import StrategyStatus, TacticStatus
from planner_tui.core.file.store import SCHEMA, SaveError, Store, backup_folder

from .exchange_sample import TRICKY_TITLES, add_history, build_plan, shape


@pytest.fixture
def ids(store):
    found = build_plan(store)
    add_history(store, found)
    return found


@pytest.fixture
def fresh(tmp_path, clock):
    """Another, empty plan file."""
    return Store(tmp_path / "other.json", clock=clock)


def tables(plan) -> dict:
    return {name: {k: v.to_doc() for k, v in getattr(plan, name).items()}
            for name in ("strategies", "tactics", "checkins", "reviews")}


def file_bytes(store: Store) -> bytes | None:
    return store.path.read_bytes() if store.path.exists() else None


# -- JSON: restore --------------------------------------------------------------------


def test_json_into_an_empty_file_gives_the_same_plan(store, ids, fresh, now):
    result = importing.import_json(fresh, export.export_store(store, "json", now))
    assert result.mode == "restore" and result.backup is None
    assert result.counts == {"strategies": 9, "tactics": 7, "checkins": 1, "reviews": 1, "away": 0, "keyresults": 2,
                             "measurements": 2}
    assert tables(fresh.plan) == tables(store.plan)
    assert tables(Store(fresh.path).plan) == tables(store.plan)  # on disk, read by a fresh Store
    assert export.to_markdown(fresh.plan, now) == export.to_markdown(store.plan, now)


def test_a_restore_never_hands_out_a_deleted_id_again(store, ids, fresh, now, clock):
    from planner_tui.core import actions

    actions.delete_tactic(store, ids["t7"])  # the highest tactic id is now 6, the counter says 7
    importing.import_json(fresh, export.export_store(store, "json", now))
    new = actions.add_tactic(fresh, "After the restore", ids["s9"]).new_ids[0]
    assert new == 8


def test_a_plan_file_itself_can_be_restored(store, ids, fresh):
    """A daily backup is a plan file, not an export: it imports the same way."""
    result = importing.import_json(fresh, store.path.read_bytes())
    assert result.mode == "restore" and tables(fresh.plan) == tables(store.plan)


def test_json_into_a_plan_with_content_asks_what_to_do(store, ids, fresh, now):
    payload = export.export_store(store, "json", now)
    before = file_bytes(store)
    with pytest.raises(InputError, match="--merge .* --replace"):
        importing.import_json(store, payload)
    assert file_bytes(store) == before


# -- JSON: refused, nothing written ------------------------------------------------


def test_a_restore_refuses_a_plan_filled_meanwhile(store, ids, fresh, now, clock):
    """Another process adds to the empty plan between the check and the write."""
    from planner_tui.core import actions

    payload = export.export_store(store, "json", now)
    actions.add_strategy(Store(fresh.path, clock=clock), "Added elsewhere")
    before = file_bytes(fresh)
    with pytest.raises(InputError, match="--merge"):
        importing.import_json(fresh, payload)
    assert file_bytes(fresh) == before


def test_a_newer_schema_is_refused_with_nothing_written(store, ids, fresh, now):
    data = json.loads(export.export_store(store, "json", now))
    data["schema"] = SCHEMA + 1
    with pytest.raises(InputError, match=f"newer planner-tui \\(schema {SCHEMA + 1}\\)"):
        importing.import_json(fresh, json.dumps(data))
    assert not fresh.path.exists()
    before = file_bytes(store)
    with pytest.raises(InputError, match="newer"):
        importing.import_json(store, json.dumps(data), mode="replace")
    assert file_bytes(store) == before


def test_a_newer_plan_file_is_refused_too(store, ids, fresh):
    data = json.loads(store.path.read_text())
    data["meta"]["1"]["schema"] = SCHEMA + 1
    with pytest.raises(InputError, match="newer"):
        importing.import_json(fresh, json.dumps(data))
    assert not fresh.path.exists()


@pytest.mark.parametrize("text, message", [
    ('{"tables": ', "not valid JSON: .* line 1, column 12"),
    ("[1, 2]", "not a planner-tui export"),
    ('{"hello": 1}', "not a planner-tui export"),
    ('{"schema": "two", "tables": {}}', "schema is 'two'"),
    ('{"schema": 0, "tables": {}}', "schema is 0"),
    ('{"tables": {"strategies": []}}', "strategies: is a list, not an object of documents"),
    ('{"tables": {"strategies": {"x": {}}}}', "'x' is not an id"),
    ('{"tables": {"strategies": {"1": {"title": 5}}}}', 'strategies 1, field "title": is 5, not text'),
    ('{"tables": {"strategies": {"1": {"title": "A", "horizon": "soon"}}}}', "\"horizon\": is 'soon', not a date"),
    ('{"tables": {"strategies": {"1": {"title": "A", "status": "someday"}}}}', "is 'someday', not one of"),
    ('{"tables": {"tactics": {"1": {"title": "A", "strategy": 4}}}}',
     'tactics 1 .*"strategy": names strategy s4, which is not in the plan'),
    ('{"tables": {"strategies": {"1": {"title": "A"}}, "tactics": {"1": {"title": "B", "strategy": 1, '
     '"due": "2026-02-30"}}}}', "\"due\": is '2026-02-30', not a deadline"),
    ('{"tables": {"strategies": {"1": {"title": "A", "parent": "s2"}}}}', "\"parent\": is 's2', not an id"),
    ('{"tables": {"checkins": {"1": {"date": "2026-01-01", "done": ["t1"]}}}}', "\"done\": holds 't1', not an id"),
    ('{"tables": {"strategies": {"1": {"title": "' + "x" * 501 + '"}}}}', "is 501 characters long"),
    ('{"tables": {"strategies": {"1": {"title": "A"}}, "tactics": {"1": {"title": "B", "strategy": 1.0}}}}',
     '"strategy": is 1.0, not an id'),
    # What the CLI refuses from a person, an import refuses too (issue 10):
    ('{"tables": {"strategies": {"1": {"title": "A"}}, "tactics": {"1": {"title": "B", "strategy": 1, '
     '"repeat": "0d"}}}}', "tactics 1 .*\"repeat\": is '0d', not a repeat rule"),
    ('{"tables": {"strategies": {"1": {"title": "A", "review_every": 100000000}}}}',
     '"review_every": is 100000000, not a number of days from 1 to 3650'),
    ('{"tables": {"strategies": {"1": {"title": "A"}}, "reviews": {"1": {"strategy": 1, '
     '"date": "2026-01-01T10:00:00+00:00"}}}}', "reviews 1, field \"date\": .*not a date .*without a time"),
    ('{"tables": {"checkins": {"1": {"date": "2026-01-01T10:00"}}}}', "checkins 1, field \"date\""),
    ('{"tables": {"strategies": {"1": {"title": "A", "parent": 2}, "2": {"title": "B", "parent": 1}}}}',
     "makes a loop of parents: s1 → s2 → s1"),
    ('{"tables": {"strategies": {"1": {"title": "A", "horizon": "9999-12-31"}}}}',
     "9999-12-31 is after 2999-12-31, the last day a plan can hold"),
])
def test_unusable_json_is_refused_with_nothing_written(store, ids, text, message):
    before = file_bytes(store)
    for mode in (None, "merge", "replace"):
        with pytest.raises(InputError, match=message):
            importing.import_json(store, text, mode)
    assert file_bytes(store) == before


def test_a_failed_write_leaves_the_plan_as_it_was(store, ids, fresh, now, monkeypatch):
    payload = export.export_store(store, "json", now)
    before = file_bytes(store)

    def full_disk(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write", full_disk)
    with pytest.raises(SaveError):
        importing.import_json(store, payload, mode="merge")
    monkeypatch.undo()
    assert file_bytes(store) == before
    assert tables(Store(store.path).plan) == tables(store.plan)


# -- JSON: merge and replace ------------------------------------------------------------


def test_merge_adds_everything_with_new_ids(store, ids, fresh, now):
    from planner_tui.core import actions

    mine = actions.add_strategy(fresh, "Already here").new_ids[0]
    mine_tactic = actions.add_tactic(fresh, "Mine", mine).new_ids[0]
    result = importing.import_json(fresh, export.export_store(store, "json", now), mode="merge")
    assert result.mode == "merge"
    plan = fresh.plan
    assert len(plan.strategies) == 10 and len(plan.tactics) == 8
    assert [s.title for s in plan.roots()] == ["Already here", "Get a good job", "Get fit"]
    assert shape(plan)[2:] == shape(store.plan)  # the imported part, after the plan's own
    assert {t.id for t in plan.tactics.values()} == {mine_tactic, *range(mine_tactic + 1, mine_tactic + 8)}
    review = next(iter(plan.reviews.values()))
    assert plan.strategies[review.strategy].title == TRICKY_TITLES[0]
    checkin = next(iter(plan.checkins.values()))
    assert [plan.tactics[t].title for t in checkin.done] == ["Done one"]


def test_merge_twice_keeps_both_copies_apart(store, ids, now):
    payload = export.export_store(store, "json", now)
    importing.import_json(store, payload, mode="merge")
    assert len(store.plan.strategies) == 18 and len(store.plan.tactics) == 14
    assert len(store.plan.checkins) == 1  # one per day: the decisions of the day are added to it
    checkin = next(iter(store.plan.checkins.values()))
    assert len(checkin.done) == 2 and checkin.note == "A good day"


def test_replace_keeps_a_copy_and_one_undo_takes_it_back(store, ids, fresh, now):
    from planner_tui.core import actions

    actions.add_strategy(fresh, "Old plan")
    old_bytes = fresh.path.read_bytes()
    before = tables(fresh.plan)
    result = importing.import_json(fresh, export.export_store(store, "json", now), mode="replace", journal=True)
    assert result.mode == "replace"
    assert tables(fresh.plan) == tables(store.plan)
    assert result.backup is not None and result.backup.parent == backup_folder(fresh.path)
    assert result.backup.read_bytes() == old_bytes
    assert result.backup.name.startswith("other.before-import-")  # apart from the daily backups
    fresh.pop_journal()
    assert tables(fresh.plan) == before


def test_control_characters_leave_imported_titles(fresh):
    text = json.dumps({"tables": {"strategies": {"1": {"title": "Red \x1b[31m  alert\x07"}}}})
    importing.import_json(fresh, text)
    assert fresh.plan.strategies[1].title == "Red [31m alert"


def test_a_carriage_return_in_notes_stays_in_the_notes(store, fresh, now):
    from planner_tui.core import actions

    strategy = actions.add_strategy(store, "A").new_ids[0]
    actions.add_tactic(store, "B", strategy, notes="one\rtwo\r\nthree")
    importing.import_markdown(fresh, export.to_markdown(store.plan, now))
    assert next(iter(fresh.plan.tactics.values())).notes == "one\ntwo\nthree"


def test_a_big_import_is_journaled_as_a_marker_that_undo_refuses(store, ids, fresh, now, monkeypatch):
    """The journal would otherwise hold a second copy of the plan; undo must not skip it either."""
    from planner_tui.core.file import undo_journal as journal

    payload = export.export_store(store, "json", now)
    monkeypatch.setattr(journal, "LIMIT", 21)  # the sample holds 22 documents
    result = importing.import_json(fresh, payload, journal=True)
    assert not result.journaled and result.backup is None  # nothing was there to keep
    [marker] = journal.read(fresh.path)
    assert marker == {"label": result.change.label, "too_big": 22}
    assert importing.import_markdown(fresh, "# A\n- [ ] b\n", journal=True).journaled
    replaced = importing.import_markdown(fresh, "# A\n", replace=True, journal=True)
    assert not replaced.journaled and replaced.backup is not None
    assert journal.too_big(journal.read(fresh.path)[-1]) == 25  # 24 removed, one added


def test_history_of_a_deleted_strategy_is_restored_and_left_out_of_a_merge(fresh, store):
    """Reviews are history: one may name a strategy deleted before the export."""
    text = json.dumps({"tables": {"strategies": {"1": {"title": "A"}},
                                  "reviews": {"1": {"strategy": 3, "date": "2026-01-01"}}}})
    importing.import_json(fresh, text)
    assert fresh.plan.reviews[1].strategy == 3
    importing.import_json(fresh, text, mode="merge")
    assert len(fresh.plan.reviews) == 1 and len(fresh.plan.strategies) == 2


# -- Markdown: round trip -----------------------------------------------------------------


def test_markdown_round_trip_keeps_titles_tree_statuses_and_deadlines(store, ids, fresh, now):
    text = export.to_markdown(store.plan, now)
    result = importing.import_markdown(fresh, text)
    assert result.counts == {"strategies": 9, "tactics": 7, "keyresults": 2}
    assert shape(fresh.plan) == shape(store.plan)
    assert export.to_markdown(fresh.plan, now) == text


def test_the_golden_file_imports(fresh, now):
    from .test_export import GOLDEN

    importing.import_markdown(fresh, GOLDEN.read_text(encoding="utf-8"))
    titles = [s.title for s in fresh.plan.strategies.values()]
    assert titles[:4] == ["Get a good job", TRICKY_TITLES[0], TRICKY_TITLES[1], TRICKY_TITLES[2]]
    deepest = max(fresh.plan.strategies.values(), key=lambda s: fresh.plan.depth(s.id))
    assert (deepest.title, fresh.plan.depth(deepest.id)) == ("Level 7", 6)  # `#######`: seven levels
    due = {t.title: t.due for t in fresh.plan.tactics.values()}
    assert due[TRICKY_TITLES[4]] == pendulum.datetime(2026, 12, 4, 17, 0, tz="Pacific/Auckland")
    assert due["Finish the site"] == pendulum.Date(2026, 12, 4)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_any_title_survives_the_round_trip(store, fresh, now, title):
    from planner_tui.core import actions

    strategy = actions.add_strategy(store, title, why=title).new_ids[0]
    actions.add_tactic(store, title, strategy, notes=title)
    importing.import_markdown(fresh, export.to_markdown(store.plan, now))
    assert shape(fresh.plan) == shape(store.plan)


def test_markdown_merge_goes_after_the_plan_and_replace_starts_afresh(store, ids, fresh, now):
    from planner_tui.core import actions

    actions.add_strategy(fresh, "Already here")
    text = export.to_markdown(store.plan, now)
    importing.import_markdown(fresh, text)
    assert [s.title for s in fresh.plan.roots()] == ["Already here", "Get a good job", "Get fit"]
    result = importing.import_markdown(fresh, text, replace=True)
    assert result.mode == "replace" and result.backup is not None
    assert shape(fresh.plan) == shape(store.plan)


def test_one_undo_takes_a_markdown_import_back(fresh, now):
    importing.import_markdown(fresh, "# A\n- [ ] one\n## B\n- [x] two\n", journal=True)
    assert len(fresh.plan.tactics) == 2
    change = fresh.pop_journal()
    assert change.label.startswith("undo import (merge)")
    assert not fresh.plan.strategies and not fresh.plan.tactics


# -- Markdown: odd input --------------------------------------------------------------------

ODD = """\
---
title: front matter is skipped
---
Some words before any heading.

- [ ] A task before any heading 📅 2026-12-02
  * [X] nested, checked
1. [ ] numbered due:2026-12-03

#
- [ ] under an empty heading

## Skips a level
###### Deep
####### Deeper than Markdown goes
########## Ten

# [x] Looks done but is a heading
- [x] [x] a title that starts with [x]
- [ ] ~~struck~~
- [ ] Call — *due 2026-02-30*
- [ ] Fix *this* — *not our tail*
-   [ ]   spaced   out
- [ ]
- not a task, kept as text
  > still text

Setext heading
==============

```
# not a heading
- [ ] not a task
```

<!-- a comment
over lines -->
Title with closing hashes ###
### Closed heading ###

> a quote
***
"""


def test_odd_markdown_imports_without_loss(fresh):
    importing.import_markdown(fresh, ODD, loose_title="Imported from odd.md")
    plan = fresh.plan
    tree = [("  " * plan.depth(s.id)) + s.title for s in _tree(plan)]
    assert tree == [
        "Imported from odd.md",
        "(untitled)",
        "  Skips a level",
        "    Deep",
        "      Deeper than Markdown goes",
        "        Ten",
        "[x] Looks done but is a heading",
        "Setext heading",
        "  Closed heading",
    ]
    by_title = {t.title: t for t in plan.tactics.values()}
    loose = plan.roots()[0]
    assert loose.why == "Some words before any heading."
    assert [t.title for t in plan.tactics_of(loose.id)] == [
        "A task before any heading", "nested, checked", "numbered"]
    assert by_title["A task before any heading"].due == pendulum.Date(2026, 12, 2)
    assert by_title["numbered"].due == pendulum.Date(2026, 12, 3)
    assert by_title["nested, checked"].status is TacticStatus.DONE
    assert by_title["under an empty heading"].strategy == plan.roots()[1].id
    assert by_title["[x] a title that starts with [x]"].status is TacticStatus.DONE
    assert by_title["struck"].status is TacticStatus.DROPPED
    assert by_title["Call — *due 2026-02-30*"].due is None  # not a real date: kept as text
    assert by_title["Fix *this* — *not our tail*"].status is TacticStatus.TODO
    assert "spaced out" in by_title and "(untitled)" in by_title
    heading = next(s for s in plan.strategies.values() if s.title.startswith("[x]"))
    assert heading.status is StrategyStatus.ACTIVE
    assert heading.why == "- not a task, kept as text\nstill text"  # not indented: the strategy's
    assert by_title["(untitled)"].notes == ""
    setext = next(s for s in plan.strategies.values() if s.title == "Setext heading")
    assert setext.why == "```\n# not a heading\n- [ ] not a task\n```\n\nTitle with closing hashes ###"
    closed = next(s for s in plan.strategies.values() if s.title == "Closed heading")
    assert closed.why == "a quote"


def _tree(plan):

    return plan.tree_order()


@pytest.mark.parametrize("text", [
    "", "\n\n", "# \n", "#", "- [ ]", "> only a quote", "```\nunclosed fence", "<!-- unclosed",
    "# A\n" * 3, "\ufeff# BOM\r\n- [x] crlf\r\n", "#" * 300 + " very deep", "- [ ] " + "x" * 2000,
    "# " + "long " * 200, "Horizon: **2026-13-01**", "# A\nHorizon: **2026-13-01**\nStatus: **someday**",
    "# A\nReview every **0 days**", "\x00\x1b[31m- [ ] control\x07",
])
def test_markdown_never_crashes(fresh, text):
    """Odd Markdown imports; text with no heading and no task is refused, unwritten."""
    try:
        importing.import_markdown(fresh, text)
    except InputError as error:
        assert "no `#` heading and no `- [ ]` task" in str(error)
        assert not parse_outline(text).roots and not fresh.plan.strategies
    for strategy in fresh.plan.strategies.values():
        assert strategy.title.strip() and len(strategy.title) <= 500
    for tactic in fresh.plan.tactics.values():
        assert tactic.title.strip() and len(tactic.title) <= 500


def test_a_title_too_long_is_cut_and_kept_whole_in_the_notes(fresh):
    long = "word " * 150
    importing.import_markdown(fresh, f"# Goal\n- [ ] {long}\n  > more\n")
    tactic = next(iter(fresh.plan.tactics.values()))
    assert len(tactic.title) == 500 and tactic.title.endswith("…")
    assert tactic.notes == long.strip() + "\n\nmore"


def test_facts_lines_set_horizon_status_and_cadence():
    outline = parse_outline("# A\n\nHorizon: **2030-01-31** (in 3 years) · Progress: no tactics yet"
                            " · Status: **dropped** · Review every **1 day**\n")
    node = outline.roots[0]
    assert (node.horizon, node.status, node.review_every, node.why) == (
        pendulum.Date(2030, 1, 31), StrategyStatus.DROPPED, 1, "")


def test_a_line_that_only_looks_like_facts_is_why():
    outline = parse_outline("# A\nProgress: 3/5\nStatus: done\n")
    assert outline.roots[0].why == "Progress: 3/5\nStatus: done"


@pytest.mark.parametrize("rest, expected", [
    ("Plain", ("Plain", TacticStatus.TODO, None, None)),
    ("A — *due 2026-12-04*", ("A", TacticStatus.TODO, pendulum.Date(2026, 12, 4), None)),
    ("A — *in progress · repeats 2w*", ("A", TacticStatus.DOING, None, "2w")),
    ("A — *repeats fortnightly*", ("A — *repeats fortnightly*", TacticStatus.TODO, None, None)),
    ("A — *due 2026-12-04 09:30 -05:00*",
     ("A", TacticStatus.TODO, pendulum.datetime(2026, 12, 4, 9, 30, tz="America/New_York"), None)),
    ("~~A~~ — *dropped*", ("A", TacticStatus.DROPPED, None, None)),
    ("A \\— \\*due 2026-12-04\\*", ("A \\— *due 2026-12-04*", TacticStatus.TODO, None, None)),
])
def test_read_task(rest, expected):
    task = read_task(False, rest)
    assert (task.title, task.status, task.due, task.repeat) == expected


def test_an_outline_deeper_than_a_plan_may_be_is_refused_naming_its_line(fresh):
    from planner_tui.core.model import MAX_DEPTH

    headings = "\r\n".join(f"{'#' * level} L{level}" for level in range(1, MAX_DEPTH + 2))
    text = "\ufeff---\r\ntitle: x\r\n---\r\n" + headings  # the line count includes the front matter
    with pytest.raises(InputError, match=f"^Line {MAX_DEPTH + 4}: a heading nested {MAX_DEPTH + 1} levels deep"):
        importing.import_markdown(fresh, text)
    assert not fresh.path.exists()
    skipping = "# Top\n" + "\n".join(f"{'#' * (level * 3)} L{level}" for level in range(2, MAX_DEPTH + 1))
    assert len(importing.import_markdown(fresh, skipping).change.new_ids) == MAX_DEPTH  # depth, not `#`s


def test_owners_tags_pauses_and_time_away_go_out_and_come_back(store, ids, fresh, now):
    from planner_tui.core import actions, away
    from planner_tui.core.model import StrategyStatus

    actions.edit_strategy(store, ids["s1"], owner="ana", tags=("q3",), status=StrategyStatus.PAUSED,
                          paused_until=now.date().add(days=30))
    actions.edit_tactic(store, ids["t1"], owner="bo", tags=("web", "launch"))
    away.add_away(store, now.date().add(days=3), now.date().add(days=9), "Holidays")
    result = importing.import_json(fresh, export.export_store(store, "json", now))
    assert result.counts["away"] == 1
    assert tables(Store(fresh.path).plan) == tables(store.plan)
    assert fresh.plan.strategies[ids["s1"]].paused_until == now.date().add(days=30)
    assert fresh.plan.tactics[ids["t1"]].tags == ("web", "launch")
    merged = importing.import_json(fresh, export.export_store(store, "json", now), "merge")
    assert merged.counts["away"] == 1 and len(fresh.plan.away) == 1  # the same days away are not copied
