"""Hostile CSV files: NUL bytes, mixed encodings, a 100 MB line, too large or too long a file.
Each is refused unread or at its line, the store unchanged.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from energy.readings import files
from energy.readings.files import read_rows
from tests.readings.hostile import (
    BOUNDED,
    GOOD_ROW,
    HEADER,
    refused,
)


@BOUNDED
@pytest.mark.parametrize("where", [0, 100_000])
def test_nul_bytes_are_refused_as_not_text(village: str, where: int) -> None:
    filler = GOOD_ROW.replace("H-001", "H-002") * (where // len(GOOD_ROW))
    data = (HEADER + filler).encode() + b"H-001,2025-01,electricity,1\x00,kWh\n"
    assert refused(village, data, "nul.csv").key == "import.not_text"


@BOUNDED
def test_mixed_encodings_are_refused(village: str) -> None:
    rows = "".join(
        f"H-001,{y}-{m:02d},electricity,1,kWh\n" for y in range(2001, 2025) for m in range(1, 13)
    )
    data = (HEADER + rows * 30).encode() + "H-001,2025-01,전기,1,kWh\n".encode("cp949")
    assert len(data) > files.SNIFF_BYTES
    assert refused(village, data, "mixed.csv").key == "import.encoding"


class _Lazy(io.RawIOBase):
    """``size`` bytes made on demand: ``head``, then ``fill`` repeated (never held whole)."""

    def __init__(self, head: bytes, fill: bytes, size: int) -> None:
        self.head, self.fill, self.size, self.at = head, fill, size, 0
        self.reads = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        self.at = {0: offset, 1: self.at + offset, 2: self.size + offset}[whence]
        return self.at

    def tell(self) -> int:
        return self.at

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), self.size - self.at)
        if count <= 0:
            return 0
        self.reads += count
        out = bytearray()
        position = self.at
        while len(out) < count:
            if position < len(self.head):
                piece = self.head[position : position + count - len(out)]
            else:
                offset = (position - len(self.head)) % len(self.fill)
                piece = self.fill[offset : offset + count - len(out)]
            out += piece
            position += len(piece)
        buffer[:count] = out
        self.at += count
        return count


@BOUNDED
@pytest.mark.parametrize("head", [b"", HEADER.encode()])
def test_a_100_mb_line_is_refused_without_reading_it(village: str, head: bytes) -> None:
    lazy = _Lazy(head, b"a" * 4096, 100 << 20)
    error = refused(village, io.BufferedReader(lazy), "line.csv")
    assert error.key == "import.line_too_long"
    assert error.params["line"] == (2 if head else 1)
    assert lazy.reads < 4 * files.BLOCK_BYTES  # (read twice: to import, to check)


@BOUNDED
def test_a_file_larger_than_the_bound_is_refused_unread(village: str) -> None:
    lazy = _Lazy(HEADER.encode(), GOOD_ROW.encode(), files.MAX_FILE_BYTES + 1)
    assert refused(village, io.BufferedReader(lazy), "huge.csv").key == "import.file_too_large"
    assert lazy.reads == 0


@BOUNDED
@pytest.mark.parametrize("quoted", [False, True])
def test_a_file_with_more_lines_than_the_bound_is_refused(
    village: str, monkeypatch: pytest.MonkeyPatch, quoted: bool
) -> None:
    monkeypatch.setattr(files, "MAX_LINES", 20)
    row = '"H-001",2025-01,electricity,1,kWh\n' if quoted else GOOD_ROW
    data = (HEADER + row * 25).encode()
    error = refused(village, data, "long.csv")
    assert error.key == "import.too_many_lines" and "20" in error.message("en")
    assert (HEADER + row * 19).encode().count(b"\n") == 20  # within the bound: read
    assert len(list(read_rows((HEADER + row * 19).encode(), "ok.csv"))) == 19
