"""The ``report savings`` command of ``python -m energy`` (energy/cli.py adds it): parses the
scope, period and method and prints the report or its JSON contract."""

from __future__ import annotations

import argparse
import json
from typing import Any

from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput


def _ready() -> None:
    """A store at the current schema (imported here: ``--help`` loads no database code)."""
    from energy.store.db import ensure_store

    ensure_store()


def add_commands(p_reports: Any) -> None:
    """``report savings`` on the CLI's ``report`` subparsers."""
    p = p_reports.add_parser("savings", help="energy saved by a village, district, cohort or all")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--village", help="village code")
    scope.add_argument("--district", help="district name (Dongjak-gu or 동작구)")
    scope.add_argument("--cohort", type=int, help="selection year")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM")
    p.add_argument(
        "--method", choices=("eco-mileage", "baseline-year", "weather"), default="eco-mileage"
    )
    p.add_argument(
        "--baseline",
        metavar="YYYY-MM:YYYY-MM",
        help="weather method: the baseline months (default: the 12 months before --from)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_report_savings)


def cmd_report_savings(args: argparse.Namespace) -> int:
    from energy.core.i18n import format_number, format_percent
    from energy.savings import compute as savings

    start, end = savings.parse_month(args.start), savings.parse_month(args.end)
    baseline = None
    if args.baseline is not None:
        if args.method != "weather":
            raise InvalidInput("error.weather_baseline_method", field="baseline")
        first, _, last = args.baseline.partition(":")
        baseline = (savings.parse_month(first), savings.parse_month(last or first))
    _ready()
    report = savings.compute_savings(
        CLI_ACTOR,
        village=args.village,
        district=args.district,
        cohort=args.cohort,
        start=start,
        end=end,
        method=args.method,
        baseline=baseline,
    )
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{report.scope}, {report.method}, {start:%Y-%m} to {end:%Y-%m}")
    print(
        f"{'carrier':<12} {'unit':<4} {'baseline':>12} {'actual':>12} {'saving':>12} "
        f"{'saving %':>8} {'coverage':>8}  cells/expected"
    )
    for c in report.carriers:
        print(
            f"{c.carrier:<12} {c.unit:<4} {format_number(c.baseline, 'en', 1):>12} "
            f"{format_number(c.actual, 'en', 1):>12} {format_number(c.saving, 'en', 1):>12} "
            f"{format_percent(c.saving_pct, 'en'):>8} {format_percent(c.coverage, 'en'):>8}  "
            f"{c.cells}/{c.expected_cells}"
        )
    print(
        f"total saving: {format_number(report.saving_toe, 'en', 3)} TOE, "
        f"{format_number(report.saving_tco2, 'en', 3)} tCO2, KRW {format_number(report.saving_krw, 'en')}"
    )
    for total, unit in (("saving_toe", "TOE"), ("saving_tco2", "tCO2")):
        if report.not_converted.get(total):
            print(f"left out of {unit}: {', '.join(report.not_converted[total])} (no factor)")
    if report.missing_factors:
        print(f"missing in the store: {', '.join(report.missing_factors)}")
    for f in report.factors:
        print(f"factor {f.key} = {f.value} {f.unit} (from {f.valid_from})")
    if report.weather is not None:
        _print_weather(report)
    return 0


def _print_weather(report: Any) -> None:
    """The weather method's baseline, bands and each household's fit, as a table."""
    from energy.core.i18n import format_number

    weather = report.weather
    print(
        f"baseline {weather.baseline_start:%Y-%m} to {weather.baseline_end:%Y-%m}, "
        f"station {weather.station}, bands at {weather.confidence:.0%}"
    )
    if "demo" in weather.temperature_sources:
        print("temperatures: demo data made from the 1991-2020 normals, not observations")
    for carrier, band in weather.uncertainty.items():
        if band is not None:
            print(f"  {carrier}: saving ± {format_number(band, 'en', 1)}")
    print(f"{'household':<10} {'carrier':<12} {'model':<15} {'avoided':>10} {'cvrmse':>7}  note")
    for h in weather.households:
        print(
            f"{h.household:<10} {h.carrier:<12} {h.model or '-':<15} "
            f"{format_number(h.avoided, 'en', 1):>10} "
            f"{'-' if h.cvrmse is None else f'{h.cvrmse:.2f}':>7}  {h.disqualified or ''}"
        )
