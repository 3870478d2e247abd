"""A copy of a plan file read for merging: git's three versions, a conflict copy, a backup.

Read like the plan itself (core/file/storage.py parses, the store's migrations
upgrade an older schema, core/file/validation.py checks), but without a `Store`:
nothing is written beside the copy (a git merge hands us temporary files), and
an older copy is upgraded in memory only. What cannot be read is `Unreadable`,
naming the file and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from planner_tui.core.errors import InputError
from planner_tui.core.file import validation
from planner_tui.core.file.renumber import Tables, handed_out
from planner_tui.core.file.storage import DUMP_OPTIONS, UnreadableFile, parse
from planner_tui.core.file.store import META_ID, MIGRATIONS, SCHEMA


class Unreadable(InputError):
    """A copy that cannot be merged: not a plan, broken, or from a newer planner_tui."""


@dataclass
class Copy:
    """One copy of a plan: its tables of documents by id (``meta`` apart) and its meta document."""

    tables: Tables
    meta: dict[str, Any] = field(default_factory=dict)

    def handed(self) -> dict[str, int]:
        """The highest id each table has handed out (`renumber.handed_out`)."""
        counters = self.meta.get("ids") or {}
        handed = {table: count for table, count in counters.items() if isinstance(count, int)}
        for table, docs in self.tables.items():
            handed[table] = handed_out(docs, counters.get(table))
        return handed

    def file_tables(self) -> dict[str, Any]:
        """The copy as the plan file holds it (ids as text; a table without documents left out)."""
        data: dict[str, Any] = {table: {str(i): doc for i, doc in sorted(docs.items())}
                                for table, docs in self.tables.items() if docs}
        data["meta"] = {str(META_ID): self.meta}
        return data

    def dumps(self) -> bytes:
        """The bytes of the file, written as the store writes it."""
        return orjson.dumps(self.file_tables(), option=DUMP_OPTIONS)


def read_copy(raw: bytes, name: str) -> Copy | None:
    """The copy in a file's bytes; None for an empty file (git's base when there is
    none). `Unreadable` when it is not a plan this program can use."""
    try:
        data = parse(raw)
    except UnreadableFile as error:
        where = f" at line {error.line}, column {error.column}" if error.line else ""
        raise Unreadable(f"{name}: {error.reason}{where}.") from None
    if data is None:
        return None
    schema = _schema(data, name)
    for version in range(schema, SCHEMA):
        MIGRATIONS[version](data)
    try:
        validation.check_tables(data)
    except validation.Invalid as error:
        raise Unreadable(f"{name}: in {error}.") from None
    meta = dict((data.get("meta") or {}).get(str(META_ID)) or {})
    meta["schema"] = SCHEMA
    tables = {table: {int(key): doc for key, doc in docs.items()} for table, docs in data.items() if table != "meta"}
    return Copy(tables, meta)


def _schema(data: dict[str, Any], name: str) -> int:
    meta = (data.get("meta") or {}).get(str(META_ID)) or {}
    schema = meta.get("schema", 1) if isinstance(meta, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise Unreadable(f"{name}: its meta.schema is {schema!r}, not a schema number.")
    if schema > SCHEMA:
        raise Unreadable(f"{name}: it was written by a newer planner_tui (schema {schema}; "
                         f"this one knows up to {SCHEMA}).")
    return schema
