"""Files beside the plan (backups, the undo journal, the UI state), kept as safe as the plan.

They sit next to the plan, sometimes in a folder others can write to (a shared
/tmp, a synced folder), and they hold the plan or pieces of it. So:

- they are written by `storage.atomic_write` with a unique temp name no planted
  link can stand in for; a link at the side file's own name is replaced, never
  followed, so nothing outside the plan's folder is written;
- they are created with the plan's permissions or narrower (the umask narrows);
- a side folder (the backups) must be a real folder of the plan's owner: a link
  or another user's folder is refused with a message naming it. One of ours
  that is wider than the plan (older versions made it 0755) is narrowed;
- a side file that cannot be read as what it should be is set aside (renamed
  beside it) with a warning naming it, and the program goes on without it:
  a broken view state or undo journal must not stop anyone using their plan.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shlex
import stat
import time
from pathlib import Path
from typing import Callable, TypeVar

from planner_tui.core.errors import SaveError
from planner_tui.core.file.storage import atomic_write

T = TypeVar("T")
# What a parser of a side file raises for content it cannot use.
UNUSABLE = (ValueError, TypeError, KeyError, AttributeError, ArithmeticError)


class UnsafeFolder(SaveError):
    """A side folder that is not the plan owner's own; the message names it and says what to do."""


class _Unfit(Exception):
    """A side file that is not a regular file of ours (a link, a FIFO, another user's)."""


def plan_mode(plan_path: Path) -> int:
    """The plan's read and write bits (0600 before it exists): the most a side file gets."""
    try:
        return stat.S_IMODE(os.stat(plan_path).st_mode) & 0o666
    except OSError:
        return 0o600


def write(path: Path, payload: bytes, plan_path: Path) -> None:
    """Replace the side file ``path`` atomically, with the plan's permissions or narrower."""
    atomic_write(path, payload, mode=plan_mode(plan_path), keep=False)


def folder(path: Path, plan_path: Path, what: str) -> Path:
    """The side folder ``path``, made when missing; `UnsafeFolder` when it is not ours alone.

    ``what`` names it in messages ("the backups folder").
    """
    allowed = _folder_mode(plan_mode(plan_path))
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, allowed)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise UnsafeFolder(_refusal(path, what, _folder_problem(path, error))) from None
    try:
        _own_and_narrow(fd, path, plan_path, what, allowed)
    finally:
        os.close(fd)
    return path


def _own_and_narrow(fd: int, path: Path, plan_path: Path, what: str, allowed: int) -> None:
    """Refuse another user's folder; narrow ours to ``allowed`` (through the descriptor)."""
    info = os.fstat(fd)
    if info.st_uid not in owners(plan_path):
        raise UnsafeFolder(_refusal(path, what, f"belongs to another user (uid {info.st_uid})"))
    if stat.S_IMODE(info.st_mode) & ~allowed:
        os.fchmod(fd, stat.S_IMODE(info.st_mode) & allowed)


def _folder_mode(file_mode: int) -> int:
    """A folder as open as a file of ``file_mode``: its owner's, plus search where reading is allowed."""
    return 0o700 | file_mode & 0o066 | (file_mode & 0o044) >> 2


def owners(plan_path: Path) -> set[int]:
    """Who may own a side folder: whoever runs the program, and the plan's owner."""
    found = {os.geteuid()}
    try:
        found.add(os.stat(plan_path).st_uid)
    except OSError:
        pass
    return found


def _folder_problem(path: Path, error: OSError) -> str:
    if path.is_symlink():
        return f"is a symbolic link (to {os.readlink(path)})"
    if error.errno == errno.ENOTDIR:
        return "is not a folder"
    return f"cannot be opened ({error.strerror or error})"


def _refusal(path: Path, what: str, problem: str) -> str:
    return (f"Not saved: {what} {path} {problem}. Files kept beside the plan go only into a "
            "real folder of the plan's owner, so that no one else can redirect or read them. "
            f"Move it out of the way (for example: mv {shlex.quote(str(path))} "
            f"{shlex.quote(str(path) + '.old')}) and try again; the plan file was not changed.")


def load(path: Path, plan_path: Path, parse: Callable[[bytes], T], what: str, then: str,
         warn: Callable[[str], None]) -> T | None:
    """The side file ``path`` read by ``parse``; None when there is none, or it is broken.

    A broken one (``parse`` raises one of `UNUSABLE`, or it is a link, not a
    regular file, or not the plan owner's) is set aside, and ``warn`` gets a message
    naming it: what (``what``) was set aside, where, and ``then``, what follows.
    """
    try:
        return parse(_read(path, plan_path))
    except FileNotFoundError:
        return None
    except _Unfit as error:
        problem = str(error)
    except OSError as error:
        problem = f"cannot be read ({error.strerror or error})"
    except UNUSABLE as error:
        problem = f"cannot be used ({error})"
    warn(set_aside(path, f"{what} {path} {problem}", then))
    return None


def _read(path: Path, plan_path: Path) -> bytes:
    """The bytes of a regular file of ours at ``path``, without following a link there."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if path.is_symlink():
            raise _Unfit(f"is a symbolic link (to {os.readlink(path)})") from None
        raise error
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unfit("is not a regular file")
        if info.st_uid not in owners(plan_path):
            raise _Unfit(f"belongs to another user (uid {info.st_uid})")
        return handle.read()


def set_aside(path: Path, problem: str, then: str) -> str:
    """Rename ``path`` beside itself (``NAME.broken-<time>``); the warning that says so."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while os.path.lexists(aside):
        number += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{number}")
    try:
        os.rename(path, aside)
    except OSError as error:
        return f"{_capital(problem)}; it could not be set aside ({error.strerror or error}), so it is ignored, and {then}."
    return f"{_capital(problem)}; it was set aside as {aside.name}, and {then}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
