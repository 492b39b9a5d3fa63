"""The tables, one module per capability, all on :class:`base.Base`.

Importing this package registers every table on ``Base.metadata`` (Alembic, backups and
the tests read it there); the modules import :mod:`base` and each other, never this package.
"""

from energy.store.models import (  # noqa: F401
    accounts,
    advice,
    base,
    call,
    district_visits,
    factors,
    mail,
    organisations,
    prescreen,
    readings,
    system,
    training,
    villages,
    weather,
)
