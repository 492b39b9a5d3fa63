"""The ``mail`` commands of ``python -m energy`` (energy/cli.py adds them): ``mail send``
delivers what is due (for cron, and for recovery after an outage), ``mail list`` shows the
outbox. They parse and print; the work is :mod:`energy.mail.queue`'s."""

from __future__ import annotations

import argparse
import json
from typing import Any

from energy.core.access import CLI_ACTOR
from energy.core.vocabulary import MAIL_STATUSES


def add_commands(sub: Any) -> None:
    """The ``mail`` commands on the CLI's subparsers ``sub``."""
    mail = sub.add_parser("mail", help="the outbox: send what is due, list it").add_subparsers(
        dest="mail_command", required=True
    )
    p = mail.add_parser(
        "send",
        help="deliver the queued messages that are due (ENERGY_SMTP_URL); run it from cron",
    )
    p.add_argument(
        "--now",
        action="store_true",
        help="also the messages still waiting out their back-off (after an outage is fixed)",
    )
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="give the failed messages one more attempt too (implies --now)",
    )
    p.set_defaults(handler=cmd_mail_send)
    p = mail.add_parser("list", help="the outbox, newest first")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--status", choices=MAIL_STATUSES, help="only the messages in this state")
    p.add_argument("--limit", type=int, default=200, help="messages shown (default 200)")
    p.set_defaults(handler=cmd_mail_list)


def cmd_mail_send(args: argparse.Namespace) -> int:
    from energy.mail import queue
    from energy.store.db import ensure_store

    ensure_store()
    if args.now or args.retry_failed:
        report = queue.send_now(CLI_ACTOR, retry_failed=args.retry_failed)
    else:
        report = queue.send_due(CLI_ACTOR)
    given_up = f" ({report.given_up} given up)" if report.given_up else ""
    print(f"sent {report.sent}, failed {report.failed}{given_up}, waiting {report.waiting}")
    return 0


def cmd_mail_list(args: argparse.Namespace) -> int:
    from energy.core.i18n import SEOUL
    from energy.mail import queue
    from energy.store.db import ensure_store

    ensure_store()
    entries = queue.list_outbox(CLI_ACTOR, status=args.status, limit=max(1, args.limit))
    if args.json:
        print(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("the outbox is empty" if args.status is None else f"no {args.status} messages")
        return 0
    print(f"{'id':>6}  {'queued at':16}  {'status':6}  {'tries':>5}  to / subject")
    for e in entries:
        at = e.created_at.astimezone(SEOUL)
        print(f"{e.id:>6}  {at:%Y-%m-%d %H:%M}  {e.status:6}  {e.attempts:>5}  {e.to}")
        print(f"{'':>41}{e.subject}")
        if e.last_reply and e.status != "sent":
            print(f"{'':>41}last answer: {e.last_reply}")
    return 0
