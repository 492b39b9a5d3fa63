"""Column types for the migrations, frozen: the one module a migration may import from the project.

A migration describes the store as it was when the migration was written, so it must not
change when the app's code does. It therefore imports nothing from the project but this
module, and this module imports nothing from the project at all: what a migration needs of
the app's own column types is copied here once and then left alone.

``UTCDateTime`` is the models' ``energy.store.models.base.UTCDateTime`` as it stood when the migrations
were made self-contained (it creates the same column on both stores: ``DATETIME`` on SQLite,
``TIMESTAMP WITH TIME ZONE`` on PostgreSQL). Alembic writes a new migration's custom types as
``types.<Name>(...)`` (``user_module_prefix`` in ``env.py``), so a type the models gain later
must be copied here too before that migration runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, TypeDecorator
from sqlalchemy.engine import Dialect

__all__ = ["UTCDateTime"]


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that is always timezone-aware UTC in Python, whatever the store keeps.

    The migrations write ``UTCDateTime(timezone=True)``, as Alembic rendered the models' type;
    the argument changes nothing (the column is always ``DateTime(timezone=True)``).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
