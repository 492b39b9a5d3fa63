"""Migration 0024: the table of application attachments, its content kept byte for byte
(``bytea`` on PostgreSQL), one copy of a file per application, the size the content's own;
taken away again on downgrade, the applications left as they were."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import inspect, text

from energy.call import calls
from energy.core.access import CLI_ACTOR
from energy.store import db
from tests.attachment_files import pdf
from tests.migrations import kept_as_of, paper_application

INSERT = text(
    "INSERT INTO application_attachments (application_id, kind, file_name, media_type, "
    "size_bytes, sha256, content, uploaded_by, uploaded_at) VALUES (:app, :kind, :name, "
    ":type, :size, :sha, :content, 'staff', :at)"
).bindparams(sa.bindparam("content", type_=sa.LargeBinary()))


def _row(app_id: int, content: bytes, **overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "app": app_id, "kind": "plan", "name": "계획서.pdf", "type": "application/pdf",
        "size": len(content), "sha": hashlib.sha256(content).hexdigest(), "content": content,
        "at": dt.datetime(2027, 3, 10, 9, tzinfo=dt.UTC),
    }  # fmt: skip
    row.update(overrides)
    return row


def _refused(url: str, row: dict[str, object]) -> bool:
    try:
        with db.get_engine(url).begin() as conn:
            conn.execute(INSERT, row)
    except sa.exc.IntegrityError:
        return True
    return False


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0024_keeps_attached_files_byte_for_byte(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    db.upgrade(url, "0023")
    kept_as_of(monkeypatch, "0023")  # today's writes, as a store at 0023 keeps them
    call = calls.create_call(
        CLI_ACTOR, year=2027, title="2027 공모", opens_on=dt.date(2027, 2, 15),
        closes_on=dt.date(2027, 3, 31), budget_krw=50_000_000, url=url,
    )  # fmt: skip
    paper = paper_application(url, call.id, "상도 모임")
    monkeypatch.undo()
    db.dispose_engine(url)
    assert "application_attachments" not in inspect(db.get_engine(url)).get_table_names()

    db.upgrade(url, "0024")
    db.dispose_engine(url)
    columns = {c["name"]: c for c in inspect(db.get_engine(url)).get_columns("application_attachments")}  # fmt: skip
    assert list(columns) == [
        "id", "application_id", "kind", "file_name", "media_type", "size_bytes", "sha256",
        "content", "uploaded_by", "uploaded_at",
    ]  # fmt: skip
    expected_type = "BYTEA" if url.startswith("postgresql") else "BLOB"
    assert str(columns["content"]["type"]) == expected_type
    content = pdf("0024") + bytes(range(256))  # every byte value, the NUL among them
    with db.get_engine(url).begin() as conn:
        conn.execute(INSERT, _row(paper, content))
    with db.get_engine(url).connect() as conn:
        stored = conn.execute(text("SELECT content, size_bytes FROM application_attachments")).one()
    assert (bytes(stored[0]), stored[1]) == (content, len(content))

    # One copy of a file per application; the size is the content's; a known kind and type.
    assert _refused(url, _row(paper, content, name="again.pdf"))
    assert _refused(url, _row(paper, b"%PDF-other", size=999))
    assert _refused(url, _row(paper, b"%PDF-third", kind="poster"))
    assert _refused(url, _row(paper, b"MZ-program", type="application/x-msdownload"))
    assert _refused(url, _row(paper + 99, b"%PDF-orphan"))  # no such application
    assert not _refused(url, _row(paper, b"\x89PNG-second", kind="photo", type="image/png"))
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0023")
    db.dispose_engine(url)
    assert "application_attachments" not in inspect(db.get_engine(url)).get_table_names()
    with db.get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT group_name FROM call_applications")).scalars().all() == [
            "상도 모임"
        ]
    db.dispose_engine(url)
