"""The main screen as a person feels it, measured from outside the process.

    python benchmarks/bench_ui.py                      # 1k, 10k, 100k tactics, 5 runs each
    python benchmarks/bench_ui.py --sizes 10000 --runs 7
    python benchmarks/bench_ui.py --sizes --subtree-sizes 1000 20000   # only the one-strategy plans

Runs the real `planner` (python -m planner_tui) under a pseudo-terminal of
120x40 with ../shared/tools/tui_latency.py, which renders the output with pyte
and times (a) spawn -> the first screen that shows the plan (the first row of
the tactics table, so the data is drawn, not just the frame), next to
hello_textual.py (a bare Textual app showing one label) in the same run, and
(b) per key press, the time until the screen has settled (the last change before
250 ms of quiet): moving the table cursor (j), moving the tree cursor between
top-level strategies (j/k; each move swaps in ~1,000 tactics of the subtree),
the same one level down (~100), and marking a tactic done (x; saved to disk
before the screen changes; alternately done and todo). Then every tactic of a
plan under one strategy (--subtree-sizes, 1k and 20k: the tactics table holds all
of them and draws a screenful): `G`/`g` (last row, first row) and `ctrl+f`/`ctrl+b`
(a page down, up), reported as the ratio of the big subtree to the 1k one in the
same run. Targets are interleaved round-robin, so a slow moment of the machine
hits all of them alike.

With ``--key-results N`` (each with ``--values`` values) each size also gets the
same plan with N key results beside it, and both are timed to the detail pane
(the marker is its `review` line, drawn a frame after the tactics, with the key
results section beside it on that plan): opening, and the tree cursor moving
between top-level strategies (the detail pane follows it, reading each one's
key results), in the same run.

Plans come from benchmarks/generate.py (seeded). Every run starts from a
fresh copy of the plan and no saved UI state. Needs pyte (pip install pyte).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import make_plan, write_plan  # noqa: E402

import orjson  # noqa: E402

from planner_tui.core.file.storage import DUMP_OPTIONS  # noqa: E402

from planner_tui.core.file.store import Store  # noqa: E402
from planner_tui.core.rollup import Rollup  # noqa: E402
from planner_tui.core.views import tactic_rows  # noqa: E402

TOOLS = HERE.parent.parent / "shared" / "tools"
KEY_TARGETS = {  # name: (untimed keys first, timed keys cycled)
    "table j": ("tab", "j"),
    "tree top j/k": ("", "j,k"),
    "tree level 2 j/k": ("space,j", "j,k"),  # space expands the first strategy (l goes to its tactics)
    "done x": ("tab", "x"),
}

SUBTREE_TARGETS = {  # on a plan whose every tactic serves one strategy
    "G/g": ("tab", "G,g"),
    "ctrl+f/ctrl+b": ("tab", "ctrl-f,ctrl-b"),
}


def write_subtree_plan(path: Path, size: int) -> Path:
    """The generator's plan of ``size`` tactics, every one of them serving the first
    strategy: the tactics table of that strategy holds them all."""
    plan = make_plan(size)
    for position, tactic in enumerate(plan["tactics"].values()):
        tactic["strategy"], tactic["position"] = 1, position
    path.write_bytes(orjson.dumps(plan, option=DUMP_OPTIONS))
    return path


def first_row_marker(path: Path) -> str:
    """The start of the first tactic row on the first screen: seen only once the data is drawn."""
    plan = Store(path).plan
    root = plan.roots()[0].id
    rows = tactic_rows(plan, root, deep=True, limit=1, rollup=Rollup(plan)).rows
    return re.escape(rows[0].title[:12])


DETAIL_MARKER = r"review {4}"  # the detail pane's review line (titles have single spaces)


def suite(sizes: list[int], subtree_sizes: list[int], folder: Path, runs: int, presses: int,
          key_results: int = 0, values: int = 6) -> dict:
    """Targets for tui_latency.py: hello, then startup and keys per plan size, then
    the keys of the one-strategy plans."""
    python = shlex.quote(sys.executable)
    # No settings.toml for either (a saved theme would cost planner a CSS re-parse hello never pays).
    env = {"XDG_CONFIG_HOME": str(folder / "config")}
    targets = [{"name": "hello", "cmd": f"{python} {TOOLS / 'hello_textual.py'}", "marker": "Hello, world",
                "env": env}]

    def opened(pristine: Path) -> dict:
        plan = folder / pristine.name.replace("pristine", "plan")
        return {"cmd": f"{python} -m planner_tui --db {plan}", "marker": first_row_marker(pristine),
                "marker_regex": True, "setup": f"cp {pristine} {plan} && rm -f {plan}.ui.json", "env": env}

    for size in sizes:
        pristine = write_plan(folder / f"pristine-{size}.json", size)
        base = opened(pristine)
        targets.append({**base, "name": f"{size} start"})
        for name, (pre, keys) in KEY_TARGETS.items():
            targets.append({**base, "name": f"{size} {name}", "pre_keys": pre, "keys": keys, "presses": presses})
        if key_results:
            measured = write_plan(folder / f"pristine-{size}-kr.json", size, key_results=key_results, values=values)
            for label, source in (("", pristine), (" kr", measured)):
                copy = folder / f"plan-{size}{label.strip()}-detail.json"
                detail = {**base, "marker": DETAIL_MARKER, "env": env,
                          "cmd": f"{python} -m planner_tui --db {copy}",
                          "setup": f"cp {source} {copy} && rm -f {copy}.ui.json"}
                targets.append({**detail, "name": f"{size}{label} open to the detail"})
                targets.append({**detail, "name": f"{size}{label} detail tree j/k", "pre_keys": "",
                                "keys": "j,k", "presses": presses})
    for size in subtree_sizes:
        base = opened(write_subtree_plan(folder / f"pristine-subtree-{size}.json", size))
        for name, (pre, keys) in SUBTREE_TARGETS.items():
            targets.append({**base, "name": f"subtree {size} {name}", "pre_keys": pre, "keys": keys,
                            "presses": presses})
    return {"cols": 120, "rows": 40, "runs": runs, "warmup": 1, "quiet_ms": 250, "targets": targets}


def compile_bytecode() -> None:
    """Our modules as bytecode, as `pip install` leaves them (Textual's always are).

    With PYTHONDONTWRITEBYTECODE set (some sandboxes and containers) an editable
    install compiles all of planner_tui's modules again on every start, ~25 ms
    that no installed copy pays.
    """
    import compileall

    import planner_tui

    compileall.compile_dir(Path(planner_tui.__file__).parent, quiet=1)


def report(summaries: list[dict], sizes: list[int], subtree_sizes: list[int]) -> str:
    """Markdown tables: startup (ratio to hello) and key settle medians / p95, in ms;
    the one-strategy plans' keys, each size's median as a ratio to the smallest's."""
    by_name = {s["name"]: s for s in summaries}
    hello = by_name["hello"]["startup_ms"]["median"]
    lines = [f"hello_textual.py first frame: {hello:.0f} ms (median)", ""]
    if sizes:
        lines += ["| tactics | open (× hello) | " + " | ".join(f"{k} settle" for k in KEY_TARGETS) + " |",
                  "|---|---|" + "---|" * len(KEY_TARGETS)]
    for size in sizes:
        start = by_name[f"{size} start"]["startup_ms"]["median"]
        cells = [f"{size:,}", f"{start:.0f} ({start / hello:.2f}×)"]
        cells += [_settle(by_name[f"{size} {name}"]["key_settle_ms"]) for name in KEY_TARGETS]
        lines.append("| " + " | ".join(cells) + " |")
    if subtree_sizes:
        smallest = min(subtree_sizes)
        lines += ["", "| tactics under one strategy | " + " | ".join(f"{k} settle (× {smallest:,})"
                                                               for k in SUBTREE_TARGETS) + " |",
                  "|---|" + "---|" * len(SUBTREE_TARGETS)]
        for size in subtree_sizes:
            cells = [f"{size:,}"]
            for name in SUBTREE_TARGETS:
                settle = by_name[f"subtree {size} {name}"]["key_settle_ms"]
                base = by_name[f"subtree {smallest} {name}"]["key_settle_ms"]
                ratio = f" ({settle['median'] / base['median']:.2f}×)" if settle["n"] and base["n"] else ""
                cells.append(_settle(settle) + ratio)
            lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Key columns: median / p95 ms from key press to the last screen change.")
    if sizes and f"{sizes[0]} kr open to the detail" in by_name:
        lines += ["", "| tactics | open to the detail: plain / with key results | tree j/k settle: plain / with |",
                  "|---|---|---|"]
        for size in sizes:
            plain, measured = (by_name[f"{size}{label} open to the detail"]["startup_ms"]["median"]
                               for label in ("", " kr"))
            keys = [by_name[f"{size}{label} detail tree j/k"]["key_settle_ms"]["median"] for label in ("", " kr")]
            lines.append(f"| {size:,} | {plain:.0f} / {measured:.0f} ms ({measured / plain:.2f}×) "
                         f"| {keys[0]:.1f} / {keys[1]:.1f} ms ({keys[1] / keys[0]:.2f}×) |")
    return "\n".join(lines)


def _settle(settle: dict) -> str:
    return f"{settle['median']:.1f} / {settle['p95']:.1f}" if settle["n"] else "– (nothing to move to)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--subtree-sizes", type=int, nargs="*", default=[1_000, 20_000],
                        help="plans whose every tactic serves one strategy (the first is the ratios' base)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--tool", type=Path, default=TOOLS / "tui_latency.py")
    parser.add_argument("--json-out", type=Path, help="also keep the tool's raw JSON here")
    parser.add_argument("--key-results", type=int, default=0, help="also: the same plans with this many key results")
    parser.add_argument("--values", type=int, default=6, help="with --key-results: values of each")
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        suite_file = folder / "suite.json"
        suite_file.write_text(json.dumps(suite(args.sizes, args.subtree_sizes, folder, args.runs, args.presses,
                                               args.key_results, args.values)))
        raw = folder / "out.json"
        subprocess.run([sys.executable, str(args.tool), "--suite", str(suite_file), "--json-out", str(raw)],
                       check=False)
        if args.json_out:
            shutil.copy(raw, args.json_out)
        summaries = json.loads(raw.read_text())["targets"]
    print()
    print(report(summaries, args.sizes, args.subtree_sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
