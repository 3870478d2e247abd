"""The person's settings: a small TOML file in the platform's config folder.

``settings.toml`` holds a few keys (theme, week_start, soon_days,
default_review_every, owner, day_starts_at, rest_days, digest_at, nudge_at) and
three tables (``[caldav]`` for `planner sync`; ``[views.NAME]``: named filters,
core/filters.py; ``[keys]``: your own keys, core/keymap.py); every one is
optional. A password is never kept here: the ``[caldav]`` table names a command
that prints it, or the system keyring; a ``password`` key is refused. Reading it
never raises: a file that is missing gives the defaults, and a broken file or a bad value gives
the defaults for what could not be read plus one message that names the file
and the line, so the app still starts and the CLI still answers.

Saving the theme edits only its own line, so comments and the other keys a
person wrote stay as they were.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, NamedTuple

from planner_tui.core.file.storage import atomic_write
from planner_tui.core.file.validation import MAX_CADENCE

if TYPE_CHECKING:
    from planner_tui.core.filters import FilterSpec

APP_NAME = "planner-tui"
FILE_NAME = "settings.toml"
DEFAULT_THEME = "textual-dark"
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

HELP = {
    "theme": "Textual theme of the app; the command palette's theme choice is saved here.",
    "week_start": "First day of the week, for eow / sow deadlines: monday ... sunday.",
    "soon_days": "A deadline within this many days counts as soon (the agenda, colours).",
    "default_review_every": "Review cadence in days for new strategies (none when absent).",
    "owner": 'Who you are in a shared plan: --owner me and "my work" mean this owner.',
    "day_starts_at": "When your day starts: a check-in before this time counts for the day before.",
    "rest_days": 'Days that neither break nor extend the check-in streak, such as ["sat", "sun"].',
    "digest_at": "planner notify: the morning digest from this time (false: none).",
    "nudge_at": "planner notify: a nudge from this time when the day's check-in is not done (false: none).",
    "caldav": "CalDAV sync (`planner sync`): the server, user and task list; the password comes from\n"
              "# password_cmd (run by the shell; its first line of output) or the system keyring\n"
              "# (keyring = true: service \"planner-tui\", your user name), never from this file.\n"
              "# on_start = true: the app syncs when it starts (Y syncs at any time).",
    "views": "Named filters: [views.NAME] with owner, tags, strategy, deep, status, due_before; --view NAME.",
    "keys": "Your own keys: [keys] with binding ids (planner settings --keys lists them) = keys.",
}
# What a key left unset is shown as, commented out, in a new settings file.
EXAMPLES = {"default_review_every": "14", "owner": '"ana"', "digest_at": '"08:00"', "nudge_at": '"20:00"'}
TABLES = ("caldav", "views", "keys")
CALDAV_EXAMPLE = {"url": "https://dav.example.com/", "user": "me", "list": "Plan",
                  "password_cmd": "pass show caldav"}


class CalDavSettings(NamedTuple):
    """Where `planner sync` syncs: a server, a user, a task list, and where the password comes from."""

    url: str
    user: str
    list: str = "Plan"
    password_cmd: str | None = None
    keyring: bool = False
    timeout: float = 30.0
    on_start: bool = False  # the app syncs when it starts


class Settings(NamedTuple):
    """What a person may change about how the planner behaves (a NamedTuple, like
    core/'s other small records: cheaper to define than a frozen dataclass)."""

    theme: str = DEFAULT_THEME
    week_start: str = "monday"
    soon_days: int = 7
    default_review_every: int | None = None
    owner: str | None = None
    day_starts_at: str = "00:00"
    rest_days: tuple[str, ...] = ()
    digest_at: str | None = "08:00"
    nudge_at: str | None = "20:00"
    caldav: CalDavSettings | None = None
    views: Mapping[str, FilterSpec] = MappingProxyType({})
    keys: Mapping[str, str] = MappingProxyType({})

    @property
    def week_start_day(self) -> int:
        """The week start as pendulum counts days (Monday 0 ... Sunday 6), for `parse_when`."""
        return WEEKDAY_NAMES.index(self.week_start)

    @property
    def day_start(self) -> datetime.time:
        return clock_time(self.day_starts_at)

    @property
    def rest_weekdays(self) -> frozenset[int]:
        """The rest days as pendulum counts days (Monday 0 ... Sunday 6)."""
        return frozenset(WEEKDAY_NAMES.index(day) for day in self.rest_days)

    def plain(self) -> dict[str, Any]:
        """Every setting as JSON holds it (`planner settings --json`)."""
        values = {name: getattr(self, name) for name in self._fields}
        values["rest_days"] = list(self.rest_days)
        values["views"] = {name: {key: list(value) if isinstance(value, tuple) else value
                                  for key, value in spec._asdict().items() if value}
                           for name, spec in self.views.items()}
        values["keys"] = dict(self.keys)
        values["caldav"] = self.caldav._asdict() if self.caldav is not None else None
        return values


def shown_value(value: Any) -> str:
    """A setting as `planner settings` lists it: `(none)`, `sat, sun`, views and keys by name."""
    if value is None or (isinstance(value, (tuple, Mapping)) and not value):
        return "(none)"
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{name}" if not isinstance(item, str) else f"{name}={item}" for name, item in value.items())
    return str(value)


def clock_time(text: str) -> datetime.time:
    """`04:30` as a time of day."""
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


class LoadedSettings(NamedTuple):
    """Settings as read, where they came from, and what was wrong (None when all was well)."""

    settings: Settings
    path: Path
    problem: str | None = None
    problems: tuple[str, ...] = ()


def settings_path() -> Path:
    """``settings.toml`` in the platform's config folder (``$XDG_CONFIG_HOME/planner-tui`` on Linux)."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / FILE_NAME


def _toml() -> ModuleType:
    """The TOML parser, imported when a settings file is there to read: most starts
    have none, and the import costs ~2 ms of every start."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def load_settings(path: Path | None = None) -> LoadedSettings:
    """The settings in ``path`` (default: `settings_path`); never raises."""
    path = Path(path) if path is not None else settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings(), path)
    except (OSError, UnicodeDecodeError) as error:
        return _broken(path, f"cannot be read ({getattr(error, 'strerror', None) or error})")
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _broken(path, _toml_problem(error))
    settings, problems = _read_values(data, text)
    return LoadedSettings(settings, path, _summary(path, problems), tuple(problems))


