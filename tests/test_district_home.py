"""Following the villages (issue 27): a district's home names, village by village, what is
due or late (readings months missing, spending reports, instalment conditions, training,
follow-ups), with the officer's log of visits; staff follow and compare every district. The
rules live in the library and hold on both stores: an officer reads its own district only
(another district's village is refused), never a household's figures; every write is
audited; each kind of item is read once for all the villages, whatever their number."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import pytest
from sqlalchemy import event, select, update

from energy.accounts import users as accounts
from energy.calc.metrics import add_months
from energy.core.access import CLI_ACTOR, Actor, village_scope
from energy.core.errors import AccessDenied, InvalidInput
from energy.district import due, visits
from energy.district import home as follow
from energy.district.visits import VisitEntry
from energy.readings import imports as readings
from energy.readings.files import read_rows
from energy.readings.reporting import reporting_in
from energy.savings import performance
from energy.store import audit, cache, db
from energy.store.audit import AuditFilter
from energy.store.models.accounts import User
from energy.store.models.call import Application, Call, Grant, Instalment, SpendingLine
from energy.store.models.readings import VillageSumsState
from energy.store.models.villages import District, Village
from energy.villages import directory as villages
from energy.villages import households
from tests.conftest import built_once

MAPO, DONGJAK = "11440", "11590"
TODAY = dt.date(2026, 12, 7)  # the scenario's day: readings followed over Jun-Nov 2026
PASSWORD = "a long enough password"


def _actor(url: str, username: str) -> Actor:
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return accounts.actor_for(user)


def _district_id(url: str, code: str) -> int:
    with db.session_for(CLI_ACTOR, url=url) as session:
        found = session.scalar(select(District.id).where(District.code == code))
        assert found is not None
        return found


def _village_ids(url: str, code: str) -> set[int]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return set(session.scalars(select(Village.id).join(District).where(District.code == code)))


def _texts(card: follow.VillageFollowing, lang: str = "en") -> list[tuple[str, str]]:
    return [(i.state, i.text(lang)) for i in card.items]


# --- who may read and write ----------------------------------------------------------------


def test_an_officer_follows_its_own_district_and_is_refused_any_other(demo_store: str) -> None:
    url = demo_store
    officer = _actor(url, "district")
    mapo, dongjak = _district_id(url, MAPO), _district_id(url, DONGJAK)
    own = follow.follow_district(officer, mapo, url=url)
    assert {v.village_id for v in own.villages} == _village_ids(url, MAPO) == village_scope(officer)
    assert (own.code, own.name("en")) == (MAPO, "Mapo-gu")
    elsewhere = min(_village_ids(url, DONGJAK))
    refused = {
        "another district's home": lambda: follow.follow_district(officer, dongjak, url=url),
        "the comparison": lambda: follow.follow_districts(officer, url=url),
        "another district's log": lambda: visits.list_visits(officer, district_id=dongjak, url=url),
        "another village's log": lambda: visits.list_visits(
            officer, district_id=mapo, village_id=elsewhere, url=url
        ),
        "writing in another village's log": lambda: visits.log_visit(
            officer, elsewhere, VisitEntry(TODAY, "visit", "x"), url=url
        ),
        "another district's savings": lambda: performance.district_village_savings(
            officer, district_id=dongjak, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1),
            url=url,
        ),
        "every district's savings": lambda: performance.district_village_savings(
            officer, district_id=None, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1),
            url=url,
        ),
    }  # fmt: skip
    for what, call in refused.items():
        with pytest.raises(AccessDenied):
            call()
            pytest.fail(f"the officer read {what}")
    for login in ("committee", "reviewer", "trainer", "viewer", "applicant"):
        other = _actor(url, login)
        with pytest.raises(AccessDenied):
            follow.follow_district(other, mapo, url=url)
        with pytest.raises(AccessDenied):
            visits.list_visits(other, district_id=mapo, url=url)


def test_the_home_holds_village_figures_never_a_households(demo_store: str) -> None:
    """What the officer gets: counts and village sums. The savings rows are the league's
    columns for the villages of its district, no household among them."""
    url = demo_store
    officer = _actor(url, "district")
    mapo = _district_id(url, MAPO)
    start, end = dt.date(2025, 12, 1), dt.date(2026, 11, 1)
    rows = performance.district_village_savings(
        officer, district_id=mapo, start=start, end=end, url=url
    )
    assert list(rows.columns) == performance.LEAGUE_COLUMNS
    assert set(rows["village_id"]) == _village_ids(url, MAPO)
    assert not [c for c in rows.columns if "household" in c and c != "households"]
    league = performance.village_league(CLI_ACTOR, start=start, end=end, url=url)
    theirs = league[league["district_code"] == MAPO].set_index("village_id")
    mine = rows.set_index("village_id")
    pd.testing.assert_series_equal(
        mine["combined_pct"].sort_index(), theirs["combined_pct"].sort_index(), check_like=True
    )
    home = follow.follow_district(officer, mapo, today=TODAY, url=url)
    fields = {f.name for f in dataclasses.fields(follow.VillageFollowing)}
    assert not {f for f in fields if "household" in f}
    baseline, actual = rows["baseline_toe"].sum(), rows["actual_toe"].sum()
    assert home.saving_pct == pytest.approx((baseline - actual) / baseline)


# --- what is due or late -------------------------------------------------------------------


def test_the_readings_window_counts_as_the_monthly_reporting_does(demo_store: str) -> None:
    """One query over the window gives, month by month, what energy.readings.reporting
    counts for each month (the reminder's and the digest's notion)."""
    url = demo_store
    today = dt.date.today()
    start, last = due.window(today)
    with db.session_for(CLI_ACTOR, url=url) as session:
        found = due.reporting_of(session, None, today)
        months = [start]
        while months[-1] < last:
            months.append(add_months(months[-1], 1))
        monthly = {m: {v.village_id: v for v in reporting_in(session, m)} for m in months}
    assert found and set(found) == set().union(*(set(m) for m in monthly.values()))
    for village_id, r in found.items():
        rows = [monthly[m].get(village_id) for m in months]
        assert r.asked == sum(v.households for v in rows if v)
        assert r.reported == sum(v.reported for v in rows if v)
        assert r.late_months == tuple(m for m, v in zip(months, rows, strict=True)
                                      if v and v.lacks_readings and m < last)  # fmt: skip
        lastly = monthly[last].get(village_id)
        short = (lastly.missing, lastly.households) if lastly and lastly.lacks_readings else None
        assert r.last_month == short
    # Read from the rows kept with the village sums above; counted from the households and
    # readings for villages whose sums are stale, the same.
    with db.get_engine(url).begin() as conn:
        conn.execute(update(VillageSumsState).values(fresh=False))
    with db.session_for(CLI_ACTOR, url=url) as session:
        assert due.reporting_of(session, None, today) == found


def _grant(session: object, village: Village, year: int, award: int, paid: list[int],
           budget: dict[str, int], spent: dict[str, int] | None) -> None:  # fmt: skip
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    call = Call(
        year=year, title=f"{year} call", opens_on=dt.date(year, 2, 1),
        closes_on=dt.date(year, 3, 15), budget_krw=10**9, cap_y1_krw=10**7, cap_y2_krw=2 * 10**7,
        cap_y3_krw=3 * 10**7, applicant_types=["resident_group"], stages=["written"],
        rubric={"community": 1.0},
    )  # fmt: skip
    session.add(call)
    session.flush()
    app = Application(
        call_id=call.id, reference=f"{year}-T-{village.id:03d}", entered_by="test",
        village_name=village.name, district_id=village.district_id, village_id=village.id,
        programme_year=year - village.cohort_year + 1, budget=budget, status="selected",
        award_krw=award,
    )  # fmt: skip
    session.add(app)
    session.flush()
    grant = Grant(application_id=app.id, call_id=call.id, village_id=village.id,
                  programme_year=app.programme_year, award_krw=award)  # fmt: skip
    session.add(grant)
    session.flush()
    for n, amount in enumerate(paid):
        session.add(Instalment(grant_id=grant.id, paid_on=dt.date(year, 5 + 4 * n, 10),
                               amount_krw=amount))  # fmt: skip
    for line, amount in (spent or {}).items():
        session.add(SpendingLine(grant_id=grant.id, line=line, amount_krw=amount, filed_by="t"))


def _mapo_villages(url: str) -> dict[str, int]:
    """Two Mapo villages (one with households and readings, one quiet), one in Dongjak, an
    officer for Mapo; the first village's two grants: 2025's (paid, no report yet) and
    2026's (7 of 10 million paid)."""
    for code, district in (("MPO-2025-01", "마포구"), ("MPO-2025-02", "마포구"),
                           ("DJK-2025-01", "동작구")):  # fmt: skip
        villages.add_village(CLI_ACTOR, code=code, name=code, district=district, cohort_year=2025,
                             today=dt.date(2025, 4, 1), url=url)  # fmt: skip
    for n in (1, 2):
        households.add_household(CLI_ACTOR, "MPO-2025-01", code=f"H-00{n}",
                                 joined_on=dt.date(2025, 4, 1), url=url)  # fmt: skip
    lines = ["household,month,carrier,value,unit"]
    for month in range(6, 12):
        lines.append(f"H-001,2026-{month:02d},electricity,300,kWh")
        if month not in (8, 11):  # H-002 missed August (late) and November (due)
            lines.append(f"H-002,2026-{month:02d},gas,1200,MJ")
    readings.import_readings(CLI_ACTOR, "MPO-2025-01", read_rows("\n".join(lines).encode()),
                             today=TODAY, url=url)  # fmt: skip
    accounts.add_user(CLI_ACTOR, username="gu.mapo", password=PASSWORD, role="district",
                      district="마포구", url=url)  # fmt: skip
    accounts.add_user(CLI_ACTOR, username="gu.mapo2", password=PASSWORD, role="district",
                      district="마포구", url=url)  # fmt: skip
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        made = {v.code: v for v in session.scalars(select(Village))}
        first = made["MPO-2025-01"]
        plan = {"equipment": 5_000_000, "training": 1_000_000}
        _grant(session, first, 2025, 6_000_000, [6_000_000], plan, None)
        _grant(session, first, 2026, 10_000_000, [7_000_000], plan, None)
        return {code: v.id for code, v in made.items()}


