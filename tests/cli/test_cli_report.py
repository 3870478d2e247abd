"""`planner report`: both digests, every format, on the demo plan at the tests' Saturday.

The golden files (tests/golden/digest-*.md) are the digests of `planner demo` run on
Saturday 28 November 2026; `PLANNER_UPDATE_GOLDEN=1` rewrites them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.fixture
def demo(ok):
    ok("demo")


@pytest.mark.parametrize("kind", ["strategic", "tactical"])
def test_the_digests_of_the_demo_match_the_golden_files(ok, demo, kind):
    text = ok("report", f"--{kind}", "--format", "markdown").out
    golden = GOLDEN / f"digest-{kind}.md"
    if os.environ.get("PLANNER_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_strategic_digest_renders_as_headings_lists_and_tables(ok, demo):
    tokens = MarkdownIt("commonmark").enable(["table"]).parse(ok("report", "--strategic", "--format", "markdown").out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:3] == ["Strategic digest · the last 4 weeks · Sun 1 Nov – Sat 28 Nov 2026", "Health changed",
                            "Get a good job in my field within five years"]
    assert len(headings) == 2 + 12  # every strategy of the demo, none dropped
    assert sum(t.type == "table_open" for t in tokens) == 6  # the strategies with key results


def test_the_tactical_digest_keeps_each_section_a_list_of_its_own(ok, demo):
    tokens = MarkdownIt("commonmark").parse(ok("report", "--tactical", "--format", "markdown").out)
    items = [tokens[i + 2].content for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert "Write up the data-viz project (due Thu 26 Nov): pushed on 3 check-ins" in items
    assert not any("**" in item for item in items)  # a section's title never ran into an item


def test_text_is_what_a_terminal_or_a_mail_gets(ok, demo):
    lines = ok("report", "--strategic").lines
    assert lines[0] == "Strategic digest · the last 4 weeks · Sun 1 Nov – Sat 28 Nov 2026"
    assert "  Applications sent: 14 → 19 of 40 applications (35% → 48%) · on pace (expected 6% by now)" in lines
    assert "    Users who would be very disappointed without us: 20% → 21% of 40% (9% → 14%) · behind pace " \
           "(expected 25% by now, at 14%)" in lines
    tactical = ok("report", "--tactical").lines
    assert tactical[:4] == ["Tactical digest · the last week · Sun 22 Nov – Sat 28 Nov 2026", "", "Keeps slipping",
                            "- Write up the data-viz project (due Thu 26 Nov): pushed on 3 check-ins"]


@pytest.mark.parametrize("args, words", [
    (("--since", "30d"), "the last 30 days · Fri 30 Oct – Sat 28 Nov 2026"),
    (("--since", "1m"), "the last month · Thu 29 Oct – Sat 28 Nov 2026"),
    (("--since", "2026-11-15"), "since 2026-11-15 · Sun 15 Nov – Sat 28 Nov 2026"),
    (("--period", "week"), "this week so far · Mon 23 Nov – Sat 28 Nov 2026"),
    (("--period", "month"), "this month so far · Sun 1 Nov – Sat 28 Nov 2026"),
    (("--period", "quarter"), "this quarter so far · Thu 1 Oct – Sat 28 Nov 2026"),
])
def test_periods(ok, demo, args, words):
    assert ok("report", "--tactical", *args).lines[0] == f"Tactical digest · {words}"


def test_the_week_starts_where_the_settings_say(ok, demo, tmp_path):
    settings = tmp_path / "config" / "planner-tui" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('week_start = "sunday"\n')
    assert ok("report", "--tactical", "--period", "week").lines[0].endswith("· Sun 22 Nov – Sat 28 Nov 2026")


@pytest.mark.parametrize("args, message", [
    ((), "Say which digest: --strategic"),
    (("--tactical", "--since", "4w", "--period", "week"), "Give --since or --period, not both"),
    (("--tactical", "--since", "fortnight"), "Cannot read --since 'fortnight'"),
    (("--tactical", "--since", "0d"), "a period is at least one day"),
    (("--tactical", "--since", "2027-01-01"), "is still ahead"),
    (("--tactical", "--period", "decade"), "Invalid value for '--period'"),
    (("--strategic", "--format", "pdf"), "Invalid value for '--format'"),
])
def test_bad_options_exit_2(cli, demo, args, message):
    result = cli("report", *args)
    assert result.code == 2 and message in result.err and result.out == ""


def test_the_strategic_json_shape(ok, demo):
    data = json.loads(ok("report", "--strategic", "--format", "json").out)
    assert set(data) == {"digest", "period", "changed", "strategies"}
    assert data["digest"] == "strategic"
    assert data["period"] == {"start": "2026-11-01", "end": "2026-11-28", "words": "the last 4 weeks"}
    assert data["changed"] == [
        {"strategy": "s6", "title": "Reach product-market fit", "date": "2026-11-21", "was": "on-track",
         "now": "at-risk", "note": "Onboarding still loses people"},
        {"strategy": "s1", "title": "Get a good job in my field within five years", "date": "2026-11-22",
         "was": "at-risk", "now": "on-track", "note": "Referrals are working"}]
    first = data["strategies"][0]
    assert set(first) == {"id", "title", "depth", "status", "progress", "pace", "key_results", "last_review",
                          "horizon", "days_left"}
    assert set(first["progress"]) == {"then", "now", "measured", "tactics"}
    assert set(first["pace"]) == {"verdict", "actual", "expected", "by"} and first["pace"]["by"] == "key results"
    kr = first["key_results"][0]
    assert set(kr) == {"id", "title", "unit", "start", "target", "then", "now", "pace", "expected_value"}
    assert (kr["then"]["value"], kr["now"]["value"], kr["now"]["measured"]) == (14, 19, "2026-11-19")
    assert first["last_review"] == {"date": "2026-11-22", "health": "on-track", "note": "Referrals are working"}
    assert (first["horizon"], first["days_left"]) == ("2031-11-28", 1826)


def test_the_tactical_json_shape(ok, demo):
    data = json.loads(ok("report", "--tactical", "--format", "json").out)
    assert set(data) == {"digest", "period", "strategies", "slipping", "notes"}
    assert data["slipping"] == [{"id": "t5", "title": "Write up the data-viz project", "due": "2026-11-26",
                                 "pushed": 3}]
    assert data["notes"] == [{"date": "2026-11-24", "note": "Enterprise deal signed!"},
                             {"date": "2026-11-25", "note": "Pushed the write-up again"}]
    by_id = {work["id"]: work for work in data["strategies"]}
    assert set(by_id["s3"]) == {"id", "title", "depth", "done", "pushed", "dropped", "overdue", "next_week"}
    assert by_id["s3"]["pushed"] == [{"id": "t5", "title": "Write up the data-viz project", "due": "2026-11-26",
                                      "times": 1, "ever": 3}]
    assert by_id["s7"]["done"] == [{"id": "t24", "title": "Sign the first enterprise customer", "due": "2026-11-23",
                                    "done": "2026-11-24"}]
    month = json.loads(ok("report", "--tactical", "--since", "4w", "--format", "json").out)
    dropped = {t["id"]: t["title"] for work in month["strategies"] for t in work["dropped"]}
    assert dropped == {"t26": "Sponsor the campus hackathon"}


def test_an_empty_plan_reports_nothing_without_failing(ok):
    assert ok("report", "--tactical").lines[-1] == "- none"
    assert json.loads(ok("report", "--strategic", "--format", "json").out)["strategies"] == []


def test_user_text_in_a_digest_is_data(ok, hostile):
    from tests.conftest import Hostile

    text = ok("report", "--strategic", "--since", "60d").out
    hostile.defused(text, "Goal", whole=True)
    markdown = ok("report", "--tactical", "--format", "markdown").out
    Hostile({}).defused(markdown)  # no raw control character anywhere
    assert json.loads(ok("report", "--tactical", "--format", "json").out)["notes"][0]["note"].startswith("day \x1b")