def _broken(path: Path, why: str) -> LoadedSettings:
    message = f"The settings file {path} {why}. Using the default settings until it is fixed."
    return LoadedSettings(Settings(), path, message, (message,))


def _toml_problem(error: Exception) -> str:
    """`is not valid TOML at line 3, column 8 (invalid value)`, from the parser's message."""
    text = str(error)
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    if line is None and (match := re.search(r"\(at line (\d+), column (\d+)\)", text)):
        line, column = int(match[1]), int(match[2])
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    reason = getattr(error, "msg", None) or reason
    where = f" at line {line}, column {column}" if line else ""
    return f"is not valid TOML{where} ({reason[:1].lower() + reason[1:]})"


def _summary(path: Path, problems: list[str]) -> str | None:
    if not problems:
        return None
    return f"In the settings file {path}, " + "; ".join(problems) + "."


def _read_values(data: dict[str, Any], text: str) -> tuple[Settings, list[str]]:
    """Each known key checked on its own: one bad value keeps the default for that key
    only; a table (views, keys) keeps the entries that can be used."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in data.items():
        checker = CHECKS.get(name)
        if name in TABLE_CHECKS:
            values[name], said = TABLE_CHECKS[name](value)
            problems.extend(f"{_where_table(text, table, key)}{problem}" for table, key, problem in said)
            continue
        if checker is None:
            known = ", ".join(Settings._fields)
            problems.append(f"{_where(text, name)}unknown setting {name!r} (known: {known})")
            continue
        try:
            values[name] = checker(value)
        except ValueError as error:
            default = getattr(Settings(), name)
            using = f"; using {_toml_value(default)}" if default is not None else ""
            problems.append(f"{_where(text, name)}{name} {error}{using}")
    return Settings(**values), problems


def _where_table(text: str, table: str, key: str | None = None) -> str:
    """`line 7: ` for the header of a table (`keys`, `views.x`: `[keys]`, `[views.x]`),
    or for ``key``'s line in it; empty when it cannot be found."""
    header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(rf"[\"']?{re.escape(part)}[\"']?"
                                                       for part in table.split(".")) + r"\s*\]")
    lines = text.splitlines()
    start = next((number for number, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return ""
    if key is not None:
        entry = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, line in enumerate(lines[start + 1:], start=start + 2):
            if line.lstrip().startswith("["):
                break
            if entry.match(line):
                return f"line {number}: "
    return f"line {start + 1}: "


def _where(text: str, key: str) -> str:
    """`line 3: ` for the line that sets ``key`` (empty when it cannot be found)."""
    pattern = re.compile(rf"^\s*(\[\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return f"line {number}: "
    return ""


def _check_theme(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a theme name in quotes, not {value!r}")
    return value.strip()


def _check_week_start(value: Any) -> str:
    name = value.strip().lower() if isinstance(value, str) else ""
    matches = [day for day in WEEKDAY_NAMES if len(name) >= 3 and day.startswith(name)]
    if len(matches) != 1:
        raise ValueError(f"must be a day such as \"monday\" or \"sunday\", not {value!r}")
    return matches[0]


def _whole_number(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"must be a whole number of {what} from {low} to {high}, not {value!r}")
    return value


def _check_soon_days(value: Any) -> int:
    return _whole_number(value, 1, 365, "days")


def _check_review_every(value: Any) -> int | None:
    if value == 0 and not isinstance(value, bool):
        return None  # 0 reads as "no default cadence"
    return _whole_number(value, 1, MAX_CADENCE, "days")  # as a strategy's own (parse_cadence)


def _check_caldav(value: Any) -> CalDavSettings:
    """The [caldav] table, refused whole when it holds a password or lacks what a sync needs."""
    if not isinstance(value, dict):
        raise ValueError("must be a table: [caldav] on a line of its own, then url = ..., user = ...")
    if "password" in value:
        raise ValueError("must not hold a password: it would sit in plain text in this file. Use "
                         "password_cmd = \"pass show caldav\" (a command that prints it) or keyring = true, "
                         "and delete the password line; CalDAV sync is off until then")
    unknown = sorted(set(value) - set(CalDavSettings._fields))
    if unknown:
        raise ValueError(f"has unknown keys {', '.join(unknown)} (known: {', '.join(CalDavSettings._fields)})")
    for name in ("url", "user"):
        if not isinstance(value.get(name), str) or not value[name].strip():
            raise ValueError(f"needs {name} = \"...\" (the server's address and your user name)")
    if not value["url"].strip().startswith(("http://", "https://")):
        raise ValueError(f"url must start with https:// (or http://), not {value['url']!r}")
    if not isinstance(value.get("list", "Plan"), str) or not value.get("list", "Plan").strip():
        raise ValueError("list must be the task list's name in quotes")
    if not value.get("password_cmd") and value.get("keyring") is not True:
        raise ValueError("needs password_cmd = \"...\" (a command that prints the password) or keyring = true")
    timeout = value.get("timeout", 30.0)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 1 <= timeout <= 600:
        raise ValueError(f"timeout must be a number of seconds from 1 to 600, not {timeout!r}")
    if not isinstance(value.get("on_start", False), bool):
        raise ValueError(f"on_start must be true or false, not {value['on_start']!r}")
    return CalDavSettings(value["url"].strip(), value["user"].strip(), value.get("list", "Plan").strip(),
                          value.get("password_cmd") or None, value.get("keyring") is True, float(timeout),
                          value.get("on_start", False))


def _check_owner(value: Any) -> str | None:
    from planner_tui.core.labels import NAME_RULE, clean_owner

    try:
        return clean_owner(value) if isinstance(value, str) else _not_text(value)
    except ValueError:
        raise ValueError(f"must be a short name ({NAME_RULE}), not {value!r}") from None


def _not_text(value: Any) -> Any:
    raise ValueError(f"is {value!r}, not text")


def _check_clock(value: Any) -> str:
    """`04:00` (or a TOML time, `04:00:00`) as `HH:MM`."""
    if isinstance(value, datetime.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f'must be a time of day such as "04:00", not {value!r}')
    return f"{int(match[1]):02d}:{match[2]}"


def _check_optional_clock(value: Any) -> str | None:
    if value is False or (isinstance(value, str) and value.strip().lower() in ("off", "none", "")):
        return None
    return _check_clock(value)


def _check_rest_days(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(day, str) for day in value):
        raise ValueError(f'must be a list of days such as ["sat", "sun"], not {value!r}')
    days = tuple(dict.fromkeys(_check_week_start(day) for day in value))
    if len(days) == len(WEEKDAY_NAMES):
        raise ValueError("leaves no day to check in on (every day is a rest day)")
    return tuple(sorted(days, key=WEEKDAY_NAMES.index))


TableProblem = tuple[str, "str | None", str]  # the table (`views.x`), the key in it or None, the message


def _check_views(value: Any) -> tuple[Mapping[str, FilterSpec], list[TableProblem]]:
    from planner_tui.core.filters import view_from_table

    if not isinstance(value, dict):
        return MappingProxyType({}), [("views", None, f"views is {value!r}, not tables such as [views.mine]; no views")]
    views, problems = {}, []
    for name, table in value.items():
        try:
            views[name] = view_from_table(table)
        except ValueError as error:
            problems.append((f"views.{name}", None, f"[views.{name}] {error}; that view is left out"))
    return MappingProxyType(views), problems


def _check_keys(value: Any) -> tuple[Mapping[str, str], list[TableProblem]]:
    from planner_tui.core.keymap import read_keymap

    if not isinstance(value, dict):
        return MappingProxyType({}), [("keys", None, f"keys is {value!r}, not a table [keys]; the default keys are used")]
    keymap = read_keymap(value)
    return MappingProxyType(keymap.keys), [("keys", binding_id, message) for binding_id, message in keymap.problems]


CHECKS: dict[str, Callable[[Any], Any]] = {
    "caldav": _check_caldav,
    "theme": _check_theme,
    "week_start": _check_week_start,
    "soon_days": _check_soon_days,
    "default_review_every": _check_review_every,
    "owner": _check_owner,
    "day_starts_at": _check_clock,
    "rest_days": _check_rest_days,
    "digest_at": _check_optional_clock,
    "nudge_at": _check_optional_clock,
}
TABLE_CHECKS = {"views": _check_views, "keys": _check_keys}


def choose_theme(wanted: str, available: Iterable[str]) -> tuple[str, str | None]:
    """The theme to use and, when ``wanted`` is not one of ``available``, why not.

    Pure, so the app can call it with ``app.available_themes`` without the core
    knowing Textual.
    """
    names = list(available)
    if wanted in names:
        return wanted, None
    fallback = DEFAULT_THEME if DEFAULT_THEME in names or not names else names[0]
    return fallback, f"There is no theme {wanted!r}; using {fallback!r}. Pick one from the command palette."


# -- writing ---------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    """A TOML literal for our simple values; JSON's string escapes are valid TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if value is None:
        return "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


TABLE_EXAMPLES = {
    "caldav": ["[caldav]", *(f"{key} = {_toml_value(value)}" for key, value in CALDAV_EXAMPLE.items())],
    "views": ["[views.launch]", 'tags = ["launch"]', 'status = "open"', 'due_before = "eom"'],
    "keys": ["[keys]", 'done = "d"', 'deadline = "t"'],
}


def render_settings(settings: Settings) -> str:
    """A whole settings file, each key with a comment saying what it does; the tables
    last (TOML puts every plain key before the first table)."""
    lines = ["# planner-tui settings. Every key is optional; delete one to get its default.", ""]
    for name in Settings._fields:
        if name in TABLES:
            continue
        value = getattr(settings, name)
        lines.append(f"# {HELP[name]}")
        if value is None and name in EXAMPLES:
            lines.append(f"# {name} = {EXAMPLES[name]}")
        else:
            lines.append(f"{name} = {_toml_value(value)}")
        lines.append("")
    for name in TABLES:
        lines.append(f"# {HELP[name]}")
        lines.extend(_table_lines(name, getattr(settings, name)) or [f"# {line}" for line in TABLE_EXAMPLES[name]])
        lines.append("")
    return "\n".join(lines)


def _caldav_lines(caldav: CalDavSettings | None) -> list[str]:
    """The [caldav] table; none when unset (its example is shown commented out instead)."""
    if caldav is None:
        return []
    lines = ["[caldav]"]
    return lines + [f"{key} = {_toml_value(value)}" for key, value in caldav._asdict().items() if value is not None]


def _table_lines(name: str, value: Any) -> list[str]:
    """A table's entries as TOML (views: one table each)."""
    if name == "caldav":
        return _caldav_lines(value)
    if name == "keys":
        return ["[keys]", *(f"{json.dumps(key)} = {_toml_value(keys)}" for key, keys in value.items())] if value else []
    lines = []
    for view, spec in value.items():
        lines.append(f"[views.{json.dumps(view)}]")
        lines.extend(f"{key} = {_toml_value(item)}" for key, item in spec._asdict().items() if item)
    return lines


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write every setting to the file; returns a message when it could not be written."""
    path = Path(path) if path is not None else settings_path()
    return _write(path, render_settings(settings))


def remember_theme(theme: str, path: Path | None = None) -> str | None:
    """Keep the app's theme choice: the ``theme`` line is replaced or added.

    A file that does not parse is left alone (the person's text is not
    overwritten); the message then says so. Returns None when saved.
    """
    path = Path(path) if path is not None else settings_path()
    theme = _check_theme(theme) if isinstance(theme, str) and theme.strip() else DEFAULT_THEME
    loaded = load_settings(path)
    if not path.exists():
        return save_settings(loaded.settings._replace(theme=theme), path)
    tomllib = _toml()
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return f"{loaded.problem or f'Cannot read {path}.'} The theme choice was not saved."
    return _write(path, _with_line(text, "theme", _toml_value(theme)))


def _with_line(text: str, key: str, literal: str) -> str:
    """``text`` with ``key = literal`` in place of its old line, or added before any table."""
    lines = text.splitlines()
    pattern = re.compile(rf"^(\s*)[\"']?{re.escape(key)}[\"']?\s*=")
    new_line = f"{key} = {literal}"
    for index, line in enumerate(lines):
        if line.lstrip().startswith("["):
            lines.insert(index, new_line)
            break
        if match := pattern.match(line):
            lines[index] = match[1] + new_line
            break
    else:
        lines.append(new_line)
    edited = "\n".join(lines) + "\n"
    tomllib = _toml()
    try:
        if tomllib.loads(edited).get(key) is not None:
            return edited
    except tomllib.TOMLDecodeError:
        pass
    # The old value spanned several lines (a multi-line string): write the file afresh.
    settings, _ = _read_values(tomllib.loads(text), text)
    return render_settings(settings._replace(**{key: json.loads(literal)}))


def _write(path: Path, text: str) -> str | None:
    """Replace the file atomically; a message instead of an exception when it fails.

    A settings file that is a link (dotfiles managers such as stow or chezmoi
    make them) stays a link: the file it points to is written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"), through_link=True)
    except OSError as error:
        return f"Could not save the settings file {path}: {error.strerror or error}."
    return None
