"""Fixtures named for the state they give: ``fresh_store`` (migrated, empty) and
``demo_store`` (migrated, demo data loaded), each on SQLite and on PostgreSQL.

Each store is copied from a template built once per run (a file copy on SQLite,
``CREATE DATABASE ... TEMPLATE`` on PostgreSQL), so a test gets its own store in
milliseconds. Where PostgreSQL or Chromium is missing the tests skip with the reason;
under ``CI=true`` a skip of that kind is a failure (see :func:`require`).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from energy.store import db

POSTGRES_ADMIN_URL = os.environ.get(
    "ENERGY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
STORES = ("sqlite", "postgresql")


def require(condition: bool, reason: str) -> None:
    """Skip when a real part is missing on a developer's machine; fail under CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


def _postgres_reachable() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure means: no server here
        return (
            f"PostgreSQL not reachable at {make_url(POSTGRES_ADMIN_URL).render_as_string()}: {exc}"
        )


_PG_PROBLEM: str | None = None
_PG_CHECKED = False


def postgres_problem() -> str | None:
    global _PG_CHECKED, _PG_PROBLEM
    if not _PG_CHECKED:
        _PG_PROBLEM = _postgres_reachable()
        _PG_CHECKED = True
    return _PG_PROBLEM


def _pg_admin(sql: str) -> None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def _pg_url(name: str) -> str:
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's data/energy.db by accident."""
    monkeypatch.setenv("ENERGY_DATABASE_URL", "sqlite:///" + os.devnull + ".never-used")
    monkeypatch.delenv("ENERGY_NO_DEMO", raising=False)


class _Templates:
    """Migrated template stores, built once per test run and per kind."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[tuple[str, bool], str] = {}
        self.pg_names: list[str] = []

    def get(self, kind: str, with_demo: bool) -> str:
        key = (kind, with_demo)
        if key not in self.built:
            self.built[key] = self._build(kind, with_demo)
        return self.built[key]

    def _build(self, kind: str, with_demo: bool) -> str:
        from energy.demo.load import load_demo

        suffix = "demo" if with_demo else "fresh"
        if kind == "sqlite":
            path = self.root / f"template-{suffix}.db"
            url = f"sqlite:///{path}"
        else:
            name = f"energy_tpl_{os.getpid()}_{suffix}_{uuid.uuid4().hex[:6]}"
            _pg_admin(f'CREATE DATABASE "{name}"')
            self.pg_names.append(name)
            url = _pg_url(name)
        db.upgrade(url)
        if with_demo:
            load_demo(url=url)
        db.dispose_engine(url)
        if kind == "sqlite":
            # Fold the WAL into the main file so a plain copy is complete.
            import sqlite3

            conn = sqlite3.connect(path)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.close()
        return name if kind == "postgresql" else str(path)

    def cleanup(self) -> None:
        for name in self.pg_names:
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _drop_orphans() -> None:
    """Drop test databases left by runs that were killed (their process is gone)."""
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            names = conn.execute(
                text("SELECT datname FROM pg_database WHERE datname ~ '^energy_(tpl|test|empty)_'")
            ).scalars()
            for name in list(names):
                pid = next((part for part in name.split("_") if part.isdigit()), None)
                if pid is not None and not Path(f"/proc/{pid}").exists():
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    if postgres_problem() is None:
        _drop_orphans()
    templates = _Templates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.cleanup()


def _store(
    kind: str,
    with_demo: bool,
    templates: _Templates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    if kind == "postgresql":
        problem = postgres_problem()
        require(problem is None, problem or "")
    template = templates.get(kind, with_demo)
    if kind == "sqlite":
        path = tmp_path / "energy.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
    else:
        name = f"energy_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        url = _pg_url(name)
    monkeypatch.setenv("ENERGY_DATABASE_URL", url)
    db.forget_store_state(url)
    try:
        yield url
    finally:
        db.forget_store_state(url)
        db.dispose_engine(url)
        if kind == "postgresql":
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=STORES)
def fresh_store(
    request: pytest.FixtureRequest,
    _templates: _Templates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """A migrated, empty store (districts only); its URL is also ENERGY_DATABASE_URL."""
    yield from _store(request.param, False, _templates, tmp_path, monkeypatch)


@pytest.fixture(params=STORES)
def demo_store(
    request: pytest.FixtureRequest,
    _templates: _Templates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """A migrated store holding the demo data set."""
    yield from _store(request.param, True, _templates, tmp_path, monkeypatch)


@pytest.fixture
def empty_database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A database with no tables at all (SQLite by default; parametrize with 'postgresql')."""
    kind = getattr(request, "param", "sqlite")
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'new.db'}"
    else:
        problem = postgres_problem()
        require(problem is None, problem or "")
        name = f"energy_empty_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        _pg_admin(f'CREATE DATABASE "{name}"')
        url = _pg_url(name)
    monkeypatch.setenv("ENERGY_DATABASE_URL", url)
    db.forget_store_state(url)
    try:
        yield url
    finally:
        db.forget_store_state(url)
        db.dispose_engine(url)
        if kind == "postgresql":
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
