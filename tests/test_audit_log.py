"""The audit log for people (issue 24): every entry a sentence in Korean and English, naming
people and things as people name them (never a table name, an id, "?" or JSON); its fields
labelled and formatted with their units; filters by person, village, kind of thing, action
and Seoul dates; real pages; the CSV download with the sentence; on both stores."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import inspect, update

from energy.audit import log
from energy.audit.kinds import ACTIONS, KINDS, kind_of
from energy.audit.log import LogFilter, in_words
from energy.audit.rows import model
from energy.audit.things import NAMERS
from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.core.i18n import format_date
from energy.store import audit, db
from energy.store.audit import AuditFilter, AuditRecord
from energy.store.models.base import Base
from energy.store.models.system import AuditEntry
from energy.training import schedule
from energy.villages import directory as villages
from energy.villages import households
from tests.audit_writes import VILLAGE, entries, everyday_writes
from tests.conftest import built_once
from tests.energy_cli import energy

LANGS = ("ko", "en")
TABLES = sorted(Base.metadata.tables)
# What a sentence for people never holds: an unfilled template, a catalogue key, a secret,
# raw JSON, Python's None, an unknown key, a Korean particle left undecided.
NEVER = ("{", "}", "audit.", "field.", "[redacted]", '":', "None", "?")
UNDECIDED = ("을(를)", "이(가)", "은(는)", "으로(로)", "과(와)")
FIELDS = ("fields", "reading", "review")  # the tests below check the main sentences by hand


@pytest.fixture
def written(request: pytest.FixtureRequest, demo_store: str) -> dict[str, list[int]]:
    """The demo store after a day of everyday writes; each step's entry ids."""
    return built_once(request, demo_store, everyday_writes)


def _every_entry(url: str) -> list[AuditRecord]:
    return [r for batch in audit.audit_batches(CLI_ACTOR, AuditFilter(), url=url) for r in batch]


def _problems(text: str, lang: str) -> list[str]:
    found = [bad for bad in NEVER if bad in text]
    found += [t for t in TABLES if "_" in t and t in text]
    if lang == "ko":
        found += [u for u in UNDECIDED if u in text]
    return found


def test_every_entry_reads_as_a_sentence_in_both_languages(
    written: dict[str, list[int]], demo_store: str
) -> None:
    records = _every_entry(demo_store)
    kinds = {(r.entity, r.action) for r in records}
    # Every kind of thing the demo and a day's writes made is here, and each has words.
    assert {e for e, _ in kinds} >= {
        "villages", "village_status_changes", "households", "generation_units", "reading_batches",
        "users", "app_settings", "store", "calls", "call_applications", "call_organisers",
        "call_review_assignments", "call_review_scores", "call_grants", "call_instalments",
        "call_spending_lines", "organisations", "formation_steps", "organisation_members",
        "organisation_years", "organisation_assets", "training_modules", "trainers",
        "trainer_availability", "venues", "training_sessions", "training_session_villages",
        "training_participants", "training_attendance", "conversion_factors",
        "townhall_stories", "weather_batches",
    }  # fmt: skip
    assert {a for _, a in kinds} >= {"create", "update", "delete", "login", "login_failed",
                                     "import_readings", "demo_loaded"}  # fmt: skip
    assert all(kind_of(e, a) for e, a in kinds), sorted(k for k in kinds if not kind_of(*k))
    for lang in LANGS:
        said = in_words(CLI_ACTOR, records, lang, url=demo_store)
        assert len(said) == len(records)
        problems = {}
        for record, entry in zip(records, said, strict=True):
            text = entry.sentence
            bad = _problems(text, lang)
            bad += [f"field {c.field!r}" for c in entry.changes if "_" in c.field or "." in c.field]
            bad += [f"value {v!r}" for c in entry.changes for v in (c.before, c.after)
                    if any(m in v for m in ("[redacted]", '{"', "None", "audit."))]  # fmt: skip
            if bad or not text.endswith((".", ")")) or text != text.strip():
                problems.setdefault((record.entity, record.action), (text, bad))
        assert problems == {}, problems


