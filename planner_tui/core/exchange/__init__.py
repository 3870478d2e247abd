"""The plan leaving and entering planner_tui: exports, imports, outlines, records for scripts."""
