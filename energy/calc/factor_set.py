"""The conversion factors and prices valid on one date: what one comparison uses on both sides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Factor:
    key: str
    value: float
    unit: str
    basis: str
    valid_from: dt.date
    source: str

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "value": self.value,
            "unit": self.unit,
            "valid_from": self.valid_from.isoformat(),
            "source": self.source,
        }


@dataclass(frozen=True)
class Tier:
    """A step of a progressive tariff: a month's units up to ``up_to`` (None: no limit) cost
    ``krw_per_unit`` each, and a month whose use ends in this step pays ``basic_krw``."""

    up_to: float | None
    basic_krw: float
    krw_per_unit: float


@dataclass(frozen=True)
class Price:
    """What a household pays for a carrier, from a date. Without tiers, every unit costs
    ``krw_per_unit``; with tiers, a month's bill is KEPCO's: the basic charge of the step the
    month's use ends in, each step's units at its price (``summer_tiers`` in
    ``summer_months``), ``extra_per_unit`` on every unit, then VAT and the levy on the whole.
    ``indicative``: an approximation, not a cited table (screens say so)."""

    carrier: str
    krw_per_unit: float
    unit: str
    valid_from: dt.date
    source: str
    tiers: tuple[Tier, ...] = ()
    summer_tiers: tuple[Tier, ...] = ()
    summer_months: tuple[int, ...] = ()
    extra_per_unit: float = 0.0
    vat_rate: float = 0.0
    levy_rate: float = 0.0
    indicative: bool = True

    @property
    def progressive(self) -> bool:
        """Whether a unit's price depends on the month's use (a saving's value then needs
        each month's use, not only the total saved)."""
        return bool(self.tiers or self.summer_tiers)

    def steps_for(self, month: int) -> tuple[Tier, ...]:
        """The steps that bill calendar month ``month`` (1-12)."""
        if month in self.summer_months and self.summer_tiers:
            return self.summer_tiers
        return self.tiers

    def bill_of_steps(self, month: int, steps: Sequence[tuple[int, float]]) -> float:
        """The bills of several households' months of one calendar month, added, from how
        their use falls on the steps: per step (in order) the months whose use ends in it
        and the units used within it. The same as adding :meth:`bill` of each month."""
        tiers = self.steps_for(month)
        charge = sum(
            tier.basic_krw * cells + (tier.krw_per_unit + self.extra_per_unit) * units
            for tier, (cells, units) in zip(tiers, steps, strict=True)
        )
        return charge * (1.0 + self.vat_rate + self.levy_rate)

    def bill(self, quantity: float, month: int) -> float:
        """KRW of ``quantity`` units used in calendar month ``month`` (1-12), unrounded.

        Charges that do not depend on use at all (a gas basic charge) are left out: they
        are the same on both sides of a comparison. ``quantity`` below zero counts as zero.
        """
        used = max(quantity, 0.0)
        steps = (
            self.summer_tiers if month in self.summer_months and self.summer_tiers else self.tiers
        )
        if not steps:
            charge = used * self.krw_per_unit
        else:
            charge, floor = 0.0, 0.0
            basic = steps[-1].basic_krw
            for step in steps:
                top = used if step.up_to is None else min(used, step.up_to)
                if top > floor:
                    charge += (top - floor) * step.krw_per_unit
                if step.up_to is None or used <= step.up_to:
                    basic = step.basic_krw
                    break
                floor = step.up_to
            charge += basic
        charge += used * self.extra_per_unit
        return charge * (1.0 + self.vat_rate + self.levy_rate)


@dataclass(frozen=True)
class FactorSet:
    """The factors and prices valid on one date: what one comparison uses on both sides."""

    as_of: dt.date
    factors: dict[str, Factor]
    prices: dict[str, Price]

    def value(self, key: str) -> float | None:
        factor = self.factors.get(key)
        return factor.value if factor else None
