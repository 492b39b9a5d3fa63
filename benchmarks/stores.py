"""Stores of a given size for the benchmarks, built once and kept between runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("ENERGY_BENCH_DIR", "/tmp/energy-bench"))  # noqa: S108 (scratch space)
POSTGRES_ADMIN_URL = os.environ.get(
    "ENERGY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# About 85 readings per household over three years (electricity always; gas, heat, water,
# solar for some), so readings / 85 households give the wanted size.
READINGS_PER_HOUSEHOLD_3Y = 85
SIZES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}


def _cli(url: str, *args: str) -> None:
    env = {**os.environ, "ENERGY_DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "-m", "energy", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def store_url(kind: str, size: str) -> str:
    """The URL of a store with ``size`` readings (built on first use)."""
    households = str(max(1, SIZES[size] // READINGS_PER_HOUSEHOLD_3Y))
    if kind == "sqlite":
        CACHE.mkdir(parents=True, exist_ok=True)
        path = CACHE / f"bench-{size}.db"
        url = f"sqlite:///{path}"
        fresh = not path.exists()
        _cli(url, "db", "upgrade")  # a kept store follows the schema
        if fresh:
            _cli(url, "demo", "--households", households, "--years", "3")
        return url
    name = f"energy_bench_{size}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    _cli(url, "db", "upgrade")
    if not exists:
        _cli(url, "demo", "--households", households, "--years", "3")
    return url
