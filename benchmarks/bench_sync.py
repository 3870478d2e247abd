"""`planner sync` of a 1k-tactic plan against a local Radicale: nothing changed, and 10 changes each way.

    python benchmarks/bench_sync.py                 # 1000 tactics, 7 runs each
    python benchmarks/bench_sync.py --tactics 200 --runs 3

Radicale (the test extra installs it) runs on 127.0.0.1 with its own storage,
as the sync tests start it (tests/sync/radicale_server.py). The plan comes from
generate.py; its first sync uploads every strategy and tactic. Then, each run:

- **nothing changed**: `planner sync` in a fresh process (what a person waits
  for: start-up, settings, the password command, the sync), and the same sync
  called in-process (what the app's worker thread would pay);
- **10 changes each way**: before the run, a second CalDAV client (as a phone)
  renames 5 to-dos and ticks off 5, and the plan renames 10 other tactics;
  then `planner sync` in a fresh process carries all 20 across.

Reported: medians and the fastest run, and how many HTTP requests each kind of
sync made (counted by Radicale's access through a counting proxy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

from planner_tui.core import actions  # noqa: E402
from planner_tui.core.exchange.sync.run import sync  # noqa: E402
from planner_tui.core.file.store import Store  # noqa: E402
from planner_tui.core.settings import load_settings  # noqa: E402
from tests.sync.radicale_server import PASSWORD, USER, Proxy, Radicale  # noqa: E402


def planner_sync(plan: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "planner_tui", "--db", str(plan), "sync"], env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"planner sync failed: {done.stderr}")
    return elapsed


def phone_changes(url: str, list_name: str, run: int, tactic_ids: list[int]) -> None:
    import caldav

    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    calendar = client.principal().calendar(name=list_name)
    stamp = dt.datetime.now(dt.timezone.utc)
    for number, tactic_id in enumerate(tactic_ids):
        todo = calendar.get_todo_by_uid(f"t{tactic_id}@planner-tui")
        component = todo.icalendar_component
        for name in ("summary", "last-modified") + (("status", "completed") if number % 2 else ()):
            component.pop(name, None)
        component.add("summary", f"phone rename {run}.{number}")
        component.add("last-modified", stamp)
        if number % 2:
            component.add("status", "COMPLETED")
            component.add("completed", stamp)
        todo.save(increase_seqno=False)


def plan_changes(plan: Path, run: int, tactic_ids: list[int]) -> None:
    store = Store(plan)
    for number, tactic_id in enumerate(tactic_ids):
        actions.edit_tactic(store, tactic_id, title=f"plan rename {run}.{number}")


def summary(name: str, times: list[float], requests: int) -> str:
    ms = [t * 1000 for t in times]
    return f"| {name} | {statistics.median(ms):.0f} | {min(ms):.0f} | {requests} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tactics", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "radicale").mkdir()
        radicale = Radicale(folder / "radicale")
        radicale.start()
        proxy = Proxy(radicale)
        try:
            run_all(folder, proxy, args.tactics, args.runs)
        finally:
            proxy.close()
            radicale.stop()


def run_all(folder: Path, proxy: Proxy, tactics: int, runs: int) -> None:
    plan = generate.write_plan(folder / "plan.json", tactics)
    config = folder / "config" / "planner-tui" / "settings.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'[caldav]\nurl = "{proxy.url}"\nuser = "{USER}"\nlist = "Bench"\n'
                      f'password_cmd = "echo {PASSWORD}"\n')
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "PYTHONPATH": str(ROOT)}
    os.environ["XDG_CONFIG_HOME"] = env["XDG_CONFIG_HOME"]
    items = len(Store(plan).plan.tactics) + len(Store(plan).plan.strategies)

    proxy.count = 0
    first = planner_sync(plan, env)
    first_requests = proxy.count
    quiet, core, busy = [], [], []
    quiet_requests = core_requests = busy_requests = 0
    settings = load_settings().settings.caldav
    open_ids = sorted(t.id for t in Store(plan).plan.tactics.values() if t.status.is_open and not t.repeat)
    for run in range(runs):
        proxy.count = 0
        quiet.append(planner_sync(plan, env))
        quiet_requests = proxy.count
        store = Store(plan)
        proxy.count = 0
        started = time.perf_counter()
        report = sync(store, settings)
        core.append(time.perf_counter() - started)
        core_requests = proxy.count
        assert not report.changed, report
        chosen = open_ids[run * 20:(run + 1) * 20]
        phone_changes(proxy.url, "Bench", run, chosen[:10])
        plan_changes(plan, run, chosen[10:])
        proxy.count = 0
        busy.append(planner_sync(plan, env))
        busy_requests = proxy.count
    print(f"{tactics} tactics ({items} to-dos with the strategies), {runs} runs, Python {sys.version.split()[0]}")
    print(f"first sync (uploads everything): {first * 1000:.0f} ms, {first_requests} requests")
    print("| sync | median (ms) | fastest (ms) | requests |")
    print("|---|---:|---:|---:|")
    print(summary("nothing changed: `planner sync` (fresh process)", quiet, quiet_requests))
    print(summary("nothing changed: `sync()` in-process (the app's worker)", core, core_requests))
    print(summary("10 changes each way: `planner sync` (fresh process)", busy, busy_requests))


if __name__ == "__main__":
    main()
