"""`planner notify` at frozen moments: each event told once across runs, the nudge before
and after a check-in, nothing at all on an empty day; through a stand-in `notify-send`
(the desktop's tool, not ours: a script on PATH that writes down its arguments), or
printed where there is none."""

from __future__ import annotations

import contextlib
import json
import stat
import sys

import pendulum
import pytest

from planner_tui.core import notify as notifying


@contextlib.contextmanager
def at(*when: int):
    """Commands run at ``when`` (local time); then at the tests' frozen time again."""
    frozen = pendulum.now()
    with pendulum.travel_to(pendulum.datetime(*when, tz=pendulum.local_timezone()), freeze=True):
        yield
    pendulum.travel_to(frozen, freeze=True)


@pytest.fixture
def bare_path(tmp_path, monkeypatch):
    """A PATH with no notify-send on it."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.fixture
def sent(bare_path, tmp_path):
    """A `notify-send` that writes its arguments, one call a JSON line, to a log;
    ``sent()`` reads the calls so far."""
    log = tmp_path / "notify-send.log"
    tool = bare_path / "notify-send"
    tool.write_text(f"#!{sys.executable}\nimport json, os, sys\n"
                    f"with open({str(log)!r}, 'a') as log:\n    log.write(json.dumps(sys.argv[1:]) + '\\n')\n"
                    "sys.exit(int(os.environ.get('NOTIFY_SEND_EXIT', '0')))\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)

    def calls() -> list[list[str]]:
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    return calls


@pytest.fixture
def settings(tmp_path):
    def write(text: str) -> None:
        folder = tmp_path / "config" / "planner-tui"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "settings.toml").write_text(text)

    return write


@pytest.fixture
def memory(plan_path):
    return notifying.memory_path(plan_path)


def test_an_empty_day_says_nothing_at_all(ok, sent, memory):
    assert ok("notify").out == ""  # no plan file at all
    ok("strategy", "add", "Goal")
    ok("add", "Later", "--to", "s1", "--due", "+30d")
    ok("add", "Someday", "--to", "s1")
    for hour in (7, 8, 12, 21, 23):
        with at(2026, 11, 28, hour, 0):
            assert ok("notify").out == ""
    assert sent() == [] and not memory.exists()


def test_a_timed_deadline_is_told_once_through_notify_send(ok, sent, memory, settings):
    settings("digest_at = false\n")  # the day's digest aside
    ok("strategy", "add", "Work")
    ok("add", "Call <b>Ana</b> & co", "--to", "s1", "--due", "today 10:40")
    ok("add", "Not yet", "--to", "s1", "--due", "today 11:00")
    with at(2026, 11, 28, 10, 20):
        assert ok("notify").out == "" and sent() == []  # 20 minutes ahead: not within 15
    with at(2026, 11, 28, 10, 26):
        assert ok("notify").out == ""
        assert ok("notify").out == ""
        with at(2026, 11, 28, 10, 38):
            ok("notify")
    calls = sent()
    assert len(calls) == 1
    assert calls[0] == ["--app-name=planner", "--urgency=critical", "Due Sat 28 Nov 10:40: Call <b>Ana</b> & co",
                        "t1 · Work · in 14 min"]
    with at(2026, 11, 28, 10, 50):
        ok("notify")  # t2, 10 minutes ahead
    assert [call[2] for call in sent()[1:]] == ["Due Sat 28 Nov 11:00: Not yet"]
    ok("due", "t1", "today 11:05")
    with at(2026, 11, 28, 10, 55):
        ok("notify")  # a new deadline is a new event
    assert [call[2] for call in sent()[2:]] == ["Due Sat 28 Nov 11:05: Call <b>Ana</b> & co"]
    assert sorted(json.loads(memory.read_text())["sent"]) == sorted(
        f"due:t{n}:{at}" for n, at in [(1, _at(10, 40)), (2, _at(11, 0)), (1, _at(11, 5))])


def _at(hour: int, minute: int) -> str:
    return pendulum.datetime(2026, 11, 28, hour, minute, tz=pendulum.local_timezone()).isoformat()


def test_the_digest_comes_once_from_digest_at_and_the_body_is_not_markup(ok, sent):
    ok("strategy", "add", "Work")
    ok("add", "Fix <a href='x'>the</a> bug", "--to", "s1", "--due", "yesterday")
    ok("add", "Write", "--to", "s1", "--due", "today")
    with at(2026, 11, 28, 7, 59):
        ok("notify")
    assert sent() == []
    for minute in (0, 5, 30):
        with at(2026, 11, 28, 8, minute):
            ok("notify")
    assert sent() == [["--app-name=planner", "--urgency=normal", "Today: 1 overdue, 1 due today",
                       "· Fix &lt;a href='x'&gt;the&lt;/a&gt; bug\n· Write"]]


def test_the_nudge_comes_after_nudge_at_unless_the_check_in_is_done(ok, sent, settings):
    settings("digest_at = false\n")
    ok("strategy", "add", "Work")
    ok("add", "Write", "--to", "s1", "--due", "today")
    with at(2026, 11, 28, 19, 59):
        ok("notify")
    assert sent() == []
    with at(2026, 11, 28, 20, 0):
        ok("notify")
        ok("notify")
    assert [call[2:] for call in sent()] == [["Today's check-in is not done yet", "planner checkin, or C in the app."]]
    with at(2026, 11, 29, 18, 0):
        ok("checkin", "--finish")  # the 29th's check-in, before its nudge
    with at(2026, 11, 29, 20, 30):
        ok("notify")
    assert len(sent()) == 1


def test_reviews_due_are_told_together_once(ok, sent):
    with at(2026, 10, 1, 9, 0):
        ok("strategy", "add", "Grow", "--review-every", "2w")
        ok("strategy", "add", "Learn", "--review-every", "1m")
    with at(2026, 11, 28, 9, 0):
        ok("notify")
        ok("notify")
    assert sent() == [["--app-name=planner", "--urgency=normal", "2 strategies are due for review",
                       "· Grow\n· Learn\nplanner review, or R in the app."]]
    with at(2026, 11, 28, 9, 5):
        ok("review", "s1", "--health", "on-track")
    with at(2026, 12, 12, 9, 0):
        ok("notify")  # Grow falls due again two weeks after its review
    assert [call[2:] for call in sent()[1:]] == [["1 strategy is due for review", "· Grow\nplanner review, or R in the app."]]


def test_without_notify_send_or_with_print_the_messages_are_printed(ok, bare_path, sent):
    ok("strategy", "add", "Work")
    ok("add", "Write \x1b[31m", "--to", "s1", "--due", "today")
    with at(2026, 11, 28, 9, 0):
        assert ok("notify", "--print").out == "Today: 1 due today\n  · Write [31m\n"
    assert sent() == []
    (bare_path / "notify-send").unlink()
    with at(2026, 11, 29, 9, 0):
        assert ok("notify").out == "Today: 1 overdue\n  · Write [31m\n"


def test_a_failing_notify_send_falls_back_to_printing(ok, sent, monkeypatch):
    ok("strategy", "add", "Work")
    ok("add", "Write", "--to", "s1", "--due", "today")
    monkeypatch.setenv("NOTIFY_SEND_EXIT", "1")
    with at(2026, 11, 28, 9, 0):
        assert ok("notify").out == "Today: 1 due today\n  · Write\n"
    assert len(sent()) == 1


def test_the_memory_forgets_what_is_two_weeks_old(ok, sent, memory, plan_path):
    ok("strategy", "add", "Work")
    old = pendulum.now().subtract(days=notifying.KEEP_DAYS + 1).isoformat()
    memory.write_text(json.dumps({"sent": {"due:t9:gone": old, "digest:2026-11-27": pendulum.now().isoformat()}}))
    ok("notify")
    assert json.loads(memory.read_text()) == {"sent": {"digest:2026-11-27": pendulum.now().isoformat()}}
    assert oct(memory.stat().st_mode & 0o777) == oct(plan_path.stat().st_mode & 0o666)


def test_a_broken_memory_is_set_aside_with_a_warning(cli, ok, sent, memory):
    ok("strategy", "add", "Work")
    memory.write_text("not json")
    result = cli("notify")
    assert result.code == 0 and "The notify memory" in result.err and "set aside" in result.err


def test_install_shows_a_timer_and_writes_it(ok, cli, plan_path, tmp_path):
    shown = ok("notify", "--install").out
    assert f'--db {plan_path} notify' in shown and "OnCalendar=*:0/5" in shown
    assert "*/5 * * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/" in shown
    said = ok("notify", "--install", "--write").out
    folder = tmp_path / "config" / "systemd" / "user"
    assert said.startswith(f"Wrote {folder / 'planner-notify.service'}")
    service = (folder / "planner-notify.service").read_text()
    assert "Type=oneshot" in service and service.rstrip().endswith(f"--db {plan_path} notify")
    assert (folder / "planner-notify.timer").read_text() == notifying_timer()
    assert cli("notify", "--write").code == 2
    assert cli("notify", "--within", "soon").code == 2


def notifying_timer() -> str:
    from planner_tui.cli.notify_command import TIMER

    return TIMER


def test_the_nudge_follows_the_person_s_day_and_rests_on_rest_days(ok, sent, settings):
    settings('digest_at = false\nday_starts_at = "04:00"\nrest_days = ["sun"]\n')
    ok("strategy", "add", "Work")
    ok("add", "Write", "--to", "s1", "--due", "today")
    with at(2026, 11, 29, 1, 0):  # Sunday 01:00: still Saturday the 28th, not checked in
        ok("notify")
    assert [call[2] for call in sent()] == ["Today's check-in is not done yet"]
    with at(2026, 11, 29, 21, 0):  # Sunday evening: a rest day needs no check-in
        ok("notify")
    assert len(sent()) == 1
