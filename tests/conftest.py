"""Fixtures named for the state they give: ``fresh_store`` (migrated, empty), ``demo_store``
(migrated, demo data loaded) and ``small_store`` (the demo's people, calls, training,
organisations and stories, with readings of a few hundred households instead of the demo's
400,000 rows: for tests whose cost grows with the rows, such as backups), each on SQLite and on
PostgreSQL.

Each store comes from a template built once per run. On SQLite a test gets a file copy of it.
On PostgreSQL the tests share one database per template and each test's writes are put back
after it (``tests.shared_postgres``); a test marked ``own_database`` gets a database of its
own instead (``CREATE DATABASE ... TEMPLATE``). Where PostgreSQL or Chromium is missing the
tests skip with the reason; under ``CI=true`` a skip of that kind is a failure (see
:func:`require`). Every test that runs on PostgreSQL is marked ``postgres``, so
``-m "not browser and not postgres"`` is the inner loop.
"""

from __future__ import annotations

import compileall
import copy
import datetime as dt
import fcntl
import fnmatch
import gc
import json
import os
import shutil
import sqlite3
import sys
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, cast

import pytest
from argon2 import PasswordHasher, profiles
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from energy.accounts import users as _accounts
from energy.mail import background as mail_background
from energy.store import cache, db
from tests import background
from tests.apptest_speed import scan_installed_components_once
from tests.shared_postgres import SharedDatabase

POSTGRES_ADMIN_URL = os.environ.get(
    "ENERGY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
STORES = ("sqlite", "postgresql")
SMALL_HOUSEHOLDS = 120
# The day the demo templates are built for, fixed when the run starts (a run that crosses
# midnight builds every template for the same day).
TEMPLATE_TODAY = dt.date.today()

# Generated tests (Hypothesis) draw the same examples on every run, so a red run is never a
# matter of luck: examples come from each test's name, and none is kept between runs. Random
# exploration, with more examples, is a separate profile:
#   python3 -m pytest --hypothesis-profile=explore tests/test_import_fuzz.py
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", max_examples=400, derandomize=False)
hypothesis_settings.load_profile("repeatable")

# Passwords made and checked inside the test processes use Argon2id with its cheapest
# parameters (argon2-cffi's ``profiles.CHEAPEST``), as Django's documentation advises for test
# suites: the product's cost (RFC 9106 low-memory profile, about 0.15 s of 4 threads per hash)
# made up a sixth of the inner loop (about 250 hashes and verifies). Every test still goes
# through the same code; the product's parameters are checked in a process of its own
# (tests/test_cli_imports.py), and servers and CLI processes started by tests use them too
# (a login there re-hashes a cheap hash, as it would any outdated one).
PRODUCT_PASSWORD_HASHER = _accounts._hasher
_accounts._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)


# Each new AppTest has Streamlit scan every installed package for components: kept once a run.
scan_installed_components_once()


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
def _isolated_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the developer's data/energy.db by accident, nor sends mail
    through the developer's mail server; mail a test's change queued is sent before the next
    test starts (energy.mail.background)."""
    monkeypatch.setenv("ENERGY_DATABASE_URL", "sqlite:///" + os.devnull + ".never-used")
    monkeypatch.delenv("ENERGY_NO_DEMO", raising=False)
    monkeypatch.delenv("ENERGY_SMTP_URL", raising=False)
    monkeypatch.delenv("ENERGY_MAIL_FROM", raising=False)
    yield
    assert mail_background.wait_for_idle(), "the mail sender thread is still running"


# Under pytest-xdist each worker is a child of the run's controlling process, which owns the
# templates: the first worker to need one builds it, the other waits for it and copies it.
IN_WORKER = "PYTEST_XDIST_WORKER" in os.environ
RUN_PID = os.getppid() if IN_WORKER else os.getpid()


def _templates_root(config: pytest.Config) -> Path:
    """The run's folder of templates, the same for every worker (a worker's temporary folder is
    a child of the controlling process's)."""
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    root = (base.parent if IN_WORKER else base) / "templates"
    root.mkdir(exist_ok=True)
    return root


