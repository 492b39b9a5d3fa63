"""tariff_schedules: KEPCO's progressive residential tiers and Seoul's city-gas price, cited

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 17:30:00

Money saved was a flat price per unit that its own source text said to replace. Korean
households pay KEPCO's progressive residential electricity tiers (other tiers in July and
August), with per-kWh charges besides the tiers, VAT and the power-fund levy on top; a
saving's value is the difference between the bills, not kWh times a flat price. Tariffs
gain those parts and a table of tiers; the cited schedules are inserted here. The flat
rows of 2012 stay for the years before the first cited schedule, marked indicative.

The rows are written here, not read from data/tariffs.csv and data/tariff_tiers.csv, so
that this revision builds the same store whatever the files say later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEPCO = (
    "KEPCO residential low-voltage tariff (주택용 전력 저압) in force from 2023-05-16: basic "
    "charge 910 / 1,600 / 7,300 KRW and energy charge 120.0 / 214.6 / 307.3 KRW/kWh for a "
    "month's use up to 200, 201-400 and over 400 kWh (July and August: up to 300, 301-450, "
    "over 450 kWh); climate-environment charge 9.0 KRW/kWh (from 2023-01-01) and fuel-cost "
    "adjustment +5.0 KRW/kWh on every kWh; VAT 10%; Electric Power Industry Basis Fund levy "
)
ELECTRICITY = [
    (dt.date(2023, 5, 16), 0.037, KEPCO + "3.7% (Electricity Business Act enforcement decree art. 36)"),
    (dt.date(2024, 7, 1), 0.032, KEPCO + "cut to 3.2% for use from 2024-07-01 (enforcement decree art. 36 as amended in 2024)"),
    (dt.date(2025, 7, 1), 0.027, KEPCO + "cut to 2.7% for use from 2025-07-01 (enforcement decree art. 36 as amended in 2024)"),
]  # fmt: skip
# (up to kWh, basic KRW, KRW/kWh) per season.
TIERS = {
    "other": [(200.0, 910.0, 120.0), (400.0, 1600.0, 214.6), (None, 7300.0, 307.3)],
    "summer": [(300.0, 910.0, 120.0), (450.0, 1600.0, 214.6), (None, 7300.0, 307.3)],
}
GAS = [
    (
        dt.date(2023, 5, 16),
        20.73,
        "Seoul city-gas retail price, residential (주택용), from 2023-05-16: 20.73 KRW/MJ before VAT (19.69 + 1.04 KRW/MJ, MOTIE announcement of 2023-05-15, Seoul retail basis); VAT 10%; the monthly basic charge is the same on both sides of a comparison and is left out",
    ),
    (
        dt.date(2024, 8, 1),
        22.14,
        "Seoul city-gas retail price, residential (주택용), from 2024-08-01: 22.14 KRW/MJ before VAT (+1.41 KRW/MJ, KOGAS press release of 2024-07-05, Seoul retail basis); VAT 10%; the monthly basic charge is the same on both sides of a comparison and is left out",
    ),
]  # fmt: skip

# The flat rows of 2012 say what they are now: indicative (carrier -> (old source, new source)).
REWORDED = {
    "electricity": (
        "Approximate residential average price including progressive tiers (KEPCO); staff should replace it with the current table",
        "Indicative flat price (about the residential average with progressive tiers); prices only reporting years before 2023, the first with a cited KEPCO table",
    ),
    "gas": (
        "Approximate Seoul residential city-gas price per MJ; staff should replace it with the current table",
        "Indicative flat price per MJ; prices only reporting years before 2023, the first with a cited Seoul city-gas price",
    ),
    "water": (
        "Approximate Seoul water and sewage charge per m3; staff should replace it with the current table",
        "Indicative: approximate Seoul water and sewage charge per m3, no cited table yet",
    ),
    "heat": (
        "Approximate district-heating price per kWh of heat; staff should replace it with the current table",
        "Indicative: approximate district-heating price per kWh of heat, no cited table yet",
    ),
}  # fmt: skip

TARIFFS = sa.table(
    "tariffs",
    sa.column("id", sa.Integer),
    sa.column("carrier", sa.String),
    sa.column("krw_per_unit", sa.Float),
    sa.column("unit", sa.String),
    sa.column("valid_from", sa.Date),
    sa.column("source", sa.Text),
    sa.column("extra_per_unit", sa.Float),
    sa.column("vat_rate", sa.Float),
    sa.column("levy_rate", sa.Float),
    sa.column("summer_months", sa.String),
    sa.column("indicative", sa.Boolean),
)
TIER_TABLE = sa.table(
    "tariff_tiers",
    sa.column("tariff_id", sa.Integer),
    sa.column("season", sa.String),
    sa.column("position", sa.SmallInteger),
    sa.column("up_to", sa.Float),
    sa.column("basic_krw", sa.Float),
    sa.column("krw_per_unit", sa.Float),
)


def upgrade() -> None:
    with op.batch_alter_table("tariffs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("extra_per_unit", sa.Float(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("vat_rate", sa.Float(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("levy_rate", sa.Float(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("summer_months", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("indicative", sa.Boolean(), server_default=sa.text("true"), nullable=False)
        )
    op.create_table(
        "tariff_tiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tariff_id", sa.Integer(), nullable=False),
        sa.Column("season", sa.String(length=8), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("up_to", sa.Float(), nullable=True),
        sa.Column("basic_krw", sa.Float(), nullable=False),
        sa.Column("krw_per_unit", sa.Float(), nullable=False),
        sa.CheckConstraint(
            "krw_per_unit >= 0 AND basic_krw >= 0", name=op.f("ck_tariff_tiers_prices")
        ),
        sa.CheckConstraint("season IN ('other', 'summer')", name=op.f("ck_tariff_tiers_season")),
        sa.CheckConstraint("up_to IS NULL OR up_to > 0", name=op.f("ck_tariff_tiers_up_to")),
        sa.ForeignKeyConstraint(
            ["tariff_id"],
            ["tariffs.id"],
            name=op.f("fk_tariff_tiers_tariff_id_tariffs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tariff_tiers")),
        sa.UniqueConstraint(
            "tariff_id",
            "season",
            "position",
            name=op.f("uq_tariff_tiers_tariff_id_season_position"),
        ),
    )
    with op.batch_alter_table("tariff_tiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tariff_tiers_tariff_id"), ["tariff_id"], unique=False)

    _reword(1)
    conn = op.get_bind()
    for valid_from, levy, source in ELECTRICITY:
        conn.execute(
            TARIFFS.insert().values(
                carrier="electricity", krw_per_unit=120.0, unit="kWh", valid_from=valid_from,
                source=source, extra_per_unit=14.0, vat_rate=0.1, levy_rate=levy,
                summer_months="7,8", indicative=False,
            )
        )  # fmt: skip
        tariff_id = conn.execute(
            sa.select(TARIFFS.c.id).where(
                TARIFFS.c.carrier == "electricity", TARIFFS.c.valid_from == valid_from
            )
        ).scalar_one()
        op.bulk_insert(
            TIER_TABLE,
            [
                {"tariff_id": tariff_id, "season": season, "position": position,
                 "up_to": up_to, "basic_krw": basic, "krw_per_unit": price}
                for season, steps in TIERS.items()
                for position, (up_to, basic, price) in enumerate(steps, start=1)
            ],
        )  # fmt: skip
    op.bulk_insert(
        TARIFFS,
        [
            {"carrier": "gas", "krw_per_unit": price, "unit": "MJ", "valid_from": valid_from,
             "source": source, "extra_per_unit": 0.0, "vat_rate": 0.1, "levy_rate": 0.0,
             "summer_months": "", "indicative": False}
            for valid_from, price, source in GAS
        ],
    )  # fmt: skip


def _reword(pick: int) -> None:
    for carrier, versions in REWORDED.items():
        op.execute(
            TARIFFS.update()
            .where(TARIFFS.c.carrier == carrier, TARIFFS.c.valid_from == dt.date(2012, 1, 1))
            .values(source=versions[pick])
        )


def downgrade() -> None:
    with op.batch_alter_table("tariff_tiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tariff_tiers_tariff_id"))
    op.drop_table("tariff_tiers")
    op.execute(TARIFFS.delete().where(TARIFFS.c.indicative == sa.false()))
    _reword(0)
    with op.batch_alter_table("tariffs", schema=None) as batch_op:
        for column in ("indicative", "summer_months", "levy_rate", "vat_rate", "extra_per_unit"):
            batch_op.drop_column(column)