def _said(url: str, ids: list[int], entity: str, action: str) -> dict[str, str]:
    (record,) = [r for r in entries(url, ids) if (r.entity, r.action) == (entity, action)]
    return {lang: in_words(CLI_ACTOR, [record], lang, url=url)[0].sentence for lang in LANGS}


def test_the_main_entries_read_as_people_would_say_them(
    written: dict[str, list[int]], demo_store: str
) -> None:
    url = demo_store
    assert _said(url, written["reading_changed"], "villages", "import_readings") == {
        "ko": "성대골 주민위원회가 성대골 마을 H-812 가구의 2025년 3월 도시가스 사용량을 바꿨습니다(212 MJ → 221 MJ).",
        "en": "성대골 주민위원회 changed household H-812's city gas reading for Mar 2025 from 212 MJ to 221 MJ (Sungdaegol).",
    }
    assert _said(url, written["household_added"], "households", "create") == {
        "ko": "성대골 주민위원회가 성대골 마을에 H-813 가구를 등록했습니다.",
        "en": "성대골 주민위원회 added household H-813 to Sungdaegol.",
    }
    submitted = _said(url, written["application_submitted"], "call_applications", "update")
    reference = re.search(r"\d{4}-\d{2}-\d{3}", submitted["en"])
    assert reference is not None
    assert submitted == {
        "ko": f"망원동 햇빛모임이 신청서 {reference[0]}(망원동 햇빛모임)을 제출했습니다.",
        "en": f"망원동 햇빛모임 submitted application {reference[0]} (망원동 햇빛모임).",
    }
    review = _said(url, written["review"], "call_review_assignments", "update")
    scored = re.search(r"\d{4}-\d{2}-\d{3}", review["en"])
    assert scored is not None
    assert review == {
        "ko": f"이도윤 (심사위원)이 신청서 {scored[0]}의 서류 심사 점수를 제출했습니다.",
        "en": f"이도윤 (심사위원) submitted the written review scores for application {scored[0]}.",
    }
    scores = [r for r in entries(url, written["review"]) if r.entity == "call_review_scores"]
    first = {lang: in_words(CLI_ACTOR, scores[:1], lang, url=url)[0].sentence for lang in LANGS}
    assert first == {
        "ko": f"이도윤 (심사위원)이 신청서 {scored[0]}의 지속가능성에 7점(10점 만점)을 주었습니다(서류 심사).",
        "en": f"이도윤 (심사위원) scored application {scored[0]} 7 of 10 for sustainability (written review).",
    }
    attendance = _said(url, written["attendance"], "training_attendance", "create")
    (marked,) = entries(url, written["attendance"])
    assert marked.after is not None
    session = schedule.get_session(CLI_ACTOR, marked.after["session_id"], url=url)
    when = {lang: f"{format_date(session.local_start.date(), lang)} {session.local_start:%H:%M}"
            for lang in LANGS}  # fmt: skip
    assert attendance == {
        "ko": f"명령줄 도구가 {when['ko']} '{session.title('ko')}' 교육에서 김민지({session.village_names[0]})의 출석을 '출석'으로 기록했습니다.",
        "en": f"The command line marked 김민지 ({session.village_names_en[0]}) present at the session '{session.title('en')}' on {when['en']}.",
    }
    changed = _said(url, written["attendance_changed"], "training_attendance", "update")
    assert changed["ko"].endswith("의 출석을 바꿨습니다(출석 → 지각).")
    assert changed["en"].endswith(" from present to late.")
    assert _said(url, written["login"], "users", "login") == {
        "ko": "성대골 주민위원회가 로그인했습니다.",
        "en": "성대골 주민위원회 logged in.",
    }
    assert _said(url, written["role_changed"], "users", "update") == {
        "ko": "명령줄 도구가 최민준 (심사위원)의 역할을 바꿨습니다(심사위원 → 시 담당자).",
        "en": "The command line changed the role of 최민준 (심사위원) from Reviewer to City staff.",
    }
    failed = _said(url, written["login_failed"], "users", "login_failed")
    assert failed["ko"].startswith("'committee'로 로그인하지 못했습니다(")
    assert failed["en"].startswith("A login as 'committee' failed (")
    assert _said(url, written["account_disabled"], "users", "update")["en"] == (
        "The command line disabled the account of 시민 타운홀."
    )
    assert _said(url, written["password_reset"], "users", "update")["ko"] == (
        "명령줄 도구가 시민 타운홀의 비밀번호를 새로 정했습니다."
    )
    assert _said(url, written["village_paused"], "villages", "update") == {
        "ko": "명령줄 도구가 성대골 마을의 상태를 바꿨습니다(활동 중 → 활동 중단).",
        "en": "The command line changed the status of Sungdaegol from Active to Paused.",
    }
    assert _said(url, written["solar_added"], "generation_units", "create")["en"] == (
        "성대골 주민위원회 recorded the balcony solar of household H-813 (Sungdaegol): "
        "1 × 325 W, installed 1 Dec 2026."
    )
    assert _said(url, written["rules"], "app_settings", "create")["en"].startswith(
        "The command line set the training rules: organisers needed at each core module "
    )
    assert _said(url, written["factor_added"], "conversion_factors", "create")["ko"] == (
        "명령줄 도구가 전력 배출계수 값을 추가했습니다: 2026년 1월 1일부터 0.4173 tCO2eq/MWh."
    )
    assert _said(url, written["story_removed"], "townhall_stories", "delete")["en"] == (
        "The command line removed the 2026 town-hall story of Sungdaegol."
    )


