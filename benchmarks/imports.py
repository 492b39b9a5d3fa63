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


def _store(kind: str, households: int, *, registered: bool = True, name: str = "") -> str:
    """A new, migrated store with one village and (``registered``) its households; ``name``
    tells apart stores that are otherwise alike."""
    suffix = ("" if registered else "_new") + (f"_{name}" if name else "")
    if kind == "sqlite":
        path = CACHE / f"import-store{suffix.replace('_', '-')}.db"
        for part in ("", "-wal", "-shm"):
            Path(f"{path}{part}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        database = f"energy_bench_import{suffix}"
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{database}"'))
        admin.dispose()
        url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"
    # Migrated here, as `python -m energy db upgrade` does (the store's making is not timed; a
    # child process would spend a second importing the library first).
    from energy.store import db

    db.upgrade(url)
    db.dispose_engine(url)
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
        shell = shutil.which("sqlite3")
        if shell is None:
            raise RuntimeError(
                "the sqlite3 command-line shell is missing (apt-get install sqlite3)"
            )
        bare = CACHE / "import-floor.db"
        bare.unlink(missing_ok=True)
        script = (
            "CREATE TABLE readings(household TEXT, month TEXT, carrier TEXT, value REAL, "
            f"unit TEXT{unique});\n"
            f".import --csv --skip 1 {path} readings\n"
        )
        start = time.perf_counter()
        subprocess.run([shell, str(bare)], input=script, text=True, check=True)
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
    from sqlalchemy.engine import make_url

    target = make_url(url)
    psql = shutil.which("psql")
    if psql is None:
        raise RuntimeError("the psql client is missing (apt-get install postgresql-client)")
    command = [
        psql,
        "-q",
        "-h",
        target.host or "127.0.0.1",
        "-U",
        target.username or "postgres",
        "-d",
        target.database or "",
        "-c",
        f"\\copy bare_readings FROM '{path}' WITH (FORMAT csv, HEADER true)",
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


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
    _worker(*sys.argv[1:4])
