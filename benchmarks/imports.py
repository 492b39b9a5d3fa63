"""Import of a large readings file: ours (full validation) against a floor and a naive path.

* **ours**: ``python -m energy readings import`` code path (``energy.readings.imports.import_readings``
  over ``energy.readings.files.read_rows``): every row checked, conflicts and outliers found,
  history columns kept, one audited batch, all or nothing.
* **ours, new village**: the same file into a village with no households yet, registering
  them as it goes (``--register-households``): a village's first import.
* **the command, new village**: the same first import as a person runs it, ``python -m energy
  readings import FILE --village CODE --register-households``, timed whole (start-up, the
  check of the store's revision, the import, the village's sums rebuilt after) into a store of
  its own.
* **floor**: the database's own bulk loader of the same file into a bare table with no checks
  (``sqlite3`` command line ``.import``; on PostgreSQL ``psql \\copy``).
* **keyed floor**: the same loader into a table with the readings' unique key (household,
  carrier, month) and, on PostgreSQL, the foreign key to the households: the floor any import
  that keeps those keys can reach (issue 26's decision).
* **own-table floor**: the same loader into the ``readings`` table itself, with the shortcuts the
  import takes (SQLite: no per-row foreign-key or CHECK lookups, the insert triggers and the
  village index off during the load, the index built after; PostgreSQL: the history triggers
  skipped by the writer's setting, keys and indexes in place), from a file already in the
  table's own columns (household ids, the history values): what the database alone needs to
  store these rows in this table, before any reading, checking or registering.
* **naive**: ``pandas.read_csv`` of the whole file, then ``DataFrame.to_sql`` (no checks).

Each runs in its own process, which reports its wall time and peak resident memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from benchmarks.stores import CACHE, POSTGRES_ADMIN_URL, ROOT

VILLAGE = "GAN-2024-01"
CARRIERS = ("electricity", "gas", "water")
MONTHS = 48
FIRST = dt.date(2021, 1, 1)


def _month(index: int) -> str:
    year, month = divmod(FIRST.month - 1 + index, 12)
    return f"{FIRST.year + year:04d}-{month + 1:02d}"


def write_file(path: Path, rows: int) -> int:
    """A realistic readings file: households × 48 months × 3 carriers; returns households."""
    households = max(1, rows // (MONTHS * len(CARRIERS)))
    units = {"electricity": "kWh", "gas": "MJ", "water": "m3"}
    base = {"electricity": 300.0, "gas": 2500.0, "water": 12.0}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["household", "month", "carrier", "value", "unit"])
        for h in range(households):
            code = f"H{h + 1:05d}"
            for m in range(MONTHS):
                month = _month(m)
                for carrier in CARRIERS:
                    value = base[carrier] * (0.8 + ((h * 7 + m * 13) % 40) / 100)
                    writer.writerow([code, month, carrier, f"{value:.1f}", units[carrier]])
    return households


_TEMPLATES: dict[tuple[str, Path], str] = {}


def _template(kind: str) -> str:
    """A migrated, empty store that the run's stores are copied from (SQLite: the file;
    PostgreSQL: a template database), made once per run and place: migrating takes seconds,
    a copy a fraction of one."""
    key = (kind, CACHE)
    if key not in _TEMPLATES:
        from energy.store import db

        if kind == "sqlite":
            template = CACHE / "import-template.db"
            for part in ("", "-wal", "-shm"):
                Path(f"{template}{part}").unlink(missing_ok=True)
            url = f"sqlite:///{template}"
        else:
            template = Path("energy_bench_import_template")
            _recreate_database(str(template))
            url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{template}"
        # Migrated here, as `python -m energy db upgrade` does (the store's making is not
        # timed; a child process would spend a second importing the library first).
        db.upgrade(url)
        db.dispose_engine(url)  # (SQLite folds its write-ahead log back into the file)
        db.forget_store_state(url)
        _TEMPLATES[key] = str(template)
    return _TEMPLATES[key]


def _recreate_database(database: str, template: str | None = None) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{database}"{copy}'))
    admin.dispose()


def _store(kind: str, households: int, *, registered: bool = True, name: str = "") -> str:
    """A new, migrated store with one village and (``registered``) its households; ``name``
    tells apart stores that are otherwise alike."""
    suffix = ("" if registered else "_new") + (f"_{name}" if name else "")
    template = _template(kind)
    if kind == "sqlite":
        path = CACHE / f"import-store{suffix.replace('_', '-')}.db"
        for part in ("", "-wal", "-shm"):
            Path(f"{path}{part}").unlink(missing_ok=True)
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
    else:
        database = f"energy_bench_import{suffix}"
        _recreate_database(database, template)
        url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"
    from energy.core.access import CLI_ACTOR
    from energy.store.models.readings import Household
    from energy.villages.directory import add_village

    village = add_village(
        CLI_ACTOR,
        code=VILLAGE,
        name="벤치마크 마을",
        district="강남구",
        housing_type="apartment",
        cohort_year=2024,
        started_on=FIRST,
        url=url,
    )
    if not registered:
        return url
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            insert(Household),
            [
                {
                    "village_id": village.id,
                    "code": f"H{h + 1:05d}",
                    "housing_type": "apartment",
                    "joined_on": FIRST,
                }
                for h in range(households)
            ],
        )
    engine.dispose()
    return url


def _run(*args: str) -> dict[str, Any]:
    """Run one measured step in a new process; it prints its figures as JSON."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.imports", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    process_s = time.perf_counter() - start
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_seconds"] = process_s - figures.get("rebuild_seconds", 0.0)
    return figures


