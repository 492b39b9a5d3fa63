"""The log's screen and its download: a page of entries in words, the choices its filters
offer (people, villages, kinds of thing, actions), and every entry a filter matches as CSV.

Staff only (``audit.read``, checked by the store's reader and here)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select

from energy.audit.events import describe
from energy.audit.fields import Change
from energy.audit.formats import upper_first
from energy.audit.kinds import ACTIONS, KINDS, kind_of
from energy.audit.rows import Lookup
from energy.audit.sentences import prepare
from energy.audit.things import NAME_REFS, NOT_PEOPLE, Namer
from energy.core.access import Actor, require
from energy.core.errors import NotFound
from energy.core.i18n import SEOUL, translate
from energy.documents.exports import to_csv_bytes
from energy.store import audit
from energy.store.audit import AuditFilter, AuditRecord
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.villages import Village

PAGE_SIZE = 50
# The download holds at most this many entries (newest first): a narrower filter reaches older.
EXPORT_LIMIT = 100_000
EXPORT_BATCH = 1_000


@dataclass(frozen=True)
class LogFilter:
    """What the reader chose: empty means everything."""

    person: str = ""  # a login
    village_id: int | None = None
    kind: str = ""  # a key of ``KINDS``
    action: str = ""  # one of ``ACTIONS``
    since: dt.date | None = None
    until: dt.date | None = None

    def where(self) -> AuditFilter:
        return AuditFilter(
            who=self.person,
            village_id=self.village_id,
            subjects=KINDS.get(self.kind, ()),
            action=self.action,
            since=self.since,
            until=self.until,
        )


@dataclass(frozen=True)
class LogEntry:
    """An entry for people: when, who, the sentence, its kind of thing, its fields."""

    id: int
    at: dt.datetime
    who: str
    sentence: str
    kind: str
    village: str = ""  # the village the entry is about, if any
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class LogPage:
    entries: list[LogEntry]
    total: int
    page: int  # the page shown (a page past the last shows the last)
    pages: int
    page_size: int


def _kind_label(record: AuditRecord, lang: str) -> str:
    kind = kind_of(record.entity, record.action)
    return translate(f"audit.kind.{kind}" if kind else "audit.kind.other", lang)


def in_words(
    actor: Actor, records: Sequence[AuditRecord], lang: str, *, url: str | None = None
) -> list[LogEntry]:
    """``records`` as sentences in ``lang``, with the rows they name read in a few queries."""
    require(actor, "audit.read")
    with session_for(actor, url=url) as session:
        lookup = Lookup(session, NAME_REFS)
        prepare(lookup, records)
        namer = Namer(lookup, lang)
        entries = []
        for r in records:
            said = describe(r, namer)
            village = namer.village(r.village_id) if r.village_id is not None else ""
            entries.append(
                LogEntry(r.id, r.at, namer.person(r.actor), said.sentence, _kind_label(r, lang),
                         village, said.changes)
            )  # fmt: skip
        return entries


def read_log(
    actor: Actor,
    chosen: LogFilter,
    *,
    page: int = 1,
    lang: str,
    page_size: int = PAGE_SIZE,
    url: str | None = None,
) -> LogPage:
    """Page ``page`` (from 1) of the entries ``chosen`` matches, newest first."""
    where = chosen.where()
    page = max(1, page)
    found = audit.read_audit(actor, where, limit=page_size, offset=(page - 1) * page_size, url=url)
    pages = max(1, -(-found.total // page_size))
    if page > pages:
        page = pages
        found = audit.read_audit(
            actor, where, limit=page_size, offset=(page - 1) * page_size, url=url
        )
    entries = in_words(actor, found.records, lang, url=url)
    return LogPage(entries, found.total, page, pages, page_size)


def people(actor: Actor, lang: str, *, url: str | None = None) -> list[tuple[str, str]]:
    """Whom the person filter offers: every account by display name (and login), then the
    demo loader and the command line where they wrote."""
    require(actor, "audit.read")
    with session_for(actor, url=url) as session:
        accounts = session.execute(
            select(User.username, User.display_name).order_by(User.display_name, User.username)
        ).all()
    found = [
        (login, f"{name} ({login})" if name and name != login else login)
        for login, name in accounts
    ]
    present = audit.actors_present(actor, NOT_PEOPLE, url=url)
    return found + [
        (login, f"{upper_first(translate(f'audit.actor.{login}', lang))} ({login})")
        for login in NOT_PEOPLE
        if login in present
    ]


def villages(actor: Actor, lang: str, *, url: str | None = None) -> list[tuple[int, str]]:
    """Every village by name (in ``lang``) with its code, for the village filter."""
    require(actor, "audit.read")
    with session_for(actor, url=url) as session:
        rows = session.execute(select(Village.id, Village.code, Village.name, Village.name_en))
        named = [
            (vid, f"{name_en if lang == 'en' and name_en else name} ({code})")
            for vid, code, name, name_en in rows
        ]
    return sorted(named, key=lambda v: v[1])


def village_id(actor: Actor, code: str, *, url: str | None = None) -> int:
    """The id of the village ``code`` (for a filter given by code: the command line)."""
    require(actor, "audit.read")
    with session_for(actor, url=url) as session:
        found = session.scalar(select(Village.id).where(Village.code == code.strip()))
    if found is None:
        raise NotFound("error.unknown_village", code=code)
    return int(found)


def kinds(lang: str) -> list[tuple[str, str]]:
    return [(kind, translate(f"audit.kind.{kind}", lang)) for kind in KINDS]


def actions(lang: str) -> list[tuple[str, str]]:
    return [(action, translate(f"audit.action.{action}", lang)) for action in ACTIONS]


def _batches(
    actor: Actor, chosen: LogFilter, limit: int, url: str | None
) -> Iterator[list[AuditRecord]]:
    left = limit
    for batch in audit.audit_batches(actor, chosen.where(), batch=EXPORT_BATCH, url=url):
        yield batch[:left]
        left -= len(batch)
        if left <= 0:
            return


def export_frame(
    actor: Actor,
    chosen: LogFilter,
    lang: str,
    *,
    limit: int = EXPORT_LIMIT,
    url: str | None = None,
) -> pd.DataFrame:
    """Every entry ``chosen`` matches (the newest ``limit``), one row each: when (Seoul time),
    who, the sentence, the kind of thing, the action, the village, and the exact values before
    and after as the log keeps them (JSON)."""

    def say(key: str) -> str:
        return translate(key, lang)

    rows: list[dict[str, object]] = []
    for batch in _batches(actor, chosen, limit, url):
        for record, entry in zip(batch, in_words(actor, batch, lang, url=url), strict=True):
            rows.append(
                {
                    say("audit.col.when"): record.at.astimezone(SEOUL).strftime(
                        "%Y-%m-%d %H:%M:%S"
                    ),
                    say("audit.col.who"): entry.who,
                    say("audit.col.login"): record.actor,
                    say("audit.col.sentence"): entry.sentence,
                    say("audit.col.kind"): entry.kind,
                    say("audit.col.action"): translate(f"audit.action.{record.action}", lang),
                    say("audit.col.village"): entry.village,
                    say("audit.col.item"): record.entity_key,
                    say("audit.col.before"): _json(record.before),
                    say("audit.col.after"): _json(record.after),
                }
            )
    columns = [say(f"audit.col.{c}") for c in
               ("when", "who", "login", "sentence", "kind", "action", "village", "item", "before",
                "after")]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def export_csv(
    actor: Actor, chosen: LogFilter, lang: str, *, limit: int = EXPORT_LIMIT, url: str | None = None
) -> bytes:
    return to_csv_bytes(export_frame(actor, chosen, lang, limit=limit, url=url))


def _json(values: object) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values else ""
