"""One PostgreSQL database per kind of store (fresh, demo), shared by a run's tests and put back
to its template's contents after each test.

Creating a database from the template for every test took 0.9 s around a 0.07 s test. Instead
each kind gets one database for the run, which carries, in a schema of its own
(``energy_test``, outside the application's ``public`` schema, so neither the app, Alembic nor
SQLAlchemy's inspector sees it):

* ``seed_<table>``: the template's rows of every table, in their stored order;
* ``dirty_<table>``: a sequence that a statement trigger on the table advances before any
  INSERT, UPDATE, DELETE or TRUNCATE. A sequence is outside transactions: a write that failed
  or was rolled back still marks its table, and no writer ever waits on another for the mark;
* ``ddl``: a sequence an event trigger advances on any change of the schema.

After a test its connections are closed and every table it wrote is put back: a small table
whole (emptied and reloaded in its stored order), a large one by the rows that differ (those
written since the last reset, found by ``xmin``, deleted; the template's rows then missing,
reloaded). Every sequence of the application gets its template value back, so ids come out as
in a new copy. A test that changed the schema (a downgrade) leaves the database to be dropped
and copied afresh from the template.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

SCHEMA = "energy_test"
# Up to this many template rows a written table is emptied and reloaded whole (its rows then
# come back in the template's stored order); a larger one is repaired row by row.
SMALL_TABLE_ROWS = 5_000
CLOSE_WAIT_S = 30.0  # for the test's closed connections to leave the server

_MARK_FUNCTIONS = (
    f"""CREATE FUNCTION {SCHEMA}.mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval(TG_ARGV[0]::regclass);
    RETURN NULL;
END $$""",
    f"""CREATE FUNCTION {SCHEMA}.mark_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('{SCHEMA}.ddl'::regclass);
