"""The conversion factors and prices valid on one date: what one comparison uses on both sides."""

from __future__ import annotations

import datetime as dt
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
class Price:
    carrier: str
    krw_per_unit: float
    unit: str
    valid_from: dt.date
    source: str


@dataclass(frozen=True)
class FactorSet:
    """The factors and prices valid on one date: what one comparison uses on both sides."""

    as_of: dt.date
    factors: dict[str, Factor]
    prices: dict[str, Price]

    def value(self, key: str) -> float | None:
        factor = self.factors.get(key)
        return factor.value if factor else None
