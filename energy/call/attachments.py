"""Attachments of an application: the plan, the budget sheet and photos an applicant adds.

A file is checked before it is stored: its type is read from its content (a program renamed
``plan.pdf`` is refused, whatever its name says) and must be one the city reads (PDF, PNG,
JPEG, WebP, HEIC/HEIF photos, Excel workbooks without macros); its name must end as its type
does; a PDF must open without a password, a picture must decode, a workbook must open. Empty
files, files over :data:`MAX_FILE_BYTES`, more than :data:`MAX_FILES` files or more than
:data:`MAX_TOTAL_BYTES` on one application, and a second copy of a file already attached are
refused, each with its own error. The content is kept in the store (every server sees it,
a backup holds it); the audit log keeps its name, size and SHA-256, never the content.

Who may do what: the applicant who owns the application adds and removes files while it is
a draft of an open call, and reads its own files always; staff read every application's
files (and, for a paper application they enter, add and remove them as the applicant
would); a reviewer reads the files of an application assigned to them once they have
declared no conflict of interest. Nobody else: not committees (other than for their own
renewal application), trainers, the town hall's viewer, nor other applicants.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from energy.call.applications import EDITABLE
from energy.core.access import Actor, can
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.i18n import format_size
from energy.core.vocabulary import ATTACHMENT_KINDS
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.call import Application, Attachment, Call, ReviewAssignment

# A scanned 20-page plan or a phone's full-size photo is 2-8 MB; a file ten times the plan's
# text is a scan at a needless resolution. (Streamlit's own upload limit, 25 MB in
# .streamlit/config.toml, is higher: the message here is the one people read.)
MAX_FILE_BYTES = 10 * 1024 * 1024
# A plan, a budget sheet and a handful of photos: reviewers read every file of every
# application they are given, and the backup carries them all.
MAX_FILES = 10
MAX_TOTAL_BYTES = 30 * 1024 * 1024
MAX_NAME_CHARS = 120  # the stored name (the column holds 160; room for a suffix)
THUMBNAIL_PX = 320  # the longer side of a picture's preview

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


# --- errors -----------------------------------------------------------------------------------


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


class TooManyAttachments(AttachmentRefused):
    key = "attach.err_too_many"


class AttachmentsTooLarge(AttachmentRefused):
    key = "attach.err_total"


class DuplicateAttachment(AttachmentRefused):
    key = "attach.err_duplicate"


class AttachmentsLocked(AttachmentRefused):
    """The application is no longer a draft: its files are kept as they were sent."""

    key = "attach.err_locked"


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check of its own (the application's limits come later)."""

    file_name: str
    media_type: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    application_id: int
    kind: str
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    uploaded_by: str
    uploaded_at: dt.datetime

    @property
    def previewable(self) -> bool:
        return self.media_type in PREVIEWABLE

    @property
    def type_name(self) -> str:
        return FILE_TYPES[self.media_type][1]


@dataclass(frozen=True)
class AttachmentFile:
    info: AttachmentInfo
    content: bytes


def _info(row: Attachment) -> AttachmentInfo:
    return AttachmentInfo(
        id=row.id,
        application_id=row.application_id,
        kind=row.kind,
        file_name=row.file_name,
        media_type=row.media_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        uploaded_by=row.uploaded_by,
        uploaded_at=row.uploaded_at,
    )


# --- checking a file (no store) ---------------------------------------------------------------


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
                image.draft("RGB", (THUMBNAIL_PX * 4, THUMBNAIL_PX * 4))  # JPEG: a quick decode
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
    return CheckedFile(name, media_type, size, hashlib.sha256(content).hexdigest())


# --- who may do what --------------------------------------------------------------------------


def _application(session: Session, application_id: int, *, lock: bool = False) -> Application:
    query = select(Application).where(Application.id == application_id)
    if lock:  # two uploads at once must not both pass the count and size limits
        query = query.with_for_update()
    app = session.scalar(query)
    if app is None:
        raise NotFound("call.err_unknown_application", ref=str(application_id))
    return app


def _owner(actor: Actor, app: Application) -> bool:
    return can(actor, "call.apply") and app.owner_id is not None and app.owner_id == actor.user_id


def _may_write(actor: Actor, app: Application) -> bool:
    """The owner; staff for a paper application (they type in what the group handed in)."""
    return _owner(actor, app) or (can(actor, "call.manage") and app.on_paper)


def _may_read(session: Session, actor: Actor, app: Application) -> bool:
    if can(actor, "call.manage") or _owner(actor, app):
        return True
    if not can(actor, "call.review") or actor.user_id is None:
        return False
    # A reviewer assigned to it (at any stage) who declared no conflict of interest.
    return bool(
        session.scalar(
            select(
                exists().where(
                    ReviewAssignment.application_id == app.id,
                    ReviewAssignment.reviewer_id == actor.user_id,
                    ReviewAssignment.conflict.is_(False),
                )
            )
        )
    )


def may_change(actor: Actor, application_id: int, *, url: str | None = None) -> bool:
    """Whether ``actor`` may add or remove files of the application now (a page asks, to
    offer the controls; the writes check again)."""
    with session_for(actor, url=url) as session:
        app = session.get(Application, application_id)
        return app is not None and _may_write(actor, app) and app.status in EDITABLE


