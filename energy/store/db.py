"""Engines, sessions, migrations and the audit trail of every ORM write.

Only this module creates engines. SQLite gets WAL, foreign keys and a busy timeout;
write sessions on SQLite begin ``IMMEDIATE`` so two writers queue instead of failing
half-way with "database is locked".
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import itertools
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, exc, insert, inspect, make_url, select, text
from sqlalchemy.orm import Session

from energy.core.access import Actor
from energy.core.config import database_url, get_settings
from energy.core.errors import StoreAhead, StoreBehind
from energy.store.models.base import utcnow
from energy.store.models.system import AuditEntry

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# How long a SQLite writer waits for another before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 30_000
# SQLite's page cache while a rebuild walks a village's readings (KiB; the default is 2,000).
SCAN_CACHE_KIB = 131_072

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is unreliable).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        # A bulk writer (the readings import) has already matched every id it writes
        # against the store inside its own write transaction, which holds SQLite's write
        # lock, and checked every carrier and value: the per-row foreign-key lookups and
        # CHECK constraints would repeat that work (over a third of a large import's time).
        # The foreign-key pragma can only change outside a transaction, so each transaction
        # sets both as it begins; every other transaction runs with both enforced.
        # A migration rebuilds tables (SQLite's way to alter one): with foreign keys enforced,
        # dropping the old copy of a table other rows refer to would fail, so a migration runs
        # without them and checks every reference before it commits (migrations/env.py).
        checked = not options.get("energy_bulk")
        keys_checked = checked and not options.get("energy_migration")
        info = conn.connection.info
        if info.get("keys_checked", True) != keys_checked:
            conn.exec_driver_sql(f"PRAGMA foreign_keys = {'ON' if keys_checked else 'OFF'}")
            info["keys_checked"] = keys_checked
        if info.get("constraints_checked", True) != checked:
            conn.exec_driver_sql(f"PRAGMA ignore_check_constraints = {'OFF' if checked else 'ON'}")
            info["constraints_checked"] = checked
        mode = "IMMEDIATE" if options.get("energy_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


# A pooled server connection unused for longer than this is tested before it is handed out.
PING_AFTER_IDLE_S = 1.0


@contextmanager
def scan_cache(session: Session) -> Iterator[None]:
    """A page cache of ``SCAN_CACHE_KIB`` on SQLite while a statement walks much of a village's
    readings (a rebuild of its sums): with the default 2 MB the kernel serves each page read
    again, a third of such a statement's time. Put back after, so the pooled connections
    keep the small default. PostgreSQL's shared buffers need nothing."""
    raw = session.connection().connection.dbapi_connection
    if session.get_bind().dialect.name != "sqlite" or raw is None:
        yield
        return
    (before,) = raw.execute("PRAGMA cache_size").fetchone()
    raw.execute(f"PRAGMA cache_size = -{SCAN_CACHE_KIB}")
    try:
        yield
    finally:
        # A broken connection (the pool discards it) must not hide the rebuild's own error.
        with suppress(sqlite3.Error):
            raw.execute(f"PRAGMA cache_size = {int(before)}")


def _ping_when_idle(engine: Engine) -> None:
    """Test a pooled connection before use only if it sat idle (SQLAlchemy's pre-ping, less
    the ping of a connection returned a moment ago).

    A connection the server dropped (a restart, an idle timeout, a failover) is found and
    replaced at checkout, before a page uses it: the pool discards it on
    ``DisconnectionError`` and connects afresh. A connection returned within
    :data:`PING_AFTER_IDLE_S` was working then, and a server restart takes longer than that.
    Under load that is nearly every checkout: a checkout and one query took 0.45-0.49 ms with
    a ping each time, 0.37-0.40 ms without (measured in-process on this machine)."""

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_conn: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _handed_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is not None and time.monotonic() - returned < PING_AFTER_IDLE_S:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as error:  # the server hung up: the pool connects again
            raise exc.DisconnectionError() from error
        if not alive:  # pragma: no cover - the dialects raise rather than answer False
            raise exc.DisconnectionError()


