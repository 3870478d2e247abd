"""The digests (core/digest.py) as text, Markdown and JSON: `planner report` prints them,
the app saves them to a file.

Text is plain lines, for a terminal or a mail; Markdown is a document to share,
with a table of key results per strategy; JSON is a contract for scripts, its
shape tested (tests/cli/test_cli_report.py). User text is data in each: visible
escapes in text (`user_text.visible`), Markdown escapes (`export.escape`), JSON
strings (made safe when printed).
"""

from __future__ import annotations

from typing import Any, Callable

from pendulum import DateTime

from planner_tui.core.amounts import SYMBOLS, shown
from planner_tui.core.checkin_pace import SLIPPING
from planner_tui.core.dates import local_date, relative_day, short_date
from planner_tui.core.digest import (HealthChange, KeyResultNews, Period, StrategicDigest, StrategyNews,
                                     StrategyWork, TacticalDigest)
from planner_tui.core.exchange.export import escape
from planner_tui.core.model import Tactic
from planner_tui.core.outcomes import StrategyProgress
from planner_tui.core.pace import VERDICT_WORDS, ReviewPace
from planner_tui.core.review import HEALTH_WORDS
from planner_tui.core.user_text import visible

FORMATS = ("text", "markdown", "json")
Words = Callable[[str], str]  # user text as the format shows it


