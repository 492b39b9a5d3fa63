"""district_role: district offices' and village centres' officers log in (role ``district``)

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 02:00:00

Issue 27: the district tier. A district officer (구청 or 마을센터) is a new role, always tied
to one district: ``users.district_id``, which for every other role says where the person
lives, is then the district it works for and may not be empty. On SQLite both check
constraints rebuild ``users`` (the migrations run with foreign keys unenforced and checked
before commit, ``env.py``). The downgrade keeps the officers' accounts (the audit log and
their history name them) but disabled, as town-hall viewers: the older schema has no such
role, and a disabled account cannot log in.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES_OLD = "'admin', 'reviewer', 'trainer', 'committee', 'viewer', 'applicant'"
ROLES_NEW = ROLES_OLD + ", 'district'"


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), f"role IN ({ROLES_NEW})")
        batch_op.create_check_constraint(
            op.f("ck_users_district_office"), "role <> 'district' OR district_id IS NOT NULL"
        )


def downgrade() -> None:
    op.execute(
        sa.text("UPDATE users SET role = 'viewer', is_active = false WHERE role = 'district'")
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_district_office"), type_="check")
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), f"role IN ({ROLES_OLD})")
