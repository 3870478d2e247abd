"""Where the stylesheets are. The main screen's is the app's; dialogs and the
monitoring screens name theirs, so Textual parses each when its first screen
opens instead of before the first frame (parsing is start-up time)."""

from pathlib import Path

HERE = Path(__file__).parent
MAIN = HERE / "planner.tcss"
DIALOGS = HERE / "dialogs.tcss"
MONITOR = HERE / "monitor.tcss"
