"""Villages: registering, the directory, status history, the overview, and who may see what."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, AlreadyExists, InvalidInput, NotFound
from energy.demo.load import DEMO_PASSWORD
from energy.store import db
from energy.store.models.system import AuditEntry
from energy.villages import directory as villages

TODAY = dt.date(2026, 11, 25)


def _login(url: str, name: str) -> Actor:
    actor = accounts.authenticate(name, DEMO_PASSWORD, url=url).actor
    assert actor is not None
    return actor


@pytest.mark.parametrize(
    "district", ["Dongjak-gu", "동작구", "dongjak", "동작", "11590", " DONGJAK-GU "]
)
def test_a_district_is_found_by_english_or_korean_name(fresh_store: str, district: str) -> None:
    village = villages.add_village(
        CLI_ACTOR,
        code="SDG-1",
        name="성대골",
        district=district,
        cohort_year=2012,
        today=TODAY,
        url=fresh_store,
    )
    assert (village.district_en, village.district_ko) == ("Dongjak-gu", "동작구")


def test_a_new_village_is_active_in_year_one_with_a_first_history_entry(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR,
        code="DJK-2026-01",
        name="상도 햇빛마을",
        district="동작구",
        today=TODAY,
        url=fresh_store,
    )
    detail = villages.get_village(CLI_ACTOR, "DJK-2026-01", url=fresh_store)
    v = detail.village
    assert (v.status, v.programme_year, v.graduated, v.cohort_year) == ("active", 1, False, 2026)
    assert [(h.status, h.reason_code) for h in detail.history] == [("active", "started")]
    assert v.as_json()["programme_year"] == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"code": "bad code!"}, "code"),
        ({"name": "   "}, "name"),
        ({"district": "Gotham"}, "district"),
        ({"cohort_year": 2011}, "cohort"),
        ({"housing_type": "castle"}, "housing_type"),
        ({"name": "가" * 121}, "name"),
    ],
)
def test_bad_village_input_names_the_field(fresh_store: str, kwargs: dict, field: str) -> None:
    args = {"code": "OK-1", "name": "마을", "district": "Mapo-gu", "cohort_year": 2020} | kwargs
    with pytest.raises(InvalidInput) as caught:
        villages.add_village(CLI_ACTOR, today=TODAY, url=fresh_store, **args)
    assert caught.value.field == field
    assert caught.value.message("ko") != caught.value.message("en")


def test_village_codes_are_unique(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR, code="A-1", name="가", district="Mapo-gu", today=TODAY, url=fresh_store
    )
    with pytest.raises(AlreadyExists):
        villages.add_village(
            CLI_ACTOR, code="A-1", name="나", district="Mapo-gu", today=TODAY, url=fresh_store
        )


def test_status_changes_keep_a_dated_history_with_reasons(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR, code="A-1", name="가", district="Mapo-gu", cohort_year=2020,
        started_on=dt.date(2020, 4, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    villages.change_status(
        CLI_ACTOR, "A-1", status="paused", reason_code="lack_of_time",
        effective_on=dt.date(2022, 3, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    detail = villages.change_status(
        CLI_ACTOR, "A-1", status="active", reason_code="resumed", note="새 위원 합류",
        effective_on=dt.date(2023, 1, 10), today=TODAY, url=fresh_store,
    )  # fmt: skip
    assert detail.village.status == "active"
    assert [(h.status, h.reason_code, h.effective_on) for h in detail.history] == [
        ("active", "started", dt.date(2020, 4, 1)),
        ("paused", "lack_of_time", dt.date(2022, 3, 1)),
        ("active", "resumed", dt.date(2023, 1, 10)),
    ]
    assert detail.history[-1].recorded_by == "cli"


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"status": "active", "reason_code": "resumed"}, "error.status_unchanged"),
        ({"effective_on": TODAY + dt.timedelta(days=1)}, "error.date_in_future"),
        ({"effective_on": dt.date(2019, 1, 1)}, "error.status_before_last"),
        ({"reason_code": "other", "note": " "}, "error.reason_other_needs_note"),
        ({"reason_code": "aliens"}, "error.unknown_reason"),
        ({"reason_code": "resumed"}, "error.reason_does_not_fit"),
    ],
)
def test_status_change_rules(fresh_store: str, kwargs: dict, key: str) -> None:
    villages.add_village(
        CLI_ACTOR, code="A-1", name="가", district="Mapo-gu", cohort_year=2020,
        started_on=dt.date(2020, 4, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    args = {
        "status": "paused",
        "reason_code": "lack_of_time",
        "effective_on": dt.date(2024, 1, 1),
    } | kwargs
    with pytest.raises(InvalidInput) as caught:
        villages.change_status(CLI_ACTOR, "A-1", today=TODAY, url=fresh_store, **args)
    assert caught.value.key == key


def test_directory_filters(demo_store: str) -> None:
    everyone = villages.list_villages(CLI_ACTOR, url=demo_store)
    assert len(everyone) > 150
    dongjak = villages.list_villages(
        CLI_ACTOR, villages.VillageFilter(district_codes=("11590",)), url=demo_store
    )
    assert dongjak and {v.district_en for v in dongjak} == {"Dongjak-gu"}
    found = villages.list_villages(CLI_ACTOR, villages.VillageFilter(text="성대골"), url=demo_store)
    assert [v.code for v in found] == ["DJK-2012-01"]
    by_english = villages.list_villages(
        CLI_ACTOR, villages.VillageFilter(text="sungdae"), url=demo_store
    )
    assert [v.code for v in by_english] == ["DJK-2012-01"]
    graduated = villages.list_villages(
        CLI_ACTOR, villages.VillageFilter(stages=("graduated",)), url=demo_store
    )
    assert graduated and all(v.graduated for v in graduated)
    year1 = villages.list_villages(CLI_ACTOR, villages.VillageFilter(stages=("1",)), url=demo_store)
    assert year1 and all(v.programme_year == 1 and not v.graduated for v in year1)
    paused = villages.list_villages(
        CLI_ACTOR, villages.VillageFilter(statuses=("paused",)), url=demo_store
    )
    assert paused and all(v.status == "paused" for v in paused)
    cohort = villages.list_villages(
        CLI_ACTOR, villages.VillageFilter(cohorts=(2012,)), url=demo_store
    )
    assert len(cohort) == 7


def test_a_committee_sees_only_its_own_village(demo_store: str) -> None:
    committee = _login(demo_store, "committee")
    own = villages.list_villages(committee, url=demo_store)
    assert [v.code for v in own] == ["DJK-2012-01"]
    assert (
        villages.get_village(committee, "DJK-2012-01", url=demo_store).village.name == "성대골 마을"
    )
    other = next(
        v for v in villages.list_villages(CLI_ACTOR, url=demo_store) if v.code != "DJK-2012-01"
    )
    with pytest.raises(AccessDenied):
        villages.get_village(committee, other.code, url=demo_store)
    with pytest.raises(AccessDenied):
        villages.get_village_by_id(committee, other.id, url=demo_store)
    # Filters cannot widen the scope.
    widened = villages.list_villages(
        committee, villages.VillageFilter(text=other.code), url=demo_store
    )
    assert widened == []


def test_a_committee_cannot_write_even_its_own_village(demo_store: str) -> None:
    committee = _login(demo_store, "committee")
    with pytest.raises(AccessDenied):
        villages.change_status(
            committee, "DJK-2012-01", status="paused", reason_code="lack_of_time", effective_on=TODAY,
            url=demo_store,
        )  # fmt: skip
    with pytest.raises(AccessDenied):
        villages.add_village(committee, code="NEW-1", name="새", district="Mapo-gu", url=demo_store)


def test_the_town_hall_sees_aggregates_only(demo_store: str) -> None:
    viewer = _login(demo_store, "viewer")
    overview = villages.programme_overview(viewer, url=demo_store)
    assert overview.total > 150
    with pytest.raises(AccessDenied):
        villages.list_villages(viewer, url=demo_store)
    with pytest.raises(AccessDenied):
        villages.get_village(viewer, "DJK-2012-01", url=demo_store)
    committee = _login(demo_store, "committee")
    with pytest.raises(AccessDenied):
        villages.programme_overview(committee, url=demo_store)


def test_unknown_village(demo_store: str) -> None:
    with pytest.raises(NotFound):
        villages.get_village(CLI_ACTOR, "NOPE", url=demo_store)


def test_overview_counts_add_up_and_list_all_25_districts(demo_store: str) -> None:
    overview = villages.programme_overview(CLI_ACTOR, url=demo_store)
    everyone = villages.list_villages(CLI_ACTOR, url=demo_store)
    assert (
        overview.total
        == len(everyone)
        == sum(overview.by_status.values())
        == sum(overview.by_stage.values())
    )
    assert overview.by_status == {
        s: sum(v.status == s for v in everyone) for s in ("active", "paused", "disbanded")
    }
    assert overview.by_district["district_code"].nunique() == 25
    assert int(overview.by_district["villages"].sum()) == overview.total
    assert (
        int(overview.by_cohort.loc[overview.by_cohort.cohort_year == 2012, "villages"].sum()) == 7
    )


def test_overview_of_an_empty_store(fresh_store: str) -> None:
    overview = villages.programme_overview(CLI_ACTOR, url=fresh_store)
    assert overview.total == 0
    assert overview.by_district["district_code"].nunique() == 25
    assert overview.by_district["villages"].sum() == 0


def test_every_village_write_is_audited_with_before_and_after(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR, code="A-1", name="가", district="Mapo-gu", cohort_year=2020,
        started_on=dt.date(2020, 4, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    villages.change_status(
        CLI_ACTOR, "A-1", status="disbanded", reason_code="merged", effective_on=dt.date(2024, 5, 1),
        today=TODAY, url=fresh_store,
    )  # fmt: skip
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        rows = [
            (e.actor, e.action, e.entity, e.entity_key, e.before, e.after)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    created = [r for r in rows if r[1] == "create" and r[2] == "villages"]
    assert created and created[0][3] == "A-1" and created[0][5]["name"] == "가"
    updates = [r for r in rows if r[1] == "update" and r[2] == "villages"]
    assert len(updates) == 1
    actor, _, _, key, before, after = updates[0]
    assert (actor, key, before["status"], after["status"]) == ("cli", "A-1", "active", "disbanded")
    history = [r for r in rows if r[2] == "village_status_changes"]
    assert len(history) == 2 and all(r[1] == "create" for r in history)
