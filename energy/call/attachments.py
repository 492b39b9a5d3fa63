"""Attachments of an application: the plan, the budget sheet and photos an applicant adds.

Each file passes :func:`energy.call.attachment_checks.check_file` (its type read from its
content, its name cleaned, a photo's GPS position taken out) before the application's own
limits: at most :data:`MAX_FILES` files and :data:`MAX_TOTAL_BYTES` on one application, and
one copy of a file. The content is kept in the store (every server sees it, a backup holds
it); the audit log keeps its name, size and SHA-256, never the content.

Who may do what: the applicant who owns the application adds and removes files while it is
a draft of an open call, and reads its own files always; staff read every application's
files (and, for a paper application they enter, add and remove them as the applicant
would); a reviewer reads the files of an application assigned to them once they have
declared no conflict of interest. Nobody else: not committees (other than for their own
renewal application), trainers, the town hall's viewer, nor other applicants.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.call.applications import EDITABLE
from energy.call.attachment_checks import (
    FILE_TYPES,
    PREVIEWABLE,
    AttachmentRefused,
    check_file,
)
from energy.call.reviews import reviews_without_conflict
from energy.core.access import Actor, can, require
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.i18n import format_size
from energy.core.vocabulary import ATTACHMENT_KINDS
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.call import Application, Attachment, Call

# A plan, a budget sheet and a handful of photos: reviewers read every file of every
# application they are given, and the backup carries them all.
MAX_FILES = 10
MAX_TOTAL_BYTES = 30 * 1024 * 1024
THUMBNAIL_PX = 320  # the longer side of a picture's preview


# --- refusals of an application's limits and state -----------------------------------------


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
    return reviews_without_conflict(session, actor, app.id)


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
            content=checked.content,
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


def attachment_counts(
    actor: Actor, application_ids: list[int], *, url: str | None = None
) -> dict[int, int]:
    """Staff: how many files each of ``application_ids`` carries (those with none left out)."""
    require(actor, "call.manage")
    if not application_ids:
        return {}
    with session_for(actor, url=url) as session:
        rows = session.execute(
            select(Attachment.application_id, func.count(Attachment.id))
            .where(Attachment.application_id.in_(application_ids))
            .group_by(Attachment.application_id)
        )
        return {int(app_id): int(n) for app_id, n in rows}


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
