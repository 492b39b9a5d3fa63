"""Backups are checkable and private (issue #22): a trailer with per-table row counts and a
SHA-256; restore checks all of it before it deletes anything and refuses a partial, changed
or malformed file with one line; backup files are readable by their owner only."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from energy.cli import main
from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.store import backup, db
from energy.store.models.accounts import User
from energy.store.models.readings import Reading


def _counts(url: str) -> tuple[int, int]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        users = session.scalar(select(func.count()).select_from(User)) or 0
        readings = session.scalar(select(func.count()).select_from(Reading)) or 0
    return users, readings


def _lines(path: Path) -> list[bytes]:
    with gzip.open(path, "rb") as handle:
        return handle.readlines()


def _write(path: Path, lines: list[bytes]) -> Path:
    with gzip.open(path, "wb") as handle:
        handle.writelines(lines)
    return path


def _resealed(lines: list[bytes], change: Callable[[dict], None] | None = None) -> list[bytes]:
    """The body as given, with a trailer whose checksum matches it (a careful forger)."""
    body, trailer = lines[:-1], json.loads(lines[-1])
    if change is not None:
        change(trailer["trailer"])
    trailer["trailer"]["sha256"] = hashlib.sha256(b"".join(body)).hexdigest()
    return [*body, (json.dumps(trailer) + "\n").encode()]


def _first_chunk(lines: list[bytes], table: str) -> int:
    return next(i for i, line in enumerate(lines) if json.loads(line).get("table") == table)


@pytest.fixture(scope="module")
def _made() -> dict[str, bytes]:
    """One backup per kind of store, made once: every small store is a copy of one template,
    so a backup of one is a backup of each."""
    return {}


@pytest.fixture
def good(small_store: str, tmp_path: Path, _made: dict[str, bytes]) -> Path:
    path = tmp_path / "good.jsonl.gz"
    kind = small_store.split(":", 1)[0]
    if kind not in _made:
        backup.backup(CLI_ACTOR, path, url=small_store)
        _made[kind] = path.read_bytes()
    else:
        path.write_bytes(_made[kind])
        path.chmod(0o600)
    return path


def _refused(
    url: str, path: Path, capsys: pytest.CaptureFixture[str], key: str, words: str
) -> None:
    before = _counts(url)
    assert before[0] > 0 and before[1] > 0
    with pytest.raises(InvalidInput) as caught:
        backup.restore(CLI_ACTOR, path, url=url)
    assert caught.value.key == key, caught.value.key
    assert main(["restore", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and words in err[0], err
    assert _counts(url) == before  # nothing was deleted


def test_a_backup_ends_with_counts_and_a_checksum(small_store: str, good: Path) -> None:
    lines = _lines(good)
    trailer = json.loads(lines[-1])["trailer"]
    assert trailer["sha256"] == hashlib.sha256(b"".join(lines[:-1])).hexdigest()
    assert trailer["rows"]["readings"] == _counts(small_store)[1]
    assert backup.verify(good) == trailer["rows"]


def test_the_first_lines_of_a_backup_are_refused(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = _write(tmp_path / "partial.jsonl.gz", _lines(good)[:12])
    _refused(small_store, partial, capsys, "error.backup_incomplete", "no checksum")


def test_a_cut_file_is_refused(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = good.read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) * 3 // 4])
    _refused(small_store, cut, capsys, "error.backup_unreadable", "Not a readable backup")


def test_a_changed_row_is_refused(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _lines(good)
    i = _first_chunk(lines, "villages")
    record = json.loads(lines[i])
    record["rows"][0][record["columns"].index("name")] = "바뀐 마을"
    lines[i] = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    tampered = _write(tmp_path / "tampered.jsonl.gz", lines)
    _refused(small_store, tampered, capsys, "error.backup_checksum", "checksum")


def test_a_row_missing_a_column_is_refused_without_a_traceback(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _lines(good)
    i = _first_chunk(lines, "users")
    record = json.loads(lines[i])
    record["rows"][-1].pop()
    lines[i] = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    short = _write(tmp_path / "short.jsonl.gz", _resealed(lines))
    _refused(small_store, short, capsys, "error.backup_malformed", "malformed")


def test_a_missing_column_name_is_refused(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _lines(good)
    i = _first_chunk(lines, "users")
    record = json.loads(lines[i])
    record["columns"].pop()
    record["rows"] = [row[:-1] for row in record["rows"]]
    lines[i] = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    narrow = _write(tmp_path / "narrow.jsonl.gz", _resealed(lines))
    _refused(small_store, narrow, capsys, "error.backup_malformed", "users")


def test_wrong_counts_are_refused(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def one_more(trailer: dict) -> None:
        trailer["rows"]["readings"] += 1

    wrong = _write(tmp_path / "counts.jsonl.gz", _resealed(_lines(good), one_more))
    _refused(small_store, wrong, capsys, "error.backup_counts", "readings")
    lines = _lines(good)
    dropped = _first_chunk(lines, "readings")
    fewer = _write(tmp_path / "fewer.jsonl.gz", _resealed(lines[:dropped] + lines[dropped + 1 :]))
    _refused(small_store, fewer, capsys, "error.backup_counts", "readings")


def test_lines_after_the_trailer_are_refused(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _lines(good)
    extra = _write(tmp_path / "extra.jsonl.gz", [*lines, lines[1]])
    _refused(small_store, extra, capsys, "error.backup_malformed", "malformed")


def test_an_old_backup_without_a_trailer_is_refused_clearly(
    small_store: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _lines(good)
    header = json.loads(lines[0])
    header["version"] = 2
    old = _write(tmp_path / "old.jsonl.gz", [(json.dumps(header) + "\n").encode(), *lines[1:-1]])
    _refused(small_store, old, capsys, "error.backup_incomplete", "no checksum")


def test_backups_are_readable_by_their_owner_only(
    small_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real_replace = os.replace

    def spy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        seen.append(stat.S_IMODE(os.stat(source).st_mode))  # the temporary file
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    path = tmp_path / "private.jsonl.gz"
    path.write_bytes(b"an older backup, readable by all")
    path.chmod(0o644)
    mask = os.umask(0)
    try:
        backup.backup(CLI_ACTOR, path, url=small_store)
    finally:
        os.umask(mask)
    assert seen == [0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert backup.verify(path)["users"] > 0
