"""Organisations villages found (issue 6): formation steps, members, capital, assets, jobs.

Tables live on ``energy.models.Base``; ``energy.models`` imports this module so that they
are registered on the metadata Alembic and backups read.
"""

from __future__ import annotations