# Run by a small parent of its own, so that the peak memory it reports is the command's alone.
COMMAND_PARENT = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": round(peak_kb / 1024, 1)}))
"""


def _command(url: str, path: Path) -> dict[str, Any]:
    """A new village's first import by the command line, the whole process timed."""
    done = subprocess.run(
        [sys.executable, "-c", COMMAND_PARENT, sys.executable, "-m", "energy", "readings",
         "import", str(path), "--village", VILLAGE, "--register-households"],
        cwd=ROOT, env={**os.environ, "ENERGY_DATABASE_URL": url}, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _floor(kind: str, url: str, path: Path, *, keyed: bool = False) -> float:
    """Seconds the database's own loader takes to load ``path``: into a bare table, or
    (``keyed``) into one with the readings' unique key and, on PostgreSQL, the foreign key to
    a table of the file's households (filled before the clock starts)."""
    unique = ", UNIQUE (household, carrier, month)" if keyed else ""
    if kind == "sqlite":
        bare = CACHE / "import-floor.db"
        bare.unlink(missing_ok=True)
        script = (
            "CREATE TABLE readings(household TEXT, month TEXT, carrier TEXT, value REAL, "
            f"unit TEXT{unique});\n"
            f".import --csv --skip 1 {path} readings\n"
        )
        start = time.perf_counter()
        subprocess.run([_sqlite_shell(), str(bare)], input=script, text=True, check=True)
        seconds = time.perf_counter() - start
        bare.unlink(missing_ok=True)
        return seconds
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bare_readings"))
        conn.execute(text("DROP TABLE IF EXISTS bare_households"))
        reference = ""
        if keyed:
            conn.execute(text("CREATE TABLE bare_households(code TEXT PRIMARY KEY)"))
            with path.open(newline="", encoding="utf-8") as handle:
                codes = sorted(
                    {row[0] for row in csv.reader(handle) if row and row[0]} - {"household"}
                )
            conn.execute(
                text("INSERT INTO bare_households(code) SELECT unnest(CAST(:codes AS text[]))"),
                {"codes": codes},
            )
            reference = " REFERENCES bare_households(code)"
        conn.execute(
            text(
                f"CREATE TABLE bare_readings(household TEXT{reference}, month TEXT, "
                f"carrier TEXT, value DOUBLE PRECISION, unit TEXT{unique})"
            )
        )
    engine.dispose()
    command = [
        *_psql(url),
        "-c",
        f"\\copy bare_readings FROM '{path}' WITH (FORMAT csv, HEADER true)",
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def _sqlite_shell() -> str:
    shell = shutil.which("sqlite3")
    if shell is None:
        raise RuntimeError("the sqlite3 command-line shell is missing (apt-get install sqlite3)")
    return shell


def _psql(url: str) -> list[str]:
    """The ``psql`` command that connects to ``url``'s database, quietly."""
    psql = shutil.which("psql")
    if psql is None:
        raise RuntimeError("the psql client is missing (apt-get install postgresql-client)")
    target = make_url(url)
    return [psql, "-q", "-h", target.host or "127.0.0.1", "-U", target.username or "postgres",
            "-d", target.database or ""]  # fmt: skip


def _own_table_file(url: str, source: Path, target: Path) -> tuple[int, int]:
    """``source`` in the ``readings`` table's own columns, for the households of ``url``'s
    village (registered already): an id, the household's id for its code, the month as a
    date, one batch, and the same month's value one and two years earlier (empty where
    none); returns the rows, and those with a value a year earlier."""
    engine = create_engine(url)
    with engine.connect() as conn:
        ids = dict(conn.execute(text("SELECT code, id FROM households")).tuples().all())
        village = conn.execute(text("SELECT id FROM villages")).scalar_one()
    engine.dispose()
    with source.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))[1:]
    values = {(code, carrier, month): value for code, month, carrier, value, _ in lines}

    def earlier(month: str, years: int) -> str:
        return f"{int(month[:4]) - years:04d}{month[4:]}"

    with_y1 = 0
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for number, (code, month, carrier, value, _) in enumerate(lines, 1):
            a_year_earlier = values.get((code, carrier, earlier(month, 1)), "")
            with_y1 += bool(a_year_earlier)
            writer.writerow(
                [
                    number,
                    ids[code],
                    village,
                    f"{month}-01",
                    carrier,
                    value,
                    1,
                    a_year_earlier,
                    values.get((code, carrier, earlier(month, 2)), ""),
                ]
            )
    return len(lines), with_y1


