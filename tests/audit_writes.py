"""Everyday writes on a demo store, as people make them, for the audit log's tests: a committee
logs in and saves readings (a new household, then one value changed), an applicant submits,
attaching a plan and taking it off, a reviewer declares and scores, staff change a role, disable and re-enable an account, reset
a password, pause a village, keep a training list, record and correct an attendance, move and
cancel a session, set the training rules, add a factor, a story and a household's solar
panels, a failed login. Each step's entries are kept by name."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

from sqlalchemy import func, select

from energy.accounts import users as accounts
from energy.call import applications, attachments, reviews
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import InvalidInput
from energy.readings.files import read_rows
from energy.readings.imports import import_readings
from energy.savings import factors
from energy.store import db
from energy.store.audit import AuditFilter, AuditRecord, read_audit
from energy.store.models.system import AuditEntry
from energy.store.models.training import TrainingSession
from energy.training import attendance, checkin_board, checkin_public, schedule
from energy.training.checkin_codes import shown_code
from energy.villages import directory, households, stories
from tests.attachment_files import pdf

PASSWORD = "energy-demo-2026"  # the demo accounts' password
VILLAGE = "DJK-2012-01"  # 성대골 마을, the committee account's village
TODAY = dt.date(2026, 12, 1)


def newest(url: str) -> int:
    """The id of the log's newest entry."""
    with db.session_for(CLI_ACTOR, url=url) as session:
        return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def entries(url: str, ids: list[int]) -> list[AuditRecord]:
    """The entries ``ids``, oldest first."""
    found = read_audit(CLI_ACTOR, AuditFilter(), limit=5_000, url=url).records
    wanted = set(ids)
    return sorted((r for r in found if r.id in wanted), key=lambda r: r.id)


def _log_in(url: str, name: str) -> Actor:
    actor = accounts.authenticate(name, PASSWORD, url=url).actor
    assert actor is not None, name
    return actor