@pytest.fixture
def mapo(fresh_store: str, request: pytest.FixtureRequest) -> dict[str, int]:
    return built_once(request, fresh_store, _mapo_villages)


def _card(
    url: str, actor: Actor, village_id: int, today: dt.date = TODAY
) -> follow.VillageFollowing:
    cache.clear()
    home = follow.follow_district(actor, _district_id(url, MAPO), today=today, url=url)
    return next(v for v in home.villages if v.village_id == village_id)


def test_a_villages_card_names_what_is_late_then_what_is_due(
    fresh_store: str, mapo: dict[str, int]
) -> None:
    url = fresh_store
    officer = _actor(url, "gu.mapo")
    card = _card(url, officer, mapo["MPO-2025-01"])
    assert _texts(card) == [
        ("late", "Readings incomplete for Aug 2026 (1 missing)"),
        ("late", "2025 grant (year 1): spending report not filed"),
        ("late", "2026 grant: KRW 3,000,000 still to pay, waiting for the missing readings, "
                 "the earlier grant's spending report"),
        ("due", "Nov 2026 readings: 1 of 2 households still to enter"),
        ("due", "2026 grant (year 2): spending report due by 31 Dec 2026"),
    ]  # fmt: skip
    assert (card.late, card.due) == (3, 2)
    assert card.reporting.coverage == pytest.approx(10 / 12)
    assert card.items[0].text("ko") == "사용량 미입력: 2026년 8월 (1가구)"
    quiet = _card(url, officer, mapo["MPO-2025-02"])
    assert quiet.items == () and quiet.reporting.asked == 0  # no household: nothing asked
    # In the summer, this year's report is not due yet.
    summer = _card(url, officer, mapo["MPO-2025-01"], today=dt.date(2026, 9, 15))
    assert not [i for i in summer.items if i.key == "district.item.spending_due"]

    # The 2025 report is filed, one line beyond its plan: the report is in, the spending
    # is off its budget lines, and the instalment waits for that instead.
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        grant = session.scalar(select(Grant).join(Call).where(Call.year == 2025))
        assert grant is not None
        session.add(SpendingLine(grant_id=grant.id, line="equipment", amount_krw=5_500_000,
                                 filed_by="t"))  # fmt: skip
    card = _card(url, officer, mapo["MPO-2025-01"])
    assert [t for s, t in _texts(card) if s == "late"] == [
        "Readings incomplete for Aug 2026 (1 missing)",
        "2025 grant: spent beyond the application's budget (equipment)",
        "2026 grant: KRW 3,000,000 still to pay, waiting for the missing readings",
    ]

    # August's readings come in: nothing holds the instalment back; it is due.
    readings.import_readings(
        CLI_ACTOR, "MPO-2025-01",
        read_rows(b"household,month,carrier,value,unit\nH-002,2026-08,gas,1100,MJ\n"),
        today=TODAY, url=url,
    )  # fmt: skip
    card = _card(url, officer, mapo["MPO-2025-01"])
    assert ("due", "2026 grant: KRW 3,000,000 still to pay, its conditions met") in _texts(card)
    assert not [i for i in card.items if i.kind == "readings" and i.state == "late"]


