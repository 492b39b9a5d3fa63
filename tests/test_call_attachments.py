"""Attachments of an application (issue 24): each file checked before it is stored, the limits
of one application, who may add, remove and read them, and what the audit log keeps."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from energy.call import applications, attachments, reviews
from energy.call.attachment_checks import (
    MAX_FILE_BYTES,
    CheckedFile,
    DamagedFile,
    EmptyFile,
    FileTooLarge,
    FileTypeMismatch,
    ProtectedFile,
    UnsupportedFileType,
    check_file,
    clean_file_name,
)
from energy.call.attachments import (
    AttachmentsLocked,
    AttachmentsTooLarge,
    DuplicateAttachment,
    TooManyAttachments,
)
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.i18n import SEOUL, format_size
from energy.store import backup, db
from energy.store.models.system import AuditEntry
from energy.villages import directory as villages
from tests import attachment_files as files
from tests.energy_cli import energy
from tests.test_apptest import _actor
from tests.test_call import TODAY, _call, _form, _user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- a file on its own ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("사업계획서.pdf", files.pdf(pages=3), "application/pdf"),
        ("roof.jpg", files.picture("JPEG"), "image/jpeg"),
        ("ROOF.JPEG", files.picture("JPEG", (90, 90, 90)), "image/jpeg"),
        ("map.png", files.picture("PNG"), "image/png"),
        ("street.webp", files.picture("WEBP"), "image/webp"),
        ("IMG_0042.HEIC", files.heic(), "image/heic"),
        ("예산서.xlsx", files.workbook(), XLSX),
    ],
    ids=lambda value: value if isinstance(value, str) else "content",  # (bytes hold the time)
)
def test_each_accepted_type_is_found_from_its_content(
    name: str, content: bytes, media_type: str
) -> None:
    checked = check_file(name, content)
    assert checked == CheckedFile(
        name, media_type, len(content), hashlib.sha256(content).hexdigest(), content
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", files.PROGRAM),  # a Windows program renamed
        ("photo.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 100),  # a Linux program
        ("budget.xlsx", files.word_document()),  # a ZIP that is no workbook
        ("photo.png", b"<html><script>alert(1)</script></html>"),
        ("plan.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("movie.heic", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64),  # a video, not a picture
    ],
    ids=[
        "program-as-pdf",
        "elf-as-jpg",
        "docx-as-xlsx",
        "html-as-png",
        "script-as-pdf",
        "video-as-heic",
    ],  # fmt: skip  (ids by name: a content's bytes hold the time it was made)
)
def test_a_file_that_is_none_of_the_types_is_refused_whatever_its_name(
    name: str, content: bytes
) -> None:
    with pytest.raises(UnsupportedFileType) as refused:
        check_file(name, content)
    assert refused.value.field == "attachments"
    assert refused.value.message("en") == (
        f"'{name}' is not a type of file we accept: attach PDF, JPEG, PNG, WebP, HEIC, "
        "Excel (xlsx) files only (the content is checked, not just the name)."
    )
    assert refused.value.message("ko").startswith(f"'{name}' 파일은 받을 수 없는 형식입니다.")


def test_a_name_must_end_as_its_content_is() -> None:
    with pytest.raises(FileTypeMismatch) as refused:
        check_file("roof.png", files.picture("JPEG"))
    assert refused.value.message("en") == (
        "'roof.png' holds a JPEG file but its name ends in .png: rename it to match its "
        "content and attach it again."
    )
    assert refused.value.message("ko") == (
        "'roof.png' 파일은 내용이 JPEG 형식인데 이름의 확장자가 .png입니다. "
        "내용에 맞는 확장자로 이름을 고쳐 다시 올려 주세요."
    )
    # A name without an ending gets its type's.
    assert check_file("plan", files.pdf()).file_name == "plan.pdf"
    assert check_file("../", files.picture("PNG")).file_name == "attachment.png"


def test_empty_and_oversized_files_are_refused_with_their_sizes() -> None:
    with pytest.raises(EmptyFile) as empty:
        check_file("plan.pdf", b"")
    assert (
        empty.value.message("ko")
        == "'plan.pdf' 파일은 비어 있습니다. 내용이 있는 파일을 올려 주세요."
    )
    with pytest.raises(FileTooLarge) as large:
        check_file("scan.pdf", b"%PDF-1.7\n" + b"0" * MAX_FILE_BYTES)
    assert large.value.params == {"name": "scan.pdf", "size": "10.0 MB", "limit": "10.0 MB"}
    assert large.value.message("en").startswith("'scan.pdf' is 10.0 MB; a file may be at most")
    assert [format_size(n) for n in (0, 1023, 1024, 15_000, 2_500_000)] == [
        "0 B", "1,023 B", "1 KB", "15 KB", "2.4 MB",
    ]  # fmt: skip


def test_damaged_protected_and_hostile_files_are_refused() -> None:
    whole = files.pdf(pages=2)
    cases = [
        ("plan.pdf", whole[: len(whole) // 3], DamagedFile),
        ("plan.pdf", b"%PDF-1.4\nnot really a pdf", DamagedFile),
        ("roof.png", files.picture("PNG")[:400], DamagedFile),
        ("roof.jpg", files.picture("JPEG")[:300], DamagedFile),
        ("budget.xlsx", files.workbook()[:200], DamagedFile),
        ("locked.pdf", files.protected_pdf(), ProtectedFile),
        ("budget.xlsx", files.workbook(macros=True), ProtectedFile),
    ]
    for name, content, error in cases:
        with pytest.raises(error):
            check_file(name, content)
    with pytest.raises(ProtectedFile) as locked:
        check_file("locked.pdf", files.protected_pdf())
    assert locked.value.key == "attach.err_pdf_password"
    # A picture of a hundred million pixels is a decompression bomb, not a photo.
    bomb = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(bomb, format="PNG")
    assert len(bomb.getvalue()) < 1_000_000
    with pytest.raises(DamagedFile):
        check_file("bomb.png", bomb.getvalue())


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("C:\\Users\\kim\\Desktop\\사업계획서.pdf", "사업계획서.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("\u1109\u1161\u110b\u1165\u11b8.pdf", "사업.pdf"),  # a Mac's decomposed Hangul
        ("photo\u202egpj.exe", "photogpj.exe"),  # the right-to-left override is dropped
        ("a\tb\nc\x00d.png", "a b cd.png"),
        ('what?<is>"this"|*.png', "what__is__this___.png"),
        ("  ..hidden file.pdf  ", "hidden file.pdf"),
        ("사진\u3000모음.jpg", "사진 모음.jpg"),
        ("x" * 300 + ".xlsx", "x" * 115 + ".xlsx"),
        ("", ""),
    ],
)
def test_a_file_name_is_cleaned_before_it_is_kept(given: str, kept: str) -> None:
    assert clean_file_name(given) == kept


# --- in the store -----------------------------------------------------------------------------


def _draft(url: str, owner: Actor, **form: object) -> int:
    call = _call(url)
    return applications.save_draft(owner, call_id=call.id, form=_form(**form), today=TODAY, url=url).id  # fmt: skip


def _add(actor: Actor, app_id: int, name: str, content: bytes, url: str, kind: str = "plan") -> attachments.AttachmentInfo:  # fmt: skip
    return attachments.add_attachment(
        actor, app_id, kind=kind, file_name=name, content=content, today=TODAY, url=url
    )


def test_files_are_added_listed_read_and_removed_and_audited_without_content(
    fresh_store: str,
) -> None:
    group = _user(fresh_store, "group.one", "applicant")
    app_id = _draft(fresh_store, group)
    photo = files.picture("JPEG", size=(1200, 900))
    plan = files.pdf(pages=2)
    first = _add(group, app_id, "roof.jpg", photo, fresh_store, kind="photo")
    second = _add(group, app_id, "사업계획서.pdf", plan, fresh_store)
    assert (first.uploaded_by, first.size_bytes, first.media_type) == (
        "group.one", len(photo), "image/jpeg",
    )  # fmt: skip
    listed = attachments.list_attachments(group, app_id, url=fresh_store)
    assert [(a.kind, a.file_name) for a in listed] == [("plan", "사업계획서.pdf"), ("photo", "roof.jpg")]  # fmt: skip
    assert attachments.read_attachment(group, second.id, url=fresh_store).content == plan
    assert attachments.read_attachment(CLI_ACTOR, first.id, url=fresh_store).content == photo
    preview = attachments.thumbnail(group, first.id, url=fresh_store)
    assert preview is not None
    with Image.open(io.BytesIO(preview)) as small:
        assert (small.format, small.size) == ("PNG", (attachments.THUMBNAIL_PX, 240))
    assert attachments.thumbnail(group, second.id, url=fresh_store) is None  # a PDF

    gone = attachments.delete_attachment(group, first.id, today=TODAY, url=fresh_store)
    assert gone.file_name == "roof.jpg"
    assert [a.id for a in attachments.list_attachments(group, app_id, url=fresh_store)] == [second.id]  # fmt: skip
    with pytest.raises(NotFound):
        attachments.read_attachment(group, first.id, url=fresh_store)

    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.actor, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity == "application_attachments")
            .order_by(AuditEntry.id)
        ).all()
    assert [(action, actor) for action, actor, _, _ in entries] == [
        ("create", "group.one"), ("create", "group.one"), ("delete", "group.one"),
    ]  # fmt: skip
    created = entries[0].after or {}
    assert (created["file_name"], created["size_bytes"], created["sha256"]) == (
        "roof.jpg", len(photo), hashlib.sha256(photo).hexdigest(),
    )  # fmt: skip
    assert created["content"] == "[redacted]"
    assert (entries[2].before or {})["content"] == "[redacted]"
    assert (entries[2].before or {})["file_name"] == "roof.jpg"
    logged = json.dumps([e.before for e in entries] + [e.after for e in entries])
    assert len(logged) < 2_000  # names, sizes and digests: no file in the log


def test_one_applications_limits_and_a_second_copy_of_a_file(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = _user(fresh_store, "group.one", "applicant")
    app_id = _draft(fresh_store, group)
    plan = files.pdf()
    _add(group, app_id, "plan.pdf", plan, fresh_store)
    with pytest.raises(DuplicateAttachment) as twice:
        _add(group, app_id, "plan (1).pdf", plan, fresh_store)
    assert twice.value.message("en") == "'plan (1).pdf' is the same file as 'plan.pdf', already attached."  # fmt: skip

    photos = [files.picture("JPEG", (n, 100, 50)) for n in range(3)]
    monkeypatch.setattr(attachments, "MAX_TOTAL_BYTES", len(plan) + len(photos[0]) + 10)
    _add(group, app_id, "one.jpg", photos[0], fresh_store, kind="photo")
    with pytest.raises(AttachmentsTooLarge) as full:
        _add(group, app_id, "two.jpg", photos[1], fresh_store, kind="photo")
    assert full.value.params["left"] == "10 B"
    monkeypatch.setattr(attachments, "MAX_TOTAL_BYTES", 10 * MAX_FILE_BYTES)
    monkeypatch.setattr(attachments, "MAX_FILES", 3)
    _add(group, app_id, "two.jpg", photos[1], fresh_store, kind="photo")
    with pytest.raises(TooManyAttachments) as many:
        _add(group, app_id, "three.jpg", photos[2], fresh_store, kind="photo")
    assert many.value.message("ko").startswith("신청서 한 건에는 파일을 3개까지")
    with pytest.raises(InvalidInput) as unknown:
        _add(group, app_id, "x.pdf", files.pdf("x"), fresh_store, kind="poster")
    assert unknown.value.message("en") == "Unknown kind of attachment: poster"
    with pytest.raises(UnsupportedFileType):
        _add(group, app_id, "plan.pdf", files.PROGRAM, fresh_store)
    # Nothing refused was stored.
    assert [a.file_name for a in attachments.list_attachments(group, app_id, url=fresh_store)] == [
        "plan.pdf", "one.jpg", "two.jpg",
    ]  # fmt: skip


def test_files_are_kept_as_sent_once_the_application_is_submitted(fresh_store: str) -> None:
    group = _user(fresh_store, "group.one", "applicant")
    app_id = _draft(fresh_store, group)
    kept = _add(group, app_id, "plan.pdf", files.pdf(), fresh_store)
    with pytest.raises(InvalidInput) as closed:
        attachments.add_attachment(
            group, app_id, kind="photo", file_name="late.jpg", content=files.picture(),
            today=TODAY.replace(month=4, day=1), url=fresh_store,
        )  # fmt: skip
    assert (closed.value.key, closed.value.field) == ("call.err_not_open", "attachments")
    assert attachments.may_change(group, app_id, url=fresh_store)
    applications.submit_application(group, app_id, today=TODAY, url=fresh_store)
    assert not attachments.may_change(group, app_id, url=fresh_store)
    with pytest.raises(AttachmentsLocked) as locked:
        _add(group, app_id, "late.jpg", files.picture(), fresh_store, kind="photo")
    assert locked.value.message("en").startswith("Files can be added or removed only while")
    with pytest.raises(AttachmentsLocked):
        attachments.delete_attachment(group, kept.id, today=TODAY, url=fresh_store)
    assert [a.id for a in attachments.list_attachments(group, app_id, url=fresh_store)] == [kept.id]  # fmt: skip


# --- who may do what --------------------------------------------------------------------------

READ_ONLY = {"list": True, "read": True, "add": False, "remove": False}
NOTHING = {"list": False, "read": False, "add": False, "remove": False}
EVERYTHING = {"list": True, "read": True, "add": True, "remove": True}
# Allowed as a person, refused for the application's state (a submitted application).
LOCKED = {"list": True, "read": True, "add": "locked", "remove": "locked"}


def _can(actor: Actor, app_id: int, attachment_id: int, url: str) -> dict[str, bool | str]:
    """What ``actor`` may do with the application's files: each operation tried (a removal
    that succeeds removes the file: the owner comes last)."""
    operations = {
        "list": lambda: attachments.list_attachments(actor, app_id, url=url),
        "read": lambda: attachments.read_attachment(actor, attachment_id, url=url),
        "add": lambda: _add(actor, app_id, "new.pdf", files.pdf(actor.username), url),
        "remove": lambda: attachments.delete_attachment(actor, attachment_id, today=TODAY, url=url),
    }
    allowed: dict[str, bool | str] = {}
    for name, operation in operations.items():
        try:
            done = operation()
        except (AccessDenied, NotFound):
            allowed[name] = False
        except AttachmentsLocked:
            allowed[name] = "locked"
        else:
            allowed[name] = True
            if name == "add":  # taken away again: the next person meets the same files
                assert isinstance(done, attachments.AttachmentInfo)
                attachments.delete_attachment(actor, done.id, today=TODAY, url=url)
    return allowed


def test_who_may_add_remove_and_read_an_applications_files(fresh_store: str) -> None:
    url = fresh_store
    villages.add_village(
        CLI_ACTOR, code="DJK-2020-01", name="상도 마을", district="동작구", cohort_year=2020,
        today=TODAY, url=url,
    )  # fmt: skip
    group = _user(url, "group.one", "applicant")
    people = {
        "staff": _user(url, "staff", "admin"),
        "reviewer, no conflict": _user(url, "rev.ok", "reviewer"),
        "reviewer, not declared": _user(url, "rev.pending", "reviewer"),
        "reviewer, conflict": _user(url, "rev.conflict", "reviewer"),
        "reviewer, not assigned": _user(url, "rev.other", "reviewer"),
        "other applicant": _user(url, "group.two", "applicant"),
        "committee": _user(url, "committee.one", "committee", village_code="DJK-2020-01"),
        "trainer": _user(url, "trainer.one", "trainer"),
        "viewer": _user(url, "viewer.one", "viewer"),
        "owner": group,
    }
    call = _call(url)
    draft = applications.save_draft(group, call_id=call.id, form=_form(), today=TODAY, url=url).id
    in_review = applications.save_draft(
        group, call_id=call.id, form=_form(village_name="흑석 마을"), today=TODAY, url=url
    ).id
    on_draft = _add(group, draft, "plan.pdf", files.pdf("draft"), url).id
    on_review = _add(group, in_review, "plan.pdf", files.pdf("review"), url).id
    applications.submit_application(group, in_review, today=TODAY, url=url)
    reviews.start_review(CLI_ACTOR, in_review, url=url)
    assigned = [people[p].user_id or 0 for p in people if p.startswith("reviewer, ") and "not assigned" not in p]  # fmt: skip
    reviews.set_reviewers(CLI_ACTOR, in_review, assigned, url=url)
    for a in reviews.call_assignments(CLI_ACTOR, call.id, url=url):
        if a.reviewer == "rev.ok":
            reviews.declare_conflict(people["reviewer, no conflict"], a.id, conflict=False, url=url)
        if a.reviewer == "rev.conflict":
            reviews.declare_conflict(
                people["reviewer, conflict"], a.id, conflict=True, note="이웃", url=url
            )

    on_draft_found = {who: _can(actor, draft, on_draft, url) for who, actor in people.items()}
    assert on_draft_found == {
        "owner": EVERYTHING,
        "staff": READ_ONLY,  # an online application is the group's own to change
        **{who: NOTHING for who in people if who not in ("owner", "staff")},
    }
    on_review_found = {who: _can(actor, in_review, on_review, url) for who, actor in people.items()}
    # Under review nobody changes the files (refused for the state, not the person: the owner).
    assert on_review_found == {
        "owner": LOCKED,
        "staff": READ_ONLY,
        "reviewer, no conflict": READ_ONLY,
        **{who: NOTHING for who in people if who not in ("owner", "staff", "reviewer, no conflict")},
    }  # fmt: skip
    assert [a.id for a in attachments.list_attachments(group, in_review, url=url)] == [on_review]
    assert attachments.list_attachments(group, draft, url=url) == []  # the owner removed it
    assert attachments.attachment_counts(people["staff"], [draft, in_review], url=url) == {
        in_review: 1
    }
    with pytest.raises(AccessDenied):
        attachments.attachment_counts(people["reviewer, no conflict"], [in_review], url=url)
    # A preview is a read like any other; a stranger learns nothing of a file it may not add.
    with pytest.raises(AccessDenied):
        attachments.thumbnail(people["other applicant"], on_review, url=url)
    with pytest.raises(AccessDenied):
        _add(people["other applicant"], draft, "x.pdf", files.PROGRAM, url)


def test_staff_attach_files_to_a_paper_application_they_enter(fresh_store: str) -> None:
    """A group that applies on paper hands in its plan; staff scan and attach it."""
    staff = _user(fresh_store, "staff", "admin")
    paper = _draft(fresh_store, staff)
    scan = _add(staff, paper, "scan.pdf", files.pdf("scan"), fresh_store)
    assert attachments.may_change(staff, paper, url=fresh_store)
    other_staff = _user(fresh_store, "staff.two", "admin")
    assert [a.id for a in attachments.list_attachments(other_staff, paper, url=fresh_store)] == [scan.id]  # fmt: skip
    attachments.delete_attachment(other_staff, scan.id, today=TODAY, url=fresh_store)
    group = _user(fresh_store, "group.one", "applicant")
    with pytest.raises(AccessDenied):
        attachments.list_attachments(group, paper, url=fresh_store)


# --- in the backup ----------------------------------------------------------------------------


def test_attachments_survive_a_backup_and_restore_byte_for_byte(
    small_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo applicant's draft gets three files; the backup holds them (in chunks of a few
    of them, here made small to need several), a restore after a removal brings them back."""
    url = small_store
    applicant = _actor(url, "applicant")
    [draft] = [a for a in applications.list_applications(applicant, url=url) if a.status == "draft"]
    today = dt.datetime.now(SEOUL).date()
    contents = {
        "plan.pdf": files.pdf(pages=4) + b"%\x00\xff binary tail",
        "roof.png": files.picture("PNG", size=(800, 600)),
        "예산서.xlsx": files.workbook(),
    }
    added = [
        attachments.add_attachment(
            applicant, draft.id, kind=kind, file_name=name, content=content, today=today, url=url
        )
        for (name, content), kind in zip(contents.items(), ("plan", "photo", "budget"), strict=True)
    ]
    path = tmp_path / "with-files.jsonl.gz"
    monkeypatch.setattr(backup, "BATCH_BINARY_BYTES", max(len(c) for c in contents.values()))
    summary = backup.backup(CLI_ACTOR, path, url=url)
    assert summary.rows["application_attachments"] == 3
    with gzip.open(path, "rb") as handle:
        chunks = [json.loads(line) for line in handle if b'"application_attachments"' in line[:80]]
    assert [len(c["rows"]) for c in chunks] == [2, 1]  # no chunk holds more than it must
    assert backup.verify(path)["application_attachments"] == 3

    attachments.delete_attachment(applicant, added[0].id, today=today, url=url)
    restored = backup.restore(CLI_ACTOR, path, url=url)
    assert restored.rows["application_attachments"] == 3
    listed = attachments.list_attachments(applicant, draft.id, url=url)
    assert sorted((a.id, a.kind, a.file_name, a.sha256) for a in listed) == [
        (a.id, a.kind, a.file_name, a.sha256) for a in added
    ]
    for info in added:
        kept = attachments.read_attachment(CLI_ACTOR, info.id, url=url).content
        assert kept == contents[info.file_name]
    # The next file continues the ids (PostgreSQL's sequence was set past the restored rows).
    more = attachments.add_attachment(
        applicant, draft.id, kind="photo", file_name="more.jpg", content=files.picture(),
        today=today, url=url,
    )  # fmt: skip
    assert more.id > max(a.id for a in added)


