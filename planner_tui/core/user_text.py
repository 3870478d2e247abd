r"""Text people typed: what is kept of it, and how it is shown.

Two rules, each in one place, about the same characters: the C0 and C1
controls, DEL, the bidi embeddings, overrides and isolates, and the line and
paragraph separators. Printed raw, ``ESC c`` resets the reader's terminal,
OSC 8 hides a link behind words, BEL rings, and U+202E turns the rest of a
line around ("Trojan Source").

On the way in they are dropped (`one_line` for titles and one-line notes,
`many_lines` for notes and whys, which keep newline and tab), so what is
stored is what is shown. On the way out, any that are still there (a
hand-edited file, one written by an older version) are shown as visible
escapes, the way Python's ``repr`` writes them (`\x1b`, `\n`, `\u202e`), by
the CLI, the app and every export (`visible`). A JSON export keeps the
characters exactly, as JSON's own escapes (`json_safe`). A line being edited
shows each as one character instead (`one_cell`), so the cursor stays on
the character it is on.

A backslash a person typed is shown as it is, so `\x1b` typed as text and an
escape character look alike: the point is that neither does anything.
"""

from __future__ import annotations

import re

# Besides the controls: the bidi embeddings, overrides and isolates (they reorder
# what follows on the line), and the line and paragraph separators (line breaks
# to some readers, not to others).
_FORMAT = "\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_FORMAT}]")
_UNSAFE_IN_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMAT}]")
_UNSAFE_IN_ONE_CELL = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_FORMAT}]")
# What a JSON encoder leaves raw: it must escape U+0000-U+001F itself (RFC 8259).
_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_FORMAT}]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Line ends as Unicode counts them (CR LF, CR, NEL, LS, PS), for notes.
_LINE_ENDS = re.compile("\r\n|[\r\x85\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _SHORT:
        return _SHORT[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def visible(text: str, lines: bool = False) -> str:
    r"""``text`` safe to print: each of those characters as its escape (`\x1b`).

    ``lines`` keeps newline and tab (a note shown over several lines, a
    Markdown quote); otherwise they are escaped too, for one-line places
    such as a table cell or a tree row.
    """
    if text.isprintable():  # the usual case, told in C: each of those characters is not printable
        return text
    return (_UNSAFE_IN_LINES if lines else _UNSAFE).sub(_escape, text)


# The Control Pictures (␀ … ␟, ␡) where Unicode has one, else the replacement character.
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7f: "\u2421"}


def one_cell(text: str) -> str:
    r"""``text`` for a line someone edits: each of those characters but tab (which
    the line expands) as one visible character, `\x1b` as ␛, a newline as ␊."""
    return _UNSAFE_IN_ONE_CELL.sub(lambda match: _PICTURES.get(ord(match[0]), "\ufffd"), text)


def json_safe(document: str) -> str:
    r"""A JSON document with the characters its encoder left raw (C1, DEL, bidi
    controls, separators) as ``\u`` escapes: the same strings to any JSON
    reader, nothing a terminal obeys when the document is printed."""
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", document)


def _dropped(text: str, keep: str) -> str:
    """Those characters out: the ones in ``keep`` stay, whitespace ones become a
    space (a vertical tab still separates words), the rest go."""
    def replace(match: re.Match[str]) -> str:
        char = match[0]
        return char if char in keep else (" " if char.isspace() else "")

    return _UNSAFE.sub(replace, text)


def one_line(text: str) -> str:
    """One line as kept (titles, check-in and review notes): none of those
    characters, every run of whitespace one space, none at either end."""
    return " ".join(_dropped(text, "").split())


def many_lines(text: str) -> str:
    """Notes and whys as kept: lines end in a newline, with no blank space at
    their end (Markdown would drop it), tabs stay, the rest as `one_line`."""
    lines = _dropped(_LINE_ENDS.sub("\n", text), "\n\t").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def counted(n: int, one: str, many: str | None = None) -> str:
    """`1 tactic`, `3 tactics`, `1,200 sub-strategies`: a count and its noun, the one rule for plurals."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"
