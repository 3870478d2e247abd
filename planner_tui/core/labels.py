"""Owners and tags: the short names people put on strategies and tactics, written one way.

An owner (`ana`) says who does the work; tags (`launch`, `q3`) group work across
the tree. Both are typed in many places (`--owner`, `--tag`, a view in the
settings, `@ana` and `#launch` in a search) and compared everywhere, so each is
stored in one form: lower case, letters, digits, `-`, `_` and `.`, starting with
a letter or a digit, at most `MAX_NAME` characters. A leading `@` (an owner) or
`#` (a tag) is how people write them in a search, and is dropped.

`clean_owner` and `clean_tags` read what people type (an `InputError` naming
the field for what cannot be a name); `owner_problem` and `tags_problem` are
core/file/validation.py's rules for what the file may hold: exactly the clean form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from planner_tui.core.errors import InputError

MAX_NAME = 32
MAX_TAGS = 20
_NAME = re.compile(r"[^\W_][\w.-]*")
_SEPARATORS = re.compile(r"[\s,]+")
NAME_RULE = f"letters, digits, - _ and . (starting with a letter or digit, at most {MAX_NAME})"


def _clean(text: str, what: str, sign: str) -> str:
    """One name as stored; an InputError saying what a name may hold."""
    name = unicodedata.normalize("NFC", text.strip()).removeprefix(sign).lower()
    if not name or len(name) > MAX_NAME or not _NAME.fullmatch(name):
        raise InputError(f"{what} {text.strip()!r} is not a name: use {NAME_RULE}.")
    return name


def clean_owner(text: str | None) -> str | None:
    """`@Ana` -> `ana`; empty (or None) -> None: no owner of its own."""
    if text is None or not text.strip() or text.strip().lower() in ("none", "-"):
        return None
    return _clean(text, "The owner", "@")


ME = "me"


def whose(owner: str | None, me: str | None) -> str | None:
    """A clean owner with `me` read as the settings' ``owner``; `InputError` when
    `me` is asked for and the settings name no one."""
    if owner != ME:
        return owner
    if me is None:
        raise InputError('The owner "me" is the settings\' owner, and none is set: add '
                         'owner = "your-name" to the settings file (see `planner settings`).')
    return me


def clean_tag(text: str) -> str:
    """`#Launch` -> `launch`."""
    return _clean(text, "The tag", "#")


def clean_tags(texts: Iterable[str]) -> tuple[str, ...]:
    """Tags as typed (each may hold several, split at commas and spaces), each once,
    in the order first given; at most MAX_TAGS."""
    found: list[str] = []
    for text in texts:
        for part in _SEPARATORS.split(text):
            if part and (tag := clean_tag(part)) not in found:
                found.append(tag)
    if len(found) > MAX_TAGS:
        raise InputError(f"At most {MAX_TAGS} tags, not {len(found)}.")
    return tuple(found)


def _is_clean(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_NAME and bool(_NAME.fullmatch(value)) \
        and value == unicodedata.normalize("NFC", value).lower()


def owner_problem(value: Any) -> str | None:
    """What is wrong with a stored owner (None: nothing; null is no owner)."""
    if value is None or _is_clean(value):
        return None
    return f"is {value!r}, not an owner ({NAME_RULE}, in lower case) or null"


def tags_problem(value: Any) -> str | None:
    """What is wrong with stored tags: a list of distinct clean names (or null)."""
    if value is None:
        return None
    if not isinstance(value, list):
        return f"is {value!r}, not a list of tags"
    wrong = [tag for tag in value if not _is_clean(tag)]
    if wrong:
        return f"holds {wrong[0]!r}, not a tag ({NAME_RULE}, in lower case)"
    if len(set(value)) != len(value):
        return "holds a tag twice"
    if len(value) > MAX_TAGS:
        return f"holds {len(value)} tags; at most {MAX_TAGS}"
    return None
