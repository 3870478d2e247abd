"""core/ is pure Python: importing any of its modules must not import Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import planner_tui.core

# Every module, the wings' (core/file, core/exchange) included.
MODULES = sorted(info.name for info in pkgutil.walk_packages(planner_tui.core.__path__, "planner_tui.core.")
                 if not info.ispkg)

CHECK = """
import importlib, sys
importlib.import_module({module!r})
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
assert not loaded, f"{module} imports textual: {{loaded[:5]}}"
assert {module!r} in sys.modules
"""


def test_every_core_module_is_checked():
    """Guard against the discovery above silently finding nothing."""
    assert {"planner_tui.core.dates", "planner_tui.core.plan", "planner_tui.core.file.store",
            "planner_tui.core.actions"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_core_module_does_not_import_textual(module):
    result = subprocess.run([sys.executable, "-c", CHECK.format(module=module)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_check_itself_catches_textual():
    """The same check fails for a module that does import Textual."""
    result = subprocess.run([sys.executable, "-c", CHECK.format(module="textual.app")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "imports textual" in result.stderr
