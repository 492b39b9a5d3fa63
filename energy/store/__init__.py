"""The store: engines and sessions, the tables, migrations, the audit log, backups, the memo.

- ``db``: the only place that creates engines; ``session_for(actor, write=...)`` opens a
  session whose writes are audited; ``ensure_store``/``upgrade`` migrate a store.
- ``models``: the tables, one module per capability (``villages``, ``accounts``,
  ``readings``, ``factors``, ``call``, ``training``, ``organisations``, ``system``), on one
  ``base``.
- ``migrations``: Alembic's history; each migration is frozen (it imports only
  ``migrations.types`` from the project).
- ``audit``: reading the audit log (who, when, what, before and after).
- ``backup``: a consistent snapshot of every table, and restoring one.
- ``cache``: an in-process memo keyed by the store's *data version*.

The store imports ``energy.core`` and nothing of the capabilities or the demo data.
"""
