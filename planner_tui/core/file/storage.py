"""A TinyDB storage that never leaves a half-written plan file behind.

TinyDB's own JSONStorage rewrites the file in place, so a crash or a full disk
mid-write leaves broken JSON. This storage writes a temporary file in the same
folder, fsyncs it, renames it over the plan (`os.replace` is atomic on POSIX),
then fsyncs the folder so the rename itself survives a power loss.

It also keeps the parsed data in memory and re-reads the file only when its
identity (inode, mtime, size) changed, and it can batch several TinyDB
operations into one write, so a commit costs one serialisation and one fsync.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path
from typing import Any, Iterator

import orjson
from tinydb import Storage

# Stable key order and one field per line: two copies of a plan diff and merge
# by hand, and git stores small deltas.
DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE

Signature = tuple[int, int, int, int] | None
UNKNOWN: Signature = (-1, -1, -1, -1)  # matches no file, not even a missing one
# A temp file this old is stale even if its pid is alive again (pids get reused):
# no save takes anywhere near this long.
STALE_AFTER = 15 * 60


class UnreadableFile(Exception):
    """The file exists but is not JSON we can use; ``line``/``column`` say where."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        super().__init__(reason)
        self.reason, self.line, self.column = reason, line, column


def signature(path: Path) -> Signature:
    """What identifies one version of the file; None when there is no file.

    The change time is set by the kernel on every replace and, unlike the
    modification time, cannot be copied over by a sync tool.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)


def temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-{os.getpid()}-"


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files left by writers that died mid-save (their pid is gone, or long ago)."""
    removed = []
    for candidate in path.parent.glob(f".{path.name}.tmp-*"):
        pid = candidate.name[len(f".{path.name}.tmp-"):].split("-", 1)[0]
        if not pid.isdigit():
            continue
        with contextlib.suppress(OSError):
            if not _alive(int(pid)) or time.time() - candidate.stat().st_mtime > STALE_AFTER:
                candidate.unlink()
                removed.append(candidate)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def atomic_write(path: Path, payload: bytes, mode: int = 0o600, keep: bool = True,
                 through_link: bool = False) -> None:
    """Replace ``path`` with ``payload`` so readers see the old or the new file, never a mix.

    Any error before the rename (disk full, permission denied) leaves the old
    file as it was and no temp file behind. With ``keep`` the new file keeps
    the old one's permissions and, where we may set it, its owner; a new file
    (or any file, without ``keep``) gets ``mode`` narrowed by the umask.

    The temp file gets a unique name that no link can stand in for
    (`create_temp`). A link at ``path`` is replaced by the file, unless
    ``through_link``: then the file it points to is written (its temp file in
    that file's folder) and the link stays a link.
    """
    if through_link:
        path = Path(os.path.realpath(path))
    old = _stat_of(path) if keep else None
    fd, temp = create_temp(path, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if old is not None:
                _keep_owner_and_mode(handle.fileno(), old)
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    # The new file is in place: a failure from here on must not be reported as
    # a failed save (the caller would then believe the old plan is on disk).
    with contextlib.suppress(OSError):
        _fsync_folder(path.parent)


def create_temp(path: Path, mode: int = 0o600) -> tuple[int, str]:
    """A new, empty temp file beside ``path``, open for writing: ``(fd, its path)``.

    Like `tempfile.mkstemp` (a random name, created only if nothing is there,
    never through a link), but with ``mode`` (narrowed by the umask) instead
    of always 0600, so an export can be as readable as the person's other files.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for temp, _ in zip(temp_names(path), range(100)):
        try:
            return os.open(temp, flags, mode), temp
        except FileExistsError:  # someone's file, or a link planted there: never opened
            continue
    raise FileExistsError(errno.EEXIST, "No unused temporary file name", str(path.parent))


def temp_names(path: Path) -> Iterator[str]:
    """Random candidate names for a temp file beside ``path`` (ours: see `remove_stale_temps`).

    os.urandom, as `secrets.token_hex` uses, without importing secrets (hmac,
    hashlib, random: ~4 ms of every start, for commands that may write nothing)."""
    while True:
        yield os.path.join(path.parent, temp_prefix(path) + os.urandom(4).hex())


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    """Through the descriptor, not the name: the name may be swapped for a link meanwhile."""
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)


def _stat_of(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: some file systems refuse it)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def parse(raw: bytes) -> dict[str, Any] | None:
    """The tables in a plan file's bytes; None for an empty file."""
    if not raw or raw.isspace():  # empty; strip() would copy a 29 MB file to learn that
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise UnreadableFile(f"it is not valid JSON ({error.msg})", error.lineno, error.colno) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise UnreadableFile("it is JSON but not a plan (expected tables of documents)")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage: cached reads, batched atomic writes (see module docstring)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._loaded = False
        self.signature: Signature = None
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self.reload()
        return self._data

    def reload(self) -> dict[str, Any] | None:
        """Read the file again, whatever the cache holds."""
        before = signature(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raw = b""
        self._data, self._loaded = parse(raw), True
        self.signature = before
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data, self._loaded = data, True
        if self._batch_depth:
            self._dirty = True
        else:
            self.flush()

    @property
    def dirty(self) -> bool:
        """Written in the current batch, not yet flushed."""
        return self._dirty

    def flush(self) -> None:
        """Write the cached data to disk, atomically."""
        atomic_write(self.path, orjson.dumps(self._data or {}, option=DUMP_OPTIONS))
        self.signature = signature(self.path)
        self._dirty = False

    def forget(self) -> None:
        """Drop the cache (after a failed commit) so the next read sees the file."""
        self._data, self._loaded, self._dirty = None, False, False

    def invalidate(self) -> None:
        """Forget the file entirely (it was refused): the next check sees it as changed."""
        self.forget()
        self.signature = UNKNOWN

    def changed_on_disk(self) -> bool:
        return signature(self.path) != self.signature

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Collect the writes of several TinyDB operations into one flush."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self.forget()
            raise
        finally:
            self._batch_depth -= 1
        if self._dirty:
            try:
                self.flush()
            except BaseException:
                self.forget()
                raise
