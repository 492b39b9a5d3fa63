"""Output paths are checked (issue #22): no command writes over the store's own files, a
folder, a link or anything but a regular file; an export's extension matches its format;
a failed write leaves the old file. The commands run in process (``energy.cli.main``)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from energy.cli import main
from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.core.output import atomic_output, safe_output_path, write_atomically
from energy.store import db
from energy.villages import directory as villages

OLD = b"the old contents\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err.strip()
    return code, err


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, err = _run(capsys, *argv)
    assert code != 0
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def _store_file(url: str) -> Path:
    database = make_url(url).database
    assert database
    return Path(database)


def _village(url: str) -> str:
    return villages.list_villages(CLI_ACTOR, url=url)[0].code


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


sqlite_only = pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)


# --- the store's own files ----------------------------------------------------------------


@sqlite_only
def test_call_export_refuses_the_store_file(
    small_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _store_file(small_store)
    before = store.read_bytes()
    line = _refused(capsys, "call", "export", "2027", "--format", "csv", "--out", str(store))
    assert ".csv" in line
    assert store.read_bytes() == before


@sqlite_only
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_store_files_are_refused_whatever_the_name_asks_for(
    small_store: str, suffix: str
) -> None:
    target = Path(str(_store_file(small_store)) + suffix)
    with pytest.raises(InvalidInput) as caught:
        safe_output_path(target, (target.name[-4:],), small_store)
    assert caught.value.key == "error.output_store_file"


@sqlite_only
def test_a_hard_link_to_the_store_is_refused(small_store: str, tmp_path: Path) -> None:
    alias = tmp_path / "alias.csv"
    os.link(_store_file(small_store), alias)
    with pytest.raises(InvalidInput) as caught:
        safe_output_path(alias, (".csv",), small_store)
    assert caught.value.key == "error.output_store_file"


@sqlite_only
def test_backup_refuses_the_store_file_and_its_wal(
    small_store: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A store kept in a file whose name a backup may take: the name alone lets it through.
    store = tmp_path / "live.gz"
    shutil.copyfile(_store_file(small_store), store)
    url = f"sqlite:///{store}"
    monkeypatch.setenv("ENERGY_DATABASE_URL", url)
    db.forget_store_state(url)
    try:
        assert _run(capsys, "village", "list")[0] == 0  # opens the store: its WAL exists now
        wal = Path(str(store) + "-wal")
        before = store.read_bytes()
        line = _refused(capsys, "backup", str(store))
        assert "store's own files" in line
        assert store.read_bytes() == before
        with pytest.raises(InvalidInput) as caught:
            safe_output_path(wal, ("-wal",), url)
        assert caught.value.key == "error.output_store_file"
        assert _run(capsys, "village", "list")[0] == 0  # the store still works
    finally:
        db.forget_store_state(url)
        db.dispose_engine(url)


# --- what is there already ----------------------------------------------------------------


def test_a_folder_is_refused(
    small_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sessions.ics"
    folder.mkdir()
    (folder / "keep.txt").write_bytes(OLD)
    line = _refused(capsys, "calendar", "--village", _village(small_store), "--out", str(folder))
    assert "not a regular file" in line
    backups = tmp_path / "snap.jsonl.gz"
    backups.mkdir()
    assert "not a regular file" in _refused(capsys, "backup", str(backups))
    assert (folder / "keep.txt").read_bytes() == OLD
    assert backups.is_dir() and not list(backups.iterdir())


def test_a_symbolic_link_is_refused_and_its_target_kept(
    small_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "precious.txt"
    target.write_bytes(OLD)
    for name, argv in (
        ("link.ics", ["calendar", "--village", _village(small_store), "--out"]),
        ("link.csv", ["call", "export", "2027", "--format", "csv", "--out"]),
        ("link.jsonl.gz", ["backup"]),
        ("link.pdf", ["deck", "--year", "2025", "--out"]),
    ):
        link = tmp_path / name
        link.symlink_to(target)
        assert "symbolic link" in _refused(capsys, *argv, str(link))
        assert link.is_symlink()
    assert target.read_bytes() == OLD


def test_a_device_is_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        safe_output_path(Path(os.devnull), ("",))
    assert caught.value.key == "error.output_not_regular"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
def test_backup_leaves_a_device_node_alone(
    small_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    node = tmp_path / "null.jsonl.gz"
    os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # another /dev/null
    assert "not a regular file" in _refused(capsys, "backup", str(node))
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_a_missing_folder_is_one_line(
    small_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _refused(capsys, "backup", str(tmp_path / "nowhere" / "snap.jsonl.gz"))
    assert "folder" in line


# --- extensions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["call", "export", "2027", "--format", "csv", "--out"], "export.xlsx"),
        (["call", "export", "2027", "--format", "xlsx", "--out"], "export.csv"),
        (["call", "export", "2027", "--format", "csv", "--out"], "export.txt"),
        (["calendar", "--trainer", "someone", "--out"], "sessions.txt"),
        (["backup"], "snapshot.json"),
        (["deck", "--year", "2025", "--out"], "deck.docx"),
    ],
)
def test_the_extension_matches_the_format(
    fresh_store: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    name: str,
) -> None:
    target = tmp_path / name
    target.write_bytes(OLD)
    _refused(capsys, *argv, str(target))
    assert target.read_bytes() == OLD


def test_good_names_still_work(
    small_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, name in (
        (["call", "export", "2027", "--format", "csv", "--out"], "export.CSV"),
        (["call", "export", "2027", "--format", "xlsx", "--out"], "export.xlsx"),
        (["calendar", "--village", _village(small_store), "--out"], "sessions.ics"),
        (["backup"], "snapshot.jsonl.gz"),
        (["backup"], "snapshot.gz"),
    ):
        target = tmp_path / name
        target.write_bytes(OLD)  # an older file of the same name is replaced
        code, err = _run(capsys, *argv, str(target))
        assert code == 0, err
        assert target.read_bytes() != OLD
    assert _leftovers(tmp_path) == []


# --- a failed write -----------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file(
    small_store: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "sessions.ics"
    target.write_bytes(OLD)

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    line = _refused(capsys, "calendar", "--village", _village(small_store), "--out", str(target))
    assert "No space left" in line
    assert target.read_bytes() == OLD
    export = tmp_path / "export.csv"
    export.write_bytes(OLD)
    _refused(capsys, "call", "export", "2027", "--format", "csv", "--out", str(export))
    assert export.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_an_error_inside_the_block_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half a file")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
