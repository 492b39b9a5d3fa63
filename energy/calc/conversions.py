"""Conversions of a saving: TOE, tCO2 and won, with ONE factor set for both sides of a
comparison (DOMAIN.md, "Conversions"; docs/factors.md). Pure: numbers in, numbers out.

The factors a carrier is converted with, the gas CO2 factor's net basis, the money a saving
is worth on the households' bills (progressive tiers: :func:`bill_difference`), and the
totals of a comparison with what they leave out (:func:`saving_totals`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from energy.calc.factor_set import Factor, FactorSet, Price
    from energy.calc.metrics import CarrierSaving

# carrier -> (factor key, canonical unit -> the factor's denominator unit).
# kWh -> MWh and MJ -> GJ divide by 1,000; MJ -> TJ divides by 1,000,000.
TOE_FACTORS: dict[str, tuple[str, float]] = {
    "electricity": ("electricity.toe", 1e-3),  # TOE/MWh, consumption basis
    "gas": ("gas.toe", 1e-3),  # TOE/GJ
    "heat": ("heat.toe", 1e-3),  # TOE/MWh
}
CO2_FACTORS: dict[str, tuple[str, float]] = {
    "electricity": ("electricity.co2", 1e-3),  # tCO2eq/MWh
    "gas": ("gas.co2", 1e-6),  # tCO2/TJ on the NET calorific value: see GAS_NET_TO_GROSS
    # District heating has no factor in our table: it is left out of tCO2, and every figure
    # that shows tCO2 says so (see SavingTotals.not_converted).
}
# The IPCC's 56.1 tCO2/TJ for natural gas counts the gas's NET calorific value; Korean gas
# bills count GROSS MJ. A billed (gross) MJ is therefore first turned into net MJ by the
# ratio of the two calorific values of one table (Energy Act: 38.9 / 43.1 MJ/Nm3), then
# priced: 100 Nm3 = 4,310 MJ gross = 3,890 MJ net = 0.218 tCO2 (not 0.242).
GAS_NET_TO_GROSS: tuple[str, str] = ("gas.net_mj_per_m3", "gas.mj_per_m3")


# --- conversions ----------------------------------------------------------------------------


def _scale(
    table: Mapping[str, tuple[str, float]], carrier: str, factors: FactorSet
) -> tuple[float, tuple[str, ...]] | None:
    """What one unit (canonical) of ``carrier`` is worth in ``table``'s unit, and the factor
    keys that made it; ``None`` when the carrier has no entry. A missing factor is named
    (the value is then NaN)."""
    entry = table.get(carrier)
    if entry is None:
        return None
    key, scale = entry
    keys: tuple[str, ...] = (key,)
    if table is CO2_FACTORS and carrier == "gas":
        keys = (key, *GAS_NET_TO_GROSS)  # the factor counts net MJ; the bills count gross
    values = [factors.value(k) for k in keys]
    if any(v is None for v in values):
        return float("nan"), tuple(k for k, v in zip(keys, values, strict=True) if v is None)
    factor, *ratio = values
    assert factor is not None
    if ratio:
        net, gross = ratio
        assert net is not None and gross is not None
        scale *= net / gross
    return scale * factor, keys


def _convert(
    table: Mapping[str, tuple[str, float]], carrier: str, quantity: float, factors: FactorSet
) -> float | None:
    found = _scale(table, carrier, factors)
    if found is None or found[0] != found[0]:  # no entry, or a factor missing (NaN)
        return None
    return quantity * found[0]


def to_toe(carrier: str, quantity: float, factors: FactorSet) -> float | None:
    """TOE of ``quantity`` (canonical unit); ``None`` for water or a factor not in the set."""
    return _convert(TOE_FACTORS, carrier, quantity, factors)


def to_tco2(carrier: str, quantity: float, factors: FactorSet) -> float | None:
    """tCO2 of ``quantity``; ``None`` for heat and water (no factor) or a missing factor.
    Gas is priced on the net calorific value its factor was made for (GAS_NET_TO_GROSS)."""
    return _convert(CO2_FACTORS, carrier, quantity, factors)


def to_krw(carrier: str, quantity: float, factors: FactorSet) -> float | None:
    """``quantity`` priced at the carrier's flat tariff in the set, with its charges on
    every unit, VAT and levy (unrounded KRW); ``None`` without a price. A progressive
    tariff has no price per unit: :func:`value_of_saving` needs each month's use."""
    price = factors.prices.get(carrier)
    if price is None:
        return None
    if price.progressive:
        raise ValueError(f"{carrier}: a progressive tariff prices a month's use, not a unit")
    return quantity * _unit_price(price)


def _unit_price(price: Price) -> float:
    return (price.krw_per_unit + price.extra_per_unit) * (1.0 + price.vat_rate + price.levy_rate)


def bill_difference(price: Price, cells: Iterable[tuple[int, float, float]]) -> float:
    """Σ over ``cells`` (calendar month 1-12, baseline, actual; one household's month each)
    of bill(baseline) − bill(actual): what the saving is worth on the households' bills."""
    return sum(price.bill(base, month) - price.bill(actual, month) for month, base, actual in cells)


