"""The checks a file passes before it is attached to an application, with no store asked.

Its type is read from its content (a program renamed ``plan.pdf`` is refused, whatever its
name says) and must be one the city reads: PDF, PNG, JPEG, WebP, HEIC/HEIF photos, Excel
workbooks without macros. Its name must end as its type does; a PDF must open without a
password, a picture must decode (and not be a decompression bomb), a workbook must open.
Empty files and files over :data:`MAX_FILE_BYTES` are refused. Each refusal is a named
:class:`AttachmentRefused` whose message says why, in Korean and English. The name kept is
cleaned (:func:`clean_file_name`); a photo's GPS position is taken out, every other byte kept
(:mod:`energy.call.photo_location`).
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from energy.call.photo_location import without_location
from energy.core.errors import InvalidInput
from energy.core.i18n import format_size

# A scanned 20-page plan or a phone's full-size photo is 2-8 MB; a file ten times the plan's
# text is a scan at a needless resolution. (Streamlit's own upload limit, 25 MB in
# .streamlit/config.toml, is higher: the message here is the one people read.)
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NAME_CHARS = 120  # the stored name (the column holds 160; room for a suffix)
# A picture is decoded at about this size to check it (JPEG decodes at a fraction of its size).
CHECK_DECODE_PX = 1280

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Each type the content may be, the name endings it may carry (the first is added to a name
# without one) and its name in messages (the same in both languages).
FILE_TYPES: dict[str, tuple[tuple[str, ...], str]] = {
    PDF: ((".pdf",), "PDF"),
    "image/png": ((".png",), "PNG"),
    "image/jpeg": ((".jpg", ".jpeg", ".jpe", ".jfif"), "JPEG"),
    "image/webp": ((".webp",), "WebP"),
    "image/heic": ((".heic", ".heif"), "HEIC"),
    "image/heif": ((".heif", ".heic"), "HEIF"),
    XLSX: ((".xlsx",), "Excel (xlsx)"),
}
# The name endings a file picker offers (without the dot).
ACCEPTED_EXTENSIONS = tuple(
    sorted({ext.lstrip(".") for endings, _ in FILE_TYPES.values() for ext in endings})
)
# The accepted types as messages name them (HEIF pictures go with HEIC).
ACCEPTED_NAMES = "PDF, JPEG, PNG, WebP, HEIC, Excel (xlsx)"
# Pictures a browser shows (HEIC is kept and downloaded, not previewed).
PREVIEWABLE = ("image/png", "image/jpeg", "image/webp")
_PIL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
# ISO base media "brands" of HEIC (HEVC-coded) and of other HEIF pictures.
_HEIC_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx")
_HEIF_BRANDS = (b"mif1", b"msf1")
_UNSAFE_NAME_CHARS = re.compile(r'[<>:"|?*]')


# --- refusals ---------------------------------------------------------------------------------


class AttachmentRefused(InvalidInput):
    """A file that is not stored; the subclass says why. Tied to the form's attachments."""

    key = "attach.err_refused"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        super().__init__(key, field="attachments", **params)


class EmptyFile(AttachmentRefused):
    key = "attach.err_empty"


class FileTooLarge(AttachmentRefused):
    key = "attach.err_too_large"


class UnsupportedFileType(AttachmentRefused):
    """The content is none of :data:`FILE_TYPES` (whatever the name says)."""

    key = "attach.err_type"


class FileTypeMismatch(AttachmentRefused):
    """The content is one accepted type, the name's ending another."""

    key = "attach.err_mismatch"


class DamagedFile(AttachmentRefused):
    """The content starts as its type does but does not open as one."""

    key = "attach.err_damaged"


