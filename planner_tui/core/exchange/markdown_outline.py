"""Read a Markdown outline: headings become strategies, task items tactics.

It reads what `export.to_markdown` writes (escapes, the `— *due …*` tail of a
task, the `Horizon: …` line, notes as a quote under a task, a `Key result: …`
line with its values listed right under it) and the outlines
people already keep: ATX and setext headings at any depth, `- [ ]`, `* [x]`,
`1. [ ]` items at any indentation, Obsidian's `📅 2026-12-01` and todo.txt's
`due:2026-12-01`. Nothing is dropped on the way: text that is neither a
heading nor a task becomes the why of its strategy (or the notes of the task
it is indented under); task items before the first heading go to one extra
strategy. Odd input is kept as text; only headings nested deeper than a plan
may be (`MAX_DEPTH`) are refused, naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pendulum import Date

from planner_tui.core.amounts import Number, parse_amount
from planner_tui.core.dates import When, parse_deadline_words
from planner_tui.core.errors import InputError
from planner_tui.core.exchange.export import FOREIGN_DUE, unescape
from planner_tui.core.file.validation import MAX_UNIT
from planner_tui.core.model import MAX_DEPTH, StrategyStatus, TacticStatus
from planner_tui.core.repeat import validate_rule

_HEADING = re.compile(r"^ {0,3}(#+)(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING = re.compile(r"[ \t]+#+$")
_TASK = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\](?:[ \t]+(.*?))?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}> ?(.*)$")
_BREAK = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_TAIL = re.compile(r"^(?P<title>.*?) — \*(?P<meta>[^*]+)\*$")
_FACTS = {
    "horizon": re.compile(r"^Horizon: \*\*(\d{4}-\d{2}-\d{2})\*\*(?: \([^()]*\))?$"),
    "progress": re.compile(r"^Progress: (?:\*\*\d+/\d+\*\* \(\d+%\)|no tactics yet"
                           r"|\*\*\d+%\*\* \((?:tactics \*\*\d+/\d+\*\*|no tactics yet)\))$"),
    "status": re.compile(r"^Status: \*\*(active|achieved|dropped)\*\*$"),
    "review_every": re.compile(r"^Review every \*\*(\d+) days?\*\*$"),
}
_BOLD = r"\*\*((?:[^*\\]|\\.)+)\*\*"  # **text**, its stars escaped inside
_KEY_RESULT = re.compile(
    rf"^Key result: (?P<title>.+?) · from {_BOLD} to {_BOLD}(?: · unit {_BOLD})?"
    r"(?: · since \*\*(\d{4}-\d{2}-\d{2})\*\*)?(?: · now \*\*[^*]+\*\* \(\d+%\)| · no value yet)?$")
_VALUE = re.compile(rf"^- \*\*(\d{{4}}-\d{{2}}-\d{{2}})\*\*: {_BOLD}(?: · (.*))?$")


@dataclass
class OutlineTactic:
    title: str
    status: TacticStatus = TacticStatus.TODO
    due: When | None = None
    notes: str = ""
    repeat: str | None = None


@dataclass
class OutlineKeyResult:
    title: str
    start: Number
    target: Number
    unit: str = ""
    since: Date | None = None
    values: list[tuple[Date, Number, str]] = field(default_factory=list)


@dataclass
class OutlineStrategy:
    title: str
    level: int = 1
    why_lines: list[str] = field(default_factory=list)
    horizon: Date | None = None
    status: StrategyStatus | None = None
    review_every: int | None = None
    key_results: list[OutlineKeyResult] = field(default_factory=list)
    tactics: list[OutlineTactic] = field(default_factory=list)
    children: list[OutlineStrategy] = field(default_factory=list)

    @property
    def why(self) -> str:
        return "\n".join(self.why_lines).strip("\n")


@dataclass
class Outline:
    roots: list[OutlineStrategy] = field(default_factory=list)

    def walk(self) -> list[OutlineStrategy]:
        """Every strategy, depth first."""
        found, stack = [], list(reversed(self.roots))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(node.children))
        return found

    def count_strategies(self) -> int:
        return len(self.walk())

    def count_tactics(self) -> int:
        return sum(len(node.tactics) for node in self.walk())

    def count_key_results(self) -> int:
        return sum(len(node.key_results) for node in self.walk())


def parse_outline(text: str, loose_title: str = "Imported tasks") -> Outline:
    """The outline in ``text``; `InputError` only for headings nested too deep."""
    reader = _Reader(loose_title)
    lines = _lines(text)
    for index in range(_body_start(lines), len(lines)):
        reader.feed(lines[index], index + 1)
    return reader.outline


def _lines(text: str) -> list[str]:
    """The lines, without a byte-order mark, whatever their line ends."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _body_start(lines: list[str]) -> int:
    """Where the body starts: after YAML front matter, if any."""
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                return end + 1
    return 0


