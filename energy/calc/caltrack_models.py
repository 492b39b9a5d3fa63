"""CalTRACK 2.0's candidate models (§3.2, §3.4.3): for each heating and cooling balance point
with enough degree days, the intercept-only, HDD-only, CDD-only and HDD+CDD models fitted by
weighted least squares at once, their adjusted R², whether each qualified, and the selection
of the best. The rule book around them (periods, disqualification, prediction): the module
:mod:`energy.calc.caltrack`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from energy.calc.degree_days import BALANCE_POINTS_C

# §3.2.2.2.2: at least 20 °F·days in the baseline year; a °F degree is 5/9 of a °C degree.
MIN_TOTAL_DEGREE_DAYS_C = 20 * 5 / 9

MODELS: tuple[str, ...] = ("intercept_only", "hdd_only", "cdd_only", "hdd_cdd")
# Explanatory variables of each model, not counting the intercept (c in §3.4.3.3.3).
VARIABLES = {"intercept_only": 0, "hdd_only": 1, "cdd_only": 1, "hdd_cdd": 2}


@dataclass(frozen=True)
class Candidate:
    """One candidate model of the grid search (§3.4.3.1) and whether it qualified (§3.4.3.2)."""

    model: str
    heating_balance_c: float | None
    cooling_balance_c: float | None
    intercept: float
    beta_hdd: float
    beta_cdd: float
    r_squared: float
    adj_r_squared: float
    qualified: bool


def wls(
    designs: np.ndarray, y: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fit many designs at once: designs (K, P, m) -> coefficients (K, m), weighted SSR (K,),
    and a mask of the designs whose normal equations were solvable (full rank)."""
    k, _, m = designs.shape
    xtw = designs.transpose(0, 2, 1) * w[None, None, :]
    xtwx = xtw @ designs
    xtwy = xtw @ y
    solvable = np.linalg.cond(xtwx) < 1e12 if k else np.zeros(0, dtype=bool)
    coef = np.zeros((k, m))
    if solvable.any():
        coef[solvable] = np.linalg.solve(xtwx[solvable], xtwy[solvable][..., None])[..., 0]
    residuals = y[None, :] - np.einsum("kpm,km->kp", designs, coef)
    ssr = (w[None, :] * residuals**2).sum(axis=1)
    return coef, ssr, solvable


def adjusted_r_squared(ssr: np.ndarray, sst: float, periods: int, variables: int) -> np.ndarray:
    """§3.4.3.3.1: 1 − (SS_res / (P − c − 1)) / (SS_tot / (P − 1))."""
    if sst <= 0:
        return np.zeros_like(ssr)
    return 1 - (ssr / (periods - variables - 1)) / (sst / (periods - 1))


def candidate_models(
    y: np.ndarray, w: np.ndarray, hdd: np.ndarray, cdd: np.ndarray, cooling: bool
) -> list[Candidate]:
    periods = len(y)
    mean = float((w * y).sum() / w.sum())
    sst = float((w * (y - mean) ** 2).sum())
    balance = np.array(BALANCE_POINTS_C)
    days = w
    # §3.2.2.2.2: enough degree days in the baseline year for the balance point to be tried.
    heat_ok = np.flatnonzero((hdd * days[:, None]).sum(axis=0) >= MIN_TOTAL_DEGREE_DAYS_C)
    cool_ok = np.flatnonzero((cdd * days[:, None]).sum(axis=0) >= MIN_TOTAL_DEGREE_DAYS_C)
    ones = np.ones(periods)
    found: list[Candidate] = [
        Candidate("intercept_only", None, None, mean, 0.0, 0.0, 0.0, 0.0, mean >= 0)
    ]

    def add(model: str, designs: np.ndarray, pairs: list[tuple[int | None, int | None]]) -> None:
        if not pairs:
            return
        coef, ssr, solvable = wls(designs, y, w)
        c = VARIABLES[model]
        r2 = 1 - ssr / sst if sst > 0 else np.zeros_like(ssr)
        adj = adjusted_r_squared(ssr, sst, periods, c)
        for i, (h, k) in enumerate(pairs):
            if not solvable[i]:
                continue
            mu = float(coef[i, 0])
            bh = float(coef[i, 1]) if h is not None else 0.0
            bc = float(coef[i, -1]) if k is not None else 0.0
            found.append(
                Candidate(
                    model,
                    None if h is None else float(balance[h]),
                    None if k is None else float(balance[k]),
                    mu,
                    bh,
                    bc,
                    float(r2[i]),
                    float(adj[i]),
                    mu >= 0 and bh >= 0 and bc >= 0,  # §3.4.3.2
                )
            )

    if periods > 2:
        pairs_h: list[tuple[int | None, int | None]] = [(int(h), None) for h in heat_ok]
        add(
            "hdd_only",
            np.stack([np.column_stack([ones, hdd[:, h]]) for h, _ in pairs_h])
            if pairs_h
            else np.zeros((0, periods, 2)),
            pairs_h,
        )
        if cooling:
            pairs_c: list[tuple[int | None, int | None]] = [(None, int(c)) for c in cool_ok]
            add(
                "cdd_only",
                np.stack([np.column_stack([ones, cdd[:, c]]) for _, c in pairs_c])
                if pairs_c
                else np.zeros((0, periods, 2)),
                pairs_c,
            )
    if cooling and periods > 3:
        # §3.2.2.1: cooling balance point >= heating balance point.
        pairs_hc: list[tuple[int | None, int | None]] = [
            (int(h), int(c)) for h in heat_ok for c in cool_ok if c >= h
        ]
        if pairs_hc:
            hi = np.array([h for h, _ in pairs_hc])
            ci = np.array([c for _, c in pairs_hc])
            designs = np.stack(
                [np.broadcast_to(ones, (len(pairs_hc), periods)), hdd[:, hi].T, cdd[:, ci].T],
                axis=2,
            )
            add("hdd_cdd", designs, pairs_hc)
    return found


def select_model(candidates: Sequence[Candidate]) -> Candidate | None:
    """§3.4.3.3: the qualified candidate with the highest adjusted R²; ties to the first."""
    best: Candidate | None = None
    for candidate in candidates:
        if candidate.qualified and (best is None or candidate.adj_r_squared > best.adj_r_squared):
            best = candidate
    return best
