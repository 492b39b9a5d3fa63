"""A photo's place, taken out before it is stored: the GPS position a phone writes into the
pictures it takes (EXIF's GPS directory, and XMP's ``exif:GPS...`` properties).

An applicant's photos of their homes and street are shown to the department's staff and to
the reviewers assigned to the application; the place a photo was taken (often the applicant's
own home, to a few metres) is not theirs to read. Every other byte is kept: the picture is not
re-encoded (no loss of quality), its size does not change, and the camera's orientation tag
stays, so the photo is shown the right way up. That works the same in JPEG, PNG, WebP and
HEIC/HEIF files, since each carries the same EXIF block (a TIFF structure) and XMP packet;
HEIC and HEIF, which this app keeps without decoding, are covered too.

How: in each EXIF block, the GPS directory's entries and the values they point to are
overwritten with zeros and its entry count set to 0 (an empty directory, which every reader
accepts); in each XMP packet, each GPS property (an attribute or an element) is overwritten
with spaces, which XML reads as the whitespace between attributes or elements. A PNG chunk
changed gets its checksum written anew.
"""

from __future__ import annotations

import re
import struct
import zlib

# Where an EXIF block (a TIFF header, group 1) starts: after ``Exif\0\0`` in JPEG (APP1) and
# HEIC/HEIF (the Exif item), after a PNG's ``eXIf`` chunk type, after a WebP ``EXIF`` chunk's
# type and size.
_EXIF = re.compile(rb"(?:Exif\x00\x00|eXIf|EXIF.{4})(II\x2a\x00|MM\x00\x2a)", re.DOTALL)
_PNG = b"\x89PNG\r\n\x1a\n"
_GPS_IFD_TAG = 0x8825
# TIFF field types' sizes in bytes (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 6 SBYTE,
# 7 UNDEFINED, 8 SSHORT, 9 SLONG, 10 SRATIONAL, 11 FLOAT, 12 DOUBLE, 13 IFD).
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
# XMP's GPS properties: as an attribute (exif:GPSLatitude="37,33.5N") or an element
# (<exif:GPSLatitude>...</exif:GPSLatitude>); any namespace prefix.
_XMP_GPS = re.compile(
    rb"""\s[\w.-]+:GPS\w*\s*=\s*(?:"[^"]*"|'[^']*')"""
    rb"|<([\w.-]+:GPS\w*)\b[^>]*?(?:/>|>.*?</\1\s*>)",
    re.DOTALL,
)


def without_location(content: bytes) -> bytes:
    """``content`` with every GPS position blanked (the same length; unchanged when it holds
    none). A malformed EXIF block is left as it is found (its GPS, if any, cannot be read by
    anyone either)."""
    out = bytearray(content)
    for match in _EXIF.finditer(content):
        _blank_gps(out, match.start(1))
    if b":GPS" in content:
        for match in _XMP_GPS.finditer(content):
            out[match.start() : match.end()] = b" " * (match.end() - match.start())
    if content.startswith(_PNG) and out != content:
        _recheck_png(out, content)
    return bytes(out)


def _recheck_png(out: bytearray, content: bytes) -> None:
    """A PNG chunk carries a CRC of its type and data: write it anew for each chunk changed."""
    at = len(_PNG)
    while at + 12 <= len(out):
        (length,) = struct.unpack_from(">I", out, at)
        end = at + 8 + length
        if end + 4 > len(out):
            return
        if out[at + 4 : end] != content[at + 4 : end]:
            struct.pack_into(">I", out, end, zlib.crc32(out[at + 4 : end]))
        at = end + 4


def _blank_gps(out: bytearray, tiff: int) -> None:
    """Empty the GPS directory of the TIFF structure starting at ``tiff`` in ``out``."""
    end = len(out)
    order = "<" if out[tiff : tiff + 2] == b"II" else ">"

    def unpack(fmt: str, at: int) -> tuple[int, ...]:
        if at < tiff or at + struct.calcsize(order + fmt) > end:
            raise ValueError("outside the file")
        return struct.unpack_from(order + fmt, out, at)

    try:
        (ifd0,) = unpack("I", tiff + 4)
        gps = None
        at = tiff + ifd0
        (count,) = unpack("H", at)
        for i in range(count):
            tag, _, _, value = unpack("HHII", at + 2 + 12 * i)
            if tag == _GPS_IFD_TAG:
                gps = tiff + value
        if gps is None:
            return
        (count,) = unpack("H", gps)
        entries = []
        for i in range(count):
            entry = gps + 2 + 12 * i
            _, kind, n, value = unpack("HHII", entry)
            entries.append((entry, _TYPE_SIZES.get(kind, 1) * n, value))
    except (ValueError, struct.error):
        return
    for entry, size, value in entries:
        if size > 4 and tiff + value + size <= end:  # the value lies elsewhere: blank it too
            out[tiff + value : tiff + value + size] = bytes(size)
        out[entry : entry + 12] = bytes(12)
    out[gps : gps + 2] = struct.pack(order + "H", 0)
