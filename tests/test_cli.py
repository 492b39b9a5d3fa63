"""``python -m energy``: the contract that staff scripts and acceptance checks call.

Most commands run in this process (``tests.energy_cli``: ``energy.cli.main`` with the store,
standard input and working directory a child would get); the tests that call ``child`` run a real
``python -m energy`` child process, for the entry point and what reaches a terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Protocol

import pytest

from tests.energy_cli import energy

ROOT = Path(__file__).resolve().parent.parent


def child(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m energy ARGS`` as a child process, as a staff script runs it."""
    env = {**os.environ, "ENERGY_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "energy", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


class Outcome(Protocol):
    @property
    def returncode(self) -> int: ...
    @property
    def stderr(self) -> str: ...


def _one_line_error(result: Outcome) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = child(f"sqlite:///{tmp_path / 'x.db'}", "--help")
    assert result.returncode == 0
    for command in ("db", "user", "village", "demo", "backup", "restore"):
        assert command in result.stdout


@pytest.mark.slow
def test_upgrade_add_list_on_a_new_embedded_store(tmp_path: Path) -> None:
    """Through child processes, as a staff script runs them."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert "revision" in child(url, "db", "upgrade").stdout
    result = child(
        url,
        "village",
        "add",
        "DJK-2026-01",
        "--name",
        "상도 햇빛마을",
        "--district",
        "동작구",
        "--cohort",
        "2026",
    )
    assert result.returncode == 0, result.stderr
    result = child(
        url,
        "village",
        "add",
        "MPO-2025-01",
        "--name",
        "성미산 마을",
        "--district",
        "Mapo-gu",
        "--cohort",
        "2025",
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(child(url, "village", "list", "--json").stdout)
    assert [v["code"] for v in listed] == [
        "MPO-2025-01",
        "DJK-2026-01",
    ]  # district order: Mapo, Dongjak
    first = next(v for v in listed if v["code"] == "DJK-2026-01")
    assert first | {} == first
    assert {k: first[k] for k in ("code", "name", "district", "cohort", "programme_year", "status")} == {
        "code": "DJK-2026-01", "name": "상도 햇빛마을", "district": "Dongjak-gu", "cohort": 2026,
        "programme_year": 1, "status": "active",
    }  # fmt: skip


def test_users_from_standard_input(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    energy(url, "db", "upgrade")
    energy(url, "village", "add", "V-1", "--name", "마을", "--district", "Guro-gu")
    ok = energy(
        url,
        "user",
        "add",
        "kim",
        "--role",
        "admin",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert ok.returncode == 0, ok.stderr
    ok = energy(
        url,
        "user",
        "add",
        "v1.committee",
        "--role",
        "committee",
        "--village",
        "V-1",
        "--password-stdin",
        stdin="another long password\n",
    )
    assert ok.returncode == 0, ok.stderr
    listed = energy(url, "user", "list").stdout
    assert "kim" in listed and "V-1" in listed
    assert energy(url, "user", "disable", "kim").returncode == 0
    users = json.loads(energy(url, "user", "list", "--json").stdout)
    assert {u["username"]: u["active"] for u in users} == {"kim": False, "v1.committee": True}


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (
            ("village", "add", "X-1", "--name", "마을", "--district", "Gotham"),
            None,
            "no district called 'Gotham'",
        ),
        (
            ("village", "add", "X 1", "--name", "마을", "--district", "Mapo-gu"),
            None,
            "village code",
        ),
        (("user", "add", "kim", "--role", "admin", "--password-stdin"), "short\n", "at least 10"),
        (("user", "add", "kim", "--role", "admin"), None, "--password-stdin"),
        (
            ("user", "add", "kim", "--role", "committee", "--password-stdin"),
            "long enough password\n",
            "needs a village",
        ),
        (("user", "disable", "nobody"), None, "no account 'nobody'"),
        (("restore", "missing.jsonl.gz"), None, "No such file"),
        (
            ("user", "add", "kim", "--role", "mayor", "--password-stdin"),
            "long enough password\n",
            "invalid choice",
        ),
        (
            (
                "village",
                "add",
                "X-1",
                "--name",
                "마을",
                "--district",
                "Mapo-gu",
                "--cohort",
                "soon",
            ),
            None,
            "invalid int",
        ),
        (("village", "frobnicate"), None, "invalid choice"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(
    tmp_path: Path, args: tuple, stdin: str | None, fragment: str
) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    energy(url, "db", "upgrade")
    assert fragment in _one_line_error(energy(url, *args, stdin=stdin))


def test_an_unreachable_server_is_one_line_too(tmp_path: Path) -> None:
    line = _one_line_error(child("postgresql+psycopg://nobody@127.0.0.1:1/none", "village", "list"))
    assert "store" in line


@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_backup_and_restore_from_the_command_line(small_store: str, tmp_path: Path) -> None:
    """The demo's people and records (the demo command itself: tests/test_scale.py)."""
    url = small_store
    assert "empty store" in _one_line_error(energy(url, "demo"))  # only into an empty store
    before = json.loads(energy(url, "village", "list", "--json").stdout)
    snapshot = tmp_path / "snap.jsonl.gz"
    assert energy(url, "backup", str(snapshot)).returncode == 0
    energy(url, "village", "add", "LATER-1", "--name", "나중", "--district", "Guro-gu")
    assert len(json.loads(energy(url, "village", "list", "--json").stdout)) == len(before) + 1
    restored = energy(url, "restore", str(snapshot))
    assert restored.returncode == 0, restored.stderr
    assert json.loads(energy(url, "village", "list", "--json").stdout) == before


def test_the_cli_works_on_postgresql(fresh_store: str) -> None:
    result = energy(
        fresh_store, "village", "add", "PG-1", "--name", "서버 마을", "--district", "Nowon-gu"
    )
    assert result.returncode == 0, result.stderr
    assert [
        v["code"] for v in json.loads(energy(fresh_store, "village", "list", "--json").stdout)
    ] == ["PG-1"]
    status = energy(fresh_store, "db", "status")
    assert status.returncode == 0 and "up to date" in status.stdout


def test_households_and_a_readings_import(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'readings.db'}"
    energy(url, "db", "upgrade")
    energy(
        url, "village", "add", "V-1", "--name", "마을", "--district", "Mapo-gu", "--cohort", "2024"
    )
    added = energy(
        url,
        "household",
        "add",
        "H-001",
        "--village",
        "V-1",
        "--housing",
        "apartment",
        "--occupants",
        "3",
    )
    assert added.returncode == 0, added.stderr
    good = tmp_path / "good.csv"
    good.write_text(
        "household,month,carrier,value,unit\nH-001,2025-01,electricity,312.5,kWh\nH-002,2025-01,gas,100,m3\n",
        encoding="utf-8-sig",
    )
    rejected = energy(url, "readings", "import", str(good), "--village", "V-1")
    assert rejected.returncode != 0
    assert "line 3 [household]: There is no household 'H-002'" in rejected.stderr
    result = energy(
        url, "readings", "import", str(good), "--village", "V-1", "--register-households"
    )
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stdout
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "household,month,carrier,value,unit\nH-001,2025-01,electricity,320,kWh\n", encoding="cp949"
    )
    kept = energy(url, "readings", "import", str(changed), "--village", "V-1")
    assert kept.returncode == 0 and "1 conflicts kept as stored" in kept.stdout
    overwritten = energy(
        url, "readings", "import", str(changed), "--village", "V-1", "--accept-conflicts"
    )
    assert overwritten.returncode == 0 and "1 changed" in overwritten.stdout


