"""`planner merge --install`: git merges the plan with `planner merge` instead of line by line.

Git merges text line by line: two copies of a plan that added a tactic each
clash on the id counter's line, and a conflict-marked JSON file is no plan.
A merge driver (gitattributes(5), "Defining a custom merge driver") lets git
hand the plan's three versions to us. Installing one takes two things, both
written so that running it again changes nothing:

- the repository's ``.gitattributes`` names the plan file (its path from the
  repository's top, anchored, so another ``plan.json`` elsewhere is left alone):
  ``/notes/plan.json merge=planner``. It is committed, so every clone knows;
- each clone's ``.git/config`` defines the driver (git never takes commands from a
  repository's content, so every clone runs ``planner merge --install`` once):
  ``merge.planner.driver = <python> -m planner_tui merge %O %A %B -o %A --name %P``.
  The program is this Python's, by its full path: a git started from a desktop
  app often has a shorter PATH than the terminal. After moving planner_tui to
  another Python, install again.

The plan's side files (its lock, backups, undo journal and the app's view state)
belong to one machine; ``.gitignore`` gets them too, so that they are never
committed by mistake.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from planner_tui.core.errors import InputError

DRIVER = "planner"
# The plan's side files (core/file/side_files.py), as endings of its name, with
# what a pattern adds: the backups folder; the undo journal and the app's view state
# with the copies of them set aside when broken (`.broken-<time>`).
SIDE_FILES = ((".lock", ""), (".backups", "/"), (".ui.json", "*"), (".undo.json", "*"))
DRIVER_NAME = "planner_tui plan: merged field by field (planner merge)"


@dataclass
class Installed:
    """What `install` found and wrote."""

    repository: Path
    pattern: str  # the plan's gitattributes pattern
    driver: str  # the command git runs
    written: list[str] = field(default_factory=list)  # the files it added lines to


def install(plan_path: Path) -> Installed:
    """Set up the merge driver for ``plan_path``'s repository (see the module docstring).
    `InputError` when the plan is not in a git repository or git cannot be run."""
    top = _git(plan_path.parent, "rev-parse", "--show-toplevel")
    repository = Path(top)
    relative = Path(os.path.realpath(plan_path)).relative_to(os.path.realpath(repository))
    pattern = _anchored(relative)
    driver = f"{shlex.quote(sys.executable)} -m planner_tui merge %O %A %B -o %A --name %P"
    _git(repository, "config", f"merge.{DRIVER}.name", DRIVER_NAME)
    _git(repository, "config", f"merge.{DRIVER}.driver", driver)
    installed = Installed(repository, pattern, driver)
    if _add_lines(repository / ".gitattributes", [f"{pattern} merge={DRIVER}"]):
        installed.written.append(".gitattributes")
    if _add_lines(repository / ".gitignore", [pattern + _escaped(suffix) + end for suffix, end in SIDE_FILES]):
        installed.written.append(".gitignore")
    return installed


def _anchored(relative: Path) -> str:
    """A path from the repository's top as a pattern that matches it alone."""
    return "/" + "/".join(_escaped(part) for part in relative.parts)


def _escaped(part: str) -> str:
    """One path part as a pattern that matches it literally: a backslash before a
    wildcard, a space as a class (git splits .gitattributes lines at spaces)."""
    return re.sub(r"([*?\[\\])", r"\\\1", part).replace(" ", "[[:space:]]")


def _add_lines(path: Path, lines: list[str]) -> bool:
    """Append the ``lines`` that ``path`` lacks; True when it changed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    present = set(text.splitlines())
    missing = [line for line in lines if line not in present]
    if not missing:
        return False
    lead = "" if not text or text.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(lead + "".join(line + "\n" for line in missing))
    return True


def _git(where: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True, check=False)
    except OSError as error:
        raise InputError(f"Cannot run git: {error.strerror or error}. planner merge --install needs git.") from None
    if done.returncode != 0:
        if args[0] == "rev-parse":
            raise InputError(f"{where} is not in a git repository: put the plan in one first (git init).")
        raise InputError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()
