"""Alembic environment: the store comes from the app's own settings."""

from __future__ import annotations

from alembic import context

from energy.core.config import get_settings
from energy.store.db import get_engine
from energy.store.models.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    context.configure(
        url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = get_engine(url)
    with engine.connect() as raw:
        # On SQLite: foreign keys unenforced while tables are rebuilt, every reference checked
        # before the migration commits (energy.store.db's "energy_migration" option).
        connection = raw.execution_options(energy_migration=True)
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            # A new migration names the app's own column types from the frozen copies in
            # energy/store/migrations/types.py (``types.UTCDateTime``), never from energy.store.models.
            user_module_prefix="types.",
        )
        with context.begin_transaction():
            context.run_migrations()
            if connection.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(
                        f"the migration left rows referring to nothing: {broken[:5]}"
                    )


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
