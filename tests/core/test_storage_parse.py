"""How a plan file's bytes are read: empty means no plan yet, anything else must be JSON tables."""

from __future__ import annotations

import pytest

from planner_tui.core.file.storage import UnreadableFile, parse


@pytest.mark.parametrize("raw", [b"", b"   ", b"\n\t \r\n"])
def test_an_empty_or_blank_file_is_no_plan_yet(raw):
    assert parse(raw) is None


@pytest.mark.parametrize("raw", [b'{"tactics": {}}', b'\n  {"tactics": {"1": {"title": "x"}}}\n\n'])
def test_json_tables_around_whitespace_are_read(raw):
    assert "tactics" in parse(raw)


@pytest.mark.parametrize("raw", [b"{ not json", b"  x  ", b"[]", b'{"tactics": []}'])
def test_anything_else_is_refused(raw):
    with pytest.raises(UnreadableFile):
        parse(raw)