def test_a_change_opens_onto_its_fields_before_and_after(
    written: dict[str, list[int]], demo_store: str
) -> None:
    (reading,) = [r for r in entries(demo_store, written["reading_changed"])
                  if r.action == "import_readings"]  # fmt: skip
    (entry,) = in_words(CLI_ACTOR, [reading], "ko", url=demo_store)
    assert (entry.changes[0].field, entry.changes[0].before, entry.changes[0].after) == (
        "H-812 가구 · 2025년 3월 · 도시가스",
        "212 MJ",
        "221 MJ",
    )
    assert entry.village == "성대골 마을" and entry.kind == "사용량"
    (role,) = [r for r in entries(demo_store, written["role_changed"]) if r.entity == "users"]
    (entry,) = in_words(CLI_ACTOR, [role], "en", url=demo_store)
    assert [(c.field, c.before, c.after) for c in entry.changes] == [
        ("Role", "Reviewer", "City staff")
    ]
    (password,) = [r for r in entries(demo_store, written["password_reset"])]
    (entry,) = in_words(CLI_ACTOR, [password], "en", url=demo_store)
    assert [(c.field, c.before, c.after) for c in entry.changes] == [
        ("Password", "(not kept, for security)", "(not kept, for security)")
    ]


def test_every_audited_column_has_a_label_in_both_languages() -> None:
    from energy.audit.fields import HIDDEN

    missing = []
    for mapper in Base.registry.mappers:
        table = mapper.class_.__tablename__
        if getattr(mapper.class_, "__audit_skip__", False):
            continue
        assert table in NAMERS, f"{table} has no name for people"
        for column in mapper.columns:
            if column.key in HIDDEN:
                continue
            keys = (f"audit.field.{table}.{column.key}", f"audit.field.{column.key}")
            if not any(k in MESSAGES for k in keys):
                missing.append(f"{table}.{column.key}")
    assert missing == []
    assert all(f"audit.kind.{k}" in MESSAGES for k in KINDS)
    assert all(f"audit.action.{a}" in MESSAGES for a in ACTIONS)


def test_every_kind_of_thing_the_app_writes_is_a_kind_people_can_pick() -> None:
    audited = {m.class_.__tablename__ for m in Base.registry.mappers
               if not getattr(m.class_, "__audit_skip__", False)}  # fmt: skip
    for table in audited:
        assert any(kind_of(table, action) for action in ("create", "update", "delete")), table
    for entity, action in (("villages", "import_readings"), ("users", "login"),
                           ("weather_stations", "import_temperatures"), ("store", "backup")):  # fmt: skip
        assert kind_of(entity, action), (entity, action)
    assert kind_of("villages", "import_readings") == "readings"
    assert kind_of("villages", "update") == "villages"
    assert model("store") is None


# --- filters and pages ----------------------------------------------------------------------