class _Reader:
    """A line-by-line state machine; see the module docstring for what goes where."""

    def __init__(self, loose_title: str) -> None:
        self.outline = Outline()
        self.loose_title = loose_title
        self.stack: list[OutlineStrategy] = []
        self.preamble: list[str] = []
        self.tactic: OutlineTactic | None = None
        self.key_result: OutlineKeyResult | None = None  # whose values the next lines may list
        self.notes_gap = False
        self.paragraph_gap = False
        self.fence: str | None = None
        self.in_comment = False
        self.last_plain: str | None = None
        self.number = 0  # of the line being read, for messages

    # -- where text goes ----------------------------------------------------------

    @property
    def strategy(self) -> OutlineStrategy | None:
        return self.stack[-1] if self.stack else None

    def _why(self, text: str) -> None:
        lines = self.strategy.why_lines if self.strategy else self.preamble
        if self.paragraph_gap and lines:
            lines.append("")
        self.paragraph_gap = False
        lines.append(text)

    def _note(self, text: str) -> None:
        if self.notes_gap and self.tactic.notes:
            self.tactic.notes += "\n"
        self.notes_gap = False
        self.tactic.notes = f"{self.tactic.notes}\n{text}" if self.tactic.notes else text

    # -- lines ------------------------------------------------------------------------

    def feed(self, line: str, number: int = 0) -> None:
        self.number = number
        if self.in_comment:
            self.in_comment = "-->" not in line
            return
        if self.fence is not None:
            self._text(line, raw=True)
            if line.strip().startswith(self.fence):
                self.fence = None
            return
        if not line.strip():
            self.notes_gap = self.paragraph_gap = True
            self.last_plain = None
            self.key_result = None
            return
        plain = self.last_plain
        self.last_plain = None
        if line.lstrip().startswith("<!--"):
            self.in_comment = "-->" not in line
        elif fence := _FENCE.match(line):
            self.fence = fence[1][0] * 3
            self._text(line, raw=True)
        elif heading := _HEADING.match(line):
            self._heading(len(heading[1]), _CLOSING.sub("", heading[2] or ""))
        elif task := _TASK.match(line):
            self._task(task[1], task[2] or "")
        elif plain is not None and _SETEXT.match(line):
            self._setext(plain, 1 if line.strip().startswith("=") else 2)
        elif _BREAK.match(line):
            self.tactic = None
        else:
            self._text(line)

    def _text(self, line: str, raw: bool = False) -> None:
        """Notes of the task it is indented under, else the strategy's why."""
        if self.tactic is not None and line[:1] in (" ", "\t"):
            content = line.strip()
            if not raw and content.startswith(">"):
                content = content[2:] if content.startswith("> ") else content[1:]
            self._note(content if raw else unescape(content))
            return
        self.tactic = None
        if not raw and self.strategy is not None and (self._value(line) or self._key_result(line)
                                                      or self._facts(line.strip())):
            return
        self.key_result = None
        if raw:
            self._why(line)
            return
        quote = _QUOTE.match(line)
        self._why(unescape(quote[1] if quote else line.strip()))
        if not quote:
            self.last_plain = line

    def _facts(self, line: str) -> bool:
        """`Horizon: **2031-11-28** (in 5 years) · Progress: … · Status: … · Review every …`."""
        found: dict[str, str] = {}
        for item in line.split(" · "):
            name = next((n for n, pattern in _FACTS.items() if pattern.match(item)), None)
            if name is None or name in found:
                return False
            found[name] = _FACTS[name].match(item).group(1) if name != "progress" else ""
        try:
            horizon = Date.fromisoformat(found["horizon"]) if "horizon" in found else None
        except ValueError:
            return False
        review = int(found["review_every"]) if "review_every" in found else None
        if review is not None and not 1 <= review <= 3650:
            return False
        node = self.strategy
        node.horizon = horizon or node.horizon
        node.status = StrategyStatus(found["status"]) if "status" in found else node.status
        node.review_every = review or node.review_every
        return True

    def _key_result(self, line: str) -> bool:
        """`Key result: ARR · from **400000** to **5000000** · unit **\\$** · since **2026-06-01** · …`."""
        match = _KEY_RESULT.match(line)
        found = read_key_result(match) if match else None
        if found is None:
            return False
        self.strategy.key_results.append(found)
        self.key_result = found
        return True

    def _value(self, line: str) -> bool:
        """`- **2026-09-01**: **600000** · a note`, right under its key result."""
        match = _VALUE.match(line) if self.key_result is not None else None
        if match is None:
            return False
        try:
            day, amount = Date.fromisoformat(match[1]), parse_amount(unescape(match[2])).value
        except (ValueError, InputError):
            return False
        self.key_result.values.append((day, amount, unescape(match[3] or "")))
        return True

    def _heading(self, level: int, text: str) -> None:
        self.tactic = self.key_result = None
        self.paragraph_gap = False
        node = OutlineStrategy(unescape(text.strip()), level)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if len(self.stack) >= MAX_DEPTH:
            raise InputError(f"Line {self.number}: a heading nested {len(self.stack) + 1} levels deep; "
                             f"a plan keeps strategies at most {MAX_DEPTH} levels deep. Nothing was written.")
        (self.stack[-1].children if self.stack else self.outline.roots).append(node)
        self.stack.append(node)

    def _setext(self, plain: str, level: int) -> None:
        """`Title` over `=====`: the line just added to the why was a heading."""
        lines = self.strategy.why_lines if self.strategy else self.preamble
        lines.pop()
        while lines and lines[-1] == "":
            lines.pop()
        self._heading(level, plain.strip())

    def _task(self, mark: str, rest: str) -> None:
        if self.strategy is None:
            loose = OutlineStrategy(self.loose_title, level=1, why_lines=self.preamble)
            self.outline.roots.insert(0, loose)
            self.stack.append(loose)
        self.tactic = read_task(mark.lower() == "x", rest)
        self.key_result = None
        self.notes_gap = False
        self.strategy.tactics.append(self.tactic)


