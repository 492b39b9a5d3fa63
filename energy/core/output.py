"""Where a file may be written, and writing it so that a failure leaves the old file.

Every command and library function that writes a file a person named goes through here:
:func:`safe_output_path` refuses the store's own files (the SQLite database and its
``-wal``, ``-shm`` and ``-journal`` files), anything that exists and is not a regular file
(a directory, a device, a pipe), a symbolic link, a missing folder and a file name whose
extension does not match what is written. :func:`write_atomically` (or :func:`atomic_output`
for a stream) writes to a new temporary file in the same folder and renames it over the
target only when everything is written.

It lives in the core because the store (backups), the capabilities (the deck) and the
command line all write files, and the core is the one package all of them may import.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from energy.core.config import get_settings
from energy.core.errors import InvalidInput

STORE_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")
# Readable by the owner only: a backup holds password hashes.
PRIVATE_MODE = 0o600
# Like any other file the user creates: the umask decides.
SHARED_MODE = 0o666


def store_files(store_url: str | None = None) -> list[Path]:
    """The files an embedded (SQLite) store lives in; none for a server store."""
    url = store_url or get_settings().database_url
    try:
        parsed = make_url(url)
    except ArgumentError:
        return []
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return []
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return []
    database = Path(os.path.realpath(parsed.database))
    return [database.with_name(database.name + suffix) for suffix in STORE_FILE_SUFFIXES]


def _refuse_existing(path: Path, store_url: str | None) -> None:
    """The checks that depend on what is on disk now (run again just before the rename)."""
    shown = str(path)
    try:
        found = path.lstat()
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise InvalidInput("error.output_symlink", field="out", path=shown)
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise InvalidInput("error.output_not_regular", field="out", path=shown)
    real = Path(os.path.realpath(path.parent)) / path.name
    for own in store_files(store_url):
        if real == own:
            raise InvalidInput("error.output_store_file", field="out", path=shown)
        if found is not None:  # the same file under another name (a hard link)
            try:
                theirs = own.stat()
            except OSError:
                continue
            if (theirs.st_dev, theirs.st_ino) == (found.st_dev, found.st_ino):
                raise InvalidInput("error.output_store_file", field="out", path=shown)


def safe_output_path(
    path: Path | str, allowed_suffixes: Sequence[str], store_url: str | None = None
) -> Path:
    """``path`` if a file may be written there, else ``InvalidInput`` naming why.

    ``allowed_suffixes`` are the endings the written format may have (``.csv``,
    ``.jsonl.gz``), compared without regard to case; ``store_url`` names the store whose
    files are refused (default: the configured store).
    """
    path = Path(path)
    shown = str(path)
    name = path.name.lower()
    if not path.name or path.name in (".", ".."):
        raise InvalidInput("error.output_not_regular", field="out", path=shown)
    if not any(name.endswith(s.lower()) and len(name) > len(s) for s in allowed_suffixes):
        raise InvalidInput(
            "error.output_suffix", field="out", path=shown, suffixes=", ".join(allowed_suffixes)
        )
    _refuse_existing(path, store_url)
    if not path.parent.is_dir():
        raise InvalidInput("error.output_folder_missing", field="out", path=shown)
    return path


@contextmanager
def atomic_output(
    path: Path, *, private: bool = False, store_url: str | None = None
) -> Iterator[BinaryIO]:
    """A new binary file next to ``path``, renamed over it when the block ends without error.

    The temporary file is created exclusively (never through a link) and, with ``private``,
    readable by its owner only; on any error it is removed and ``path`` is left as it was.
    Call :func:`safe_output_path` first: the existing-file checks run again before the rename.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    mode = PRIVATE_MODE if private else SHARED_MODE
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.partial")
        try:
            descriptor = os.open(temporary, flags, mode)
            break
        except FileExistsError:  # pragma: no cover - a clash of 48 random bits
            continue
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _refuse_existing(path, store_url)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomically(
    path: Path, data: bytes, *, private: bool = False, store_url: str | None = None
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    with atomic_output(path, private=private, store_url=store_url) as handle:
        handle.write(data)
    return path
