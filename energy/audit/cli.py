"""The ``audit`` command of ``python -m energy`` (energy/cli.py adds it): the log as sentences,
newest first, filtered as on the screen, or every matching entry as CSV. It parses and prints;
the words are :mod:`energy.audit`'s."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from energy.core.access import CLI_ACTOR

KINDS_HELP = "readings, households, villages, accounts, logins, calls, applications, reviews, ..."


def add_commands(sub: Any) -> None:
    """The ``audit`` command on the CLI's subparsers ``sub``."""
    p = sub.add_parser("audit", help="the audit log as sentences (newest first), or as CSV")
    p.add_argument("--who", metavar="LOGIN", default="", help="one person's entries")
    p.add_argument("--village", metavar="CODE", help="one village's entries")
    p.add_argument("--kind", default="", help=f"one kind of thing: {KINDS_HELP}")
    p.add_argument(
        "--action", default="", help="create, update, delete, login, import_readings, ..."
    )
    p.add_argument("--since", type=dt.date.fromisoformat, help="YYYY-MM-DD (Seoul days)")
    p.add_argument("--until", type=dt.date.fromisoformat, help="YYYY-MM-DD, inclusive")
    p.add_argument("--limit", type=int, default=50, help="entries printed (default 50)")
    p.add_argument("--csv", metavar="FILE", help="write every matching entry to FILE instead")
    p.add_argument("--lang", choices=("ko", "en"), default="ko")
    p.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    from energy.audit import kinds, log
    from energy.core.errors import InvalidInput
    from energy.core.i18n import SEOUL
    from energy.store.db import ensure_store

    ensure_store()
    if args.kind and args.kind not in kinds.KINDS:
        raise InvalidInput("error.unknown_audit_kind", field="kind", kind=args.kind)
    if args.action and args.action not in kinds.ACTIONS:
        raise InvalidInput("error.unknown_audit_action", field="action", action=args.action)
    village = log.village_id(CLI_ACTOR, args.village) if args.village else None
    chosen = log.LogFilter(args.who, village, args.kind, args.action, args.since, args.until)
    if args.csv:
        Path(args.csv).write_bytes(log.export_csv(CLI_ACTOR, chosen, args.lang))
        return 0
    found = log.read_log(CLI_ACTOR, chosen, lang=args.lang, page_size=max(1, args.limit))
    for entry in found.entries:
        print(f"{entry.at.astimezone(SEOUL):%Y-%m-%d %H:%M}  {entry.sentence}")
    return 0