def test_a_readings_import_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    energy(url, "db", "upgrade")
    energy(url, "village", "add", "V-1", "--name", "마을", "--district", "Mapo-gu")
    assert "No such file" in _one_line_error(
        energy(url, "readings", "import", "nope.csv", "--village", "V-1")
    )


def test_where_a_reviewer_lives_is_set_and_cleared_from_the_cli(fresh_store: str) -> None:
    added = energy(
        fresh_store, "user", "add", "rev.kim", "--role", "reviewer", "--district", "동작구",
        "--password-stdin", stdin="a long enough password\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "lives in district 11590" in added.stdout

    def lives_in() -> str | None:
        users = json.loads(energy(fresh_store, "user", "list", "--json").stdout)
        return {u["username"]: u["district"] for u in users}["rev.kim"]

    assert lives_in() == "11590"
    moved = energy(fresh_store, "user", "district", "rev.kim", "Mapo-gu")
    assert (moved.returncode, moved.stdout.strip()) == (0, "rev.kim: lives in district 11440")
    assert lives_in() == "11440"
    assert "Give a district or --clear" in _one_line_error(
        energy(fresh_store, "user", "district", "rev.kim")
    )
    assert "no district called 'Gotham'" in _one_line_error(
        energy(fresh_store, "user", "district", "rev.kim", "Gotham")
    )
    cleared = energy(fresh_store, "user", "district", "rev.kim", "--clear")
    assert cleared.stdout.strip() == "rev.kim: district not recorded"
    assert lives_in() is None
    from energy.core.access import CLI_ACTOR
    from energy.store import audit

    edits = audit.list_audit(CLI_ACTOR, entity="users", action="update", url=fresh_store).records
    assert [(r.entity_key, r.actor, r.after and list(r.after)) for r in edits] == [
        ("rev.kim", "cli", ["district_id"]),
        ("rev.kim", "cli", ["district_id"]),
    ]
    assert edits[0].after == {"district_id": None}