def test_a_follow_up_is_late_once_its_day_passes_until_a_later_contact(
    fresh_store: str, mapo: dict[str, int]
) -> None:
    url = fresh_store
    officer = _actor(url, "gu.mapo")
    quiet = mapo["MPO-2025-02"]
    met = VisitEntry(dt.date(2026, 11, 20), "visit", "Met the committee.", dt.date(2026, 12, 10))
    visits.log_visit(officer, quiet, met, today=TODAY, url=url)
    card = _card(url, officer, quiet)
    assert _texts(card) == [("due", "Follow-up due on 10 Dec 2026 (contact of 20 Nov 2026)")]
    assert _texts(_card(url, officer, quiet, today=dt.date(2026, 12, 11))) == [
        ("late", "Follow-up promised for 10 Dec 2026 (contact of 20 Nov 2026)")
    ]
    # Another officer of the district calls the village: the follow-up is done.
    other = _actor(url, "gu.mapo2")
    called = VisitEntry(dt.date(2026, 12, 5), "call", "Called back.")
    visits.log_visit(other, quiet, called, today=TODAY, url=url)
    card = _card(url, officer, quiet)
    assert card.items == ()
    assert (card.contacts.last_on, card.contacts.last_kind, card.contacts.recent) == (
        dt.date(2026, 12, 5),
        "call",
        2,
    )


