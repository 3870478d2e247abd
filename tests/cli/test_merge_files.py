"""`planner merge BASE OURS THEIRS [-o OUT]`: three files in, the merge out (git's form by hand)."""

from __future__ import annotations

import json

import pytest

from planner_tui.core import actions

from plan_copies import Copies


@pytest.fixture
def copies(tmp_path, frozen):
    copies = Copies(tmp_path, frozen)
    copies.planned()
    ours, theirs = copies.split()
    actions.edit_tactic(ours, 1, title="Call Ana at 5")
    actions.add_tactic(theirs, "Theirs", 1)
    return copies


def test_the_merge_goes_to_standard_output_and_the_report_to_standard_error(copies, cli):
    done = cli("merge", *map(str, copies.path.values()))
    assert done.code == 0
    data = json.loads(done.out)
    assert data["tactics"]["1"]["title"] == "Call Ana at 5" and data["tactics"]["6"]["title"] == "Theirs"
    assert done.err == f"Merged {copies.path['ours']}: clean.\n"


def test_the_merge_is_written_to_out_as_the_store_writes_the_plan(copies, cli, tmp_path):
    out = tmp_path / "out.json"
    assert cli("merge", *map(str, copies.path.values()), "-o", str(out)).code == 0
    raw = out.read_bytes()
    assert raw == (json.dumps(json.loads(raw), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


@pytest.mark.parametrize("broken", ["base", "ours", "theirs"])
def test_a_file_that_cannot_be_read_exits_1_and_writes_nothing(copies, cli, tmp_path, broken):
    out = tmp_path / "out.json"
    copies.path[broken].write_text('{"tactics": [1]}')
    refused = cli("merge", *map(str, copies.path.values()), "-o", str(out))
    assert refused.code == 1 and not out.exists()
    assert refused.err.startswith(f"Error: Cannot merge: {copies.path[broken]}: it is JSON but not a plan")
    assert refused.err.endswith("Nothing was written.\n")


def test_a_missing_base_is_an_error_not_a_two_way_merge(copies, cli):
    copies.path["base"].unlink()
    refused = cli("merge", *map(str, copies.path.values()))
    assert refused.code == 1 and "Cannot read" in refused.err and refused.out == ""


def test_four_files_or_out_without_three_are_refused(copies, cli):
    assert cli("merge", *map(str, copies.path.values()), "x.json").code == 2
    assert cli("merge", str(copies.path["theirs"]), "-o", "out.json").code == 2
