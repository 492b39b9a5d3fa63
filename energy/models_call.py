"""The annual call (issue 3): calls, applications, organisers, reviews, decisions, grants.

Tables live on ``energy.models.Base``; ``energy.models`` imports this module so that they
are registered on the metadata Alembic and backups read.
"""

from __future__ import annotations
