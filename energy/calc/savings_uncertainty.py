"""The uncertainty of a weather-normalised saving (CalTRACK 2.0 §4.3), and Student's t.

- CV(RMSE) (§4.3.2.2) on bill totals: ``sqrt(Σ(U_p − Û_p)² / (P − c)) / Ū``.
- The savings band is CalTRACK's modified ASHRAE Guideline 14 fractional savings uncertainty
  (§4.3.2.4, after ASHRAE Guideline 14-2014 Annex B and Sun & Baltazar 2013)::

      ΔU_save = t · (a·M² + b·M + d) · CV(RMSE) · sqrt((P / P′) · (1 + 2 / P′) · (1 / Q)) · U_base

  with the billing coefficients a = −0.00022, b = 0.03306, d = 0.94054 (Sun & Baltazar's
  correction for autocorrelated monthly residuals), M = Q = the number of reporting bills
  counted (one bill is one month here), P the baseline bills used, U_base the counterfactual
  total of the counted reporting bills (so ΔU_save / U_save is the spec's FSU = .../F), and
  ``P′ = P · (1 − ρ) / (1 + ρ)`` the effective number of baseline bills, ρ the lag-1
  autocorrelation of the baseline residuals in bill order (as eemeter 3.x computes P′). A
  negative ρ is taken as 0: the correction may widen the band, never narrow it. t is
  Student's t for a **two-sided 90%** interval (§4.3.2.4.2: "usually 90%") with P − c
  degrees of freedom. The band is an absolute ± in the carrier's unit.
- Several households' bands combine as the root of the sum of squares (§4.3.2.5), which
  assumes their errors are independent: :func:`combine_uncertainties`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from energy.calc.caltrack import Fit

DEFAULT_CONFIDENCE = 0.90  # §4.3.2.4.2, two-sided
# Sun & Baltazar's billing coefficients of the fractional savings uncertainty (§4.3.2.4).
FSU_A, FSU_B, FSU_D = -0.00022, 0.03306, 0.94054


def savings_uncertainty(
    fit: Fit,
    reporting_periods: int,
    counterfactual_total: float,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> float | None:
    """The absolute ± band of avoided energy over ``reporting_periods`` monthly bills whose
    counterfactual adds to ``counterfactual_total`` (§4.3.2.4; see the module rules)."""
    if fit.cvrmse is None or reporting_periods < 1 or fit.n - fit.variables < 1:
        return None
    rho = max(fit.residual_autocorrelation or 0.0, 0.0)
    if rho >= 1:
        return None
    p = fit.n
    p_effective = p * (1 - rho) / (1 + rho)
    q = m = reporting_periods
    t = student_t_quantile(1 - (1 - confidence) / 2, fit.n - fit.variables)
    polynomial = FSU_A * m**2 + FSU_B * m + FSU_D
    root = math.sqrt((p / p_effective) * (1 + 2 / p_effective) * (1 / q))
    return abs(t * polynomial * fit.cvrmse * root * counterfactual_total)


def combine_uncertainties(bands: Iterable[float | None]) -> float | None:
    """Several households' ± bands as one (§4.3.2.5): the root of the sum of squares, which
    holds when their errors are independent. ``None`` if any band is unknown."""
    total = 0.0
    for band in bands:
        if band is None:
            return None
        total += band * band
    return math.sqrt(total)


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b) by its continued fraction (Lentz's method)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _incomplete_beta(b, a, 1 - x)
    tiny = 1e-300
    f, c, d = 1.0, 1.0, 0.0
    for i in range(400):
        m = i // 2
        if i == 0:
            numerator = 1.0
        elif i % 2 == 0:
            numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
        else:
            numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 + numerator * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + numerator / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        f *= c * d
        if abs(1.0 - c * d) < 1e-15:
            break
    return front * (f - 1.0) / a


def student_t_cdf(x: float, df: float) -> float:
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, df / (df + x * x))
    return 1 - tail if x >= 0 else tail


def student_t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with ``df`` degrees of freedom (bisection on the CDF;
    no statistics package needed for one number per household)."""
    if not 0 < p < 1 or df <= 0:
        raise ValueError("p must lie in (0, 1) and df be positive")
    low, high = -1.0, 1.0
    while student_t_cdf(low, df) > p:
        low *= 2
    while student_t_cdf(high, df) < p:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if student_t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2
