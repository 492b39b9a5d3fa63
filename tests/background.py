"""Checks started in a child process when the run begins, so they overlap the other tests,
and collected by the test that reports them (``tests/test_lint.py``).

mypy over the whole library takes about 10 CPU-seconds without its cache (a fresh clone, CI);
the rest of the suite runs meanwhile, and its cache is kept in the user's cache folder
(``$XDG_CACHE_HOME`` or ``~/.cache``), as pip keeps its downloads, so that the next clone on
this machine checks only what changed (mypy compares each file's hash with the cache's). A check nobody started (the test run on its own through a
path the session hook did not see) is simply run when asked for.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 600  # a check still running then has hung

CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "energy-villages"
# Checks by name: the arguments after ``python -m``.
CHECKS: dict[str, tuple[str, ...]] = {"mypy": ("mypy", "--cache-dir", str(CACHE / "mypy"))}


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str


_running: dict[str, subprocess.Popen[str]] = {}


def start(name: str) -> None:
    """Start the check ``name`` (once)."""
    if name not in _running:
        _running[name] = subprocess.Popen(
            [sys.executable, "-m", *CHECKS[name]],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )


def result(name: str) -> Outcome:
    """Wait for the check ``name`` (starting it now if nobody did) and return its outcome."""
    start(name)
    process = _running[name]
    try:
        output, _ = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        return Outcome(-1, f"{name} did not finish within {TIMEOUT_S}s\n{output}")
    return Outcome(process.returncode, output)


def stop_all() -> None:
    """End the checks this module started that are still running (the run stopped early)."""
    for process in _running.values():
        if process.poll() is None:
            process.kill()
            process.communicate()
    _running.clear()
