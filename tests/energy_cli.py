"""``python -m energy`` called in this process: ``energy.cli.main(argv)`` with the store, the
standard input and the working directory a child process would have had, its output captured.

A child process spends about two seconds importing the library before it does anything; the
command line's own code is the same either way. ``tests/test_cli.py`` keeps a few runs through
a real child process (``python -m energy``: the entry point, the exit status, what reaches the
terminal).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from energy.cli import main
from energy.store import cache, db

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Result:
    """What ``subprocess.run(..., capture_output=True, text=True)`` would have returned."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _as_a_new_process(url: str) -> Iterator[None]:
    """The store named by ``ENERGY_DATABASE_URL``, the repository as working directory, and
    nothing kept of the store from before or after (a new process knows nothing of it)."""
    before = os.environ.get("ENERGY_DATABASE_URL")
    os.environ["ENERGY_DATABASE_URL"] = url
    db.forget_store_state(url)
    db.dispose_engine(url)
    cache.clear()
    try:
        with contextlib.chdir(ROOT):
            yield
    finally:
        db.forget_store_state(url)
        db.dispose_engine(url)
        cache.clear()
        if before is None:
            os.environ.pop("ENERGY_DATABASE_URL", None)
        else:
            os.environ["ENERGY_DATABASE_URL"] = before


def energy(url: str, *args: str, stdin: str | None = None) -> Result:
    """``python -m energy ARGS`` over the store ``url``, in this process."""
    out, err = io.StringIO(), io.StringIO()
    real_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with (
            _as_a_new_process(url),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code: object = main(list(args))
            except SystemExit as stop:  # argparse: --help, or bad arguments
                code = stop.code
    finally:
        sys.stdin = real_stdin
    if code is None:
        code = 0
    elif not isinstance(code, int):  # SystemExit("message"): the message goes to stderr
        err.write(f"{code}\n")
        code = 1
    return Result(code, out.getvalue(), err.getvalue())