def _two_villages(url: str) -> dict[str, int]:
    """Two villages with households; returns the village ids by code."""
    made = {}
    for code, name, district in (("DJK-2020-01", "상도 마을", "동작구"),
                                 ("MPO-2021-01", "망원 마을", "마포구")):  # fmt: skip
        villages.add_village(CLI_ACTOR, code=code, name=name, district=district,
                             cohort_year=2020, today=dt.date(2026, 3, 1), url=url)  # fmt: skip
        for n in range(1, 4):
            households.add_household(CLI_ACTOR, code, code=f"H-{n:03d}", url=url)
        made[code] = villages.get_village(CLI_ACTOR, code, url=url).village.id
    villages.change_status(CLI_ACTOR, "DJK-2020-01", status="paused", reason_code="lack_of_time",
                           effective_on=dt.date(2026, 3, 2), url=url)  # fmt: skip
    return made


def _ids(found: list[AuditRecord]) -> list[int]:
    return [r.id for r in found]


def test_the_filters_find_a_villages_entries_a_kind_an_action_and_a_person(
    fresh_store: str,
) -> None:
    url = fresh_store
    made = _two_villages(url)
    everything = _every_entry(url)
    sangdo = AuditFilter(village_id=made["DJK-2020-01"])
    found = audit.read_audit(CLI_ACTOR, sangdo, url=url)
    # The village, its first status entry, three households, the pause (entry and change).
    assert found.total == 7
    assert {(r.entity, r.action) for r in found.records} == {
        ("villages", "create"), ("village_status_changes", "create"), ("households", "create"),
        ("villages", "update"),
    }  # fmt: skip
    assert _ids(found.records) == sorted(_ids(found.records), reverse=True)  # newest first
    chosen = LogFilter(village_id=made["DJK-2020-01"], kind="households")
    page = log.read_log(CLI_ACTOR, chosen, lang="en", url=url)
    assert page.total == 3
    assert [e.sentence for e in page.entries] == [
        f"The command line added household H-{n:03d} to 상도 마을." for n in (3, 2, 1)
    ]
    by_action = log.read_log(CLI_ACTOR, LogFilter(action="update"), lang="ko", url=url)
    assert [e.sentence for e in by_action.entries] == [
        "명령줄 도구가 상도 마을의 상태를 바꿨습니다(활동 중 → 활동 중단)."
    ]
    assert log.read_log(CLI_ACTOR, LogFilter(person="cli"), lang="ko", url=url).total == len(
        everything
    )
    assert log.read_log(CLI_ACTOR, LogFilter(person="nobody"), lang="ko", url=url).total == 0
    assert log.read_log(CLI_ACTOR, LogFilter(kind="readings"), lang="ko", url=url).entries == []


def test_the_period_is_read_in_seoul_days(fresh_store: str) -> None:
    url = fresh_store
    _two_villages(url)
    newest = _every_entry(url)[0]
    # 15:30 UTC on 4 March is half past midnight on 5 March in Seoul.
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.id == newest.id)
            .values(at=dt.datetime(2026, 3, 4, 15, 30, tzinfo=dt.UTC))
        )
    march_5 = LogFilter(since=dt.date(2026, 3, 5), until=dt.date(2026, 3, 5))
    assert [e.id for e in log.read_log(CLI_ACTOR, march_5, lang="ko", url=url).entries] == [
        newest.id
    ]
    march_4 = LogFilter(since=dt.date(2026, 3, 4), until=dt.date(2026, 3, 4))
    assert log.read_log(CLI_ACTOR, march_4, lang="ko", url=url).total == 0


