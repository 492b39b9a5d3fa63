"""Conversion factors and tariffs: versioned tables with a source, a basis and a date.

The rule that picks a factor (docs/factors.md): a figure over any period is priced with the
factors of its **reporting year**, the calendar year of the period's last month: of each
factor, the latest version dated in or before that year (:func:`factors_for_period`). One
set prices both sides of a comparison (baseline and actual), so a new grid factor or a new
calorific value never shows up as a saving, and a year's figure never changes because one
of its months crosses a factor's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from energy.calc.factor_set import Factor, FactorSet, Price, Tier
from energy.core.access import Actor, require
from energy.core.errors import AlreadyExists, InvalidInput
from energy.core.vocabulary import CANONICAL_UNITS, CARRIERS, FACTOR_BASES
from energy.store.db import session_for
from energy.store.models.factors import ConversionFactor, Tariff, TariffTier

# The factor keys the savings figures need, and the unit each is published in. What each
# key's value is measured on (its basis) is FACTOR_BASES in the vocabulary.
FACTOR_KEYS: dict[str, str] = {
    "electricity.toe": "TOE/MWh",
    "solar.toe": "TOE/MWh",
    "gas.toe": "TOE/GJ",
    "gas.mj_per_m3": "MJ/Nm3",
    "gas.net_mj_per_m3": "MJ/Nm3",
    "heat.toe": "TOE/MWh",
    "electricity.co2": "tCO2eq/MWh",
    "gas.co2": "tCO2/TJ",
}
assert set(FACTOR_KEYS) == set(FACTOR_BASES)


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
    latest: dict[str, Tariff] = {}
    for tariff in session.scalars(
        select(Tariff)
        .where(Tariff.valid_from <= as_of)
        .order_by(Tariff.carrier, Tariff.valid_from)
        .options(selectinload(Tariff.tiers))
    ):
        latest[tariff.carrier] = tariff
    prices = {carrier: price_of(tariff) for carrier, tariff in latest.items()}
    return FactorSet(as_of, factors, prices)


def price_of(tariff: Tariff) -> Price:
    """A stored tariff, its tiers and charges as the savings arithmetic reads them."""

    def steps(season: str) -> tuple[Tier, ...]:
        return tuple(
            Tier(t.up_to, t.basic_krw, t.krw_per_unit) for t in tariff.tiers if t.season == season
        )

    return Price(
        tariff.carrier,
        tariff.krw_per_unit,
        tariff.unit,
        tariff.valid_from,
        tariff.source,
        tiers=steps("other"),
        summer_tiers=steps("summer"),
        summer_months=tuple(int(m) for m in tariff.summer_months.split(",") if m.strip()),
        extra_per_unit=tariff.extra_per_unit,
        vat_rate=tariff.vat_rate,
        levy_rate=tariff.levy_rate,
        indicative=tariff.indicative,
    )


def reporting_year_end(end: dt.date) -> dt.date:
    """The last day of the reporting year of a period whose last month is ``end``'s."""
    return dt.date(end.year, 12, 31)


def factors_for_period(session: Session, end: dt.date) -> FactorSet:
    """The factors that price a figure over a period ending in ``end``'s month.

    The rule (docs/factors.md): the factors of the reporting year (the year of the period's
    last month) apply to the whole period: of each factor the latest version whose date is
    in or before that year. January to November and January to December of one year are
    therefore priced alike, and a factor published late in a year (Korea's grid factor
    of 2025-12) prices that whole year.
    """
    return factors_at(session, reporting_year_end(end))


def factor_for_period(session: Session, key: str, end: dt.date) -> float | None:
    """One factor's value by the same rule as :func:`factors_for_period` (the reporting
    year's), without reading the rest of the set."""
    value: float | None = session.scalar(
        select(ConversionFactor.value)
        .where(ConversionFactor.key == key, ConversionFactor.valid_from <= reporting_year_end(end))
        .order_by(ConversionFactor.valid_from.desc())
        .limit(1)
    )
    return value