def _own_table_floor(kind: str, url: str, path: Path, expected: tuple[int, int]) -> float:
    """Seconds the database's own loader takes to put ``path`` (in the table's own columns,
    :func:`_own_table_file`) into the empty ``readings`` table of ``url``, with the import's
    shortcuts (see the module's docstring); checks the table then holds ``expected`` (rows,
    rows with a value a year earlier). (SQLite's shell stores an empty field as empty
    text where the import stores NULL: the same work.)"""
    if kind == "sqlite":
        engine = create_engine(url)
        with engine.connect() as conn:
            indexes = conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                    "tbl_name = 'readings' AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %'"
                )
            ).all()  # the secondary indexes the import builds again (not the partial one)
        engine.dispose()
        script = "\n".join(
            [
                "PRAGMA journal_mode = WAL;",
                "PRAGMA synchronous = NORMAL;",
                "PRAGMA foreign_keys = OFF;",
                "PRAGMA ignore_check_constraints = ON;",
                "PRAGMA threads = 4;",
                "BEGIN IMMEDIATE;",
                "DROP TRIGGER trg_readings_history_insert;",
                "DROP TRIGGER trg_sums_readings_insert;",
                *(f'DROP INDEX "{name}";' for name, _ in indexes),
                f".import --csv {path} readings",
                *(f"{sql};" for _, sql in indexes),
                "COMMIT;",
                "",
            ]
        )
        command = [_sqlite_shell(), make_url(url).database or ""]
    else:
        from energy.readings.writer import HISTORY_SETTING

        script = (
            "BEGIN;\n"
            f"SELECT set_config('{HISTORY_SETTING}', 'on', true);\n"
            f"\\copy readings FROM '{path}' WITH (FORMAT csv)\n"
            "COMMIT;\n"
        )
        command = [*_psql(url), "-v", "ON_ERROR_STOP=1"]
    start = time.perf_counter()
    subprocess.run(command, input=script, text=True, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    engine = create_engine(url)
    with engine.connect() as conn:
        a_year_earlier = "nullif(value_y1, '')" if kind == "sqlite" else "value_y1"
        stored = conn.execute(text(f"SELECT count(*), count({a_year_earlier}) FROM readings")).one()
    engine.dispose()
    if tuple(stored) != expected:
        raise RuntimeError(f"the loader stored {tuple(stored)} readings, not {expected}")
    return seconds


def measure_import(kind: str, rows: int) -> dict[str, Any]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"import-{rows}.csv"
    households = max(1, rows // (MONTHS * len(CARRIERS)))
    if not path.exists():
        write_file(path, rows)
    real_rows = households * MONTHS * len(CARRIERS)
    url = _store(kind, households)
    ours = _run("ours", url, str(path))
    floor_s = _floor(kind, url, path)
    keyed_floor_s = _floor(kind, url, path, keyed=True)
    naive = _run("naive", url, str(path))
    url = _store(kind, households, registered=False)
    new = _run("ours_new", url, str(path))
    url = _store(kind, households, name="own")
    own_path = CACHE / f"import-{rows}-{kind}-own.csv"
    # Written by a process of its own: a child started later reports as its peak any larger
    # size of this process when it was forked (Linux counts the copied pages of the fork in
    # the child's ru_maxrss), and reading the whole file here once made every later import's
    # peak read 714 MB.
    written = subprocess.run(
        [sys.executable, "-m", "benchmarks.imports", "own_file", url, str(path), str(own_path)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows_and_earlier = json.loads(written.stdout.strip().splitlines()[-1])
    own_table_floor_s = _own_table_floor(kind, url, own_path, tuple(rows_and_earlier))
    own_path.unlink()
    command = _command(_store(kind, households, registered=False, name="cli"), path)
    return {
        "rows": real_rows,
        "households": households,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "ours_s": round(ours["seconds"], 2),
        "ours_process_s": round(ours["process_seconds"], 2),
        "ours_peak_mb": ours["peak_mb"],
        "ours_added": ours["added"],
        "sums_rebuild_s": round(ours["rebuild_seconds"], 2),
        "new_s": round(new["seconds"], 2),
        "new_process_s": round(new["process_seconds"], 2),
        "new_peak_mb": new["peak_mb"],
        "new_added": new["added"],
        "new_households": new["households"],
        "command_s": round(command["seconds"], 2),
        "command_peak_mb": command["peak_mb"],
        "floor_s": round(floor_s, 2),
        "keyed_floor_s": round(keyed_floor_s, 2),
        "own_table_floor_s": round(own_table_floor_s, 2),
        "own_table_floor_vs_keyed_floor": round(own_table_floor_s / keyed_floor_s, 2),
        "new_process_rate_vs_own_table_floor": round(own_table_floor_s / new["process_seconds"], 2),
        "command_rate_vs_own_table_floor": round(own_table_floor_s / command["seconds"], 2),
        "naive_s": round(naive["seconds"], 2),
        "naive_process_s": round(naive["process_seconds"], 2),
        "naive_peak_mb": naive["peak_mb"],
        "rate_vs_floor": round(floor_s / ours["seconds"], 2),
        "process_rate_vs_floor": round(floor_s / ours["process_seconds"], 2),
        "process_rate_vs_keyed_floor": round(keyed_floor_s / ours["process_seconds"], 2),
        "new_process_rate_vs_keyed_floor": round(keyed_floor_s / new["process_seconds"], 2),
        "command_rate_vs_keyed_floor": round(keyed_floor_s / command["seconds"], 2),
        "speed_vs_naive": round(naive["seconds"] / ours["seconds"], 2),
    }


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _worker(mode: str, url: str, file: str) -> None:
    """One measured step. The clock starts once the step's modules are loaded: a server
    has them loaded already, and loading them (about 0.7 s for ours, 0.4 s for pandas) is
    a fixed cost, not a rate; the parent also times the whole process, start included."""
    if mode in ("ours", "ours_new"):
        from energy.core.access import CLI_ACTOR
        from energy.readings.files import read_rows
        from energy.readings.imports import import_readings

        start = time.perf_counter()
        result = import_readings(
            CLI_ACTOR,
            VILLAGE,
            read_rows(Path(file)),
            filename=Path(file).name,
            register_households=mode == "ours_new",
            url=url,
            rebuild_sums=False,
        )
        added = result.added
        imported = time.perf_counter()
        from energy.savings import village_sums
        from energy.villages import directory as villages

        village_id = villages.get_village(CLI_ACTOR, VILLAGE, url=url).village.id
        village_sums.rebuild_villages(CLI_ACTOR, [village_id], url=url)
        print(
            json.dumps(
                {
                    "seconds": imported - start,
                    "rebuild_seconds": time.perf_counter() - imported,
                    "peak_mb": _peak_mb(),
                    "added": added,
                    "households": len(result.report.new_households),
                }
            )
        )
        return
    else:
        import pandas as pd

        start = time.perf_counter()
        frame = pd.read_csv(file)
        engine = create_engine(url)
        frame.to_sql("naive_readings", engine, if_exists="replace", index=False)
        engine.dispose()
        added = len(frame)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), "added": added}))


if __name__ == "__main__":
    if sys.argv[1] == "own_file":
        print(json.dumps(_own_table_file(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
    else:
        _worker(*sys.argv[1:4])