def everyday_writes(url: str) -> dict[str, list[int]]:
    """The writes, and each step's audit entry ids (oldest first) by the step's name."""
    steps: dict[str, list[int]] = {}

    def step(name: str, action: Callable[[], object]) -> None:
        since = newest(url)
        action()
        steps[name] = list(range(since + 1, newest(url) + 1))

    committee: list[Actor] = []
    step("login", lambda: committee.append(_log_in(url, "committee")))
    step("login_failed", lambda: accounts.authenticate("committee", "not the password", url=url))
    rows = "household,month,carrier,value,unit\n"
    step("readings_new", lambda: import_readings(
        committee[0], VILLAGE, read_rows((rows + "H-812,2025-03,gas,212,MJ\n").encode()),
        filename="3월 사용량.csv", register_households=True, today=TODAY, url=url,
    ))  # fmt: skip
    step("reading_changed", lambda: import_readings(
        committee[0], VILLAGE, read_rows((rows + "H-812,2025-03,gas,221,MJ\n").encode()),
        source="entry", accept_conflicts=True, today=TODAY, url=url,
    ))  # fmt: skip
    step("household_added", lambda: households.add_household(
        committee[0], VILLAGE, code="H-813", occupants=3, joined_on=TODAY, url=url,
    ))  # fmt: skip
    step("solar_added", lambda: households.add_generation(
        committee[0], VILLAGE, "H-813", kind="balcony_solar", units=1, watts_per_unit=325,
        installed_on=TODAY, url=url,
    ))  # fmt: skip

    applicant = _log_in(url, "applicant")
    draft = next(
        a for a in applications.list_applications(applicant, url=url) if a.status == "draft"
    )
    attached: list[int] = []
    step("attachment_added", lambda: attached.append(attachments.add_attachment(
        applicant, draft.id, kind="plan", file_name="사업계획서.pdf", content=pdf(), today=TODAY,
        url=url,
    ).id))  # fmt: skip
    step("attachment_removed", lambda: attachments.delete_attachment(
        applicant, attached[0], today=TODAY, url=url))  # fmt: skip
    step("application_submitted", lambda: applications.submit_application(
        applicant, draft.id, today=TODAY, url=url))  # fmt: skip

    reviewer = _log_in(url, "reviewer")
    open_review = next(a for a in reviews.my_assignments(reviewer, url=url) if a.conflict is None)
    step("no_conflict", lambda: reviews.declare_conflict(
        reviewer, open_review.id, conflict=False, url=url))  # fmt: skip
    scores = {c: (7, "") for c in ("sustainability", "publicness", "community", "feasibility")}
    step("review", lambda: reviews.score_application(reviewer, open_review.id, scores, url=url))

    step("role_changed", lambda: accounts.update_user(
        CLI_ACTOR, "reviewer2", role="admin", display_name="최민준 (심사위원)", village_code=None,
        url=url,
    ))  # fmt: skip
    step("account_disabled", lambda: accounts.set_user_active(CLI_ACTOR, "viewer", False, url=url))
    step("account_enabled", lambda: accounts.set_user_active(CLI_ACTOR, "viewer", True, url=url))
    step("password_reset", lambda: accounts.reset_password(
        CLI_ACTOR, "viewer", "a brand new long password", url=url))  # fmt: skip
    step("village_paused", lambda: directory.change_status(
        CLI_ACTOR, VILLAGE, status="paused", reason_code="lack_of_time", effective_on=TODAY,
        url=url,
    ))  # fmt: skip

    now = dt.datetime.now(dt.UTC)
    past = [
        s for s in schedule.list_sessions(CLI_ACTOR, url=url)
        if s.status == "scheduled" and s.starts_at < now and s.village_codes
    ]  # fmt: skip
    session = max(past, key=lambda s: s.starts_at)
    person: list[int] = []
    step("participant_added", lambda: person.append(attendance.add_participant(
        CLI_ACTOR, session.village_codes[0], name="김민지", role="organiser", url=url,
    ).id))  # fmt: skip
    step("attendance", lambda: attendance.record_attendance(
        CLI_ACTOR, session.id, {person[0]: "present"}, url=url))  # fmt: skip
    step("attendance_changed", lambda: attendance.record_attendance(
        CLI_ACTOR, session.id, {person[0]: "late"}, url=url))  # fmt: skip
    # Self check-in without an account, at that session while it ran: a wrong code, a name
    # the list does not know, which the staff add to the list.
    opened = session.starts_at + dt.timedelta(minutes=1)
    checkin_board.open_check_in(CLI_ACTOR, session.id, now=opened, url=url)
    with db.session_for(CLI_ACTOR, url=url) as s:
        row = s.get(TrainingSession, session.id)
        assert row is not None and row.checkin_secret is not None
        code = shown_code(row.checkin_secret, session.id, opened).code
    village_id, phone = session.village_ids[0], "10.9.9.9"

    def check_in(typed: str) -> None:
        with contextlib.suppress(InvalidInput):  # (a wrong code is refused, and audited)
            checkin_public.self_check_in(
                session.id, typed, village_id, "처음 온 주민", phone, now=opened, url=url
            )

    def add_the_name() -> None:
        board = checkin_board.check_in_board(CLI_ACTOR, session.id, now=opened, url=url)
        checkin_board.resolve_check_in(
            CLI_ACTOR, session.id, board.unmatched[0].id, "added", now=opened, url=url
        )

    step("self_checkin_refused", lambda: check_in(f"{(int(code) + 1) % 10**6:06d}"))
    step("self_checkin", lambda: check_in(code))
    step("self_checkin_added", add_the_name)
    coming = min(
        (s for s in schedule.list_sessions(CLI_ACTOR, url=url) if s.status == "scheduled"
         and s.starts_at > now),
        key=lambda s: s.starts_at,
    )  # fmt: skip
    step("session_cancelled", lambda: schedule.cancel_session(CLI_ACTOR, coming.id, url=url))
    rules = attendance.get_rules(CLI_ACTOR, url=url)
    step("rules", lambda: attendance.save_rules(
        CLI_ACTOR, attendance.TrainingRules(min_organisers=rules.min_organisers + 1,
                                            count_late=not rules.count_late), url=url,
    ))  # fmt: skip
    step("factor_added", lambda: factors.add_factor(
        CLI_ACTOR, key="electricity.co2", value=0.4173, valid_from=dt.date(2026, 1, 1),
        source="2023 national grid factor (published 2025-12)", basis="", url=url,
    ))  # fmt: skip
    story: list[int] = []
    step("story_added", lambda: story.append(stories.add_story(
        CLI_ACTOR, village=VILLAGE, year=2026, quote_ko="골목이 함께 불을 껐습니다.",
        attribution_ko="성대골 주민위원회", url=url,
    ).id))  # fmt: skip
    step("story_removed", lambda: stories.delete_story(CLI_ACTOR, story[0], url=url))
    return steps