class ProtectedFile(AttachmentRefused):
    """A PDF behind a password, or a workbook with macros: reviewers could not (or should
    not) open it."""

    key = "attach.err_protected"


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check of its own (the application's limits come later)."""

    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    # The bytes to store: the file as sent, except that a photo's place is taken out
    # (:mod:`energy.call.photo_location`); the size and digest are of these.
    content: bytes = field(repr=False)


def _name_char(c: str) -> str:
    """A character of a file name as kept: any space or line break is a space; control and
    invisible formatting characters (a right-to-left override that shows "exe.pdf" for
    "fdp.exe") are dropped."""
    category = unicodedata.category(c)
    if category.startswith("Z") or c in "\t\n\r":
        return " "
    return "" if category.startswith("C") else c


def clean_file_name(name: str) -> str:
    """The name as stored and offered for download: its last path part only, composed Unicode
    (a Mac sends Korean decomposed), without control or direction-changing characters, without
    characters Windows refuses, spaces collapsed, at most :data:`MAX_NAME_CHARS` characters
    (its ending kept). Empty when nothing is left."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(_name_char(c) for c in base)
    base = " ".join(_UNSAFE_NAME_CHARS.sub("_", base).split()).strip(" .")
    stem, dot, ending = base.rpartition(".")
    if not dot or not stem or len(ending) > 8 or " " in ending:
        stem, ending = base, ""
    ending = f".{ending}" if ending else ""
    stem = stem[: MAX_NAME_CHARS - len(ending)].rstrip(" .")
    return f"{stem}{ending}" if stem else ""


def _sniff(content: bytes) -> str | None:
    """The type the content's first bytes (its "magic") say it is, or None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content[4:8] == b"ftyp":
        brand = content[8:12]
        if brand in _HEIC_BRANDS:
            return "image/heic"
        if brand in _HEIF_BRANDS:
            return "image/heif"
        return None
    if content.startswith(b"PK\x03\x04"):  # a ZIP container: a workbook is one kind
        return XLSX
    return None


def _verify_pdf(name: str, content: bytes) -> None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        raise DamagedFile(name=name, type="PDF") from exc
    if encrypted:
        raise ProtectedFile("attach.err_pdf_password", name=name)
    if pages < 1:
        raise DamagedFile(name=name, type="PDF")


def _verify_image(name: str, content: bytes, media_type: str) -> None:
    from PIL import Image

    label = FILE_TYPES[media_type][1]
    try:
        with warnings.catch_warnings():
            # A picture of a billion pixels is a decompression bomb, not a photo.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                if probe.format != _PIL_FORMATS[media_type]:
                    raise DamagedFile(name=name, type=label)
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.draft("RGB", (CHECK_DECODE_PX, CHECK_DECODE_PX))  # JPEG: a quick decode
                image.load()  # a file cut short fails here
    except DamagedFile:
        raise
    except Exception as exc:  # Pillow raises many kinds for a damaged or hostile file
        raise DamagedFile(name=name, type=label) from exc


def _verify_workbook(name: str, content: bytes) -> str | None:
    """XLSX when the ZIP is an Excel workbook (None: some other ZIP, such as a Word file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DamagedFile(name=name, type="ZIP") from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return None
    if "xl/vbaProject.bin" in names:
        raise ProtectedFile("attach.err_macros", name=name)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        workbook.close()
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DamagedFile(name=name, type="Excel (xlsx)") from exc
    return XLSX


def check_file(file_name: str, content: bytes) -> CheckedFile:
    """Every check a file passes on its own, before any store is asked (see the module's
    docstring); the cleaned name, the type found in the content, the size and the SHA-256."""
    shown = clean_file_name(file_name) or "—"
    size = len(content)
    if size == 0:
        raise EmptyFile(name=shown)
    if size > MAX_FILE_BYTES:
        raise FileTooLarge(name=shown, size=format_size(size), limit=format_size(MAX_FILE_BYTES))
    media_type = _sniff(content)
    if media_type == XLSX:
        media_type = _verify_workbook(shown, content)
    if media_type is None:
        raise UnsupportedFileType(name=shown, types=ACCEPTED_NAMES)
    endings, label = FILE_TYPES[media_type]
    name = clean_file_name(file_name)
    ending = name.rpartition(".")[2].lower() if "." in name else ""
    if ending and f".{ending}" not in endings:
        raise FileTypeMismatch(name=shown, type=label, ending=f".{ending}")
    if not ending:  # no ending (or none left): the type's own
        name = f"{name or 'attachment'}{endings[0]}"
    if media_type == PDF:
        _verify_pdf(shown, content)
    elif media_type in PREVIEWABLE:
        _verify_image(shown, content, media_type)
    if media_type.startswith("image/"):
        content = without_location(content)
    return CheckedFile(name, media_type, size, hashlib.sha256(content).hexdigest(), content)
