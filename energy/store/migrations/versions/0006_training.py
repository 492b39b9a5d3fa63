"""first-year training: curriculum, trainers, venues, schedule, attendance

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 21:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_modules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("title_ko", sa.String(length=120), nullable=False),
        sa.Column("title_en", sa.String(length=120), nullable=False),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("programme_year", sa.SmallInteger(), nullable=False),
        sa.Column("core", sa.Boolean(), nullable=False),
        sa.Column("minutes", sa.SmallInteger(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "topic IN ('energy_efficiency', 'home_energy_check', 'mini_solar', 'eco_mileage', 'community_organising', 'meetings_conflict', 'accounting_reporting', 'cooperative')",
            name=op.f("ck_training_modules_topic"),
        ),
        sa.CheckConstraint("minutes BETWEEN 30 AND 480", name=op.f("ck_training_modules_minutes")),
        sa.CheckConstraint(
            "programme_year BETWEEN 1 AND 3", name=op.f("ck_training_modules_programme_year")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_modules")),
        sa.UniqueConstraint("code", name=op.f("uq_training_modules_code")),
    )
    op.create_table(
        "venues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.Column("capacity", sa.SmallInteger(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("capacity BETWEEN 1 AND 1000", name=op.f("ck_venues_capacity")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_venues_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venues")),
        sa.UniqueConstraint("name", name=op.f("uq_venues_name")),
    )
    with op.batch_alter_table("venues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_venues_district_id"), ["district_id"], unique=False)

    op.create_table(
        "training_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("household_code", sa.String(length=32), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('organiser', 'resident')", name=op.f("ck_training_participants_role")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_training_participants_village_id_villages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_participants")),
        sa.UniqueConstraint(
            "village_id", "name", name=op.f("uq_training_participants_village_id_name")
        ),
    )
    with op.batch_alter_table("training_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_participants_village_id"), ["village_id"], unique=False
        )

    op.create_table(
        "trainers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("available_from", sa.Date(), nullable=True),
        sa.Column("available_to", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_trainers_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainers")),
        sa.UniqueConstraint("name", name=op.f("uq_trainers_name")),
        sa.UniqueConstraint("user_id", name=op.f("uq_trainers_user_id")),
    )
    op.create_table(
        "trainer_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("start_minute", sa.SmallInteger(), nullable=False),
        sa.Column("end_minute", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint(
            "start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440",
            name=op.f("ck_trainer_availability_window"),
        ),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_trainer_availability_weekday")),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["trainers.id"],
            name=op.f("fk_trainer_availability_trainer_id_trainers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_availability")),
    )
    with op.batch_alter_table("trainer_availability", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_trainer_availability_trainer_id"), ["trainer_id"], unique=False
        )

    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('scheduled', 'cancelled')", name=op.f("ck_training_sessions_status")
        ),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_training_sessions_times")),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["training_modules.id"],
            name=op.f("fk_training_sessions_module_id_training_modules"),
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"], ["trainers.id"], name=op.f("fk_training_sessions_trainer_id_trainers")
        ),
        sa.ForeignKeyConstraint(
            ["venue_id"], ["venues.id"], name=op.f("fk_training_sessions_venue_id_venues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_sessions")),
    )
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_sessions_module_id"), ["module_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_sessions_starts_at"), ["starts_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_sessions_trainer_id"), ["trainer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_sessions_venue_id"), ["venue_id"], unique=False
        )

    op.create_table(
        "training_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('present', 'late', 'excused', 'absent')",
            name=op.f("ck_training_attendance_status"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["training_participants.id"],
            name=op.f("fk_training_attendance_participant_id_training_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_training_attendance_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendance")),
        sa.UniqueConstraint(
            "session_id",
            "participant_id",
            name=op.f("uq_training_attendance_session_id_participant_id"),
        ),
    )
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_attendance_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_attendance_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "training_session_villages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_training_session_villages_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_training_session_villages_village_id_villages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session_villages")),
        sa.UniqueConstraint(
            "session_id",
            "village_id",
            name=op.f("uq_training_session_villages_session_id_village_id"),
        ),
    )
    with op.batch_alter_table("training_session_villages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_session_villages_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_session_villages_village_id"), ["village_id"], unique=False
        )


def downgrade() -> None:
    # Dropping a table drops its indexes; children first.
    op.drop_table("training_session_villages")
    op.drop_table("training_attendance")
    op.drop_table("training_sessions")
    op.drop_table("trainer_availability")
    op.drop_table("trainers")
    op.drop_table("training_participants")
    op.drop_table("venues")
    op.drop_table("training_modules")
