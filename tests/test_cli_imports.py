"""Nothing heavy happens at import: the command line's parser and ``--help`` load no package
from outside the standard library, and importing the accounts module makes no Argon2 hash
(the dummy hash for unknown names is made on first use).

Each check runs in a new interpreter, since this test process has imported everything: the
real ``python -m energy`` under ``-X importtime``, and this file run as a script for the
rest. No check here reads a clock.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Named for the failure message; the checks below refuse any package from outside the
# standard library, these included.
HEAVY = (
    "altair",
    "argon2",
    "fpdf",
    "numpy",
    "openpyxl",
    "pandas",
    "pptx",
    "pyarrow",
    "sqlalchemy",
    "streamlit",
    "vl_convert",
)


def _outside_the_standard_library(names: set[str]) -> list[str]:
    tops = {name.split(".")[0] for name in names if not name.startswith("_sysconfigdata")}
    return sorted(tops - set(sys.stdlib_module_names) - {"energy", "tests"})


def _imported_by(*args: str) -> set[str]:
    """The modules that ``python -X importtime ARGS`` imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    named = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "imported package" not in line
    }
    # A failed attempt is listed too (the standard library's `copy` tries Jython's `org`).
    return {name for name in named if importlib.util.find_spec(name.split(".")[0]) is not None}


def test_help_imports_nothing_from_outside_the_standard_library() -> None:
    loaded = _imported_by("-m", "energy", "--help") - _imported_by("-c", "pass")
    assert "energy.cli" in loaded  # the output is what it claims to be
    outside = _outside_the_standard_library(loaded)
    assert outside == [], f"`python -m energy --help` imports {outside} (heavy ones: {HEAVY})"


def _probe(step: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.test_cli_imports", step],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_parser_and_every_help_page_import_nothing_heavy() -> None:
    assert _probe("parser") == {"outside": [], "helped": True}


def test_a_command_on_a_store_at_the_current_revision_loads_no_migration_code(
    fresh_store: str, tmp_path: Path
) -> None:
    """Alembic and the migration files are read only to migrate: a readings import (whose
    whole process is timed against the database's own loader, issue 26) loads neither."""
    from energy.core.access import CLI_ACTOR
    from energy.villages import directory as villages

    villages.add_village(
        CLI_ACTOR, code="V-1", name="마을", district="Mapo-gu", cohort_year=2024, url=fresh_store
    )
    readings = tmp_path / "readings.csv"
    readings.write_text("household,month,carrier,value,unit\nH-001,2025-01,electricity,300,kWh\n")
    loaded = _imported_by(
        "-m", "energy", "readings", "import", str(readings), "--village", "V-1",
        "--register-households",
    )  # fmt: skip
    assert "energy.readings.imports" in loaded  # the import ran (its exit code is checked)
    assert {name.split(".")[0] for name in loaded} & {"alembic", "mako"} == set()


def test_importing_the_accounts_module_makes_no_hash_and_the_first_use_makes_one() -> None:
    assert _probe("accounts") == {
        "hashes_at_import": 0,
        "cached_at_import": 0,
        "hashes_after_first_use": 1,
        "hashes_after_second_use": 1,
        "argon2id": True,
        "rfc_9106_low_memory": True,
    }


def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every command and sub-command of the parser, the bare program first."""
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*prefix, name))


def _parser_step() -> dict[str, Any]:
    """Build the parser, ask every command for its help, and give one unknown command."""
    before = set(sys.modules)
    from energy import cli

    helped = True
    for argv in [*([*c, "--help"] for c in _commands(cli.build_parser())), ["bogus"]]:
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            contextlib.suppress(SystemExit),
        ):
            cli.main(argv)
        said = err.getvalue() if argv == ["bogus"] else out.getvalue()
        helped = helped and said.startswith("error: " if argv == ["bogus"] else "usage: ")
    return {"outside": _outside_the_standard_library(set(sys.modules) - before), "helped": helped}


def _accounts_step() -> dict[str, Any]:
    """Count the Argon2 hashes made by importing the accounts module, then by its first uses."""
    import argon2

    hashes = 0
    original = argon2.PasswordHasher.hash

    def counted(self: argon2.PasswordHasher, password: str | bytes, **kw: Any) -> str:
        nonlocal hashes
        hashes += 1
        return original(self, password, **kw)

    argon2.PasswordHasher.hash = counted  # type: ignore[method-assign]
    from energy import cli
    from energy.accounts import users as accounts

    cli.build_parser()
    figures: dict[str, Any] = {
        "hashes_at_import": hashes,
        "cached_at_import": accounts._dummy_hash.cache_info().currsize,
    }
    dummy = accounts._dummy_hash()
    figures["hashes_after_first_use"] = hashes
    accounts._dummy_hash()
    figures["hashes_after_second_use"] = hashes
    figures["argon2id"] = dummy.startswith("$argon2id$")
    # The product's cost (the test processes use a cheap one: tests/conftest.py).
    figures["rfc_9106_low_memory"] = (
        argon2.extract_parameters(dummy) == argon2.profiles.RFC_9106_LOW_MEMORY
    )
    return figures


if __name__ == "__main__":
    steps = {"parser": _parser_step, "accounts": _accounts_step}
    print(json.dumps(steps[sys.argv[1]]()))
