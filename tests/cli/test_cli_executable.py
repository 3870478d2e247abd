"""End to end: the installed `planner` executable and `python -m planner_tui`, in subprocesses.

These run on the real clock (a subprocess cannot share the frozen one), so they
use deadlines years away and never depend on today's date.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

from planner_tui.core.file.store import Store

PLANNER = Path(sys.executable).with_name("planner")


@pytest.fixture(autouse=True)
def frozen():
    """Overrides conftest's frozen clock: nothing to freeze in another process."""
    yield None


@pytest.fixture
def env(tmp_path):
    """The environment of a pipe: no COLUMNS, PLANNER_DB pointing into tmp_path."""
    values = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    values["PLANNER_DB"] = str(tmp_path / "env-plan.json")
    return values


def run(env, *args: str, program: list[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(program or [str(PLANNER)]), *args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


def test_the_executable_is_installed():
    assert PLANNER.is_file() and os.access(PLANNER, os.X_OK), PLANNER


def test_round_trip_with_db_before_the_command(env, tmp_path):
    db = str(tmp_path / "p.json")
    first = run(env, "--db", db, "strategy", "add", "Get a good job", "--by", "2031-06-30")
    assert (first.returncode, first.stdout, first.stderr) == (0, "s1\n", "")
    second = run(env, "--db", db, "add", "Finish the site", "--to", "get a", "--due", "2030-01-15")
    assert (second.returncode, second.stdout, second.stderr) == (0, "t1\n", "")
    done = run(env, "--db", db, "done", "t1")
    assert (done.returncode, done.stdout) == (0, "t1 done: Finish the site\n")
    records = json.loads(run(env, "--db", db, "list", "--json").stdout)
    assert [(r["id"], r["status"], r["due"]) for r in records] == [
        ("s1", "active", "2031-06-30"), ("t1", "done", "2030-01-15")]
    assert run(env, "--db", db, "undo").returncode == 0
    assert json.loads(run(env, "--db", db, "today", "--json").stdout) == []
    assert not Path(env["PLANNER_DB"]).exists()


def test_exit_2_for_bad_input_with_the_file_unchanged(env, tmp_path):
    db = tmp_path / "p.json"
    assert run(env, "--db", str(db), "strategy", "add", "Goal").returncode == 0
    before = db.read_bytes()
    for args, says in ((["done", "t9"], "No tactic 't9'"), (["bogus"], "No such command"),
                       (["add", "x", "--to", "s1", "--due", "someday"], "Cannot read 'someday'")):
        result = run(env, "--db", str(db), *args)
        assert result.returncode == 2, (args, result)
        assert says in result.stderr and result.stdout == ""
        assert db.read_bytes() == before
    assert run(env, "--db", str(db), "undo").returncode == 0
    result = run(env, "--db", str(db), "undo")
    assert result.returncode == 2 and "Nothing to undo" in result.stderr


def test_exit_1_for_a_corrupt_file(env, tmp_path):
    db = tmp_path / "p.json"
    db.write_bytes(b'{"strategies": {"1": \n')
    for args in (["list"], ["strategy", "add", "x"]):
        result = run(env, "--db", str(db), *args)
        assert result.returncode == 1, result
        assert str(db) in result.stderr and "line 2" in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == b'{"strategies": {"1": \n'


def test_python_dash_m(env, tmp_path):
    python = [sys.executable, "-m", "planner_tui"]
    helped = run(env, "--help", program=python)
    assert helped.returncode == 0 and helped.stdout.startswith("Usage: planner [OPTIONS]")
    assert "strategy" in helped.stdout and "today" in helped.stdout
    added = run(env, "--db", str(tmp_path / "m.json"), "strategy", "add", "Goal", program=python)
    assert (added.returncode, added.stdout) == (0, "s1\n")
    assert run(env, "--db", str(tmp_path / "m.json"), "done", "t1", program=python).returncode == 2


def test_planner_db_chooses_the_file(env):
    assert run(env, "strategy", "add", "From the environment").stdout == "s1\n"
    data = json.loads(Path(env["PLANNER_DB"]).read_text())
    assert data["strategies"]["1"]["title"] == "From the environment"


def test_db_overrides_planner_db(env, tmp_path):
    chosen = tmp_path / "chosen.json"
    assert run(env, "--db", str(chosen), "strategy", "add", "Chosen").stdout == "s1\n"
    assert json.loads(chosen.read_text())["strategies"]["1"]["title"] == "Chosen"
    assert not Path(env["PLANNER_DB"]).exists()


def test_output_in_a_pipe_is_plain_one_line_per_item(env):
    """grep must find a long title whole: no wrapping, no padding, no colour."""
    assert run(env, "demo").returncode == 0
    title = "A title of three hundred characters " * 8 + "and its end"
    assert run(env, "add", title, "--to", "s1", "--due", "2040-01-15").returncode == 0
    for args in (["list"], ["today"]):
        result = run(env, *args)
        assert result.returncode == 0 and result.stdout.strip()
        lines = result.stdout.splitlines()
        assert [line for line in lines if line != line.rstrip()] == [], args
        assert "\x1b[" not in result.stdout
    assert any(f"[ ] {title}  in 1" in line for line in run(env, "list").stdout.splitlines())  # in 13 years
    for args in (["--help"], ["strategy", "add", "--help"]):
        assert max(cell_len(line) for line in run(env, *args).stdout.splitlines()) <= 80, args


def on_a_terminal(env, *args: str, columns: int = 100) -> str:
    """Run planner with stdin and stdout on a real pseudo-terminal; what it showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    process = subprocess.Popen([str(PLANNER), *args], env=env, stdin=follower, stdout=follower,
                               stderr=subprocess.PIPE)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0, process.stderr.read()
    return shown.decode().replace("\r\n", "\n")


def test_on_a_real_terminal_add_and_due_say_what_they_understood(env, tmp_path):
    db = ["--db", str(tmp_path / "p.json")]
    said = on_a_terminal(env, *db, "strategy", "add", "Goal", "--by", "2041-06-30")
    assert re.fullmatch(r"s1 by Sun 30 Jun 2041 \(in 1\d years\)\n", strip_colour(said)), said
    said = on_a_terminal(env, *db, "add", "Step", "--to", "s1", "--due", "2040-01-15 17:00")
    assert re.fullmatch(r"t1 due Sun 15 Jan 2040 17:00 \(in 1\d years\)\n", strip_colour(said)), said
    assert "\x1b[" in on_a_terminal(env, *db, "list")  # coloured
    piped = run(env, *db, "due", "t1", "2040-01-16")
    assert (piped.returncode, piped.stdout) == (0, "t1\n")


@pytest.mark.parametrize("args", [[], ["checkin"], ["review"], ["review", "s1"]],
                         ids=lambda args: " ".join(args) or "planner")
def test_full_screen_commands_without_a_terminal_exit_2(env, tmp_path, args):
    """From cron or a script (stdin /dev/null, stdout a pipe) the app once never exited and
    spun a core. The timeout is only a guard against that hang."""
    db = tmp_path / "p.json"
    assert run(env, "--db", str(db), "strategy", "add", "Goal").returncode == 0
    result = run(env, "--db", str(db), *args)
    assert result.returncode == 2, result
    assert "the app needs a terminal, and neither stdin nor stdout is one" in result.stderr
    assert result.stdout == ""


def test_checkin_history_without_a_terminal_prints_text(env, tmp_path):
    result = run(env, "--db", str(tmp_path / "p.json"), "checkin", "--history")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Check-in history · the last 20 weeks · no streak yet\n")
    assert result.stdout.endswith("No check-ins yet. The first one starts the streak.\n")


def test_with_stdout_on_a_terminal_and_stdin_not_the_app_is_refused(env, tmp_path):
    leader, follower = pty.openpty()
    process = subprocess.Popen([str(PLANNER), "--db", str(tmp_path / "p.json")], env=env,
                               stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    assert process.wait(timeout=60) == 2
    assert "the app needs a terminal, and stdin is not one" in process.stderr.read().decode()
    os.close(leader)


def strip_colour(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_a_closed_pipe_is_quiet(env, tmp_path):
    db = tmp_path / "big.json"
    store = Store(db)
    with store.transaction("many") as tx:
        tx.insert("strategies", {"title": "Goal", "parent": None, "status": "active", "position": 0})
        for n in range(3000):
            tx.insert("tactics", {"title": f"tactic {n}", "strategy": 1, "status": "todo",
                                  "due": "2040-01-01", "position": n})
    for args in (["list", "--json"], ["list"]):
        process = subprocess.Popen([str(PLANNER), "--db", str(db), *args], env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        assert process.stdout.read(100)
        process.stdout.close()  # like `planner list | head -1`
        err = process.stderr.read()
        assert process.wait(timeout=60) == 0
        assert err == b"", err
