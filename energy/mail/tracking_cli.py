"""The mail commands that keep the programme going (energy/cli.py adds them):
``remind readings --month YYYY-MM`` queues a committee's reminder of a month with missing
readings, ``digest [--date YYYY-MM-DD]`` staff's daily digest. Both are for cron; each queues
a message once however often it runs, and prints what it found and queued. They parse and
print; the work is :mod:`energy.mail.reminders`' and :mod:`energy.mail.digest`'."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import Any

from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _ready() -> None:
    """A store at the current schema (imported here: ``--help`` loads no database code)."""
    from energy.store.db import ensure_store

    ensure_store()


def add_commands(sub: Any) -> None:
    """``remind readings`` and ``digest``, on the CLI's subparsers ``sub``."""
    p_remind = sub.add_parser("remind", help="queue reminders by e-mail").add_subparsers(
        dest="remind_command", required=True
    )
    p = p_remind.add_parser(
        "readings",
        help="remind the committees of the villages that lack readings for a month (once each)",
    )
    p.add_argument("--month", required=True, help="the month, YYYY-MM (e.g. last month)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_remind_readings)
    p = sub.add_parser(
        "digest", help="queue staff's daily digest of what waits for them (once a day each)"
    )
    p.add_argument("--date", help="the day, YYYY-MM-DD (default: today in Seoul)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_digest)


def parse_month(text: str) -> dt.date:
    found = MONTH.match(text.strip())
    if found is None or not 1 <= int(found[2]) <= 12:
        raise InvalidInput("error.month_format", field="month", value=text)
    return dt.date(int(found[1]), int(found[2]), 1)


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("error.date_format", field="date", value=text) from None


def cmd_remind_readings(args: argparse.Namespace) -> int:
    from energy.mail.reminders import remind_missing_readings

    month = parse_month(args.month)
    _ready()
    report = remind_missing_readings(CLI_ACTOR, month)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    print(
        f"{len(report.lacking)} active villages lack readings for {report.month:%Y-%m}; "
        f"queued {report.queued} reminders"
        + (f" ({report.already} queued before, not again)" if report.already else "")
    )
    for code in report.unreachable:
        print(f"  {code}: no committee account with an e-mail address to remind")
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    from energy.mail.digest import queue_digests

    day = parse_day(args.date) if args.date else None
    _ready()
    report = queue_digests(CLI_ACTOR, day)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    workload = report.workload
    if not workload.total:
        print(f"nothing waits for staff on {workload.day.isoformat()}: no digest queued")
        return 0
    counts = ", ".join(f"{kind} {n}" for kind, n in workload.counts().items())
    print(
        f"{workload.total} things wait for staff on {workload.day.isoformat()} ({counts}); "
        f"queued {report.queued} digests"
        + (f" ({report.already} queued before, not again)" if report.already else "")
    )
    return 0