def test_a_backup_with_a_damaged_file_value_is_refused(small_store: str, tmp_path: Path) -> None:
    url = small_store
    applicant = _actor(url, "applicant")
    [draft] = [a for a in applications.list_applications(applicant, url=url) if a.status == "draft"]
    attachments.add_attachment(
        applicant, draft.id, kind="plan", file_name="plan.pdf", content=files.pdf(),
        today=dt.datetime.now(SEOUL).date(), url=url,
    )  # fmt: skip
    good = tmp_path / "good.jsonl.gz"
    backup.backup(CLI_ACTOR, good, url=url)
    with gzip.open(good, "rb") as handle:
        lines = handle.readlines()
    at = next(i for i, line in enumerate(lines) if b'"application_attachments"' in line[:80])
    record = json.loads(lines[at])
    record["rows"][0][record["columns"].index("content")] = "not base64!"
    lines[at] = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    digest = hashlib.sha256(b"".join(lines[:-1])).hexdigest()
    trailer = json.loads(lines[-1])
    trailer["trailer"]["sha256"] = digest
    lines[-1] = (json.dumps(trailer) + "\n").encode()
    bad = tmp_path / "bad.jsonl.gz"
    with gzip.open(bad, "wb") as handle:
        handle.writelines(lines)
    with pytest.raises(InvalidInput) as refused:
        backup.restore(CLI_ACTOR, bad, url=url)
    assert refused.value.key == "error.backup_malformed"
    assert refused.value.params["table"] == "application_attachments"


