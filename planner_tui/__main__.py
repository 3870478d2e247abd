"""`python -m planner_tui` does what `planner` does."""

from planner_tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