def latest_progressive_prices(session: Session) -> list[Price]:
    """Per carrier, its newest tariff when that one has tiers: the step limits the kept
    bill steps are built with (:mod:`energy.savings.village_sums`)."""
    newest: dict[str, Tariff] = {}
    for tariff in session.scalars(
        select(Tariff)
        .order_by(Tariff.carrier, Tariff.valid_from)
        .options(selectinload(Tariff.tiers))
    ):
        newest[tariff.carrier] = tariff
    return [p for p in (price_of(t) for t in newest.values()) if p.progressive]


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
        rows = session.scalars(
            select(Tariff)
            .order_by(Tariff.carrier, Tariff.valid_from)
            .options(selectinload(Tariff.tiers))
        )
        return [price_of(r) for r in rows]


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
        # Every row says what it is measured on: the key's basis leads unless the text names it.
        said = basis.strip()
        kind = FACTOR_BASES[key]
        row = ConversionFactor(
            key=key,
            value=float(value),
            unit=FACTOR_KEYS[key],
            basis=said if kind in said.lower() else f"{kind}: {said}".rstrip(": "),
            valid_from=valid_from,
            source=source.strip(),
        )
        session.add(row)
    return Factor(key, float(value), FACTOR_KEYS[key], row.basis, valid_from, row.source)


def _check_tiers(tiers: Sequence[Tier]) -> None:
    """Steps in order: each limit above the one before, the last without a limit."""
    if not tiers:
        return
    limits = [t.up_to for t in tiers]
    if limits[-1] is not None or any(u is None for u in limits[:-1]):
        raise InvalidInput("error.tariff_tiers_last", field="tiers")
    bounded = [float(u) for u in limits[:-1] if u is not None]
    if any(b <= a for a, b in zip([0.0, *bounded], bounded, strict=False)):
        raise InvalidInput("error.tariff_tiers_order", field="tiers")
    if any(t.krw_per_unit < 0 or t.basic_krw < 0 for t in tiers):
        raise InvalidInput("error.positive", field="tiers")


def add_tariff(
    actor: Actor,
    *,
    carrier: str,
    krw_per_unit: float,
    valid_from: dt.date,
    source: str,
    tiers: Sequence[Tier] = (),
    summer_tiers: Sequence[Tier] = (),
    summer_months: Sequence[int] = (),
    extra_per_unit: float = 0.0,
    vat_rate: float = 0.0,
    levy_rate: float = 0.0,
    indicative: bool = False,
    url: str | None = None,
) -> Price:
    """A new tariff from ``valid_from`` on: a flat price, or progressive ``tiers`` (and
    ``summer_tiers`` for ``summer_months``), with charges on every unit, VAT and a levy."""
    require(actor, "factors.write")
    if carrier not in CARRIERS or carrier == "solar":
        raise InvalidInput("error.unknown_carrier", field="carrier", carrier=carrier)
    if krw_per_unit < 0 or extra_per_unit < 0:
        raise InvalidInput("error.positive", field="krw_per_unit")
    if not (0 <= vat_rate < 1 and 0 <= levy_rate < 1):
        raise InvalidInput("error.tariff_rate", field="vat_rate")
    if not source.strip():
        raise InvalidInput("error.required", field="source")
    if summer_tiers and not tiers:
        raise InvalidInput("error.tariff_tiers_last", field="tiers")
    _check_tiers(tiers)
    _check_tiers(summer_tiers)
    months = tuple(sorted(set(summer_months)))
    if any(not 1 <= m <= 12 for m in months) or (summer_tiers and not months):
        raise InvalidInput("error.tariff_summer_months", field="summer_months")
    with session_for(actor, write=True, url=url) as session:
        exists = session.scalar(
            select(Tariff).where(Tariff.carrier == carrier, Tariff.valid_from == valid_from)
        )
        if exists is not None:
            raise AlreadyExists("error.factor_exists", field="valid_from", key=carrier)
        row = Tariff(
            carrier=carrier,
            krw_per_unit=float(tiers[0].krw_per_unit if tiers else krw_per_unit),
            unit=CANONICAL_UNITS[carrier],
            valid_from=valid_from,
            source=source.strip(),
            extra_per_unit=float(extra_per_unit),
            vat_rate=float(vat_rate),
            levy_rate=float(levy_rate),
            summer_months=",".join(str(m) for m in months) if summer_tiers else "",
            indicative=indicative,
            tiers=[
                TariffTier(
                    season=season,
                    position=position,
                    up_to=step.up_to,
                    basic_krw=float(step.basic_krw),
                    krw_per_unit=float(step.krw_per_unit),
                )
                for season, steps in (("other", tiers), ("summer", summer_tiers))
                for position, step in enumerate(steps, start=1)
            ],
        )
        session.add(row)
        session.flush()
        return price_of(row)
