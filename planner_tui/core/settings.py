"""The person's settings: a small TOML file in the platform's config folder.

``settings.toml`` holds four keys (theme, week_start, soon_days,
default_review_every) and a ``[caldav]`` table for `planner sync`; every one is
optional. A password is never kept here: the ``[caldav]`` table names a command
that prints it, or the system keyring; a ``password`` key is refused. Reading it never raises: a file
that is missing gives the defaults, and a broken file or a bad value gives the
defaults for what could not be read plus one message that names the file and
the line, so the app still starts and the CLI still answers.

Saving the theme edits only its own line, so comments and the other keys a
person wrote stay as they were.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, NamedTuple

from planner_tui.core.file.storage import atomic_write

APP_NAME = "planner-tui"
FILE_NAME = "settings.toml"
DEFAULT_THEME = "textual-dark"
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

HELP = {
    "theme": "Textual theme of the app; the command palette's theme choice is saved here.",
    "week_start": "First day of the week, for eow / sow deadlines: monday ... sunday.",
    "soon_days": "A deadline within this many days counts as soon (the agenda, colours).",
    "default_review_every": "Review cadence in days for new strategies (none when absent).",
    "caldav": "CalDAV sync (`planner sync`): the server, user and task list; the password comes from\n"
              "# password_cmd (run by the shell; its first line of output) or the system keyring\n"
              "# (keyring = true: service \"planner-tui\", your user name), never from this file.",
}
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


class Settings(NamedTuple):
    """What a person may change about how the planner behaves (a NamedTuple, like
    core/'s other small records: cheaper to define than a frozen dataclass)."""

    theme: str = DEFAULT_THEME
    week_start: str = "monday"
    soon_days: int = 7
    default_review_every: int | None = None
    caldav: CalDavSettings | None = None

    @property
    def week_start_day(self) -> int:
        """The week start as pendulum counts days (Monday 0 ... Sunday 6), for `parse_when`."""
        return WEEKDAY_NAMES.index(self.week_start)


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
    """Each known key checked on its own: one bad value keeps the default for that key only."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in data.items():
        checker = CHECKS.get(name)
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
    return _whole_number(value, 1, 3650, "days")


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
    return CalDavSettings(value["url"].strip(), value["user"].strip(), value.get("list", "Plan").strip(),
                          value.get("password_cmd") or None, value.get("keyring") is True, float(timeout))


CHECKS = {
    "caldav": _check_caldav,
    "theme": _check_theme,
    "week_start": _check_week_start,
    "soon_days": _check_soon_days,
    "default_review_every": _check_review_every,
}


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
    return json.dumps(str(value), ensure_ascii=False)


def render_settings(settings: Settings) -> str:
    """A whole settings file, each key with a comment saying what it does."""
    lines = ["# planner-tui settings. Every key is optional; delete one to get its default.", ""]
    for name in Settings._fields:
        value = getattr(settings, name)
        lines.append(f"# {HELP[name]}")
        if name == "caldav":
            lines.extend(_caldav_lines(value))
        elif value is None:
            lines.append(f"# {name} = 14")
        else:
            lines.append(f"{name} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _caldav_lines(caldav: CalDavSettings | None) -> list[str]:
    """The [caldav] table (last: a TOML table ends the top-level keys); commented out when unset."""
    if caldav is None:
        return ["# [caldav]", *(f"# {key} = {_toml_value(value)}" for key, value in CALDAV_EXAMPLE.items()), ""]
    lines = ["[caldav]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in caldav._asdict().items() if value is not None]
    return [*lines, ""]


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
