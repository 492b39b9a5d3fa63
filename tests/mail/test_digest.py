"""Staff's daily digest: what waits for them, counted as the library's own screens count it,
one message a day to each active staff account with an address (in its language) that has not
turned the digest off, nothing to anyone when nothing waits, and the command line."""

from __future__ import annotations

import datetime as dt
import json

from energy.accounts import users as accounts
from energy.call import applications, grants, reviews
from energy.core.access import CLI_ACTOR
from energy.core.i18n import SEOUL
from energy.mail.digest import ITEMS_SHOWN, queue_digests, staff_workload
from energy.readings.reporting import villages_lacking_readings
from tests.energy_cli import energy
from tests.mail.queued import PASSWORD, mute, queued


def test_the_digest_counts_what_the_screens_show(small_store: str) -> None:
    url = small_store
    today = dt.date.today()
    workload = staff_workload(CLI_ACTOR, today, url=url)
    apps = applications.list_applications(CLI_ACTOR, url=url)
    rows = grants.grants(CLI_ACTOR, url=url)
    open_reviews = [
        a
        for call in {a.call_id for a in apps}
        for a in reviews.call_assignments(CLI_ACTOR, call, url=url)
        if a.open and not a.submitted and a.conflict is not True
    ]
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    expected = {
        "applications": sum(a.status == "submitted" for a in apps),
        "reviews": len(open_reviews),
        "grants_to_pay": sum(r.paid_krw < r.award_krw for r in rows),
        "reports_missing": sum(r.reported_krw is None and r.call_year < today.year for r in rows),
        "readings": len(villages_lacking_readings(CLI_ACTOR, last_month, url=url)),
    }
    counts = workload.counts()
    assert {k: counts.get(k, 0) for k in expected} == expected
    assert counts["applications"] > 0 and counts["reports_missing"] > ITEMS_SHOWN
    assert all(s.count and len(s.items) == min(s.count, ITEMS_SHOWN) for s in workload.sections)


def test_each_staff_member_gets_one_digest_a_day_in_their_language(small_store: str) -> None:
    url = small_store
    day = dt.date.today()
    report = queue_digests(CLI_ACTOR, day, url=url)
    # admin (Korean) and staff.en (English); former.staff is disabled; no other role gets one.
    assert (report.staff, report.queued, report.already) == (2, 2, 0)
    ko, en = queued(url, "digest")
    assert (ko.to, ko.language, en.to, en.language) == (
        "admin@example.org", "ko", "staff.en@example.org", "en",
    )  # fmt: skip
    total = report.workload.total
    assert ko.subject.endswith(f"{day.year}년 {day.month}월 {day.day}일 처리할 일 {total}건")
    assert f"{total} things waiting for you" in en.subject
    assert "심사 시작을 기다리는 신청서" in ko.text and "submitted applications waiting" in en.text
    assert "외 " in ko.text and "more" in en.text  # the sections past five items are counted
    assert "http://localhost:8501/calls" in en.text and 'href="http://localhost:8501/"' in en.html
    assert en.text.count("Open: http://localhost:8501/calls") == 1  # once per page
    assert "/account" in en.text  # optional: where to turn it off
    again = queue_digests(CLI_ACTOR, day, url=url)
    assert (again.queued, again.already) == (0, 2)
    # The next day: a new digest, but not for one who turned it off.
    mute(url, "staff.en", "digest")
    tomorrow = queue_digests(CLI_ACTOR, day + dt.timedelta(days=1), url=url)
    assert (tomorrow.staff, tomorrow.queued) == (1, 1)
    assert [m.to for m in queued(url, "digest")] == [
        "admin@example.org", "staff.en@example.org", "admin@example.org",
    ]  # fmt: skip


def test_nothing_is_sent_when_nothing_waits(fresh_store: str) -> None:
    accounts.add_user(CLI_ACTOR, username="kim", password=PASSWORD, role="admin",
                      email="kim@example.org", url=fresh_store)  # fmt: skip
    report = queue_digests(CLI_ACTOR, dt.date(2027, 3, 5), url=fresh_store)
    assert (report.workload.total, report.staff, report.queued) == (0, 1, 0)
    result = energy(fresh_store, "digest", "--date", "2027-03-05")
    assert (result.returncode, result.stdout.strip()) == (
        0, "nothing waits for staff on 2027-03-05: no digest queued",
    )  # fmt: skip
    assert queued(fresh_store) == []


def test_the_digest_command_queues_once_a_day(small_store: str) -> None:
    first = energy(small_store, "digest", "--json")
    assert first.returncode == 0, first.stderr
    found = json.loads(first.stdout)
    assert found["date"] == dt.datetime.now(SEOUL).date().isoformat()
    assert (found["staff"], found["queued"], found["already_queued"]) == (2, 2, 0)
    assert found["waiting"] == sum(found["sections"].values()) > 0
    again = energy(small_store, "digest", "--date", found["date"])
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{found['waiting']} things wait for staff on {found['date']}")
    assert again.stdout.rstrip().endswith("queued 0 digests (2 queued before, not again)")
    bad = energy(small_store, "digest", "--date", "2027-02-30")
    assert bad.returncode == 1 and "'2027-02-30' is not a date" in bad.stderr
    assert len(queued(small_store, "digest")) == 2