def _fold_wal(path: Path) -> None:
    """Fold a SQLite store's write-ahead log into its main file, so a plain copy is complete."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


class _Templates:
    """Migrated template stores, built once per test run and per kind, shared by the run's
    workers through files in ``root``: ``<kind>-<contents>.json`` names a built template, and
    a lock on ``<kind>-<contents>.lock`` makes the others wait while one builds it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[tuple[str, str], str] = {}
        self.shared: dict[str, SharedDatabase | None] = {}

    def get(self, kind: str, contents: str) -> str:
        """The template of ``kind`` (sqlite, postgresql) holding ``contents`` (fresh, demo,
        small): a file path on SQLite, a database name on PostgreSQL."""
        key = (kind, contents)
        if key not in self.built:
            self.built[key] = self._get_or_build(kind, contents)
        return self.built[key]

    def _get_or_build(self, kind: str, contents: str) -> str:
        record = self.root / f"{kind}-{contents}.json"
        with open(self.root / f"{kind}-{contents}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
            if record.exists():
                return str(json.loads(record.read_text())["template"])
            template = self._build(kind, contents)
            record.write_text(json.dumps({"kind": kind, "template": template}))
            return template

    def _build(self, kind: str, contents: str) -> str:
        from energy.demo.load import load_demo
        from energy.demo.scale import add_scale_readings

        if kind == "sqlite":
            path = self.root / f"template-{contents}.db"
            url = f"sqlite:///{path}"
        else:
            name = f"energy_tpl_{RUN_PID}_{contents}_{uuid.uuid4().hex[:6]}"
            _pg_admin(f'CREATE DATABASE "{name}"')
            url = _pg_url(name)
        db.upgrade(url)
        if contents == "demo":
            load_demo(url=url, today=TEMPLATE_TODAY)
        elif contents == "small":
            load_demo(url=url, with_readings=False, today=TEMPLATE_TODAY)
            add_scale_readings(households=SMALL_HOUSEHOLDS, years=2, url=url, today=TEMPLATE_TODAY)
        db.dispose_engine(url)
        if kind == "sqlite":
            _fold_wal(path)
        return name if kind == "postgresql" else str(path)

    def shared_postgres(self, contents: str) -> SharedDatabase | None:
        """The run's shared PostgreSQL database of this template (None: it could not be set up,
        e.g. without the rights for triggers; each test then gets a database of its own)."""
        if contents not in self.shared:
            template = self.get("postgresql", contents)
            name = f"energy_test_{os.getpid()}_shared_{contents}"
            shared = SharedDatabase(POSTGRES_ADMIN_URL, template, name)
            try:
                shared.create()
            except Exception as exc:  # no rights for event triggers, say
                warnings.warn(
                    f"no shared PostgreSQL database ({exc}); each test copies the template",
                    stacklevel=1,
                )
                shared.drop()
                self.shared[contents] = None
            else:
                self.shared[contents] = shared
        return self.shared[contents]

    def cleanup(self) -> None:
        """Drop this process's shared databases; the templates are dropped by the run's
        controlling process when every worker is done (:func:`_drop_templates`)."""
        for shared in self.shared.values():
            if shared is not None:
                shared.drop()


def _drop_templates(root: Path) -> None:
    for record in root.glob("postgresql-*.json"):
        name = json.loads(record.read_text())["template"]
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
def _templates(pytestconfig: pytest.Config) -> Iterator[_Templates]:
    if postgres_problem() is None:
        _drop_orphans()
    templates = _Templates(_templates_root(pytestconfig))
    yield templates
    templates.cleanup()


def _store(
    kind: str,
    contents: str,
    templates: _Templates,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    if kind == "postgresql":
        problem = postgres_problem()
        require(problem is None, problem or "")
    template = templates.get(kind, contents)
    shared: SharedDatabase | None = None
    private: str | None = None
    if kind == "sqlite":
        path = tmp_path / "energy.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
    else:
        if request.node.get_closest_marker("own_database") is None:
            shared = templates.shared_postgres(contents)
        if shared is not None:
            url = shared.url
            cache.clear()  # figures memoised under this URL belong to an earlier test's data
        else:
            private = f"energy_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            _pg_admin(f'CREATE DATABASE "{private}" TEMPLATE "{template}"')
            url = _pg_url(private)
    monkeypatch.setenv("ENERGY_DATABASE_URL", url)
    db.forget_store_state(url)
    try:
        yield url
    finally:
        db.forget_store_state(url)
        db.dispose_engine(url)
        if private is not None:
            _pg_admin(f'DROP DATABASE IF EXISTS "{private}" WITH (FORCE)')
        if shared is not None:
            cache.clear()
            shared.reset()


@pytest.fixture(params=STORES)
def fresh_store(
    request: pytest.FixtureRequest,
    _templates: _Templates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """A migrated, empty store (districts only); its URL is also ENERGY_DATABASE_URL."""
    yield from _store(request.param, "fresh", _templates, request, tmp_path, monkeypatch)


@pytest.fixture(params=STORES)
def demo_store(
    request: pytest.FixtureRequest,
    _templates: _Templates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """A migrated store holding the demo data set."""
    yield from _store(request.param, "demo", _templates, request, tmp_path, monkeypatch)


@pytest.fixture(params=STORES)
def small_store(
    request: pytest.FixtureRequest,
    _templates: _Templates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """The demo's accounts, villages, call, training, organisations and stories, with two years
    of readings for ``SMALL_HOUSEHOLDS`` households (the demo has 400,000 readings): every
    table holds rows, and a backup or a restore of it takes a fraction of a second."""
    yield from _store(request.param, "small", _templates, request, tmp_path, monkeypatch)


_BUILT: dict[tuple[str, str], tuple[Path, object]] = {}
T = TypeVar("T")


def built_once(request: pytest.FixtureRequest, url: str, build: Callable[[str], T]) -> T:
    """``build(url)``: what a fixture writes into a new store. On SQLite it runs once per
    process and fixture; later tests get a copy of the store file it left and a copy of what it
    returned (so a fixture adding villages, households and accounts through the library, with
    an Argon2 hash per account, costs one file copy after the first time). On PostgreSQL it
    runs every time: the shared database is put back after each test.

    ``build`` must write nothing outside the store, and return no URL or path (they differ
    from test to test)."""
    if make_url(url).get_backend_name() != "sqlite":
        return build(url)
    key = (request.module.__name__, request.fixturename)
    path = Path(make_url(url).database or "")
    if key in _BUILT:
        saved, result = _BUILT[key]
        db.dispose_engine(url)
        for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(saved, path)
        db.forget_store_state(url)
        return cast(T, copy.deepcopy(result))
    result = build(url)
    db.dispose_engine(url)
    _fold_wal(path)
    saved = request.config._tmp_path_factory.mktemp("built") / "store.db"  # type: ignore[attr-defined]
    shutil.copyfile(path, saved)
    db.forget_store_state(url)
    _BUILT[key] = (saved, copy.deepcopy(result))
    return result


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


# Modules whose tests share a module-scoped fixture (a browser, an app server, stores built
# once) or what a process keeps once made (the import graph read from the source; the chart
# pictures the deck, the handout and a village's page draw alike): with pytest-xdist each runs
# whole on one worker, so it is made once.
ONE_WORKER_MODULES = ("test_browser", "test_backup_live", "test_replicas", "test_deploy_config",
                      "test_demo_readings", "test_import_graph", "test_deck")  # fmt: skip


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that runs on PostgreSQL ``postgres`` (a store fixture or a parameter
    set to ``postgresql``), so ``-m "not postgres"`` leaves them all out; keep each module of
    ``ONE_WORKER_MODULES`` on one worker; and run the modules holding a slow or a browser test
    first (each module's tests stay together and in order), so the two workers finish together
    instead of one running a long test alone at the end."""
    heavy: set[Path] = set()
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "postgresql" in callspec.params.values():
            item.add_marker(pytest.mark.postgres)
        module = item.path.stem
        if module.startswith(ONE_WORKER_MODULES):
            item.add_marker(pytest.mark.xdist_group(module))
        if item.get_closest_marker("slow") or item.get_closest_marker("browser"):
            heavy.add(item.path)
    items.sort(key=lambda item: item.path not in heavy)  # stable: the order within stays


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under pytest-xdist, before the workers start: write the bytecode of the project and of
    the test modules (with pytest's assertions) that a fresh clone lacks. Each worker reads it
    instead of making it: the three used to make the same files at the same time, about 4
    CPU-seconds each."""
    config = session.config
    if IN_WORKER or not config.pluginmanager.has_plugin("dsession") or sys.dont_write_bytecode:
        return
    root = Path(__file__).resolve().parent.parent
    for folder in ("energy", "ui", "pages", "benchmarks"):
        compileall.compile_dir(root / folder, quiet=1)
    compileall.compile_file(root / "app.py", quiet=1)
    if config.getoption("assertmode") == "rewrite":
        _rewrite_test_modules(config, Path(__file__).resolve().parent)


def _rewrite_test_modules(config: pytest.Config, folder: Path) -> None:
    """What pytest's import hook does for each test module it imports (``AssertionRewritingHook
    .exec_module``): the module rewritten and its bytecode kept beside it, if not kept yet.
    These are pytest's own functions, not its public interface: should they change, the
    workers simply make the files themselves, as before."""
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
        patterns = config.getini("python_files")
        for path in sorted(folder.rglob("*.py")):
            if not any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns):
                continue
            cache = rewrite.get_cache_dir(path)
            pyc = cache / (path.name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(path, pyc, state.trace) is None and rewrite.try_makedirs(cache):
                source_stat, code = rewrite._rewrite_test(path, config)
                rewrite._write_pyc(state, code, source_stat, pyc)
    except (ImportError, AttributeError, KeyError, TypeError):
        return


GC_THRESHOLDS = (50_000, 20, 20)  # Python's own: (700, 10, 10)


def _collect_garbage_less_often() -> None:
    """Python's cycle collector walks every object it tracks on a full pass, and a test process
    holds the libraries of the whole suite (about 450 MB): full passes took a tenth of the
    suite's processor time. What is alive once the tests are collected (modules, classes, the
    tests themselves) lives to the end, so the collector leaves it out (``gc.freeze``), and it
    runs less often. Only when garbage is freed changes: no test relies on that (they run in
    the same processes as before, and servers and child processes keep Python's defaults)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start mypy now if its test is to run in this single process: it then overlaps the other
    tests (a cold mypy takes 10 CPU-seconds) instead of running alone when its turn comes.
    Under pytest-xdist the other worker goes on with the other tests while one runs it."""
    _collect_garbage_less_often()
    if hasattr(session.config, "workerinput"):
        return
    if any(item.name == "test_mypy_is_clean" for item in session.items):
        background.start("mypy")


def pytest_sessionfinish(session: pytest.Session) -> None:
    background.stop_all()
    if not IN_WORKER:  # every worker is done with the templates
        root = _templates_root(session.config)
        if any(root.glob("postgresql-*.json")) and postgres_problem() is None:
            _drop_templates(root)