def _writable(session: Session, actor: Actor, app: Application, today: dt.date) -> None:
    if not _may_write(actor, app):
        raise AccessDenied()
    if app.status not in EDITABLE:
        raise AttachmentsLocked()
    call = session.get(Call, app.call_id)
    assert call is not None
    if not call.opens_on <= today <= call.closes_on:
        raise InvalidInput(
            "call.err_not_open",
            field="attachments",
            opens=call.opens_on.isoformat(),
            closes=call.closes_on.isoformat(),
        )


def _readable(session: Session, actor: Actor, attachment_id: int) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound("attach.err_unknown", id=str(attachment_id))
    if not _may_read(session, actor, _application(session, row.application_id)):
        raise AccessDenied()
    return row


# --- reading and writing ----------------------------------------------------------------------


def add_attachment(
    actor: Actor,
    application_id: int,
    *,
    kind: str,
    file_name: str,
    content: bytes,
    today: dt.date | None = None,
    url: str | None = None,
) -> AttachmentInfo:
    """Check the file and attach it to the draft ``application_id`` (its owner, while the call
    is open; staff for a paper application). Refused with a named :class:`AttachmentRefused`."""
    if kind not in ATTACHMENT_KINDS:
        raise InvalidInput("attach.err_kind", field="attachments", kind=str(kind))
    today = today or dt.date.today()
    with session_for(actor, write=True, url=url) as session:
        # Who may, before anything is said about the file (a stranger learns nothing).
        app = _application(session, application_id, lock=True)
        _writable(session, actor, app, today)
        checked = check_file(file_name, content)
        count, total = session.execute(
            select(func.count(Attachment.id), func.coalesce(func.sum(Attachment.size_bytes), 0))
            .where(Attachment.application_id == app.id)
        ).one()  # fmt: skip
        if count >= MAX_FILES:
            raise TooManyAttachments(n=MAX_FILES)
        if total + checked.size_bytes > MAX_TOTAL_BYTES:
            raise AttachmentsTooLarge(
                name=checked.file_name,
                limit=format_size(MAX_TOTAL_BYTES),
                left=format_size(max(0, MAX_TOTAL_BYTES - total)),
            )
        same = session.scalar(
            select(Attachment.file_name).where(
                Attachment.application_id == app.id, Attachment.sha256 == checked.sha256
            )
        )
        if same is not None:
            raise DuplicateAttachment(name=checked.file_name, existing=same)
        row = Attachment(
            application_id=app.id,
            kind=kind,
            file_name=checked.file_name,
            media_type=checked.media_type,
            size_bytes=checked.size_bytes,
            sha256=checked.sha256,
            content=content,
            uploaded_by=actor.audit_name,
        )
        session.add(row)
        session.flush()
        return _info(row)


def list_attachments(
    actor: Actor, application_id: int, *, url: str | None = None
) -> list[AttachmentInfo]:
    """The files of an application, plan first, then budget, photos and others, each kind in
    the order attached (no content is read)."""
    order = {kind: i for i, kind in enumerate(ATTACHMENT_KINDS)}
    with session_for(actor, url=url) as session:
        app = _application(session, application_id)
        if not _may_read(session, actor, app):
            raise AccessDenied()
        rows = session.scalars(
            select(Attachment).where(Attachment.application_id == app.id).order_by(Attachment.id)
        )
        return sorted((_info(r) for r in rows), key=lambda a: order[a.kind])


def read_attachment(actor: Actor, attachment_id: int, *, url: str | None = None) -> AttachmentFile:
    """One file with its content, for whoever may read its application's files."""
    with session_for(actor, url=url) as session:
        row = _readable(session, actor, attachment_id)
        return AttachmentFile(_info(row), bytes(row.content))


def delete_attachment(
    actor: Actor, attachment_id: int, *, today: dt.date | None = None, url: str | None = None
) -> AttachmentInfo:
    """Remove a file from a draft (its owner while the call is open; staff on paper)."""
    today = today or dt.date.today()
    with session_for(actor, write=True, url=url) as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFound("attach.err_unknown", id=str(attachment_id))
        app = _application(session, row.application_id, lock=True)
        if not _may_write(actor, app) and not _may_read(session, actor, app):
            raise NotFound("attach.err_unknown", id=str(attachment_id))  # not even that it exists
        _writable(session, actor, app, today)
        gone = _info(row)
        session.delete(row)
        session.flush()
        return gone


def thumbnail(actor: Actor, attachment_id: int, *, url: str | None = None) -> bytes | None:
    """A small PNG of a picture (its longer side :data:`THUMBNAIL_PX`, turned as the camera
    held it), for whoever may read it; None for a file that is not a previewable picture."""
    with session_for(actor, url=url) as session:
        row = _readable(session, actor, attachment_id)
        if row.media_type not in PREVIEWABLE:
            return None
        key, sha = row.id, row.sha256

    def draw() -> bytes | None:
        from PIL import Image, ImageOps

        content = read_attachment(actor, key, url=url).content
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.draft("RGB", (THUMBNAIL_PX * 2, THUMBNAIL_PX * 2))
                small = ImageOps.exif_transpose(image)
                small.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
                out = io.BytesIO()
                small.convert("RGBA" if small.mode in ("RGBA", "LA", "P") else "RGB").save(
                    out, format="PNG", optimize=True
                )
                return out.getvalue()
        except Exception:  # checked when stored; a picture Pillow cannot draw gets no preview
            return None

    # Access was checked above, for this actor; the memo only saves the drawing.
    return cache.memo(("attachment_thumbnail", key, sha), draw, url=url)
