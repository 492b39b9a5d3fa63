"""``python -m energy``: a thin shell over the library. It parses, calls and prints.

Every command uses the store that ``ENERGY_DATABASE_URL`` names (default: the embedded
SQLite file) and exits non-zero with a one-line reason on bad input.

Building the parser imports none of the library's working modules (nor SQLAlchemy, pandas
or Argon2): each command imports what it uses when it runs, so ``--help`` and a mistyped
argument answer at once (tests/test_cli_imports.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from energy.audit import cli as audit_cli
from energy.call import cli as call_cli
from energy.core.access import CLI_ACTOR, ROLES
from energy.core.config import get_settings
from energy.core.errors import EnergyError, InvalidInput
from energy.core.vocabulary import HOUSING_TYPES
from energy.mail import background as mail_background
from energy.mail import cli as mail_cli
from energy.mail import tracking_cli as mail_tracking_cli
from energy.savings import cli as savings_cli
from energy.weather import cli as weather_cli

Handler = Callable[[argparse.Namespace], int]
LIVES_IN_HELP = (
    "district the person lives in, Dongjak-gu or 동작구 (a reviewer living in an applicant's "
    "district is flagged in review); for --role district, required: the district it works for"
)


def _ready() -> None:
    """Commands other than ``db upgrade`` need a store at the current schema."""
    from energy.store import db

    db.ensure_store()


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from energy.savings import village_sums
    from energy.store import db

    before = db.current_revision()
    db.upgrade()
    after = db.current_revision()
    print(f"store at revision {after}" + ("" if before == after else f" (was {before or 'empty'})"))
    rebuilt = village_sums.rebuild_stale(CLI_ACTOR)
    if rebuilt:
        print(f"rebuilt the monthly sums of {rebuilt} villages")
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    from energy.store import db

    current, head = db.current_revision(), db.head_revision()
    state = "up to date" if current == head else "behind: run `python -m energy db upgrade`"
    print(f"store: {get_settings().database_url.split('@')[-1]}")
    print(f"revision {current or 'empty'} (code expects {head}): {state}")
    return 0 if current == head else 1


def _read_password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise EnergyError("error.password_stdin_required")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise EnergyError("error.password_stdin_required")
    return password


def cmd_user_add(args: argparse.Namespace) -> int:
    from energy.accounts import users as accounts

    _ready()
    user = accounts.add_user(
        CLI_ACTOR,
        username=args.name,
        password=_read_password(args),
        role=args.role,
        display_name=args.display_name,
        village_code=args.village,
        language=args.language,
        district=args.district,
        email=args.email,
    )
    where = f" for village {user.village_code}" if user.village_code else ""
    lives = f", lives in district {user.district_code}" if user.district_code else ""
    print(f"added {user.role} {user.username}{where}{lives}")
    return 0


def cmd_user_district(args: argparse.Namespace) -> int:
    from energy.accounts import applicants

    if (args.district is None) == (not args.clear):
        raise InvalidInput("error.district_or_clear", field="district")
    _ready()
    applicants.set_user_district(CLI_ACTOR, args.name, args.district)
    code = applicants.user_district(CLI_ACTOR, args.name)
    print(
        f"{args.name}: lives in district {code}" if code else f"{args.name}: district not recorded"
    )
    return 0


def cmd_user_email(args: argparse.Namespace) -> int:
    from energy.accounts import users as accounts

    if (args.address is None) == (not args.clear):
        raise InvalidInput("error.email_or_clear", field="email")
    _ready()
    user = accounts.set_email(CLI_ACTOR, args.name, args.address)
    print(
        f"{user.username}: mail goes to {user.email}"
        if user.email
        else f"{user.username}: no e-mail address"
    )
    return 0


def cmd_user_sso(args: argparse.Namespace) -> int:
    from energy.accounts import sso

    if (args.subject is None) == (not args.clear):
        raise InvalidInput("error.subject_or_clear", field="subject")
    _ready()
    sso.link_identity(CLI_ACTOR, args.name, args.subject)
    print(
        f"{args.name}: linked to the city account {args.subject}"
        if args.subject
        else f"{args.name}: not linked to a city account (matched by verified address)"
    )
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from energy.accounts import users as accounts

    _ready()
    users = accounts.list_users(CLI_ACTOR)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "username": u.username,
                        "display_name": u.display_name,
                        "role": u.role,
                        "village": u.village_code,
                        "district": u.district_code,
                        "language": u.language,
                        "email": u.email,
                        "active": u.is_active,
                    }
                    for u in users
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for u in users:
        state = "active" if u.is_active else "disabled"
        village = u.village_code or "-"
        print(f"{u.username:<20} {u.role:<10} {village:<14} {state:<9} {u.display_name}")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from energy.accounts import users as accounts

    _ready()
    accounts.set_user_active(CLI_ACTOR, args.name, False)
    print(f"disabled {args.name}")
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    from energy.accounts import users as accounts

    _ready()
    accounts.set_user_active(CLI_ACTOR, args.name, True)
    print(f"enabled {args.name}")
    return 0


def cmd_user_password(args: argparse.Namespace) -> int:
    from energy.accounts import users as accounts

    _ready()
    accounts.reset_password(CLI_ACTOR, args.name, _read_password(args))
    print(f"password set for {args.name}")
    return 0


def cmd_village_add(args: argparse.Namespace) -> int:
    from energy.villages import directory as villages

    _ready()
    village = villages.add_village(
        CLI_ACTOR,
        code=args.code,
        name=args.name,
        district=args.district,
        cohort_year=args.cohort,
        name_en=args.name_en,
        neighbourhood=args.neighbourhood,
        housing_type=args.housing,
    )
    print(
        f"added village {village.code} ({village.name}, {village.district_en}, cohort {village.cohort_year})"
    )
    return 0


def cmd_village_list(args: argparse.Namespace) -> int:
    from energy.villages import directory as villages

    _ready()
    found = villages.list_villages(CLI_ACTOR)
    if args.json:
        print(json.dumps([v.as_json() for v in found], ensure_ascii=False, indent=2))
        return 0
    for v in found:
        print(
            f"{v.code:<14} {v.cohort_year}  Y{v.programme_stage:<10} {v.status:<10} "
            f"{v.district_en:<16} {v.name}"
        )
    print(f"{len(found)} villages")
    return 0


def cmd_household_add(args: argparse.Namespace) -> int:
    from energy.villages import households

    _ready()
    added = households.add_household(
        CLI_ACTOR,
        args.village,
        code=args.code,
        housing_type=args.housing,
        occupants=args.occupants,
        joined_on=dt.date.fromisoformat(args.joined) if args.joined else None,
    )
    print(f"added household {added.code} to {args.village}")
    return 0


def cmd_readings_import(args: argparse.Namespace) -> int:
    from energy.readings import files as readings_file
    from energy.readings import imports as readings

    _ready()
    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput("error.file_missing", path=str(path))
    try:
        result = readings.import_readings(
            CLI_ACTOR,
            args.village,
            readings_file.read_rows(path),
            filename=path.name,
            register_households=args.register_households,
            accept_conflicts=args.accept_conflicts,
        )
    except readings.ImportRejected as exc:
        print(f"error: {exc.message('en')}", file=sys.stderr)
        for issue in exc.report.errors:
            where = f"line {issue.line}" if issue.line is not None else "file"
            column = f" [{issue.column}]" if issue.column else ""
            print(f"  {where}{column}: {issue.message('en')}", file=sys.stderr)
        return 1
    for issue in result.report.warnings:
        print(f"warning: line {issue.line}: {issue.message('en')}", file=sys.stderr)
    print(
        f"imported {path.name} into {args.village}: {result.added} added, {result.changed} changed, "
        f"{result.unchanged} unchanged, {result.dropped} conflicts kept as stored"
        + (" (use --accept-conflicts to overwrite them)" if result.dropped else "")
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from energy.demo import load as demo

    _ready()
    if (args.households is None) != (args.years is None):
        raise InvalidInput("error.demo_scale_both")
    if args.households is not None and (args.households < 1 or not 1 <= args.years <= 15):
        raise InvalidInput("error.demo_scale_range")
    summary = demo.load_demo(with_readings=args.households is None)
    print(
        f"demo data loaded: {summary.villages} villages in {summary.districts} districts, "
        f"{summary.users} users (password: {demo.DEMO_PASSWORD})"
    )
    if args.households is not None:
        from energy.demo import scale

        def report(done: int, total: int) -> None:
            print(f"  {done:,} of {total:,} households written", file=sys.stderr)

        added = scale.add_scale_readings(
            households=args.households, years=args.years, progress=report
        )
        print(
            f"scale data: {added.households:,} households in {added.villages} villages, "
            f"{added.readings:,} readings over {args.years} years"
        )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from energy.store import backup

    _ready()
    summary = backup.backup(CLI_ACTOR, Path(args.file))
    print(
        f"backup written to {summary.path}: {sum(summary.rows.values())} rows, revision {summary.revision}"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from energy.savings import village_sums
    from energy.store import backup

    _ready()
    summary = backup.restore(CLI_ACTOR, Path(args.file))
    # A village the restored rows marked stale is rebuilt now rather than on a page view.
    village_sums.rebuild_stale(CLI_ACTOR)
    print(f"restored {sum(summary.rows.values())} rows from {summary.path}")
    return 0


def cmd_deck(args: argparse.Namespace) -> int:
    from energy.townhall import deck

    out = Path(args.out)
    kind = deck.export_kind(out, village=args.village)  # a wrong file name fails before any work
    _ready()
    written = deck.write_export(
        CLI_ACTOR, out, year=args.year, lang=args.lang, district=args.district, village=args.village
    )
    unit = "slides" if kind == "deck" else "pages" if kind == "handout" else "page"
    print(f"wrote {written.path} ({written.kind}, {written.pages} {unit})")
    return 0


def cmd_call_list(args: argparse.Namespace) -> int:
    from energy.call import calls
    from energy.call import reports as call_reports

    _ready()
    found = calls.list_calls(CLI_ACTOR)
    if args.json:
        print(
            json.dumps([call_reports.call_summary(CLI_ACTOR, c) for c in found], ensure_ascii=False)
        )
        return 0
    for c in found:
        row = call_reports.call_summary(CLI_ACTOR, c)
        print(
            f"{c.year}  {c.opens_on} to {c.closes_on}  {c.title}  "
            f"applications {row['applications']}, selected {row['selected']}, "
            f"committed {row['committed_krw']:,} of {c.budget_krw:,} KRW"
        )
    return 0


def cmd_call_export(args: argparse.Namespace) -> int:
    from energy.call import reports as call_reports
    from energy.core.output import safe_output_path, write_atomically

    out = safe_output_path(Path(args.out), (f".{args.format}",))  # before any work
    _ready()
    data = call_reports.export_year(CLI_ACTOR, args.year, args.format)
    write_atomically(safe_output_path(out, (f".{args.format}",)), data)
    print(f"wrote {args.out} ({args.format}, call year {args.year})")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from energy.core.output import safe_output_path, write_atomically
    from energy.training import calendar as training_calendar

    out = safe_output_path(Path(args.out), (".ics",))  # before any work
    _ready()
    if args.village:
        cal = training_calendar.village_calendar(CLI_ACTOR, args.village, lang=args.lang)
    else:
        cal = training_calendar.trainer_calendar(CLI_ACTOR, args.trainer, lang=args.lang)
    write_atomically(safe_output_path(out, (".ics",)), cal.content)
    print(f"wrote {args.out} ({cal.events} sessions: {cal.name})")
    return 0


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments get one line on stderr (and the usual exit status 2), like every error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="python -m energy",
        description="Seoul Energy Self-Reliant Villages: command line. "
        "The store is ENERGY_DATABASE_URL (default: data/energy.store.db).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_db = sub.add_parser("db", help="the store's schema").add_subparsers(
        dest="db_command", required=True
    )
    p = p_db.add_parser("upgrade", help="migrate the store to the current schema")
    p.set_defaults(handler=cmd_db_upgrade)
    p = p_db.add_parser("status", help="show the store's schema revision")
    p.set_defaults(handler=cmd_db_status)

    p_user = sub.add_parser("user", help="accounts").add_subparsers(
        dest="user_command", required=True
    )
    p = p_user.add_parser("add", help="add an account (password read from standard input)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--village", help="village code (committee accounts only)")
    p.add_argument("--display-name")
    p.add_argument("--language", choices=("ko", "en"), default="ko")
    p.add_argument("--district", help=LIVES_IN_HELP)
    p.add_argument("--email", metavar="ADDR", help="where the person's mail goes")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_user_add)
    p = p_user.add_parser("email", help="set where a person's mail goes (or --clear it)")
    p.add_argument("name")
    p.add_argument("address", nargs="?", metavar="ADDR")
    p.add_argument("--clear", action="store_true", help="the person gets no mail")
    p.set_defaults(handler=cmd_user_email)
    p = p_user.add_parser(
        "sso", help="link an account to its city account's subject (or --clear the link)"
    )
    p.add_argument("name")
    p.add_argument("subject", nargs="?", help="the identity provider's ISSUER#SUB")
    p.add_argument("--clear", action="store_true", help="match by verified address again")
    p.set_defaults(handler=cmd_user_sso)
    p = p_user.add_parser("district", help="record where a person lives (or --clear it)")
    p.add_argument("name")
    p.add_argument("district", nargs="?", help=LIVES_IN_HELP)
    p.add_argument("--clear", action="store_true", help="the district is not recorded")
    p.set_defaults(handler=cmd_user_district)
    p = p_user.add_parser("list", help="list accounts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_user_list)
    p = p_user.add_parser("disable", help="disable an account (it can no longer log in)")
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_disable)
    p = p_user.add_parser("enable", help="enable a disabled account")
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_enable)
    p = p_user.add_parser("password", help="set an account's password (read from stdin)")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(handler=cmd_user_password)

    p_village = sub.add_parser("village", help="villages").add_subparsers(
        dest="village_command", required=True
    )
    p = p_village.add_parser("add", help="register a village")
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--district", required=True, help="English (Dongjak-gu) or Korean (동작구) name")
    p.add_argument("--cohort", type=int, help="year selected (default: this year)")
    p.add_argument("--name-en")
    p.add_argument("--neighbourhood")
    p.add_argument("--housing", choices=HOUSING_TYPES, default="mixed")
    p.set_defaults(handler=cmd_village_add)
    p = p_village.add_parser("list", help="list villages")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_village_list)

    p_household = sub.add_parser("household", help="households").add_subparsers(
        dest="household_command", required=True
    )
    p = p_household.add_parser("add", help="register a household under a code (never a name)")
    p.add_argument("code")
    p.add_argument("--village", required=True, help="village code")
    p.add_argument("--housing", choices=HOUSING_TYPES)
    p.add_argument("--occupants", type=int)
    p.add_argument("--joined", help="YYYY-MM-DD (default: today)")
    p.set_defaults(handler=cmd_household_add)

    p_readings = sub.add_parser("readings", help="monthly readings").add_subparsers(
        dest="readings_command", required=True
    )
    p = p_readings.add_parser("import", help="import a readings file (all rows or none)")
    p.add_argument("file", help="CSV (UTF-8, UTF-8 with BOM or CP949) or Excel .xlsx")
    p.add_argument("--village", required=True, help="village code")
    p.add_argument(
        "--register-households", action="store_true", help="register unknown household codes"
    )
    p.add_argument(
        "--accept-conflicts", action="store_true", help="overwrite stored values that differ"
    )
    p.set_defaults(handler=cmd_readings_import)

    weather_cli.add_commands(sub)
    p = sub.add_parser(
        "demo",
        help="load the demo data set into an empty store "
        "(--households N --years Y: city-scale data instead of the demo readings)",
    )
    p.add_argument("--households", type=int, help="households to generate (with --years)")
    p.add_argument("--years", type=int, help="years of monthly readings (with --households)")
    p.set_defaults(handler=cmd_demo)
    audit_cli.add_commands(sub)
    mail_cli.add_commands(sub)
    mail_tracking_cli.add_commands(sub)
    p = sub.add_parser("backup", help="write a consistent snapshot of the store to FILE")
    p.add_argument("file")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="replace the store's contents with the snapshot in FILE")
    p.add_argument("file")
    p.set_defaults(handler=cmd_restore)
    p_report = sub.add_parser("report", help="reports (add --json for the JSON contract)")
    p_reports = p_report.add_subparsers(dest="report_command", required=True)
    savings_cli.add_commands(p_reports)
    p = sub.add_parser(
        "deck", help="the town-hall deck (.pptx) or PDF handout (.pdf); --village: its page (.pdf)"
    )
    p.add_argument("--year", type=int, required=True, help="the year the slides tell")
    p.add_argument("--lang", choices=("ko", "en"), default="ko")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.pptx or FILE.pdf")
    p.add_argument("--district", help="one district (Dongjak-gu or 동작구); default: all of Seoul")
    p.add_argument("--village", metavar="CODE", help="write this village's one-page summary (.pdf)")
    p.set_defaults(handler=cmd_deck)
    p_call = sub.add_parser("call", help="the annual call").add_subparsers(
        dest="call_command", required=True
    )
    p = p_call.add_parser("list", help="list the calls with their applications and budget")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_call_list)
    p = p_call.add_parser("export", help="applications, scores and decisions of a year's calls")
    p.add_argument("year", type=int)
    p.add_argument("--format", choices=("csv", "xlsx"), required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_call_export)
    call_cli.add_commands(p_call)
    p = sub.add_parser("calendar", help="a village's or a trainer's training sessions as iCalendar")
    whose = p.add_mutually_exclusive_group(required=True)
    whose.add_argument("--village", metavar="CODE", help="village code")
    whose.add_argument("--trainer", metavar="NAME", help="trainer's name")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.ics")
    p.add_argument("--lang", choices=("ko", "en"), default="ko")
    p.set_defaults(handler=cmd_calendar)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except EnergyError as exc:
        print(f"error: {exc.message('en')}", file=sys.stderr)
        return 1
    except Exception as exc:
        line = _failure_line(exc)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 1
    finally:
        # A change that queued mail started this process's sender (energy.mail.background):
        # let it finish before the process ends, rather than cut a send short.
        mail_background.wait_for_idle()


def _failure_line(exc: Exception) -> str | None:
    """The one line said for a failure of the store or of the system, or ``None`` for any
    other exception (it goes on up). SQLAlchemy is imported here: by now the command has."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError):
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return f"error: the store could not be used: {reason}"
    if isinstance(exc, ValueError):  # a bad setting, e.g. a malformed number in the environment
        return f"error: {exc}"
    if isinstance(exc, OSError):
        return f"error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": ")
    return None
