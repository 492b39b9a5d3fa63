"""Conversion factors and tariffs: versioned tables with a source and a valid-from date.

A comparison (baseline against actual) always uses ONE factor for both sides, the one valid
at the comparison's reference date, so that a new grid factor never shows up as a saving.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc.factor_set import Factor, FactorSet, Price
from energy.core.access import Actor, require
from energy.core.errors import AlreadyExists, InvalidInput
from energy.core.vocabulary import CANONICAL_UNITS, CARRIERS
from energy.store.db import session_for
from energy.store.models.factors import ConversionFactor, Tariff

# The factor keys the savings figures need, and the unit each is published in.
FACTOR_KEYS: dict[str, str] = {
    "electricity.toe": "TOE/MWh",
    "solar.toe": "TOE/MWh",
    "gas.toe": "TOE/GJ",
    "gas.mj_per_m3": "MJ/Nm3",
    "heat.toe": "TOE/MWh",
    "electricity.co2": "tCO2eq/MWh",
    "gas.co2": "tCO2/TJ",
}


def factors_at(session: Session, as_of: dt.date) -> FactorSet:
    """The latest factor of each key and the latest price of each carrier valid on ``as_of``."""
    factors: dict[str, Factor] = {}
    for row in session.scalars(
        select(ConversionFactor)
        .where(ConversionFactor.valid_from <= as_of)
        .order_by(ConversionFactor.key, ConversionFactor.valid_from)
    ):
        factors[row.key] = Factor(
            row.key, row.value, row.unit, row.basis, row.valid_from, row.source
        )
    prices: dict[str, Price] = {}
    for tariff in session.scalars(
        select(Tariff).where(Tariff.valid_from <= as_of).order_by(Tariff.carrier, Tariff.valid_from)
    ):
        prices[tariff.carrier] = Price(
            tariff.carrier, tariff.krw_per_unit, tariff.unit, tariff.valid_from, tariff.source
        )
    return FactorSet(as_of, factors, prices)


def load_factors(actor: Actor, as_of: dt.date, *, url: str | None = None) -> FactorSet:
    with session_for(actor, url=url) as session:
        return factors_at(session, as_of)


def list_factors(actor: Actor, *, url: str | None = None) -> list[Factor]:
    """Every version of every factor (public reference data: any logged-in role may read)."""
    with session_for(actor, url=url) as session:
        rows = session.scalars(
            select(ConversionFactor).order_by(ConversionFactor.key, ConversionFactor.valid_from)
        )
        return [Factor(r.key, r.value, r.unit, r.basis, r.valid_from, r.source) for r in rows]


def list_tariffs(actor: Actor, *, url: str | None = None) -> list[Price]:
    with session_for(actor, url=url) as session:
        rows = session.scalars(select(Tariff).order_by(Tariff.carrier, Tariff.valid_from))
        return [Price(r.carrier, r.krw_per_unit, r.unit, r.valid_from, r.source) for r in rows]


def add_factor(
    actor: Actor,
    *,
    key: str,
    value: float,
    valid_from: dt.date,
    basis: str,
    source: str,
    url: str | None = None,
) -> Factor:
    """A new version of a factor from ``valid_from`` on (older versions stay as they were)."""
    require(actor, "factors.write")
    if key not in FACTOR_KEYS:
        raise InvalidInput("error.unknown_factor", field="key", key=key)
    if not value > 0:
        raise InvalidInput("error.positive", field="value")
    if not source.strip():
        raise InvalidInput("error.required", field="source")
    with session_for(actor, write=True, url=url) as session:
        exists = session.scalar(
            select(ConversionFactor).where(
                ConversionFactor.key == key, ConversionFactor.valid_from == valid_from
            )
        )
        if exists is not None:
            raise AlreadyExists("error.factor_exists", field="valid_from", key=key)
        row = ConversionFactor(
            key=key,
            value=float(value),
            unit=FACTOR_KEYS[key],
            basis=basis.strip() or "-",
            valid_from=valid_from,
            source=source.strip(),
        )
        session.add(row)
    return Factor(key, float(value), FACTOR_KEYS[key], row.basis, valid_from, row.source)


def add_tariff(
    actor: Actor,
    *,
    carrier: str,
    krw_per_unit: float,
    valid_from: dt.date,
    source: str,
    url: str | None = None,
) -> Price:
    require(actor, "factors.write")
    if carrier not in CARRIERS or carrier == "solar":
        raise InvalidInput("error.unknown_carrier", field="carrier", carrier=carrier)
    if krw_per_unit < 0:
        raise InvalidInput("error.positive", field="krw_per_unit")
    if not source.strip():
        raise InvalidInput("error.required", field="source")
    with session_for(actor, write=True, url=url) as session:
        exists = session.scalar(
            select(Tariff).where(Tariff.carrier == carrier, Tariff.valid_from == valid_from)
        )
        if exists is not None:
            raise AlreadyExists("error.factor_exists", field="valid_from", key=carrier)
        session.add(
            Tariff(
                carrier=carrier,
                krw_per_unit=float(krw_per_unit),
                unit=CANONICAL_UNITS[carrier],
                valid_from=valid_from,
                source=source.strip(),
            )
        )
    return Price(carrier, float(krw_per_unit), CANONICAL_UNITS[carrier], valid_from, source.strip())
