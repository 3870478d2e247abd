"""Your own keys: the settings' `[keys]` table, read and checked without Textual.

Every key of the app that a person may move has an id (Textual's
`Binding(id=...)`). `BINDINGS` lists them as plain data, with the screen each
belongs to and its default keys, so the settings are checked where Textual is
not loaded (`planner settings`, every command) and the app gets a keymap it can
hand to `App.set_keymap` as it is. `FIXED` are the keys of a screen that have
no id (moving the cursor): a binding moved onto one would never be reached.
tests/ui/test_keymap_data.py holds this data and the app's bindings together.

An entry maps an id to one key or several: ``done = "d"``, ``done = "d,ctrl+d"``
or ``done = ["d", "ctrl+d"]``, each key written as Textual names it (`ctrl+d`,
`f5`, `question_mark`, `shift+up`) or as the character itself (`?`, `/`, `é`).
It is kept as Textual names it. An entry that cannot be used is told, and that
binding keeps its default keys:

- an id no binding has (with the nearest one, when a typo is likely);
- a key Textual cannot name (`ctrl+`, `hyperspace`);
- a key another binding of the same screen has once every entry is applied
  (so swapping two keys is fine), or one of the screen's fixed keys.
"""

from __future__ import annotations

import difflib
import itertools
import unicodedata
from typing import Any, Iterable, Mapping, NamedTuple


class BindingKeys(NamedTuple):
    """A binding that may be moved: its id, its screen, its default keys, what it does."""

    id: str
    screen: str
    keys: str
    does: str


def _screen(screen: str, *entries: tuple[str, str, str]) -> list[BindingKeys]:
    return [BindingKeys(binding_id, screen, keys, does) for binding_id, keys, does in entries]


BINDINGS: tuple[BindingKeys, ...] = tuple([
    *_screen(
        "main",
        ("help", "question_mark", "Show every key"), ("quit", "q", "Quit"),
        ("add-tactic", "a", "Add a tactic"), ("add-strategy", "s", "Add a strategy"),
        ("add-child", "S", "Add a sub-strategy"), ("edit", "e", "Edit"), ("done", "x", "Mark done"),
        ("start", "i", "Start the tactic"), ("drop", "X", "Drop"), ("deadline", "d", "Set the deadline"),
        ("push-day", "p", "Push by a day"), ("push-week", "P", "Push by a week"),
        ("reorder-up", "K,shift+up", "Move up"), ("reorder-down", "J,shift+down", "Move down"),
        ("record-value", "v", "Record a key result's value"), ("burnup", "B", "Burn-up chart"),
        ("move", "m", "Move"), ("delete", "D,delete", "Delete"), ("undo", "u", "Undo"),
        ("search", "slash", "Search"), ("checkin", "C", "Daily check-in"), ("review", "R", "Review"),
        ("overview", "O", "Strategic overview"), ("checkin-history", "H", "Check-in history"), ("clear-search", "escape", "Clear the search"),
        ("redo", "U,ctrl+r", "Redo"), ("toggle-sub", "c", "Include sub-strategies' tactics"),
        ("toggle-done", "full_stop", "Hide done tactics"), ("examples", "E", "Load the example plans"),
        ("export", "ctrl+e", "Export"), ("retry", "ctrl+s", "Retry the save"),
        ("my-work", "w", "My work"), ("sync", "Y", "Sync with CalDAV"),
    ),
    *_screen(
        "checkin",
        ("checkin-done", "x", "Mark it done"), ("checkin-start", "i", "Start it"),
        ("checkin-push", "p", "Push to tomorrow"), ("checkin-reschedule", "r,d", "Reschedule"),
        ("checkin-drop", "X", "Drop it"), ("checkin-skip", "s,space", "Leave it as it is"),
        ("checkin-note", "n", "Write the note"), ("checkin-undo", "u", "Undo the last decision"),
        ("checkin-yesterday", "b", "Check in for yesterday"), ("checkin-history", "h", "The history"),
        ("checkin-leave", "escape", "Leave"),
        ("checkin-retry", "ctrl+s", "Retry the save"),
    ),
    *_screen("history", ("history-back", "escape,q,h", "Back")),
    *_screen("burnup", ("burnup-back", "escape,q,B", "Back"), ("burnup-value", "v", "Record a key result's value")),
    *_screen("digest", ("digest-back", "escape,q", "Back"), ("digest-save", "s", "Save the digest"),
             ("digest-switch", "t", "The other digest")),
    *_screen(
        "review",
        ("review-skip", "n,right_square_bracket", "Skip"), ("review-back", "b,left_square_bracket", "Back"),
        ("review-all", "a", "Review every strategy"), ("review-leave", "escape", "Leave"),
        ("review-on-track", "1", "On track"), ("review-at-risk", "2", "At risk"),
        ("review-off-track", "3", "Off track"), ("review-pick", "enter", "Pick the highlighted health"),
        ("review-retry", "ctrl+s", "Retry the save"),
    ),
])
BY_ID = {binding.id: binding for binding in BINDINGS}