# --- the log of visits and notes -----------------------------------------------------------


def test_an_officer_logs_and_changes_its_own_entries_every_write_audited(
    fresh_store: str, mapo: dict[str, int]
) -> None:
    url = fresh_store
    officer, colleague = _actor(url, "gu.mapo"), _actor(url, "gu.mapo2")
    village = mapo["MPO-2025-01"]
    meeting = VisitEntry(
        dt.date(2026, 12, 1), "meeting", "  Village centre meeting.  ", dt.date(2026, 12, 20)
    )
    logged = visits.log_visit(officer, village, meeting, today=TODAY, url=url)
    assert (logged.note, logged.author_name, logged.written_by(officer)) == (
        "Village centre meeting.",
        "gu.mapo",
        True,
    )
    walk = VisitEntry(dt.date(2026, 12, 2), "visit", "Village centre meeting, then a walk round.")
    changed = visits.edit_visit(officer, logged.id, walk, today=TODAY, url=url)
    assert (changed.visited_on, changed.kind, changed.follow_up_on) == (
        dt.date(2026, 12, 2),
        "visit",
        None,
    )
    # A colleague reads it but may not change it; staff read it and write nothing.
    assert [
        v.id for v in visits.list_visits(colleague, district_id=_district_id(url, MAPO), url=url)
    ] == [logged.id]
    with pytest.raises(AccessDenied):
        visits.edit_visit(
            colleague, logged.id, VisitEntry(TODAY, "call", "mine now"), today=TODAY, url=url
        )
    staff_sees = visits.list_visits(
        CLI_ACTOR, district_id=_district_id(url, MAPO), village_id=village, url=url
    )
    assert [v.note for v in staff_sees] == ["Village centre meeting, then a walk round."]
    with pytest.raises(AccessDenied):
        visits.log_visit(CLI_ACTOR, village, VisitEntry(TODAY, "visit", "staff"), url=url)

    entries = audit.read_audit(CLI_ACTOR, AuditFilter(entity="district_visits"), url=url).records
    assert [(e.action, e.actor, e.village_id) for e in entries] == [
        ("update", "gu.mapo", village),
        ("create", "gu.mapo", village),
    ]
    assert entries[0].after == {"visited_on": "2026-12-02", "kind": "visit",
                                "note": "Village centre meeting, then a walk round.",
                                "follow_up_on": None}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"note": "   "}, "district.err_note_required"),
        ({"note": "x" * (visits.NOTE_MAX + 1)}, "district.err_note_too_long"),
        ({"kind": "letter"}, "district.err_kind"),
        ({"visited_on": TODAY + dt.timedelta(days=1)}, "district.err_visit_in_future"),
        ({"visited_on": dt.date(2011, 12, 31)}, "district.err_visit_too_early"),
        ({"follow_up_on": dt.date(2026, 11, 30)}, "district.err_follow_up_before"),
    ],
)
def test_a_bad_entry_is_refused_with_its_reason(
    fresh_store: str, mapo: dict[str, int], change: dict[str, object], key: str
) -> None:
    url = fresh_store
    officer = _actor(url, "gu.mapo")
    entry = dataclasses.replace(VisitEntry(dt.date(2026, 12, 1), "visit", "ok"), **change)
    with pytest.raises(InvalidInput) as refused:
        visits.log_visit(officer, mapo["MPO-2025-01"], entry, today=TODAY, url=url)
    assert refused.value.key == key
    assert visits.list_visits(officer, district_id=_district_id(url, MAPO), url=url) == []


