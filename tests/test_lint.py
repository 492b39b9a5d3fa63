"""The static checks run as part of the suite, so one command runs every check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import background

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=240
    )


def test_ruff_check_is_clean() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # 10 CPU-seconds without mypy's cache (a fresh clone): run among the first
def test_mypy_is_clean() -> None:
    # In a single process it was started when the run began (tests/conftest.py) and overlaps
    # the other tests; under pytest-xdist it starts here, early in the run (a slow test's
    # module goes first), while the other worker goes on.
    result = background.result("mypy")
    assert result.returncode == 0, result.output