END $$""",
)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Table:
    name: str
    key: tuple[str, ...]  # primary key columns (empty: none; the table is reloaded whole)
    columns: tuple[str, ...]  # the columns a row is written with (no generated ones)
    rows: int  # in the template

    @property
    def small(self) -> bool:
        return self.rows <= SMALL_TABLE_ROWS or not self.key

    @property
    def seed(self) -> str:
        return f"{SCHEMA}.{_q('seed_' + self.name)}"

    @property
    def dirty(self) -> str:
        return f"{SCHEMA}.{_q('dirty_' + self.name)}"


class SharedDatabase:
    """A database copied from ``template`` once, shared by tests; :meth:`reset` after each."""

    def __init__(self, admin_url: str, template: str, name: str) -> None:
        self.admin_url = admin_url
        self.template = template
        self.name = name
        self.url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        self.tables: dict[str, _Table] = {}
        self.sequences: dict[str, tuple[int | None, int]] = {}  # name: (last value, start)
        self.base_xid = ""
        self.created = False

    # --- building --------------------------------------------------------------------------

    def _admin(self, sql: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()

    def create(self) -> None:
        self._admin(f"CREATE DATABASE {_q(self.name)} TEMPLATE {_q(self.template)}")
        self.created = True
        engine = create_engine(self.url, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                self._install(conn)
                conn.commit()
                for table in self.tables.values():
                    conn.execute(text(f"ANALYZE {table.seed}"))
                conn.commit()
                self.base_xid = _current_xid(conn)
        finally:
            engine.dispose()

    def _install(self, conn: Connection) -> None:
        keys = dict(
            conn.execute(
                text(
                    "SELECT c.relname, array_agg(a.attname::text ORDER BY k.ord) "
                    "FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord) "
                    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                    "WHERE n.nspname = 'public' AND p.contype = 'p' GROUP BY c.relname"
                )
            ).all()
        )
        columns: dict[str, list[str]] = {}
        for table, column in conn.execute(
            text(
                "SELECT c.relname, a.attname FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_attribute a ON a.attrelid = c.oid "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 "
                "AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY c.relname, a.attnum"
            )
        ):
            columns.setdefault(table, []).append(column)
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        for function in _MARK_FUNCTIONS:
            conn.execute(text(function))
        for name, cols in columns.items():
            listed = ", ".join(_q(c) for c in cols)
            table = _Table(name, tuple(keys.get(name, ())), tuple(cols), 0)
            conn.execute(
                text(f"CREATE TABLE {table.seed} AS SELECT {listed} FROM public.{_q(name)}")
            )
            rows = int(conn.execute(text(f"SELECT count(*) FROM {table.seed}")).scalar_one())
            table = _Table(name, table.key, table.columns, rows)
            if not table.small:
                key = ", ".join(_q(c) for c in table.key)
                conn.execute(text(f"CREATE UNIQUE INDEX ON {table.seed} ({key})"))
            conn.execute(text(f"CREATE SEQUENCE {table.dirty}"))
            conn.execute(
                text(
                    f"CREATE TRIGGER energy_test_dirty BEFORE INSERT OR UPDATE OR DELETE OR "
                    f"TRUNCATE ON public.{_q(name)} FOR EACH STATEMENT EXECUTE FUNCTION "
                    f"{SCHEMA}.mark_dirty('{table.dirty}')"
                )
            )
            self.tables[name] = table
        self.sequences = {
            name: (None if last is None else int(last), int(start))
            for name, last, start in conn.execute(
                text(
                    "SELECT sequencename, last_value, start_value FROM pg_sequences "
                    "WHERE schemaname = 'public'"
                )
            )
        }
        conn.execute(text(f"CREATE SEQUENCE {SCHEMA}.ddl"))
        conn.execute(
            text(
                "CREATE EVENT TRIGGER energy_test_ddl ON ddl_command_end "
                f"EXECUTE FUNCTION {SCHEMA}.mark_ddl()"
            )
        )

    def drop(self) -> None:
        if self.created:
            self._admin(f"DROP DATABASE IF EXISTS {_q(self.name)} WITH (FORCE)")
            self.created = False

    # --- putting it back ---------------------------------------------------------------------

    def reset(self) -> None:
        """Put the database back to the template's contents (the caller has closed the
        library's engine for it; whatever else the test left connected is closed here)."""
        engine = create_engine(self.url, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                _close_others(conn)
                if conn.execute(text(f"SELECT is_called FROM {SCHEMA}.ddl")).scalar_one():
                    conn.rollback()
                    engine.dispose()
                    self._copy_afresh()
                    return
                self._restore(conn)
        finally:
            engine.dispose()

    def _copy_afresh(self) -> None:
        self.drop()
        self.tables.clear()
        self.create()

    def _restore(self, conn: Connection) -> None:
        written = [
            self.tables[name.removeprefix("dirty_")]
            for name in conn.execute(
                text(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = :schema "
                    "AND sequencename LIKE 'dirty\\_%' AND last_value IS NOT NULL"
                ),
                {"schema": SCHEMA},
            ).scalars()
        ]
        conn.commit()
        if written:
            # No trigger of the application fires (the seed rows hold what they wrote) and no
            # foreign key is checked while the tables are half put back.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table in written:
                target = f"public.{_q(table.name)}"
                listed = ", ".join(_q(c) for c in table.columns)
                if table.small:
                    conn.execute(text(f"DELETE FROM {target}"))
                    conn.execute(
                        text(f"INSERT INTO {target} ({listed}) SELECT {listed} FROM {table.seed}")
                    )
                    continue
                # What the test wrote is newer than the last reset; what is left is the template's.
                conn.execute(
                    text(f"DELETE FROM {target} WHERE age(xmin) < age(CAST(:base AS xid))"),
                    {"base": self.base_xid},
                )
                left = conn.execute(text(f"SELECT count(*) FROM {target}")).scalar_one()
                if left == table.rows:
                    continue
                same_key = " AND ".join(f"p.{_q(c)} = s.{_q(c)}" for c in table.key)
                conn.execute(
                    text(
                        f"INSERT INTO {target} ({listed}) SELECT "
                        + ", ".join(f"s.{_q(c)}" for c in table.columns)
                        + f" FROM {table.seed} s WHERE NOT EXISTS "
                        f"(SELECT 1 FROM {target} p WHERE {same_key})"
                    )
                )
            conn.commit()
            for table in written:
                conn.execute(text("SELECT setval(:seq, 1, false)"), {"seq": table.dirty})
        for name, last in conn.execute(
            text("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        ).all():
            kept, start = self.sequences.get(name, (None, 1))
            if last != kept:
                seq = f"public.{_q(name)}"
                if kept is None:
                    conn.execute(text("SELECT setval(:seq, :v, false)"), {"seq": seq, "v": start})
                else:
                    conn.execute(text("SELECT setval(:seq, :v, true)"), {"seq": seq, "v": kept})
        conn.commit()
        self.base_xid = _current_xid(conn)


def _current_xid(conn: Connection) -> str:
    """A transaction id every later transaction's id is greater than."""
    xid = str(conn.execute(text("SELECT pg_current_xact_id()::xid::text")).scalar_one())
    conn.commit()
    return xid


def _close_others(conn: Connection) -> None:
    """End every other session on this database (a test's own engine, a killed child's) and
    wait until the server has let them go: their transactions are then rolled back."""
    others = text(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    pids = conn.execute(others).scalars().all()
    for pid in pids:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    deadline = time.monotonic() + CLOSE_WAIT_S
    while pids:
        conn.commit()  # a new snapshot of pg_stat_activity
        pids = conn.execute(others).scalars().all()
        if not pids:
            break
        assert time.monotonic() < deadline, f"sessions {pids} still open after {CLOSE_WAIT_S}s"
        time.sleep(0.01)  # poll interval of a condition wait
    conn.commit()