def value_of_saving(price: Price, saving: float, bills: float | None) -> float:
    """What a saving is worth in KRW: the difference between the bills (DOMAIN.md).

    With a flat price that is the saving times the price (and its charges, VAT, levy).
    With KEPCO's progressive tiers a kWh is worth what it saves on the bill of the month it
    was not used in, so the saving's value is ``bills``: the sum over the counted cells of
    each household's bill of the baseline use minus its bill of the actual use
    (:func:`bill_difference`; in the store :func:`energy.savings.sql.bill_difference`).
    """
    if not price.progressive:
        return saving * _unit_price(price)
    if bills is None:
        raise ValueError(f"{price.carrier}: a progressive tariff needs each cell's bills")
    return bills


def round_krw(amount: float) -> int:
    """Money is whole won; halves round away from zero (as on a bill)."""
    return int(Decimal(repr(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SavingTotals:
    """A comparison's saving in TOE, tCO2 and KRW, and what went into it.

    A total is ``None`` when no carrier with counted cells can be converted, or when a
    carrier with counted cells needs a factor (or price) the set lacks: a partial sum
    would understate the saving without saying so. ``not_converted`` names, per total,
    the carriers with counted cells that it leaves out by design (water has no TOE or CO2
    factor; district heating has no CO2 factor).
    """

    saving_toe: float | None
    saving_tco2: float | None
    saving_krw: int | None
    factors: tuple[Factor, ...]
    not_converted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    # Per carrier with counted cells: its share of each total (None: not converted, or the
    # factor is missing), so that a headline over all carriers can show what made it.
    by_carrier: dict[str, CarrierTotals] = field(default_factory=dict)
    prices: tuple[Price, ...] = ()  # the tariffs that priced saving_krw

    @property
    def indicative(self) -> tuple[str, ...]:
        """Carriers whose money is priced by an approximate tariff, not a cited table."""
        return tuple(p.carrier for p in self.prices if p.indicative)


@dataclass(frozen=True)
class CarrierTotals:
    """One carrier's saving in TOE, tCO2 and KRW (unrounded), with the same factor set."""

    toe: float | None
    tco2: float | None
    krw: float | None


def saving_totals(
    results: Sequence[CarrierSaving], factors: FactorSet, bills: Mapping[str, float] | None = None
) -> SavingTotals:
    """Convert every carrier's saving with ONE factor set, the same for baseline and actual.

    Converting the saving (baseline - actual) with one factor is the same as converting
    both sides with it, so a new grid factor can never show up as a saving. ``bills`` gives,
    per carrier priced by progressive tiers, the difference between its cells' bills.
    """
    # (carrier, saving) of every carrier with counted cells.
    counted = [(r.carrier, r.saving) for r in results if r.cells and r.saving is not None]
    used: dict[str, Factor] = {}
    missing: list[str] = []

    def total(table: Mapping[str, tuple[str, float]]) -> tuple[float | None, dict[str, float]]:
        parts: dict[str, float] = {}
        complete = True
        for carrier, saving in counted:
            found = _scale(table, carrier, factors)
            if found is None:
                continue
            scale, keys = found
            if scale != scale:  # NaN: a factor the set lacks
                missing.extend(keys)
                complete = False
                continue
            used.update((k, factors.factors[k]) for k in keys)
            parts[carrier] = saving * scale
        return (sum(parts.values()) if parts and complete else None), parts

    saving_toe, toe_parts = total(TOE_FACTORS)
    saving_tco2, co2_parts = total(CO2_FACTORS)
    money: dict[str, float] = {}
    prices: list[Price] = []
    priced = True
    for carrier, saving in counted:
        price = factors.prices.get(carrier)
        if price is None:
            missing.append(f"tariff.{carrier}")
            priced = False
        else:
            money[carrier] = value_of_saving(price, saving, (bills or {}).get(carrier))
            prices.append(price)
    return SavingTotals(
        saving_toe=saving_toe,
        saving_tco2=saving_tco2,
        saving_krw=round_krw(sum(money.values())) if money and priced else None,
        factors=tuple(used[k] for k in sorted(used)),
        not_converted={
            "saving_toe": tuple(c for c, _ in counted if c not in TOE_FACTORS),
            "saving_tco2": tuple(c for c, _ in counted if c not in CO2_FACTORS),
        },
        missing=tuple(sorted(set(missing))),
        by_carrier={
            c: CarrierTotals(toe_parts.get(c), co2_parts.get(c), money.get(c)) for c, _ in counted
        },
        prices=tuple(prices),
    )


def combined_toe_pct(sums: Mapping[str, tuple[float, float]], factors: FactorSet) -> float | None:
    """Reduction over several carriers, each converted to TOE with the same factor set.

    ``sums`` maps carrier -> (Σ baseline, Σ actual) over counted cells. Water has no TOE
    factor and stays out; if a carrier that has one lacks it in the set, there is no
    combined figure (it would silently drop that carrier).
    """
    baseline_toe = actual_toe = 0.0
    any_counted = False
    for carrier, (baseline, actual) in sums.items():
        if carrier not in TOE_FACTORS:
            continue
        base, act = to_toe(carrier, baseline, factors), to_toe(carrier, actual, factors)
        if base is None or act is None:
            return None
        baseline_toe += base
        actual_toe += act
        any_counted = True
    if not any_counted or baseline_toe <= 0:
        return None
    return (baseline_toe - actual_toe) / baseline_toe
