"""The weather commands of ``python -m energy`` (energy/cli.py adds them): ``weather import``,
``weather list`` and ``weather station``. They parse and print; the work is the package's."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from energy.core.access import CLI_ACTOR
from energy.core.errors import EnergyError, InvalidInput


def _ready() -> None:
    """A store at the current schema (imported here: ``--help`` loads no database code)."""
    from energy.store.db import ensure_store

    ensure_store()


def add_commands(sub: Any) -> None:
    """The ``weather`` command and its subcommands, on the CLI's subparsers ``sub``."""
    p_weather = sub.add_parser(
        "weather", help="daily mean temperatures per station"
    ).add_subparsers(dest="weather_command", required=True)
    p = p_weather.add_parser(
        "import",
        help="import daily temperatures (all days or none): a KMA ASOS file or date,temp_c",
    )
    p.add_argument(
        "file",
        help="KMA ASOS daily CSV (지점,지점명,일시,평균기온(°C),...) or date,temp_c; CP949 or UTF-8",
    )
    p.add_argument(
        "--station",
        type=int,
        help="station number (KMA file: its rows must name it; date,temp_c: default 108)",
    )
    p.add_argument(
        "--replace", action="store_true", help="store the file's value where a stored day differs"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--lang", choices=("ko", "en"), default="ko")
    p.set_defaults(handler=cmd_weather_import)
    p = p_weather.add_parser("list", help="days stored per station and year")
    p.add_argument("--station", type=int, help="one station (default: all)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--lang", choices=("ko", "en"), default="ko")
    p.set_defaults(handler=cmd_weather_list)
    p = p_weather.add_parser(
        "station", help="serve a village by a station (its weather-normalised savings use it)"
    )
    p.add_argument("village", help="village code")
    p.add_argument("station", type=int, help="station number (108: Seoul, the default)")
    p.set_defaults(handler=cmd_weather_station)


def _print_issues(lang: str, issues: Sequence[Any]) -> None:
    """Row-numbered problems of a file, one a line, on stderr."""
    from energy.core.i18n import translate

    for issue in issues:
        where = (
            translate("weather.line", lang, line=issue.line)
            if issue.line is not None
            else translate("weather.file", lang)
        )
        column = f" [{issue.column}]" if issue.column else ""
        print(f"  {where}{column}: {issue.message(lang)}", file=sys.stderr)


def cmd_weather_import(args: argparse.Namespace) -> int:
    from energy.core.i18n import translate
    from energy.readings.report import Issue
    from energy.weather import imports as weather

    lang = args.lang
    path = Path(args.file)
    try:
        if not path.is_file():
            raise InvalidInput("error.file_missing", path=str(path))
        _ready()
        result = weather.import_temperatures(
            CLI_ACTOR, path, station=args.station, filename=path.name, replace=args.replace
        )
    except weather.WeatherRejected as exc:
        if args.json:
            print(json.dumps({"errors": [
                {"line": i.line, "column": i.column, "key": i.key, "message": i.message(lang)}
                for i in exc.issues
            ]}, ensure_ascii=False, indent=2))  # fmt: skip
        print(f"error: {exc.message(lang)}", file=sys.stderr)
        _print_issues(lang, exc.issues)
        return 1
    except weather.WeatherConflicts as exc:
        if args.json:
            print(json.dumps({"conflicts": [
                {"line": c.line, "day": c.day.isoformat(), "stored": c.stored, "new": c.new}
                for c in exc.conflicts
            ]}, ensure_ascii=False, indent=2))  # fmt: skip
        print(f"error: {exc.message(lang)}", file=sys.stderr)
        _print_issues(lang, [
            Issue(c.line, "temp_c", "weather.conflict",
                  {"day": c.day.isoformat(), "stored": c.stored, "new": c.new})
            for c in exc.conflicts
        ])  # fmt: skip
        return 1
    except EnergyError as exc:  # the file as a whole (encoding, header, size), in --lang
        print(f"error: {exc.message(lang)}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({
            "file": path.name, "station": result.station, "source": result.source,
            "batch": result.batch_id, "added": result.added, "changed": result.changed,
            "unchanged": result.unchanged, "missing": result.missing,
            "first": result.first.isoformat() if result.first else None,
            "last": result.last.isoformat() if result.last else None,
        }, ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    if result.batch_id is None:
        print(translate("weather.nothing_new", lang, station=result.station,
                        unchanged=result.unchanged))  # fmt: skip
        return 0
    print(translate("weather.imported", lang, station=result.station, added=result.added,
                    changed=result.changed, unchanged=result.unchanged,
                    first=result.first, last=result.last))  # fmt: skip
    return 0


def cmd_weather_station(args: argparse.Namespace) -> int:
    from energy.weather import temperatures

    _ready()
    temperatures.set_village_station(CLI_ACTOR, args.village, args.station)
    print(f"{args.village}: station {args.station}")
    return 0


def cmd_weather_list(args: argparse.Namespace) -> int:
    from energy.core.i18n import translate
    from energy.weather import temperatures

    _ready()
    years = temperatures.coverage(CLI_ACTOR, station=args.station)
    if args.json:
        print(json.dumps([y.as_json() for y in years], ensure_ascii=False, indent=2))
        return 0
    if not years:
        print(translate("weather.no_temperatures", args.lang))
    for y in years:
        name = y.name_ko if args.lang == "ko" else y.name_en
        print(translate("weather.coverage", args.lang, station=y.station, name=name,
                        year=y.year, days=y.days, days_in_year=y.days_in_year))  # fmt: skip
    return 0
