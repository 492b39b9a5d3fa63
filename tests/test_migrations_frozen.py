"""Each migration is self-contained: the reference rows it inserts are written in the migration,
and it imports no project code but the frozen column types (a module whose name ends in
``types``), so a store built today is the store built when the migration was written."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, select

from energy.store import db

ROOT = Path(__file__).resolve().parent.parent
# The project's own top-level modules and packages (energy, ui, pages, tests, app, ...).
PROJECT = {p.stem for p in ROOT.glob("*.py")} | {
    p.name for p in ROOT.iterdir() if p.is_dir() and any(p.glob("*.py"))
}
IMPORTERS = {"import_module", "__import__"}  # importlib.import_module("..."), __import__("...")


def _migration_files() -> list[Path]:
    """Every file in the versions folder, and (checked) every revision Alembic runs is one."""
    script = ScriptDirectory.from_config(db.alembic_config())
    files = sorted(Path(script.versions).glob("*.py"))
    revisions = {Path(rev.path) for rev in script.walk_revisions()}
    assert revisions and revisions <= set(files)
    return files


def _is_types(name: str) -> bool:
    return name.rpartition(".")[2].endswith("types")


def _project_imports(path: Path) -> list[tuple[int, str, bool]]:
    """Each import of project code anywhere in ``path`` (also inside functions): its line,
    the module named, and whether that module is a ``...types`` module."""
    found: list[tuple[int, str, bool]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PROJECT:
                    found.append((node.lineno, alias.name, _is_types(alias.name)))
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if node.level == 0 and module.split(".")[0] not in PROJECT:
                continue
            # ``from energy.store.migrations.types import X`` or ``from energy.store.migrations import types``
            for alias in node.names:
                name = f"{module}.{alias.name}" if node.module else module + alias.name
                found.append((node.lineno, name, _is_types(module) or _is_types(name)))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called in IMPORTERS and node.args:
                arg = node.args[0]
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    found.append((node.lineno, f"{called}(<computed name>)", False))
                elif arg.value.split(".")[0] in PROJECT:
                    found.append((node.lineno, arg.value, _is_types(arg.value)))
    return found


def test_the_project_is_known() -> None:
    assert "energy" in PROJECT and "tests" in PROJECT


def test_the_import_check_sees_what_it_must(tmp_path: Path) -> None:
    """The check itself: each kind of project import, at module level or in a function."""
    source = """
import energy.store.models.readings
from energy.store.migrations import types
from energy.store.migrations.types import UTCDateTime
from energy import districts as d
import sqlalchemy as sa
def upgrade():
    from energy.savings.factors import reference_factor_rows
    from . import helpers
    importlib.import_module("energy.readings.imports")
    __import__(name)
"""
    path = tmp_path / "0099_probe.py"
    path.write_text(source, encoding="utf-8")
    found = {(name, ok) for _, name, ok in _project_imports(path)}
    assert found == {
        ("energy.store.models.readings", False),
        ("energy.store.migrations.types", True),
        ("energy.store.migrations.types.UTCDateTime", True),
        ("energy.districts", False),
        ("energy.savings.factors.reference_factor_rows", False),
        (".helpers", False),
        ("energy.readings.imports", False),
        ("__import__(<computed name>)", False),
    }


@pytest.mark.parametrize("path", _migration_files(), ids=lambda p: p.name)
def test_a_migration_imports_no_project_code_but_the_column_types(path: Path) -> None:
    offenders = [f"line {line}: {name}" for line, name, ok in _project_imports(path) if not ok]
    assert offenders == [], f"{path.name} imports project code: {offenders}"


def _module_file(name: str) -> Path:
    """The file of the module ``name`` names, or of the module holding the attribute it names
    (``energy.store.migrations.types.UTCDateTime``)."""
    module = name
    while module:
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:  # ``types.UTCDateTime``: ``types`` is no package
            spec = None
        if spec is not None and spec.origin:
            return Path(spec.origin)
        module = module.rpartition(".")[0]
    raise AssertionError(f"no module found for {name}")


def test_the_column_types_import_nothing_from_the_project() -> None:
    """The ``...types`` modules the migrations import are frozen: they import no project code."""
    names = {
        name
        for path in _migration_files()
        for _, name, ok in _project_imports(path)
        if ok and not name.startswith(".")
    }
    modules = {_module_file(name) for name in names}
    assert modules, "no migration imports the column types"
    for module in modules:
        assert _project_imports(module) == [], module.name


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the store with its rows, in a fixed order."""
    engine = db.get_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        tables = {
            name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for name, table in metadata.tables.items()
        }
    db.dispose_engine(url)
    return tables


def _edited(cell: str) -> str:
    for parse, change in (
        (int, lambda v: str(v + 1)),
        (float, lambda v: repr(v * 2 + 0.5)),
        (dt.date.fromisoformat, lambda v: (v + dt.timedelta(days=1)).isoformat()),
    ):
        try:
            value = parse(cell)
        except ValueError:
            continue
        return change(value)
    # Free text changes; a single word (a carrier, a unit, a key) may be checked by the store.
    return cell + " (edited)" if " " in cell else cell


