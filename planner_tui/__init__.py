"""planner_tui: strategies and tactics, in the terminal."""

from planner_tui.lazy_modules import defer_all

defer_all()