def render(digest: StrategicDigest | TacticalDigest, fmt: str, now: DateTime) -> str | dict[str, Any]:
    """``digest`` in ``fmt``: text or Markdown (a str), or JSON (a dict, for the caller to dump)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown digest format {fmt!r}")
    strategic = isinstance(digest, StrategicDigest)
    if fmt == "json":
        return (strategic_json if strategic else tactical_json)(digest, now)
    write = strategic_lines if strategic else tactical_lines
    return "\n".join(write(digest, now, fmt == "markdown")) + "\n"


# -- words shared by text and Markdown ----------------------------------------------------------


def period_words(period: Period, now: DateTime) -> str:
    """`the last 4 weeks · Sun 1 Nov – Sat 28 Nov 2026`."""
    end = short_date(period.end, now) + ("" if period.end.year != now.year else f" {period.end.year}")
    return f"{period.words} · {short_date(period.start, now)} – {end}"


def progress_words(then: StrategyProgress, now: StrategyProgress) -> str:
    """`34% (was 20%) · tactics 2/9 (was 1/5)`; `34%, as it was` when nothing moved."""
    share = f"{now.percent}% (was {then.percent}%)" if then.percent != now.percent else f"{now.percent}%, as it was"
    tactics = now.tactics.cookie + (f" (was {then.tactics.cookie})" if then.tactics != now.tactics else "")
    return f"{share} · tactics {tactics}"


def pace_words(pace: ReviewPace) -> str:
    """`on pace (expected 9% by now)`, `behind pace (expected 25% by now, at 14%)`, `no horizon`."""
    words = VERDICT_WORDS[pace.verdict]
    if pace.expected is None or pace.verdict in ("complete", "no-horizon", "no-start"):
        return words
    if pace.verdict == "on-pace":
        return f"{words} (expected {round(pace.expected * 100)}% by now)"
    return f"{words} (expected {round(pace.expected * 100)}% by now, at {round(pace.actual * 100)}%)"


def horizon_words(news: StrategyNews, now: DateTime) -> str:
    horizon = news.strategy.horizon
    if horizon is None:
        return "no horizon"
    return f"horizon {short_date(horizon, now)} ({relative_day(horizon, now)})"


def review_words(news: StrategyNews, now: DateTime, text: Words) -> str:
    review = news.last_review
    if review is None:
        return "never reviewed"
    note = f" — {text(review.note)}" if review.note else ""
    return f"last review {short_date(review.date, now)}: {HEALTH_WORDS[review.health]}{note}"


def change_words(change: HealthChange, now: DateTime, text: Words) -> str:
    """`Reach product-market fit: on track → at risk on Sat 21 Nov — Onboarding still loses people`."""
    note = f" — {text(change.review.note)}" if change.review.note else ""
    return (f"{text(change.strategy.title)}: {HEALTH_WORDS[change.was]} → {HEALTH_WORDS[change.review.health]} "
            f"on {short_date(change.review.date, now)}{note}")


def value_words(news: KeyResultNews) -> tuple[str, str, str]:
    """The value then, now, and the target, as people glance at them (`—`: not measured yet);
    a unit that is a word (`applications`) is said once, after the target."""
    unit = news.key_result.unit
    own = unit if unit in SYMBOLS else ""
    then = shown(news.then.value, own) if news.then.measured else "—"
    current = shown(news.now.value, own) if news.now.measured else "—"
    return then, current, shown(news.key_result.target, unit)


def key_result_words(news: KeyResultNews, text: Words) -> str:
    """`Applications sent: 14 → 19 of 40 applications (35% → 48%) · on pace (expected 6% by now)`."""
    then, current, target = value_words(news)
    return (f"{text(news.key_result.title)}: {then} → {current} of {target} "
            f"({round(news.then.progress * 100)}% → {round(news.now.progress * 100)}%) · {pace_words(news.pace)}")


def tactic_words(tactic: Tactic, now: DateTime, text: Words) -> str:
    """`Write up the data-viz project (due Thu 26 Nov)`."""
    due = f" (due {short_date(tactic.due, now)})" if tactic.due is not None else ""
    return f"{text(tactic.title)}{due}"


# -- the strategic digest -----------------------------------------------------------------------


def strategic_lines(digest: StrategicDigest, now: DateTime, markdown: bool) -> list[str]:
    text = _text_of(markdown)
    lines = [_heading(1, f"Strategic digest · {period_words(digest.period, now)}", markdown), ""]
    lines += [_heading(2, "Health changed", markdown)] + ([""] if markdown else [])
    lines += [_item(change_words(change, now, text)) for change in digest.changed] or [_item("none")]
    for news in digest.strategies:
        lines += ["", _heading(2 + news.depth, text(news.strategy.title), markdown, news.depth)]
        lines += [""] if markdown else []
        status = news.strategy.status_on(now.date()).value
        status = f" · {status}" if status != "active" else ""
        lines += [_line(f"progress {progress_words(news.then, news.now)} · {pace_words(news.pace)}{status}",
                        markdown, news.depth),
                  _line(f"{horizon_words(news, now)} · {review_words(news, now, text)}", markdown, news.depth)]
        if news.key_results:
            lines += _key_result_table(news.key_results, text) if markdown else [
                _line(key_result_words(kr, text), markdown, news.depth) for kr in news.key_results]
    return lines


def _key_result_table(found: list[KeyResultNews], text: Words) -> list[str]:
    rows = ["", "| Key result | Then | Now | Target | Progress | Pace |", "|---|---:|---:|---:|---:|---|"]
    for news in found:
        then, current, target = value_words(news)
        rows.append(f"| {text(news.key_result.title)} | {escape(then)} | {escape(current)} | {escape(target)} | "
                    f"{round(news.then.progress * 100)}% → {round(news.now.progress * 100)}% | "
                    f"{pace_words(news.pace)} |")
    return rows


# -- the tactical digest ------------------------------------------------------------------------

SECTIONS = (("done", "Done"), ("pushed", "Pushed"), ("dropped", "Dropped"), ("overdue", "Overdue"),
            ("next_week", "Due in the next week"))


def tactical_lines(digest: TacticalDigest, now: DateTime, markdown: bool) -> list[str]:
    text = _text_of(markdown)
    lines = [_heading(1, f"Tactical digest · {period_words(digest.period, now)}", markdown), ""]
    lines += [_heading(2, "Keeps slipping", markdown)] + ([""] if markdown else [])
    lines += [_item(f"{tactic_words(tactic, now, text)}: pushed on {count} check-ins") for tactic, count
              in digest.slipping] or [_item("none")]
    for work in digest.strategies:
        lines += ["", _heading(2, text(work.strategy.title), markdown)]
        for name, title in SECTIONS:
            items = _work_items(work, name, now, text)
            if items:
                lines += ["", f"**{title}**", "", *items] if markdown else [f"  {title}", *(f"    {i}" for i in items)]
    if not digest.strategies:
        lines += ["", _line("Nothing done, pushed, dropped, overdue or due in the next week.", markdown)]
    lines += ["", _heading(2, "Check-in notes", markdown)] + ([""] if markdown else [])
    lines += [_item(f"{short_date(record.date, now)}: {text(record.note)}") for record in digest.notes] or [
        _item("none")]
    return lines


def _work_items(work: StrategyWork, name: str, now: DateTime, text: Words) -> list[str]:
    if name == "pushed":
        return [_item(f"{tactic_words(moved.tactic, now, text)}: {_times(moved.times)}"
                      + (f" ({moved.ever} in all: keeps slipping)" if moved.ever >= SLIPPING else ""))
                for moved in work.pushed]
    if name == "done":
        return [_item(f"{text(t.title)} (on {short_date(t.done_at, now)})") for t in work.done]
    return [_item(tactic_words(tactic, now, text)) for tactic in getattr(work, name)]


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


# -- shared -------------------------------------------------------------------------------------


def _text_of(markdown: bool) -> Words:
    return escape if markdown else visible


def _heading(level: int, words: str, markdown: bool, depth: int = 0) -> str:
    """`## words` (at most six levels: deeper ones stay `######`), or the words indented by depth."""
    return f"{'#' * min(level, 6)} {words}" if markdown else f"{'  ' * depth}{words}"


def _line(words: str, markdown: bool, depth: int = 0) -> str:
    """A line of facts: an item of a list in Markdown, indented under its heading in text."""
    return _item(words[:1].upper() + words[1:]) if markdown else f"{'  ' * (depth + 1)}{words}"


def _item(words: str) -> str:
    return f"- {words}"


# -- JSON -----------------------------------------------------------------------------------------


def _period(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "words": period.words}


def _pace(pace: ReviewPace) -> dict[str, Any]:
    return {"verdict": pace.verdict, "actual": round(pace.actual, 4),
            "expected": round(pace.expected, 4) if pace.expected is not None else None, "by": pace.measured_by}


def _progress(then: StrategyProgress, now: StrategyProgress) -> dict[str, Any]:
    return {"then": round(then.ratio, 4), "now": round(now.ratio, 4), "measured": now.measured,
            "tactics": {"then": {"done": then.tactics.done, "total": then.tactics.total},
                        "now": {"done": now.tactics.done, "total": now.tactics.total}}}


def _reading(reading) -> dict[str, Any]:
    return {"value": reading.value, "measured": reading.day.isoformat() if reading.day else None,
            "progress": round(reading.progress, 4)}


def strategic_json(digest: StrategicDigest, now: DateTime) -> dict[str, Any]:
    return {
        "digest": "strategic",
        "period": _period(digest.period),
        "changed": [{"strategy": c.strategy.key, "title": c.strategy.title, "date": c.review.date.isoformat(),
                     "was": c.was.value, "now": c.review.health.value, "note": c.review.note}
                    for c in digest.changed],
        "strategies": [_strategy_json(news, now) for news in digest.strategies],
    }


def _strategy_json(news: StrategyNews, now: DateTime) -> dict[str, Any]:
    review = news.last_review
    return {
        "id": news.strategy.key, "title": news.strategy.title, "depth": news.depth,
        "status": news.strategy.status_on(now.date()).value, "progress": _progress(news.then, news.now),
        "pace": _pace(news.pace),
        "key_results": [{"id": kr.key_result.key, "title": kr.key_result.title, "unit": kr.key_result.unit,
                         "start": kr.key_result.start, "target": kr.key_result.target, "then": _reading(kr.then),
                         "now": _reading(kr.now), "pace": _pace(kr.pace),
                         "expected_value": round(kr.expected, 4) if kr.expected is not None else None}
                        for kr in news.key_results],
        "last_review": ({"date": review.date.isoformat(), "health": review.health.value, "note": review.note}
                        if review else None),
        "horizon": news.strategy.horizon.isoformat() if news.strategy.horizon else None,
        "days_left": news.days_left,
    }


def _tactic(tactic: Tactic, now: DateTime, **more: Any) -> dict[str, Any]:
    due = tactic.due.isoformat() if tactic.due is not None else None
    return {"id": tactic.key, "title": tactic.title, "due": due, **more}


def tactical_json(digest: TacticalDigest, now: DateTime) -> dict[str, Any]:
    return {
        "digest": "tactical",
        "period": _period(digest.period),
        "strategies": [{
            "id": work.strategy.key, "title": work.strategy.title, "depth": work.depth,
            "done": [_tactic(t, now, done=_day(t.done_at, now)) for t in work.done],
            "pushed": [_tactic(m.tactic, now, times=m.times, ever=m.ever) for m in work.pushed],
            "dropped": [_tactic(t, now) for t in work.dropped],
            "overdue": [_tactic(t, now) for t in work.overdue],
            "next_week": [_tactic(t, now) for t in work.next_week],
        } for work in digest.strategies],
        "slipping": [_tactic(tactic, now, pushed=count) for tactic, count in digest.slipping],
        "notes": [{"date": record.date.isoformat(), "note": record.note} for record in digest.notes],
    }


def _day(moment: DateTime, now: DateTime) -> str:
    return local_date(moment, now).isoformat()