def _edit(path: Path) -> None:
    """Change every number, date and text of the file, and leave out its last row."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([_edited(cell) for cell in row] for row in rows[:-1])


@pytest.mark.parametrize(
    ("fresh_store", "empty_database"),
    [("sqlite", "sqlite"), ("postgresql", "postgresql")],
    indirect=True,
)
def test_a_new_store_has_the_same_rows_after_the_data_files_change(
    fresh_store: str, empty_database: str, tmp_path: Path
) -> None:
    """``fresh_store`` was built by upgrading an empty store with the project as it is. A copy
    of the project whose ``data/*.csv`` are all edited then upgrades ``empty_database`` (the
    repository's own data files are never touched): every table holds the same rows."""
    project = tmp_path / "project"
    shutil.copytree(
        ROOT / "energy", project / "energy", ignore=shutil.ignore_patterns("__pycache__")
    )
    data_files = sorted((ROOT / "data").glob("*.csv"))
    assert data_files
    (project / "data").mkdir()
    for source in data_files:
        copy = project / "data" / source.name
        shutil.copyfile(source, copy)
        _edit(copy)
        assert copy.read_bytes() != source.read_bytes()

    env = {**os.environ, "ENERGY_DATABASE_URL": empty_database, "PYTHONPATH": str(project)}
    done = subprocess.run(
        [sys.executable, "-m", "energy", "db", "upgrade"],
        cwd=project, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr

    before, after = _rows(fresh_store), _rows(empty_database)
    # The tables the data files are named for hold rows, so the comparison says something.
    for source in data_files:
        assert before[source.stem], f"no rows in {source.stem}"
    assert after == before


NUMBER_COLUMNS = ("value", "krw_per_unit", "extra_per_unit", "vat_rate", "levy_rate", "up_to",
                  "basic_krw")  # fmt: skip


def _shipped(column: str, text: str) -> str:
    """A data file's cell as the store's value prints (numbers as floats, booleans)."""
    if column in NUMBER_COLUMNS:
        return str(float(text)) if text else "None"
    if column == "indicative":
        return str(text == "true")
    return text


def test_the_data_files_say_what_a_new_store_holds(fresh_store: str) -> None:
    """``data/*.csv`` is the readable list of the reference rows; the migrations hold them.
    A change to one without the other (a new factor needs a migration) fails here."""
    kinds = {
        "districts": ("districts.csv", ("code", "name_ko", "name_en", "tile_row", "tile_col")),
        "conversion_factors": (
            "conversion_factors.csv",
            ("key", "value", "unit", "basis", "valid_from", "source"),
        ),
        "tariffs": (
            "tariffs.csv",
            ("carrier", "krw_per_unit", "unit", "valid_from", "source", "extra_per_unit",
             "vat_rate", "levy_rate", "summer_months", "indicative"),
        ),
        "weather_stations": ("weather_stations.csv", ("code", "name_ko", "name_en")),
    }  # fmt: skip
    engine = db.get_engine(fresh_store)
    metadata = MetaData()
    metadata.reflect(engine, only=list(kinds))
    for table_name, (file_name, columns) in kinds.items():
        table = metadata.tables[table_name]
        with engine.connect() as conn:
            stored = {
                tuple(str(value) for value in row)
                for row in conn.execute(select(*(table.c[c] for c in columns)))
            }
        with (ROOT / "data" / file_name).open(encoding="utf-8", newline="") as handle:
            shipped = {
                tuple(_shipped(c, row[c]) for c in columns) for row in csv.DictReader(handle)
            }
        assert stored == shipped, table_name
    # The tiers, named by their tariff's carrier and date.
    metadata.reflect(engine, only=["tariff_tiers"])
    tiers, tariffs = metadata.tables["tariff_tiers"], metadata.tables["tariffs"]
    tier_columns = ("season", "position", "up_to", "basic_krw", "krw_per_unit")
    with engine.connect() as conn:
        stored_tiers = {
            (row[0], str(row[1]), *(str(v) for v in row[2:]))
            for row in conn.execute(
                select(
                    tariffs.c.carrier, tariffs.c.valid_from, *(tiers.c[c] for c in tier_columns)
                ).join(tariffs, tariffs.c.id == tiers.c.tariff_id)
            )
        }
    with (ROOT / "data" / "tariff_tiers.csv").open(encoding="utf-8", newline="") as handle:
        shipped_tiers = {
            (row["carrier"], row["valid_from"], *(_shipped(c, row[c]) for c in tier_columns))
            for row in csv.DictReader(handle)
        }
    assert stored_tiers and stored_tiers == shipped_tiers


def test_migrations_are_numbered_in_one_line() -> None:
    """Each file ``NNNN_*.py`` is revision ``NNNN`` and follows ``NNNN - 1``: the store's code
    finds the newest revision from the file names alone (``db.head_revision``), without
    loading Alembic or any migration."""
    script = ScriptDirectory.from_config(db.alembic_config())
    revisions = list(script.walk_revisions())
    for rev in revisions:
        match = db.REVISION_FILE.match(Path(rev.path).name)
        assert match and match.group(1) == rev.revision, Path(rev.path).name
        number = int(rev.revision)
        assert rev.down_revision == (f"{number - 1:04d}" if number > 1 else None), rev.revision
    assert len(_migration_files()) == len(revisions)
    assert db.head_revision() == script.get_current_head() == max(r.revision for r in revisions)
