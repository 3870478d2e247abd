"""`planner merge` as git's merge driver, in real repositories: a shared one and two
clones, each clone's plan changed through a real store, merged by a real `git pull`
and `git merge` that run the driver (`planner merge --install` set it up)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from planner_tui.core import actions
from planner_tui.core.file.store import Store
from planner_tui.core.model import TacticStatus

from plan_copies import Ticking, titles

pytestmark = pytest.mark.slow  # every merge runs git, and git runs the driver


def git(where: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", *args], cwd=where, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(autouse=True)
def _git_alone(tmp_path, monkeypatch):
    """Git with no configuration of the developer's, and a name to commit with."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "Tester")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "tester@example.org")


class Clone:
    """A clone of the shared repository with a plan at ``notes/plan.json``."""

    def __init__(self, path: Path, clock: Ticking):
        self.path, self.plan = path, path / "notes" / "plan.json"
        self.clock = clock

    def store(self) -> Store:
        return Store(self.plan, clock=self.clock)

    def commit(self, message: str) -> None:
        git(self.path, "add", "-A")
        git(self.path, "commit", "-q", "-m", message)

    def read(self) -> dict:
        return json.loads(self.plan.read_bytes())


@pytest.fixture
def clones(tmp_path, cli, now):
    """Two clones of one repository whose plan (s1 Career: t1..t4, s2 Health: t5)
    both have pushed; each has run `planner merge --install`."""
    shared = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(shared))
    clock = Ticking(now)
    first = Clone(tmp_path / "laptop", clock)
    git(tmp_path, "clone", "-q", str(shared), str(first.path))
    first.plan.parent.mkdir()
    store = first.store()
    career = actions.add_strategy(store, "Career").new_ids[0]
    for title in ("Call Ana", "Update CV", "Write letter", "Send CV"):
        actions.add_tactic(store, title, career)
    actions.add_tactic(store, "Run", actions.add_strategy(store, "Health").new_ids[0])
    installed = cli("merge", "--install", db=first.plan)
    assert installed.code == 0, installed
    first.commit("a plan")
    git(first.path, "push", "-q", "origin", "main")
    second = Clone(tmp_path / "phone", clock)
    git(tmp_path, "clone", "-q", str(shared), str(second.path))
    assert cli("merge", "--install", db=second.plan).code == 0
    return first, second


def test_install_writes_the_attributes_ignores_and_config_once(clones, cli):
    first, _ = clones
    assert (first.path / ".gitattributes").read_text() == "/notes/plan.json merge=planner\n"
    assert (first.path / ".gitignore").read_text() == ("/notes/plan.json.lock\n/notes/plan.json.backups/\n"
                                                       "/notes/plan.json.ui.json*\n/notes/plan.json.undo.json*\n")
    driver = git(first.path, "config", "merge.planner.driver").stdout.strip()
    assert driver.endswith(" -m planner_tui merge %O %A %B -o %A --name %P")
    again = cli("merge", "--install", db=first.plan)
    assert again.code == 0 and "Added lines" not in again.out
    assert (first.path / ".gitattributes").read_text() == "/notes/plan.json merge=planner\n"
    assert git(first.path, "status", "--porcelain").stdout == ""  # the side files are ignored


def test_a_pull_merges_a_rename_and_a_done_and_both_sides_additions(clones):
    laptop, phone = clones
    actions.edit_tactic(laptop.store(), 4, title="Send the CV to Ana")
    actions.add_tactic(laptop.store(), "Laptop: book dentist", 2)
    laptop.commit("rename t4, add t6")
    git(laptop.path, "push", "-q")
    actions.set_status(phone.store(), [4], TacticStatus.DONE)
    actions.add_tactic(phone.store(), "Phone: call the bank", 1)
    phone.commit("t4 done, add t6")

    pulled = git(phone.path, "pull", "-q", "--no-rebase", "--no-edit")

    data = phone.read()
    assert (data["tactics"]["4"]["title"], data["tactics"]["4"]["status"]) == ("Send the CV to Ana", "done")
    assert titles(data)["6"] == "Phone: call the bank"  # ours (the puller's) keep their ids
    assert titles(data)["7"] == "Laptop: book dentist"
    assert "t6 'Laptop: book dentist' of theirs is now t7" in pulled.stderr
    assert git(phone.path, "status", "--porcelain").stdout == ""  # merged and committed
    assert "<<<<<<<" not in phone.plan.read_text()


def test_a_true_conflict_is_decided_by_the_later_change_and_reported(clones):
    laptop, phone = clones
    actions.edit_tactic(phone.store(), 1, title="Phone: call Ana at 5")
    phone.commit("rename t1")
    actions.edit_tactic(laptop.store(), 1, title="Laptop: call Ana tomorrow")  # later
    laptop.commit("rename t1 too")
    git(laptop.path, "push", "-q")
    git(phone.path, "fetch", "-q")

    merged = git(phone.path, "merge", "--no-edit", "origin/main")

    assert phone.read()["tactics"]["1"]["title"] == "Laptop: call Ana tomorrow"
    assert ("t1 'Call Ana' title: 'Laptop: call Ana tomorrow' (theirs, changed later) "
            "over 'Phone: call Ana at 5' (ours)") in merged.stdout + merged.stderr
    assert git(phone.path, "log", "-1", "--format=%P").stdout.count(" ") == 1  # a merge commit


def test_a_plan_the_driver_cannot_read_exits_1_and_leaves_gits_conflict(clones):
    laptop, phone = clones
    laptop.plan.write_text('{"tactics": {"1": ')  # broken by hand
    laptop.commit("oops")
    git(laptop.path, "push", "-q")
    actions.edit_tactic(phone.store(), 1, title="Phone: call Ana")
    phone.commit("rename t1")
    before = phone.plan.read_bytes()

    merged = git(phone.path, "pull", "--no-rebase", "--no-edit", check=False)

    assert merged.returncode != 0
    assert "Cannot merge notes/plan.json" in merged.stderr and "not valid JSON" in merged.stderr
    assert git(phone.path, "diff", "--name-only", "--diff-filter=U").stdout == "notes/plan.json\n"
    assert phone.plan.read_bytes() == before  # the driver wrote nothing: git's conflict as it left it
    stages = git(phone.path, "ls-files", "-u").stdout.splitlines()
    assert len(stages) == 3  # base, ours, theirs: `git checkout --theirs` and the like still work


def test_install_names_the_plan_alone_whatever_its_path_holds(tmp_path, cli):
    repository = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repository))
    folder = repository / "my plans [x]"
    folder.mkdir()
    plan = folder / "plan*.json"
    assert cli("merge", "--install", db=plan).code == 0
    for name in ("plan*.json", "planA.json", "plan*.json.lock"):
        (folder / name).write_text("{}")
    attributes = git(repository, "check-attr", "merge", "--", "my plans [x]/plan*.json", "my plans [x]/planA.json")
    assert attributes.stdout.splitlines() == ["my plans [x]/plan*.json: merge: planner",
                                              "my plans [x]/planA.json: merge: unspecified"]
    ignored = git(repository, "status", "--porcelain", "--ignored").stdout.splitlines()
    assert '!! "my plans [x]/plan*.json.lock"' in ignored


def test_install_outside_a_repository_says_so(tmp_path, cli):
    refused = cli("merge", "--install", db=tmp_path / "plan.json")
    assert refused.code == 2 and "is not in a git repository" in refused.err
    assert not (tmp_path / ".gitattributes").exists()