# Keys without an id on each screen (the tree's, the tables', the lists' cursor
# keys, the command palette): not remappable, and taken.
FIXED: dict[str, frozenset[str]] = {
    "main": frozenset("j k down up g G home end ctrl+f ctrl+b pagedown pageup l right h left enter "
                      "space tab shift+tab ctrl+p ctrl+q ctrl+c".split()),
    "checkin": frozenset("j k down up g G enter ctrl+p ctrl+q ctrl+c".split()),
    "history": frozenset("j k down up ctrl+p ctrl+q ctrl+c".split()),
    "burnup": frozenset("ctrl+p ctrl+q ctrl+c".split()),
    "digest": frozenset("j k down up ctrl+p ctrl+q ctrl+c".split()),
    "review": frozenset("left h right l ctrl+p ctrl+q ctrl+c".split()),
}

FIXED_KEY = "a key that moves the cursor"
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")  # Textual's order: sorted
NAMED = frozenset(["backspace", "delete", "down", "end", "enter", "escape", "home", "insert", "left",
                   "pagedown", "pageup", "right", "space", "tab", "up", *(f"f{n}" for n in range(1, 25))])
# Textual's friendlier names for a few characters (textual.keys.KEY_NAME_REPLACEMENTS).
FRIENDLY = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
            "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore"}
_UNICODE_OF = {friendly: name for name, friendly in FRIENDLY.items()}


class Problem(NamedTuple):
    """An entry that cannot be used: its id and what is wrong."""

    id: str
    message: str


class Keymap(NamedTuple):
    """The entries that can be used (id -> keys as Textual names them), and what was wrong."""

    keys: dict[str, str]
    problems: tuple[Problem, ...] = ()


def key_for_character(character: str) -> str:
    """The name Textual gives the key that types ``character`` (`?` -> `question_mark`);
    ValueError for a character without one (a control character)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character)
    except ValueError:
        raise ValueError(f"{character!r} is not a key") from None
    key = name.lower().replace("-", "_").replace(" ", "_")
    return FRIENDLY.get(key, key)


def _character_named(name: str) -> str | None:
    """The character whose key is called ``name`` (`question_mark` -> `?`), or None.
    A Unicode name may hold hyphens where the key's name has `_`: each is tried."""
    words = _UNICODE_OF.get(name, name).upper().split("_")
    if len(words) > 12:
        return None
    for joins in itertools.product(" -", repeat=len(words) - 1):
        spelled = words[0] + "".join(join + word for join, word in zip(joins, words[1:]))
        try:
            character = unicodedata.lookup(spelled)
        except KeyError:
            continue
        if len(character) == 1 and key_for_character(character) == name:
            return character
    return None


def normal_key(text: str) -> str:
    """One key as Textual names it: `Ctrl+Shift+Up` -> `ctrl+shift+up`, `?` -> `question_mark`,
    `ctrl+/` -> `ctrl+slash`. ValueError saying what is wrong."""
    written = text if len(text) == 1 else text.strip()  # " " is the space bar
    if len(written) == 1:
        return key_for_character(written)
    *mods, base = written.split("+")
    if not base.strip():
        raise ValueError(f"{written!r} ends without a key (the key + is called plus)")
    modifiers = sorted({mod.strip().lower() for mod in mods})
    unknown = [mod for mod in modifiers if mod not in MODIFIERS]
    if unknown:
        raise ValueError(f"{written!r} has {unknown[0]!r}, not a modifier ({', '.join(MODIFIERS)})")
    return "+".join([*modifiers, _base(base.strip(), written)])