# --- staff: every district, compared ---------------------------------------------------------


def test_staff_follow_every_district_and_compare_them(demo_store: str) -> None:
    url = demo_store
    today = dt.date.today()
    homes = follow.follow_districts(CLI_ACTOR, today=today, url=url)
    assert [h.code for h in homes] == sorted(h.code for h in homes) and len(homes) == 25
    with db.session_for(CLI_ACTOR, url=url) as session:
        assert sum(len(h.villages) for h in homes) == len(list(session.scalars(select(Village.id))))
    mapo = next(h for h in homes if h.code == MAPO)
    officer = _actor(url, "district")
    assert follow.follow_district(officer, mapo.district_id, today=today, url=url) == mapo
    # The demo's officer logged five contacts in the last two months, one follow-up still
    # open past its day and one to come.
    assert mapo.recent_contacts == 5
    kinds = [(i.kind, i.state) for v in mapo.villages for i in v.items if i.kind == "follow_up"]
    assert sorted(kinds) == [("follow_up", "due"), ("follow_up", "late")]
    frame = follow.compare_frame(homes)
    assert list(frame.columns) == follow.COMPARE_COLUMNS and len(frame) == 25
    row = frame.set_index("code").loc[MAPO]
    assert (row["villages"], row["late"], row["recent_contacts"]) == (
        len(mapo.villages),
        mapo.late,
        5,
    )
    assert row["readings_coverage"] == pytest.approx(mapo.readings_coverage)
    # Training: this year's cohort is part-way (sessions to come), as the register says.
    trained = [i for h in homes for v in h.villages for i in v.items if i.kind == "training"]
    assert {i.key for i in trained} >= {"district.item.training_upcoming"}


@contextmanager
def _statements(url: str) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = db.get_engine(url)

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_each_kind_of_item_is_read_once_for_all_villages(demo_store: str) -> None:
    """This year's eight villages (with training under way) or the city's 195 take the same
    number of statements: one grouped query per kind of item (for the readings: the active
    villages, their households taking part and those that reported, read from the kept
    rows), never one per village."""
    url = demo_store
    today = dt.date.today()
    counts = []
    for few in (True, False):
        with db.session_for(CLI_ACTOR, url=url) as session:
            query = select(Village).order_by(Village.code)
            if few:
                query = query.where(Village.cohort_year == today.year)
            chosen = list(session.scalars(query))
            ids = [v.id for v in chosen] if few else None
            with _statements(url) as seen:
                cards = follow.followings_in(session, chosen, ids, today)
            counts.append(len(seen))
            assert len(cards) == len(chosen)
            assert any(i.kind == "training" for c in cards for i in c.items)
    assert counts[0] == counts[1], counts
    assert counts[0] <= due.REPORTING_MONTHS + 12