def read_task(checked: bool, rest: str) -> OutlineTactic:
    """One task item's text: title, status, deadline and repeat rule."""
    title, meta = rest, {}
    if tail := _TAIL.match(rest):
        parsed = _task_meta(tail["meta"])
        if parsed is not None:
            title, meta = tail["title"], parsed
    due = meta.get("due")
    if due is None and (found := FOREIGN_DUE.search(title)):
        try:
            due = Date.fromisoformat(found[1])
            title = (title[:found.start()] + title[found.end():]).strip()
        except ValueError:
            pass
    struck = _struck(title)
    if struck:
        title = title[2:-2]
    status = TacticStatus.DONE if checked else TacticStatus.TODO
    if meta.get("dropped") or struck:
        status = TacticStatus.DROPPED
    elif meta.get("doing") and not checked:
        status = TacticStatus.DOING
    return OutlineTactic(unescape(title), status, due, repeat=meta.get("repeat"))


def read_key_result(match: re.Match[str]) -> OutlineKeyResult | None:
    """A `Key result: …` line's key result; None when it is not one a plan can hold
    (then the line is kept as text)."""
    title, start, target, unit, since = match["title"], match[2], match[3], match[4], match[5]
    unit = unescape(unit or "")
    try:
        first, last = parse_amount(unescape(start)).value, parse_amount(unescape(target)).value
        day = Date.fromisoformat(since) if since else None
    except (ValueError, InputError):
        return None
    if first == last or len(unit) > MAX_UNIT:
        return None
    return OutlineKeyResult(unescape(title), first, last, unit, day)


def _struck(title: str) -> bool:
    """`~~title~~`, the closing marker not escaped: an even run of backslashes
    before it (`~~back\\\\~~` is a struck `back\\`)."""
    if len(title) <= 4 or not (title.startswith("~~") and title.endswith("~~")):
        return False
    body = title[2:-2]
    return (len(body) - len(body.rstrip("\\"))) % 2 == 0


def _task_meta(text: str) -> dict | None:
    """`due 2026-12-04 17:00 +13:00 Pacific/Auckland · in progress · repeats 1w`; None when it is not ours."""
    meta: dict = {}
    for item in text.split(" · "):
        if item == "in progress":
            meta["doing"] = True
        elif item == "dropped":
            meta["dropped"] = True
        elif item.startswith("repeats "):
            try:
                meta["repeat"] = validate_rule(item.removeprefix("repeats "))
            except InputError:
                return None
        elif item.startswith("due "):
            meta["due"] = parse_deadline_words(item.removeprefix("due "))
            if meta["due"] is None:
                return None
        else:
            return None
    return meta