# --- on the command line ----------------------------------------------------------------------


def test_staff_list_and_save_an_applications_files_from_the_command_line(
    fresh_store: str, tmp_path: Path
) -> None:
    group = _user(fresh_store, "group.one", "applicant")
    app_id = _draft(fresh_store, group)
    plan = files.pdf(pages=2)
    saved = _add(group, app_id, "사업계획서.pdf", plan, fresh_store)
    [application] = applications.list_applications(group, url=fresh_store)

    listed = energy(fresh_store, "call", "attachments", application.reference, "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert (row["id"], row["file_name"], row["size_bytes"], row["sha256"]) == (
        saved.id, "사업계획서.pdf", len(plan), saved.sha256,
    )  # fmt: skip
    shown = energy(fresh_store, "call", "attachments", application.reference)
    assert "사업계획서.pdf" in shown.stdout and f"{len(plan):,} B" in shown.stdout

    out = tmp_path / "plan.pdf"
    done = energy(fresh_store, "call", "attachment", str(saved.id), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == plan
    wrong = energy(fresh_store, "call", "attachment", str(saved.id), "--out", str(tmp_path / "plan.png"))  # fmt: skip
    assert wrong.returncode == 1 and wrong.stderr.startswith("error: ")
    unknown = energy(fresh_store, "call", "attachments", "2099-99-999")
    assert unknown.returncode == 1 and "2099-99-999" in unknown.stderr