def test_pages_walk_the_whole_log_from_either_end(fresh_store: str) -> None:
    url = fresh_store
    _two_villages(url)
    everything = _ids(_every_entry(url))
    assert len(everything) == 12
    pages = [log.read_log(CLI_ACTOR, LogFilter(), page=n, page_size=5, lang="ko", url=url)
             for n in range(1, 4)]  # fmt: skip
    assert [(p.page, p.pages, p.total) for p in pages] == [(n, 3, 12) for n in range(1, 4)]
    assert [e.id for p in pages for e in p.entries] == everything
    assert [len(p.entries) for p in pages] == [5, 5, 2]
    # A page past the last shows the last; page 0 the first.
    past = log.read_log(CLI_ACTOR, LogFilter(), page=9, page_size=5, lang="ko", url=url)
    assert (past.page, [e.id for e in past.entries]) == (3, everything[10:])
    assert log.read_log(CLI_ACTOR, LogFilter(), page=0, page_size=5, lang="ko", url=url).page == 1
    # The store's pages, read from the newer or the older end, are the same entries.
    for offset in range(0, 13):
        got = audit.read_audit(CLI_ACTOR, AuditFilter(), limit=3, offset=offset, url=url)
        assert _ids(got.records) == everything[offset : offset + 3], offset
    batches = list(audit.audit_batches(CLI_ACTOR, AuditFilter(), batch=5, url=url))
    assert [len(b) for b in batches] == [5, 5, 2]
    assert [r.id for b in batches for r in b] == everything


def test_the_filters_offer_people_and_villages_by_name(fresh_store: str) -> None:
    url = fresh_store
    made = _two_villages(url)
    assert log.villages(CLI_ACTOR, "ko", url=url) == [
        (made["MPO-2021-01"], "망원 마을 (MPO-2021-01)"),
        (made["DJK-2020-01"], "상도 마을 (DJK-2020-01)"),
    ]
    assert log.people(CLI_ACTOR, "ko", url=url) == [("cli", "명령줄 도구 (cli)")]
    assert log.people(CLI_ACTOR, "en", url=url) == [("cli", "The command line (cli)")]
    assert [k for k, _ in log.kinds("ko")] == list(KINDS)
    assert dict(log.actions("en"))["import_readings"] == "Readings saved"


def test_the_download_holds_every_matching_entry_with_its_sentence(fresh_store: str) -> None:
    url = fresh_store
    made = _two_villages(url)
    chosen = LogFilter(village_id=made["MPO-2021-01"])
    frame = pd.read_csv(io.BytesIO(log.export_csv(CLI_ACTOR, chosen, "ko", url=url)),
                        encoding="utf-8-sig")  # fmt: skip
    assert list(frame.columns) == [
        "언제(서울 시각)", "누가", "아이디", "내용", "항목 종류", "작업", "마을", "항목 키",
        "변경 전(JSON)", "변경 후(JSON)",
    ]  # fmt: skip
    assert len(frame) == 5  # the village, its status entry, three households
    assert frame["내용"].iloc[0] == "명령줄 도구가 망원 마을에 H-003 가구를 등록했습니다."
    assert set(frame["마을"]) == {"망원 마을"}
    assert set(frame["아이디"]) == {"cli"}
    limited = log.export_frame(CLI_ACTOR, LogFilter(), "en", limit=3, url=url)
    assert len(limited) == 3


def test_the_log_is_for_staff_only(fresh_store: str) -> None:
    from energy.core.access import Actor
    from energy.core.errors import AccessDenied

    committee = Actor(username="c", role="committee", village_id=1)
    with pytest.raises(AccessDenied):
        log.read_log(committee, LogFilter(), lang="ko", url=fresh_store)
    with pytest.raises(AccessDenied):
        log.export_csv(committee, LogFilter(), "ko", url=fresh_store)


def test_a_page_of_fifty_is_read_in_a_few_queries(
    written: dict[str, list[int]], demo_store: str
) -> None:
    """Names are looked up per table for the whole page, not per entry."""
    from sqlalchemy import event

    records = audit.read_audit(CLI_ACTOR, AuditFilter(), limit=50, offset=0, url=demo_store).records
    statements: list[str] = []
    engine = db.get_engine(demo_store)

    def count(*_args: object) -> None:
        statements.append("x")

    event.listen(engine, "before_cursor_execute", count)
    try:
        in_words(CLI_ACTOR, records, "ko", url=demo_store)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) < 40, len(statements)


def test_each_entry_of_a_village_is_filed_under_it(
    written: dict[str, list[int]], demo_store: str
) -> None:
    sungdaegol = villages.get_village(CLI_ACTOR, VILLAGE, url=demo_store).village.id
    for step in ("login", "readings_new", "reading_changed", "household_added", "solar_added",
                 "village_paused"):  # fmt: skip
        for record in entries(demo_store, written[step]):
            assert record.village_id == sungdaegol, (step, record.entity, record.action)
    for step in ("role_changed", "factor_added", "login_failed"):
        assert all(r.village_id is None for r in entries(demo_store, written[step])), step
    (attended,) = [r for r in entries(demo_store, written["attendance"])]
    assert attended.village_id is not None
    assert inspect(AuditEntry).columns["village_id"].nullable


