"""The long run of the open-time fuzz tests: many more examples, in several zones.

    python scripts/fuzz_open.py                      # 5000 CLI examples, 200 app renders, 3 zones
    python scripts/fuzz_open.py --examples 20000 --renders 0 --zones Pacific/Auckland

The suite runs the same tests with a few examples (tests/cli/test_fuzz_open.py,
tests/ui/test_fuzz_render.py; see tests/plan_mutations.py for what is changed
in the files). Each is run here with PLANNER_FUZZ_EXAMPLES and
PLANNER_FUZZ_RENDER_EXAMPLES raised, once per time zone, and stops at the first
failure, which Hypothesis prints shrunk to a small example (and remembers in
.hypothesis/ so that the suite's next run tries it first).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = {"examples": "tests/cli/test_fuzz_open.py", "renders": "tests/ui/test_fuzz_render.py"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="plan files through every command")
    parser.add_argument("--renders", type=int, default=200, help="plan files rendered by the app")
    parser.add_argument("--zones", nargs="+", default=["UTC", "Pacific/Auckland", "America/New_York"])
    args = parser.parse_args()
    env = {**os.environ, "PLANNER_FUZZ_EXAMPLES": str(args.examples),
           "PLANNER_FUZZ_RENDER_EXAMPLES": str(args.renders)}
    tests = [path for name, path in TESTS.items() if getattr(args, name)]
    for zone in args.zones:
        print(f"== TZ={zone}: {args.examples} files through every command, {args.renders} rendered", flush=True)
        command = [sys.executable, "-m", "pytest", "-q", "-x", "--hypothesis-show-statistics", *tests]
        code = subprocess.run(command, cwd=ROOT, env={**env, "TZ": zone}).returncode
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
