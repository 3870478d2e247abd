"""Start-up: sub-command modules are imported when their command runs; a pipe needs no Rich."""

from __future__ import annotations

import importlib
import subprocess
import sys

from planner_tui.cli.commands import MODULES, planner


def test_every_command_is_mapped_to_the_module_that_registers_it():
    for module in MODULES:
        importlib.import_module(module)
    registered = {name: command.callback.__module__ for name, command in planner.commands.items()}
    assert registered == planner.modules


def test_help_lists_every_command(ok):
    listed = ok("--help").out.split("Commands:", 1)[1]
    for name in planner.modules:
        assert f"\n  {name} " in listed


def loaded_by(plan_path, *args: str) -> set[str]:
    """The modules a fresh `planner --db plan_path ARGS` has imported when it is done."""
    snippet = (
        "import sys\n"
        "from planner_tui.cli import main\n"
        f"code = main(['--db', {str(plan_path)!r}, *{list(args)!r}])\n"
        "print(' '.join(sorted(sys.modules)))\n"
        "raise SystemExit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.splitlines()[-1].split())


def test_a_prompts_streak_imports_neither_the_other_commands_nor_rich(plan_path):
    loaded = loaded_by(plan_path, "streak", "--short")
    assert "planner_tui.cli.checkin_review_commands" in loaded
    others = {"planner_tui.cli.exchange", "planner_tui.cli.config_commands", "planner_tui.cli.restore",
              "planner_tui.cli.plan_commands", "planner_tui.core.exchange.importing", "planner_tui.core.exchange.export"}
    assert loaded & others == set()
    assert not any(name == "rich" or name.startswith("rich.") for name in loaded)


def test_a_piped_listing_does_not_import_rich(ok, plan_path):
    ok("strategy", "add", "Goal")
    ok("add", "Step", "--to", "s1", "--due", "today")
    for args in (["today"], ["list"], ["today", "--json"]):
        loaded = loaded_by(plan_path, *args)
        assert not any(name == "rich" or name.startswith("rich.") for name in loaded), args