def _record(entity: str, action: str, key: str, after: dict | None, before: dict | None = None
            ) -> AuditRecord:  # fmt: skip
    return AuditRecord(10**9, dt.datetime(2026, 3, 5, 1, 0, tzinfo=dt.UTC), "cli", action, entity,
                       key, before, after)  # fmt: skip


def test_a_save_of_many_values_shows_the_first_two_hundred_and_counts_the_rest(
    fresh_store: str,
) -> None:
    _two_villages(fresh_store)
    changed = [
        {"household": f"H-{n:03d}", "carrier": "water", "month": "2025-01-01", "before": n,
         "after": n + 1}
        for n in range(250)
    ]  # fmt: skip
    saved = _record("villages", "import_readings", "DJK-2020-01",
                    {"added": 0, "changed": changed, "unchanged": 3, "dropped": 0})  # fmt: skip
    (entry,) = in_words(CLI_ACTOR, [saved], "en", url=fresh_store)
    assert (
        entry.sentence == "The command line saved readings for 상도 마을: 250 changed, 3 unchanged."
    )
    assert (entry.changes[0].field, entry.changes[0].before, entry.changes[0].after) == (
        "household H-000 · Jan 2025 · Water",
        "0 m³",
        "1 m³",
    )
    assert [c.field for c in entry.changes[199:202]] == [
        "household H-199 · Jan 2025 · Water", "More changed values (all in the CSV download)",
        "New values stored",
    ]  # fmt: skip
    assert entry.changes[200].after == "50"


def test_a_rare_kind_of_thing_still_reads_as_a_sentence(fresh_store: str) -> None:
    unknown_table = _record("solar_loans", "create", "7", {"id": 7, "amount_krw": 1_000_000})
    unknown_action = _record("villages", "archive", "DJK-2020-01", {"reason": "x"})
    gone = _record("households", "update", "999999", {"occupants": 4}, {"occupants": 3})
    said = {
        lang: [e.sentence for e in in_words(CLI_ACTOR, [unknown_table, unknown_action, gone],
                                             lang, url=fresh_store)]
        for lang in LANGS
    }  # fmt: skip
    assert said["ko"] == [
        "명령줄 도구가 기록을 추가했습니다.",
        "명령줄 도구가 마을에 대해 '기타' 작업을 했습니다.",
        "명령줄 도구가 (지금은 없는 항목)의 가구원 수를 바꿨습니다(3 → 4).",
    ]
    assert said["en"] == [
        "The command line added a record.",
        "The command line recorded 'another action' about a village.",
        "The command line changed the occupants of (no longer in the store) from 3 to 4.",
    ]
    for lang in LANGS:
        assert not [p for s in said[lang] for p in _problems(s, lang)]


def test_the_command_line_prints_the_log_as_sentences(fresh_store: str, tmp_path: Path) -> None:
    _two_villages(fresh_store)
    shown = energy(fresh_store, "audit", "--village", "DJK-2020-01", "--kind", "households",
                   "--limit", "2", "--lang", "en")  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "The command line added household H-003 to 상도 마을.",
        "The command line added household H-002 to 상도 마을.",
    ]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", lines[0].split("  ", 1)[0])
    out = tmp_path / "audit.csv"
    assert energy(fresh_store, "audit", "--action", "update", "--csv", str(out)).returncode == 0
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert list(frame["내용"]) == [
        "명령줄 도구가 상도 마을의 상태를 바꿨습니다(활동 중 → 활동 중단)."
    ]
    wrong = energy(fresh_store, "audit", "--kind", "tables")
    assert (wrong.returncode, wrong.stderr) == (1, "error: 'tables' is not a kind of entry.\n")
    unknown = energy(fresh_store, "audit", "--village", "XXX-0000-00")
    assert unknown.returncode == 1 and "XXX-0000-00" in unknown.stderr
