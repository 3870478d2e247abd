"""dateutil's parser (pendulum imports it, we never call it) and tomllib (needed only
when a settings file exists) load on first use, not at start-up."""

from __future__ import annotations

import subprocess
import sys

LAZY_THEN_USED = """
import sys
import planner_tui.core.file.store, planner_tui.core.dates
assert "dateutil.parser._parser" not in sys.modules, "dateutil's parser ran at import"
import pendulum
parsed = pendulum.parse("Nov 3 2026 10:00", strict=False)  # the fallback that needs it
assert (parsed.year, parsed.month, parsed.day, parsed.hour) == (2026, 11, 3, 10), parsed
assert "dateutil.parser._parser" in sys.modules
from dateutil import parser
assert parser.parse("3 Nov 2026").day == 3
"""


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_dateutil_parser_is_loaded_when_first_used_not_at_start():
    result = run(LAZY_THEN_USED)
    assert result.returncode == 0, result.stderr


def test_without_the_deferral_the_parser_loads_at_import():
    """The check above can fail: pendulum alone does import dateutil's parser."""
    result = run("import sys, pendulum; assert 'dateutil.parser._parser' not in sys.modules")
    assert result.returncode != 0


TOML_WHEN_NEEDED = """
import sys
from pathlib import Path
from planner_tui.core.settings import load_settings
folder = Path(sys.argv[1])
assert load_settings(folder / "missing.toml").problem is None
assert "tomllib._parser" not in sys.modules, "tomllib ran without a settings file"
(folder / "settings.toml").write_text('soon_days = 3\\nweek_start = "sunday"\\n')
assert load_settings(folder / "settings.toml").settings.soon_days == 3
(folder / "bad.toml").write_text("soon_days = = 3\\n")
assert "not valid TOML" in load_settings(folder / "bad.toml").problem
"""


def test_tomllib_is_loaded_only_when_a_settings_file_is_read(tmp_path):
    result = subprocess.run([sys.executable, "-c", TOML_WHEN_NEEDED, str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_deferring_a_missing_or_loaded_module_changes_nothing():
    from planner_tui.lazy_modules import defer

    before = sys.modules.get("json")
    defer("json")  # already loaded
    defer("no_such_module_here")
    assert sys.modules.get("json") is before and "no_such_module_here" not in sys.modules
