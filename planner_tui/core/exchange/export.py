"""The plan in other tools' formats: Markdown, iCalendar and JSON.

Each exporter is a pure function of a `Plan` and ``now``; nothing here writes
a file. `planner_tui.core.exchange.importing` reads Markdown and JSON back, so the
Markdown grammar below (escapes, the ``— *due …*`` tail of a task, the
``Horizon: …`` line of a strategy, the ``Key result: …`` line and the values
under it) is a contract between the two.

User text reaches every format through `user_text`: control characters are
visible escapes in Markdown and .ics, and JSON escapes in JSON.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import orjson
import pendulum

from planner_tui.core.amounts import exact
from planner_tui.core.dates import deadline_words, describe
from planner_tui.core.errors import InputError
from planner_tui.core.filters import Selection, kept
from planner_tui.core.model import Strategy, StrategyStatus, Tactic, TacticStatus
from planner_tui.core.plan import Plan, deadline_order
from planner_tui.core.exchange.records import tree_walk
from planner_tui.core.exchange.vtodo import calendar_moment, tactic_todo, uid
from planner_tui.core.keyresults import Reading, readings, values_of
from planner_tui.core.outcomes import StrategyProgress, standings
from planner_tui.core.file.storage import DUMP_OPTIONS, atomic_write
from planner_tui.core.file.modified import FIELD as MODIFIED
from planner_tui.core.file.store import ID_TABLES, META_ID, SCHEMA, Store
from planner_tui.core.user_text import counted
from planner_tui.core.user_text import json_safe, visible

FORMAT_NAME = "planner-tui"
PRODID = "-//planner-tui//planner-tui//EN"
MARKER = "<!-- planner-tui plan, exported {day}. `planner import FILE.md` reads it back. -->"

# -- Markdown text ----------------------------------------------------------------

# Characters that mean something to Markdown (CommonMark, GitHub's extensions:
# tables, strikethrough, math) anywhere in a line. A backslash before ASCII
# punctuation is always a literal character, so escaping never changes the
# text a reader sees, and `unescape` gives back exactly what was written.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>#|~&$])")
# ...and at the start of a line: list markers, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# A deadline other tools write in a task's text (Obsidian, todo.txt), which the
# importer takes out of a title: an exported title escapes the date's first dash.
FOREIGN_DUE = re.compile(r"(?:^|\s)(?:📅\s*|due:)(\d{4}-\d{2}-\d{2})(?=\s|$)")


def escape(text: str, lines: bool = False) -> str:
    """One line of user text as Markdown that renders as exactly that text
    (control characters as `visible` escapes; ``lines`` keeps tabs, in a note)."""
    text = _ANYWHERE.sub(r"\\\1", visible(text, lines))
    text = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)
    return FOREIGN_DUE.sub(lambda m: m[0].replace("-", "\\-", 1), text)


def unescape(text: str) -> str:
    """The inverse of `escape` (and CommonMark's own backslash escapes)."""
    return _ESCAPED.sub(r"\1", text)


# -- Markdown ---------------------------------------------------------------------


def to_markdown(plan: Plan, now: pendulum.DateTime, selection: Selection | None = None) -> str:
    """The plan (or what ``selection`` shows, core/filters.py) as a document to share:
    nested headings, key results, task lists, deadlines.

    Top-level strategies are `#` headings, each level below one `#` more;
    past six levels the heading keeps growing (`#######`), which reads as
    plain text on a code-hosting site but imports back at its depth.
    """
    blocks = [MARKER.format(day=now.date().isoformat())]
    orphans = [t for t in sorted(plan.tactics.values(), key=lambda t: (t.position, t.id))
               if t.strategy not in plan.strategies]
    if orphans and selection is None:
        blocks.append("\n".join(_task_lines(t) for t in orphans))
    progress = standings(plan)
    for strategy, depth in tree_walk(plan, selection):
        blocks.extend(_strategy_blocks(plan, strategy, depth, now, progress[strategy.id], selection))
    return "\n\n".join(blocks) + "\n"


def _strategy_blocks(plan: Plan, strategy: Strategy, depth: int, now: pendulum.DateTime,
                     progress: StrategyProgress, selection: Selection | None) -> list[str]:
    blocks = ["#" * (depth + 1) + " " + escape(strategy.title)]
    if strategy.why:
        blocks.append("\n".join(_quoted(strategy.why, prefix="> ")))
    blocks.append(_strategy_facts(strategy, progress, now))
    blocks.extend(key_result_lines(plan, found) for found in readings(plan, strategy.id))
    tactics = [plan.tactics[i] for i in kept([t.id for t in plan.tactics_of(strategy.id)], selection)]
    if tactics:
        blocks.append("\n".join(_task_lines(t) for t in tactics))
    return blocks


def key_result_lines(plan: Plan, reading: Reading) -> str:
    """`Key result: ARR · from **400000** to **5000000** · unit **\\$** · since **2026-06-01** · now
    **1200000** (17%)`, then one line per value: `- **2026-09-01**: **600000** · first deal`.
    Amounts in full (`exact`), so they read back as they were."""
    key_result = reading.key_result
    head = (f"Key result: {escape(key_result.title)} · from **{exact(key_result.start)}** "
            f"to **{exact(key_result.target)}**")
    if key_result.unit:
        head += f" · unit **{escape(key_result.unit)}**"
    if key_result.start_date:
        head += f" · since **{key_result.start_date.isoformat()}**"
    head += (f" · now **{exact(reading.value)}** ({round(reading.progress * 100)}%)" if reading.measured
             else " · no value yet")
    values = [f"- **{value.date.isoformat()}**: **{exact(value.value)}**" + (f" · {escape(value.note)}" if value.note
                                                                              else "")
              for value in values_of(plan, key_result.id)]
    return "\n".join([head, *values])


def _quoted(text: str, prefix: str) -> list[str]:
    """Each line of a multi-line text as a block-quote line (empty lines too)."""
    return [(prefix + escape(line, lines=True)).rstrip() for line in re.split(r"\r\n|\r|\n", text)]


def _strategy_facts(strategy: Strategy, progress: StrategyProgress, now: pendulum.DateTime) -> str:
    """`Horizon: **2031-11-28** (in 5 years) · Progress: **1/3** (33%) · …`; where key results
    decide the progress, `Progress: **40%** (tactics **1/3**)`."""
    facts = []
    if strategy.horizon:
        facts.append(f"Horizon: **{strategy.horizon.isoformat()}** ({describe(strategy.horizon, now)})")
    tactics = progress.tactics
    if progress.measured:
        tactic_count = f"tactics **{tactics.cookie}**" if tactics.total else "no tactics yet"
        facts.append(f"Progress: **{progress.percent}%** ({tactic_count})")
    elif tactics.total:
        facts.append(f"Progress: **{tactics.cookie}** ({round(tactics.ratio * 100)}%)")
    else:
        facts.append("Progress: no tactics yet")
    status = strategy.status_on(now.date())
    if status is not StrategyStatus.ACTIVE:
        facts.append(f"Status: **{status.value}**")
    if strategy.review_every:
        facts.append(f"Review every **{counted(strategy.review_every, 'day')}**")
    return " · ".join(facts)


def _task_lines(tactic: Tactic) -> str:
    """`- [ ] Title — *due 2026-12-04 · in progress*`, then its notes as a quote."""
    closed = tactic.status in (TacticStatus.DONE, TacticStatus.DROPPED)
    title = escape(tactic.title)
    if tactic.status is TacticStatus.DROPPED:
        title = f"~~{title}~~"
    tail = []
    if tactic.due is not None:
        tail.append(f"due {deadline_words(tactic.due)}")
    if tactic.status is TacticStatus.DOING:
        tail.append("in progress")
    if tactic.status is TacticStatus.DROPPED:
        tail.append("dropped")
    if tactic.repeat:
        tail.append(f"repeats {tactic.repeat}")
    line = f"- [{'x' if closed else ' '}] {title}" + (f" — *{' · '.join(tail)}*" if tail else "")
    notes = _quoted(tactic.notes, prefix="  > ") if tactic.notes else []
    return "\n".join([line, *notes])


# -- iCalendar --------------------------------------------------------------------


def to_ics(plan: Plan, now: pendulum.DateTime, namespace: str | None = None,
           events: bool = False, selection: Selection | None = None) -> bytes:
    """An RFC 5545 calendar: a VTODO per open tactic with a deadline, and an
    all-day VEVENT per strategy horizon. UIDs come from the ids, so a calendar
    that subscribes to the file updates its entries instead of adding copies.

    ``events`` writes the tactics as events on their deadline instead, for
    calendars that show no to-dos from a subscription. ``selection``
    (core/filters.py): only the tactics it selects and the horizons of the
    strategies it matches (one person's calendar, say).
    """
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Plan")
    stamp = now.in_tz("UTC")
    for strategy in plan.tree_order():
        if strategy.horizon is not None and (selection is None or strategy.id in selection.matched):
            calendar.add_component(_horizon_event(plan, strategy, stamp, namespace))
    for tactic in sorted(plan.tactics.values(), key=deadline_order):
        if tactic.status.is_open and tactic.due is not None and (selection is None or tactic.id in selection.tactics):
            calendar.add_component((_deadline_event if events else tactic_todo)(plan, tactic, stamp, namespace))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _deadline_event(plan: Plan, tactic: Tactic, stamp: pendulum.DateTime, namespace: str | None):
    """A tactic as an event: all day on its date, or at its time (no length: a deadline)."""
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid(tactic.key, namespace))
    event.add("dtstamp", stamp)
    if tactic.created is not None:
        event.add("created", tactic.created.in_tz("UTC"))
    event.add("summary", visible(tactic.title))
    event.add("dtstart", calendar_moment(tactic.due))
    if not isinstance(tactic.due, pendulum.DateTime):
        event.add("dtend", tactic.due.add(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("status", "CONFIRMED")
    if tactic.strategy in plan.strategies:
        event.add("related-to", uid(f"s{tactic.strategy}", namespace))
    if tactic.notes:
        event.add("description", visible(tactic.notes, lines=True))
    return event


def _horizon_event(plan: Plan, strategy: Strategy, stamp: pendulum.DateTime, namespace: str | None):
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid(strategy.key, namespace))
    event.add("dtstamp", stamp)
    if strategy.created is not None:
        event.add("created", strategy.created.in_tz("UTC"))
    achieved = " (achieved)" if strategy.status is StrategyStatus.ACHIEVED else ""
    event.add("summary", f"Horizon: {visible(strategy.title)}{achieved}")
    event.add("dtstart", strategy.horizon)
    event.add("dtend", strategy.horizon.add(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("status", "CANCELLED" if strategy.status is StrategyStatus.DROPPED else "CONFIRMED")
    if strategy.parent in plan.strategies:
        event.add("related-to", uid(f"s{strategy.parent}", namespace))
    progress = plan.progress(strategy.id)
    facts = f"Progress: {progress.cookie} tactics done."
    why = visible(strategy.why, lines=True)
    event.add("description", f"{why}\n\n{facts}" if why else facts)
    return event


# -- JSON -------------------------------------------------------------------------


def id_counters(store: Store) -> dict[str, int]:
    """The file's id counters (``meta.ids``), so a restore never reuses a deleted id."""
    meta = ((store.storage.read() or {}).get("meta") or {}).get(str(META_ID)) or {}
    ids = meta.get("ids") if isinstance(meta, dict) else None
    return dict(ids) if isinstance(ids, dict) else {}


def stamps(store: Store) -> dict[str, dict[str, str]]:
    """Each document's ``modified`` stamp as the file holds it (core/file/modified.py),
    by table and id as text: an export keeps them, so that a restore or a merge of it
    knows when each thing last changed."""
    stored = store.storage.read() or {}
    return {name: {key: doc[MODIFIED] for key, doc in docs.items() if isinstance(doc, dict) and doc.get(MODIFIED)}
            for name, docs in stored.items() if name in ID_TABLES and isinstance(docs, dict)}


def to_json(plan: Plan, now: pendulum.DateTime, ids: dict[str, int] | None = None,
            stamped: dict[str, dict[str, str]] | None = None) -> str:
    """Everything in the plan, with its ``schema``, sorted and one field per line;
    ``stamped``: the documents' ``modified`` stamps (`stamps`)."""
    stamped = stamped or {}
    payload: dict[str, Any] = {
        "format": FORMAT_NAME,
        "schema": SCHEMA,
        "exported": now.isoformat(),
        "ids": dict(ids or {}),
        "tables": {
            name: {str(key): _with_stamp(item.to_doc(), stamped.get(name, {}).get(str(key)))
                   for key, item in getattr(plan, name).items()}
            for name in ID_TABLES
        },
    }
    return json_safe(orjson.dumps(payload, option=DUMP_OPTIONS).decode())


def _with_stamp(doc: dict[str, Any], stamp: str | None) -> dict[str, Any]:
    return {**doc, MODIFIED: stamp} if stamp else doc


def export(plan: Plan, fmt: str, now: pendulum.DateTime, *, namespace: str | None = None,
           ids: dict[str, int] | None = None, events: bool = False, selection: Selection | None = None,
           stamped: dict[str, dict[str, str]] | None = None) -> bytes:
    """One entry point for the CLI and the app: ``fmt`` is markdown, ics or json.

    A JSON export is the whole plan (a backup `planner import` restores), so it
    takes no ``selection``: an `InputError` says so."""
    if fmt == "markdown":
        return to_markdown(plan, now, selection).encode()
    if fmt == "ics":
        return to_ics(plan, now, namespace, events, selection)
    if fmt == "json":
        if selection is not None:
            raise InputError("A JSON export is the whole plan (a backup to import), so it takes no filters; "
                             "filter a Markdown or .ics export, or `planner list --json`.")
        return to_json(plan, now, ids, stamped).encode()
    raise ValueError(f"unknown export format {fmt!r}")


SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown",
            ".ics": "ics", ".ical": "ics", ".json": "json"}


def format_for(path: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """The format asked for, else the one the file name says, else Markdown."""
    if fmt:
        return "markdown" if fmt == "md" else fmt
    if path is not None and str(path) != "-":
        return SUFFIXES.get(Path(path).suffix.lower(), "markdown")
    return "markdown"


def write_export(store: Store, path: str | os.PathLike[str], now: pendulum.DateTime,
                 fmt: str | None = None, namespace: str | None = None, events: bool = False,
                 selection: Selection | None = None) -> tuple[Path, str]:
    """Export to a file, replacing it in one step; returns the path written and the format.

    `InputError` for a path that cannot be one (the plan file itself, a
    folder, a folder that does not exist); `OSError` when the disk refuses.
    """
    target = Path(path).expanduser()
    if os.path.realpath(target) == os.path.realpath(store.path):
        raise InputError(f"{path} is the plan file itself; export to another file.")
    if target.is_dir():
        raise InputError(f"Cannot write {path}: it is a folder.")
    folder = Path(os.path.realpath(target)).parent  # where a link there points
    if not folder.is_dir():
        raise InputError(f"Cannot write {path}: the folder {folder} does not exist.")
    fmt = format_for(target, fmt)
    # The person's own file: as readable as their others (the umask decides), and a
    # link there (a calendar feed in a synced folder, say) stays a link.
    atomic_write(target, export_store(store, fmt, now, namespace, events, selection), mode=0o666, through_link=True)
    return target, fmt


def export_store(store: Store, fmt: str, now: pendulum.DateTime, namespace: str | None = None,
                 events: bool = False, selection: Selection | None = None) -> bytes:
    """`export` of a store's plan, with the file's id counters and stamps in a JSON export."""
    if fmt != "json":
        return export(store.plan, fmt, now, namespace=namespace, events=events, selection=selection)
    return export(store.plan, fmt, now, ids=id_counters(store), stamped=stamps(store), selection=selection)
