"""Shared steps of the migration tests that add one index."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from sqlalchemy import inspect

from energy import db


def index_columns(url: str, table: str) -> dict[str, list[str | None]]:
    """Each index of ``table`` by name, with its columns (read afresh from the store)."""
    db.dispose_engine(url)
    found = inspect(db.get_engine(url)).get_indexes(table)
    return {str(i["name"]): list(i["column_names"]) for i in found}


@contextmanager
def index_added(
    url: str, table: str, index: str, columns: list[str], *, before: str, after: str
) -> Iterator[None]:
    """Upgrade to ``before`` (no ``index``), then to ``after`` (``index`` on ``columns``); the
    block checks what else it wants, then the downgrade to ``before`` must take it away."""
    db.upgrade(url, before)
    assert index not in index_columns(url, table)
    db.upgrade(url, after)
    assert index_columns(url, table)[index] == columns
    yield
    command.downgrade(db.alembic_config(url), before)
    assert index not in index_columns(url, table)
    db.dispose_engine(url)
