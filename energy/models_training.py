"""First-year training (issue 4): modules, trainers, venues, sessions, attendance.

Tables live on ``energy.models.Base``; ``energy.models`` imports this module so that they
are registered on the metadata Alembic and backups read.
"""

from __future__ import annotations