def _base(base: str, written: str) -> str:
    if len(base) == 1:
        return key_for_character(base)
    lowered = base.lower()
    if lowered in NAMED or _character_named(lowered) is not None:
        return lowered
    raise ValueError(f"{written!r} is not a key Textual can name (such as x, X, ctrl+d, f5, "
                     "escape, question_mark, or the character itself)")


def _keys(value: Any) -> list[str]:
    """An entry's keys, normal; ValueError for a value that is not keys."""
    if isinstance(value, str):
        parts = value.split(",")  # the key , is called comma
    elif isinstance(value, list) and value and all(isinstance(part, str) for part in value):
        parts = value
    else:
        raise ValueError(f"is {value!r}, not a key or a list of keys")
    keys = list(dict.fromkeys(normal_key(part) for part in parts if part.strip()))
    if not keys:
        raise ValueError("names no key")
    return keys


def read_keymap(table: Mapping[str, Any]) -> Keymap:
    """The `[keys]` table checked: entries that can be used, and a message per one that cannot."""
    wanted: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for binding_id, value in table.items():
        if binding_id not in BY_ID:
            problems.append(Problem(binding_id, _unknown(binding_id)))
            continue
        try:
            wanted[binding_id] = _keys(value)
        except ValueError as error:
            problems.append(Problem(binding_id, f"[keys] {binding_id} {error}; it keeps {_default(binding_id)}"))
    for binding_id, key, holder in _clashes(wanted):
        problems.append(Problem(binding_id, f"[keys] {binding_id} = {','.join(wanted.pop(binding_id))!r}: {key} is "
                                f"already {holder} on that screen; {binding_id} keeps {_default(binding_id)}"))
    return Keymap({binding_id: ",".join(keys) for binding_id, keys in wanted.items()}, tuple(problems))


def _clashes(wanted: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """The entries to drop, each with the key and what else has it: repeated until none
    clashes (dropping one gives its binding back its defaults, which may clash in turn)."""
    dropped: list[tuple[str, str, str]] = []
    remaining = dict(wanted)
    while True:
        found = _first_clash(remaining)
        if found is None:
            return dropped
        dropped.append(found)
        remaining.pop(found[0])


def _first_clash(wanted: dict[str, list[str]]) -> tuple[str, str, str] | None:
    """A remapped binding that shares a key with another binding (or a fixed key) of
    its screen: its id, the key, and what else has it; None when there is none."""
    for screen, bindings in _by_screen().items():
        holders: dict[str, list[str]] = {key: [FIXED_KEY] for key in FIXED.get(screen, ())}
        for binding in bindings:
            for key in wanted.get(binding.id) or binding.keys.split(","):
                holders.setdefault(key, []).append(binding.id)
        for key, held in holders.items():
            culprits = [holder for holder in held if holder in wanted]
            if len(held) > 1 and culprits:
                other = next(holder for holder in held if holder != culprits[-1])
                return culprits[-1], key, other if other == FIXED_KEY else f"the key of {other} ({BY_ID[other].does})"
    return None


def _by_screen() -> dict[str, list[BindingKeys]]:
    found: dict[str, list[BindingKeys]] = {}
    for binding in BINDINGS:
        found.setdefault(binding.screen, []).append(binding)
    return found


def _unknown(binding_id: str) -> str:
    near = difflib.get_close_matches(binding_id, list(BY_ID), n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return f"[keys] {binding_id!r} is not the id of a key{hint}; ignored (`planner settings --keys` lists them)"


def _default(binding_id: str) -> str:
    return f"its default ({BY_ID[binding_id].keys})"


def listing(keymap: Mapping[str, str] | None = None) -> Iterable[tuple[BindingKeys, str]]:
    """Every binding and the keys it has with ``keymap`` applied: for `planner settings --keys`."""
    keymap = keymap or {}
    return [(binding, keymap.get(binding.id, binding.keys)) for binding in BINDINGS]
