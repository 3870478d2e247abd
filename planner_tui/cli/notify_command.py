"""`planner notify`: tell what is due, once, through the desktop's notifications or printed.

core/notify.py decides what to tell and remembers what was told; here the
messages go out: through `notify-send` (the desktop's own tool, found on PATH),
else printed, and `--install` writes the systemd user timer (or the crontab
line) that runs it every few minutes.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click

from planner_tui.cli.group import BadInput, Context, FileProblem, answering, pass_context, planner
from planner_tui.core import notify as notifying
from planner_tui.core.file.storage import atomic_write
from planner_tui.core.settings import clock_time
from planner_tui.core.user_text import visible

SEND_TIMEOUT = 10  # seconds: a desktop that does not answer must not hold cron up
UNIT = "planner-notify"
EVERY_MINUTES = 5


@planner.command(epilog="""\b
Examples:
  planner notify                 what is due now, once (for cron or a timer)
  planner notify --within 30m    deadlines half an hour ahead
  planner notify --print         print instead of notify-send
  planner notify --install       show a systemd user timer and a crontab line
  planner notify --install --write
\b
Tells, each once: a tactic with a time of day due within --within (15m),
the morning digest (from digest_at, 08:00), a nudge when the day's
check-in is not done (from nudge_at, 20:00), strategies due for review.
An empty day says nothing at all. What was sent is remembered beside
the plan (PLAN.notify.json), per machine.""")
@click.option("--within", default="15m", metavar="TIME", help="How far ahead a deadline is told: 15m, 1h...")
@click.option("--print", "printed", is_flag=True, help="Print the messages, even where notify-send is.")
@click.option("--install", is_flag=True, help="Show a systemd user timer and service, and a crontab line.")
@click.option("--write", is_flag=True, help="With --install: write the timer and service to ~/.config/systemd/user.")
@pass_context
def notify(context: Context, within: str, printed: bool, install: bool, write: bool) -> None:
    """Tell what is due: a one-shot command for cron or a systemd user timer."""
    if write and not install:
        raise BadInput("--write goes with --install.")
    if install:
        _install(context, write)
        return
    with answering():
        window = notifying.parse_within(within)
    store, day, settings = context.store, context.day, context.settings
    now = day.now
    sent = notifying.read_sent(store.path, store.warnings.append)
    schedule = notifying.Schedule(_clock(settings.digest_at), _clock(settings.nudge_at))
    found = notifying.messages(store.plan, day, window, schedule, sent)
    tool = None if printed else shutil.which("notify-send")
    for message in found:
        if tool is None or not _send(tool, message):
            _print(message)
    try:
        notifying.remember(store.path, sent, now, [key for message in found for key in message.keys])
    except OSError as error:
        raise FileProblem(f"Told, but could not remember it in {notifying.memory_path(store.path)}: "
                          f"{error.strerror or error}. The next run may tell it again.") from None


def _clock(text: str | None):
    return clock_time(text) if text is not None else None


def _send(tool: str, message: notifying.Message) -> bool:
    """Through notify-send; False when it failed (then the message is printed)."""
    command = [tool, "--app-name=planner", f"--urgency={message.urgency}",
               visible(message.title), notifying.for_desktop(message.body)]
    try:
        return subprocess.run(command, timeout=SEND_TIMEOUT, capture_output=True).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _print(message: notifying.Message) -> None:
    click.echo(visible(message.title))
    for line in message.body.splitlines():
        click.echo("  " + visible(line))


# -- installing ---------------------------------------------------------------------------


def _install(context: Context, write: bool) -> None:
    command = [*_program(), "--db", str(context.path.expanduser().resolve()), "notify"]
    units = {f"{UNIT}.service": _service(command), f"{UNIT}.timer": TIMER}
    folder = _systemd_folder()
    if write:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in units.items():
                atomic_write(folder / name, text.encode(), mode=0o644)
        except OSError as error:
            raise FileProblem(f"Cannot write to {folder}: {error.strerror or error}.") from None
        click.echo(f"Wrote {folder / (UNIT + '.service')} and {folder / (UNIT + '.timer')}. Start it with:\n"
                   f"  systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer")
        return
    for name, text in units.items():
        click.echo(f"# {folder / name}\n{text}")
    click.echo(f"# then: systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer\n")
    click.echo("# Or with cron (crontab -e): every 5 minutes, with the desktop's bus for notify-send")
    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus"
    click.echo(f"*/{EVERY_MINUTES} * * * * {bus} {shlex.join(command)}")


def _program() -> list[str]:
    """The planner being run, by its full path (a timer's PATH may not hold it): the
    `planner` script, else this Python running the package."""
    script = Path(sys.argv[0])
    if script.name == "planner" and script.exists():
        return [str(script.resolve())]
    return [sys.executable, "-m", "planner_tui"]


def _systemd_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def _service(command: list[str]) -> str:
    return ("[Unit]\nDescription=planner notify: deadlines, the morning digest, the check-in nudge\n\n"
            f"[Service]\nType=oneshot\nExecStart={' '.join(_systemd_word(word) for word in command)}\n")


TIMER = (f"[Unit]\nDescription=Run planner notify every {EVERY_MINUTES} minutes\n\n"
         f"[Timer]\nOnCalendar=*:0/{EVERY_MINUTES}\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n")


def _systemd_word(word: str) -> str:
    """One argument of ExecStart, quoted as systemd reads it (`%` is its specifier sign)."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"' if any(c in word for c in ' \t"\'\\;') or not word else escaped
