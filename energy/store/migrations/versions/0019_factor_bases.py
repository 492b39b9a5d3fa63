"""factor_bases: gas CO2 on the net calorific value it was made for; clearer bases and sources

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 17:00:00

The IPCC's 56.1 tCO2/TJ for natural gas counts the gas's NET calorific value, but Korean gas
bills count GROSS MJ: applied to billed MJ it overstated gas CO2 by about 11% (100 Nm3 gave
242 kg instead of 218). The savings engine now turns gross MJ into net MJ by the ratio of the
two calorific values of one Energy Act table before applying the factor, so the net values
of that table are added here beside the gross ones already stored. The bases and sources of
the CO2 rows are rewritten to say what each value is measured on.

The rows are written here, not read from data/conversion_factors.csv, so that this revision
builds the same store whatever the file says later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTORS = sa.table(
    "conversion_factors",
    sa.column("key", sa.String),
    sa.column("value", sa.Float),
    sa.column("unit", sa.String),
    sa.column("basis", sa.String),
    sa.column("valid_from", sa.Date),
    sa.column("source", sa.Text),
)
NET_VALUES = [
    {
        "key": "gas.net_mj_per_m3",
        "value": 38.5,
        "unit": "MJ/Nm3",
        "basis": "net calorific value of city gas (LNG)",
        "valid_from": dt.date(2012, 1, 1),
        "source": "Energy Act enforcement rules, energy heat-value table (2017): city gas (LNG) 9,190 kcal/Nm3 net = 38.5 MJ/Nm3, beside 10,190 kcal = 42.7 MJ/Nm3 gross",
    },
    {
        "key": "gas.net_mj_per_m3",
        "value": 38.9,
        "unit": "MJ/Nm3",
        "basis": "net calorific value of city gas (LNG)",
        "valid_from": dt.date(2023, 1, 1),
        "source": "Energy Act enforcement rules, energy heat-value table (later revision): city gas (LNG) 9,290 kcal/Nm3 net = 38.9 MJ/Nm3, beside 43.1 MJ/Nm3 gross",
    },
]
# (key, valid_from) -> (new basis, new source); the old texts are kept for the downgrade.
REWORDED = {
    ("gas.co2", dt.date(2012, 1, 1)): (
        ("city gas (LNG) combustion", "IPCC default for natural gas: 56,100 kgCO2/TJ (about 2.18 kgCO2 per Nm3)"),
        (
            "net calorific value: applied to billed gross MJ times the net/gross calorific values of the same Energy Act table",
            "IPCC 2006 Guidelines for National Greenhouse Gas Inventories, Vol. 2 Ch. 1 Table 1.4: natural gas 56,100 kgCO2/TJ on the net calorific value (100 Nm3 = 3,890 MJ net = 218 kgCO2)",
        ),
    ),
    ("electricity.co2", dt.date(2012, 1, 1)): (
        ("national grid emission factor", "2014-16 average grid factor, used from 2020 (earlier months use it too so that comparisons stay like for like)"),
        (
            "consumption: national grid average emission factor of electricity used",
            "2014-16 average grid factor, used from 2020 (earlier years use it too so that comparisons stay like for like)",
        ),
    ),
    ("electricity.co2", dt.date(2025, 3, 1)): (
        ("national grid emission factor", "2020-22 average grid factor, published 2025-03"),
        (
            "consumption: national grid average emission factor of electricity used",
            "2020-22 average grid factor, published 2025-03",
        ),
    ),
    ("electricity.co2", dt.date(2025, 12, 1)): (
        ("national grid emission factor", "2023 grid factor, published 2025-12 (yearly from then)"),
        (
            "consumption: national grid average emission factor of electricity used",
            "2023 grid factor, published in December 2025 (yearly from then); prices the whole reporting year 2025 and later years",
        ),
    ),
    ("heat.toe", dt.date(2012, 1, 1)): (
        ("heat delivered: 1 kWh = 860 kcal", "1 TOE = 10^7 kcal"),
        (
            "heat delivered: 1 kWh = 860 kcal",
            "Energy Act enforcement rules: 1 TOE = 10^7 kcal; heat delivered 1 kWh = 860 kcal, so 1 MWh = 0.086 TOE",
        ),
    ),
}  # fmt: skip


def _reword(pick: int) -> None:
    for (key, valid_from), versions in REWORDED.items():
        basis, source = versions[pick]
        op.execute(
            FACTORS.update()
            .where(FACTORS.c.key == key, FACTORS.c.valid_from == valid_from)
            .values(basis=basis, source=source)
        )


def upgrade() -> None:
    op.bulk_insert(FACTORS, NET_VALUES)
    _reword(1)


def downgrade() -> None:
    op.execute(FACTORS.delete().where(FACTORS.c.key == "gas.net_mj_per_m3"))
    _reword(0)