def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured store), built once per process."""
    url = url or database_url()
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            parsed = make_url(url)
            if parsed.get_backend_name() == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, connect_args={"check_same_thread": False})
                _configure_sqlite(engine)
            else:
                engine = create_engine(url, pool_size=5, max_overflow=10)
                _ping_when_idle(engine)
            _engines[url] = engine
        return engine


def reader(engine: Engine) -> Engine:
    """The bind for a read-only session or query.

    PostgreSQL: autocommit. Each statement then runs on its own, as it would inside a
    transaction at READ COMMITTED (PostgreSQL's default, where every statement takes a new
    snapshot anyway), without the BEGIN and ROLLBACK round trips around it: a page's data
    version check went from 0.54 to 0.40 ms. A reader that needs one snapshot across its
    statements sets its own isolation level (``energy.store.backup``). SQLite: unchanged (its
    deferred transaction is what keeps a page's statements on one snapshot)."""
    if engine.dialect.name != "postgresql":
        return engine
    bound = _readers.get(engine)
    if bound is None:
        bound = _readers[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return bound


_readers: dict[Engine, Engine] = {}


def dispose_engine(url: str | None = None) -> None:
    url = url or database_url()
    with _engines_lock:
        engine = _engines.pop(url, None)
        if engine is not None:
            _readers.pop(engine, None)
    if engine is not None:
        engine.dispose()


class AuditedSession(Session):
    """A session that knows its actor; every flush writes audit rows (see below)."""


_writes = itertools.count(1)
_last_write = 0


def _written() -> None:
    global _last_write
    _last_write = next(_writes)


def last_write() -> int:
    """A number that grows with every write transaction this process commits (the memo's
    pinned data version, ``energy.store.cache.pinned``, is dropped when it moves)."""
    return _last_write


@contextmanager
def session_for(
    actor: Actor, *, write: bool = False, bulk: bool = False, url: str | None = None
) -> Iterator[Session]:
    """A transaction as ``actor``: committed on success, rolled back on any error.

    ``bulk`` (with ``write``): a writer that checks every id and value it writes itself,
    inside this transaction; SQLite then skips its per-row foreign-key lookups and CHECK
    constraints (see ``_on_begin``)."""
    engine = get_engine(url)
    bind = (
        engine.execution_options(energy_write=True, energy_bulk=bulk) if write else reader(engine)
    )
    # Not a sessionmaker per call: each one makes a new Session subclass, and SQLAlchemy copies
    # every event listener onto each new class (a tenth of a page's rerun at 25 sessions).
    with AuditedSession(bind=bind, expire_on_commit=False) as session:
        session.info["actor"] = actor
        session.info["read_only"] = not write  # lets a read cache what it found (village_sums)
        try:
            yield session
            if write:
                session.commit()
                _written()
            else:
                session.rollback()
        except BaseException:
            session.rollback()
            raise


# --- audit trail ------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _row(obj: Any, columns: list[str]) -> dict[str, Any]:
    # A redacted column is never read: a deleted attachment's content is not loaded to be hidden.
    redact = set(getattr(obj, "__audit_redact__", ()))
    return _audited_values(obj, {c: None if c in redact else getattr(obj, c) for c in columns})


def _audited_values(model: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` as the audit log keeps them: JSON-ready, the model's secrets redacted."""
    redact = set(getattr(model, "__audit_redact__", ()))
    return {c: ("[redacted]" if c in redact else _jsonable(v)) for c, v in values.items()}


def _audit_entry(
    actor: Actor, at: dt.datetime, action: str, entity: str, key: str, before: Any, after: Any
) -> dict[str, Any]:
    return {
        "at": at,
        "actor": actor.audit_name,
        "action": action,
        "entity": entity,
        "entity_key": key,
        "before": before,
        "after": after,
        "village_id": None,
    }


def _auditing_actor(session: Session) -> Actor:
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("a write without an actor cannot be audited")
    return actor


def _entity_key(obj: Any) -> str:
    key_attr = getattr(obj, "__audit_key__", None)
    if key_attr:
        return str(getattr(obj, key_attr))
    # The primary key as the flush wrote it: a new row's identity is only set after the flush
    # (reading it here gave "?" for every new row without an ``__audit_key__``).
    return "/".join(str(part) for part in inspect(obj).mapper.primary_key_from_instance(obj))


def _mapped(table: str) -> Any:
    """The mapped class of ``table``."""
    for mapper in AuditEntry.registry.mappers:
        if mapper.class_.__tablename__ == table:
            return mapper.class_
    raise LookupError(table)


# Ids in one look-up of the rows a flush refers to (well under either store's bound parameters).
_IDS_PER_QUERY = 5_000


def _village_ids(session: Session, table: str, ids: set[Any]) -> dict[Any, int | None]:
    """The village of each row of ``table`` whose primary key is in ``ids``, by the table's
    ``__audit_village__`` rule (one query per table on the way to the village)."""
    model = _mapped(table)
    rule = getattr(model, "__audit_village__", None)
    if rule is None or not ids:
        return {}
    columns = model.__table__.c
    key = inspect(model).primary_key[0]
    link = columns[rule if isinstance(rule, str) else rule[0]]
    found: dict[Any, Any] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), _IDS_PER_QUERY):
        chunk = ordered[start : start + _IDS_PER_QUERY]
        found.update(session.connection().execute(select(key, link).where(key.in_(chunk))).all())
    if isinstance(rule, str):
        return found
    above = _village_ids(session, rule[1], {v for v in found.values() if v is not None})
    return {k: above.get(v) for k, v in found.items()}


# An audit row about to be written: the written model, a reader of the written row's columns,
# the audit row.
_Pending = tuple[Any, Callable[[str], Any], dict[str, Any]]


def _add_villages(session: Session, items: Sequence[_Pending]) -> None:
    """Set ``village_id`` of each audit row in ``items``: the written row's own column, or the
    village of the row it refers to, looked up once per table for the whole flush."""
    wanted: dict[str, set[Any]] = {}
    for model, value, _ in items:
        rule = getattr(model, "__audit_village__", None)
        if isinstance(rule, tuple) and value(rule[0]) is not None:
            wanted.setdefault(rule[1], set()).add(value(rule[0]))
    found = {table: _village_ids(session, table, ids) for table, ids in wanted.items()}
    for model, value, row in items:
        rule = getattr(model, "__audit_village__", None)
        if isinstance(rule, str):
            row["village_id"] = value(rule)
        elif isinstance(rule, tuple):
            row["village_id"] = found.get(rule[1], {}).get(value(rule[0]))


@event.listens_for(AuditedSession, "after_flush")
def _audit_after_flush(session: Session, _flush_context: Any) -> None:
    actor = _auditing_actor(session)
    now = utcnow()
    items: list[_Pending] = []

    def add(obj: Any, action: str, before: Any, after: Any) -> None:
        row = _audit_entry(actor, now, action, obj.__tablename__, _entity_key(obj), before, after)
        items.append((type(obj), functools.partial(getattr, obj), row))

    for obj in session.new:
        if getattr(obj, "__audit_skip__", False):
            continue
        columns = [c.key for c in inspect(obj).mapper.column_attrs]
        add(obj, "create", None, _row(obj, columns))
    for obj in session.dirty:
        if getattr(obj, "__audit_skip__", False) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        changed: list[str] = []
        before: dict[str, Any] = {}
        for attr in state.mapper.column_attrs:
            history = state.attrs[attr.key].history
            if history.has_changes():
                changed.append(attr.key)
                before[attr.key] = history.deleted[0] if history.deleted else None
        if changed:
            add(obj, "update", _audited_values(obj, before), _row(obj, changed))
    for obj in session.deleted:
        if getattr(obj, "__audit_skip__", False):
            continue
        columns = [c.key for c in inspect(obj).mapper.column_attrs]
        add(obj, "delete", _row(obj, columns), None)
    if items:
        _add_villages(session, items)
        _write_entries(session, [row for _, _, row in items])


def audit_created(session: Session, model: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """Audit rows of ``model`` inserted in bulk, without the ORM (``rows`` with their ids): one
    ``create`` entry each, as a flush of the same objects would have written."""
    actor = _auditing_actor(session)
    if not rows or getattr(model, "__audit_skip__", False):
        return
    columns = [c.key for c in inspect(model).column_attrs]
    key_attr = getattr(model, "__audit_key__", None) or "id"
    now = utcnow()
    items: list[_Pending] = [
        (
            model, row.get,
            _audit_entry(
                actor, now, "create", model.__tablename__, str(row[key_attr]), None,
                _audited_values(model, {c: row.get(c) for c in columns}),
            ),
        )
        for row in rows
    ]  # fmt: skip
    _add_villages(session, items)
    _write_entries(session, [row for _, _, row in items])


def record_action(
    session: Session,
    action: str,
    entity: str,
    key: str,
    detail: dict[str, Any] | None = None,
    *,
    village_id: int | None = None,
) -> None:
    """Audit an event that is not a row change (a login, a bulk import, a backup);
    ``village_id``: the village it is about, if any (a village's import, its committee's login)."""
    actor: Actor = session.info["actor"]
    row = _audit_entry(actor, utcnow(), action, entity, key, None, detail)
    row["village_id"] = village_id
    _write_entries(session, [row])


def _write_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    session.connection().execute(insert(AuditEntry), rows)


# --- migrations ---------------------------------------------------------------------------


# Alembic is imported only to migrate or to look at the migrations: a command run on a store
# at the current revision (the usual case) never loads it, nor reads every migration file to
# find the newest (a quarter of a second of every command's start, compiling them).
# Migrations are numbered: each file is named ``NNNN_*.py`` for its revision ``NNNN``, which
# follows revision ``NNNN - 1`` (tests/test_migrations_frozen.py checks it), so the newest is
# the highest number among the file names.
REVISION_FILE = re.compile(r"^([0-9]{4})_\w+\.py$")


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    """The newest migration's revision, from the migration files' names."""
    numbers = [
        match.group(1)
        for path in (MIGRATIONS_DIR / "versions").iterdir()
        if (match := REVISION_FILE.match(path.name))
    ]
    return max(numbers, default=None)


def current_revision(url: str | None = None) -> str | None:
    """The store's revision (None for an empty store), as Alembic records it."""
    with get_engine(url).connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(versions) > 1:  # pragma: no cover - the migrations form one line, never branches
        raise RuntimeError(f"the store records several revisions: {sorted(versions)}")
    return versions[0] if versions else None


def upgrade(url: str | None = None, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


@dataclass(frozen=True)
class StoreState:
    url: str
    embedded: bool
    created: bool  # the store was empty and has just been built


_ready: dict[str, StoreState] = {}
_ready_lock = threading.Lock()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def ensure_store(
    url: str | None = None, *, on_create: Callable[[str], None] | None = None
) -> StoreState:
    """Make the store usable, once per process.

    The embedded store is created and upgraded on the spot; when it is new, ``on_create``
    is called with its URL inside the same lock (the app's start loads the demo data there:
    :func:`energy.demo.load.ensure_store_with_demo`). A server database is never changed
    here: if it is behind, :class:`StoreBehind` names the command to run.
    """
    settings = get_settings()
    url = url or settings.database_url
    with _ready_lock:
        if url in _ready:
            return _ready[url]
        embedded = url.startswith("sqlite")
        current = current_revision(url)
        head = head_revision()
        created = False
        if current != head:
            if current is not None and current not in _known_revisions():
                raise StoreAhead(revision=current)
            if not embedded:
                raise StoreBehind(current=current or "empty", head=head)
            upgrade(url)
            created = current is None
            if created and on_create is not None:
                on_create(url)
        state = StoreState(url=url, embedded=embedded, created=created)
        _ready[url] = state
        return state


def store_prepared(url: str | None = None) -> bool:
    """Whether :func:`ensure_store` has made ``url``'s store usable in this process."""
    return (url or database_url()) in _ready


def forget_store_state(url: str | None = None) -> None:
    """Tests start many stores in one process; let them re-check one."""
    with _ready_lock:
        _ready.pop(url or database_url(), None)
