"""Fixtures for the fault tests: a small file system of our own."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


@pytest.fixture
def small_fs(tmp_path):
    """A 1 MiB tmpfs of our own (root with CAP_SYS_ADMIN only): a disk that really fills up."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root on Linux")
    mountpoint = tmp_path / "small"
    mountpoint.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mountpoint)],
                            capture_output=True, text=True)
    if result.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)
