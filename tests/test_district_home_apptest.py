"""The district home and staff's districts page through AppTest (issue 27): the officer's cards
name what is late first; a card's button opens the dialog that logs a contact, and the
officer changes its own entry; staff compare the districts and open one, read only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from streamlit.testing.v1 import AppTest

from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.core.i18n import translate
from energy.district import home as follow
from energy.district import visits
from energy.store import audit
from energy.store.audit import AuditFilter
from tests.test_apptest import APP, _actor, _app_as
from ui.core import state
from ui.core.i18n import today
from ui.district.visits import DIALOG

MAPO = "11440"


def _dialog(at: AppTest) -> Any:
    """The open dialog's block (AppTest keeps dialogs apart from the main area)."""
    return next(b for b in at._tree.children.values() if getattr(b, "type", "") == "event")


def _cards(at: AppTest) -> list[str]:
    """The village names on the cards, in their order (bold first line of each card)."""
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]


def test_the_officer_logs_a_contact_from_a_villages_card(demo_store: str) -> None:
    at = _app_as(demo_store, "district")
    assert not at.exception
    assert [t.value for t in at.title] == [MESSAGES["home.district_title"]["ko"]]
    officer = _actor(demo_store, "district")
    home = follow.follow_district(officer, officer.district_id or 0, url=demo_store)
    assert _cards(at)[: len(home.villages) - 1] == [
        v.display_name("ko") for v in home.villages if v.status != "disbanded"
    ]
    first = home.villages[0]
    assert first.late >= home.villages[-1].late  # the most behind first
    assert [m.value for m in at.metric][:2] == [str(home.late), str(home.due)]

    # Each card opens its village's own page.
    links = [p.proto for p in at.main.get("page_link")]
    assert [(p.page.rsplit("/", 1)[-1], p.query_string) for p in links][
        : len(home.villages) - 1
    ] == [("village", f"code={v.code}") for v in home.villages if v.status != "disbanded"]
    quiet = next(v for v in home.villages if not v.contacts.last_on and v.status == "active")
    at.button(key=f"district.log.{quiet.code}").click().run()
    assert at.session_state[DIALOG] == ("new", quiet.village_id)
    dialog = _dialog(at)
    dialog.text_area(key="district.visit.note").input("마을센터에서 위원장을 만났습니다.")
    dialog.date_input(key="district.visit.follow_up").set_value(today() + dt.timedelta(days=3))
    dialog.button[0].click()
    at.run()
    assert not at.exception and DIALOG not in at.session_state
    assert [s.value for s in at.success] == [
        translate("district.visit.saved", "ko", village=quiet.display_name("ko"), kind="방문")
    ]
    logged = visits.list_visits(officer, district_id=officer.district_id or 0,
                                village_id=quiet.village_id, url=demo_store)  # fmt: skip
    assert [(v.kind, v.note, v.follow_up_on) for v in logged] == [
        ("visit", "마을센터에서 위원장을 만났습니다.", today() + dt.timedelta(days=3))
    ]
    # The card now shows the contact and the follow-up to come.
    card_captions = [c.value for c in at.caption]
    assert any("마을센터에서 위원장을 만났습니다" in c for c in card_captions), card_captions

    # The officer changes its own entry from the log.
    at.button(key=f"district.edit.{logged[0].id}").click().run()
    dialog = _dialog(at)
    dialog.text_area(key="district.visit.note").input("위원장과 회계 담당을 만났습니다.")
    dialog.button[0].click()
    at.run()
    assert not at.exception
    assert [v.note for v in visits.list_visits(officer, district_id=officer.district_id or 0,
                                               village_id=quiet.village_id, url=demo_store)] == [
        "위원장과 회계 담당을 만났습니다."
    ]  # fmt: skip
    written = audit.read_audit(CLI_ACTOR, AuditFilter(entity="district_visits", who="district"),
                               url=demo_store).records  # fmt: skip
    assert [r.action for r in written][:2] == ["update", "create"]


def test_a_contact_without_a_note_is_explained_in_the_dialog(demo_store: str) -> None:
    at = _app_as(demo_store, "district")
    code = next(b.key for b in at.button if b.key.startswith("district.log.")).rsplit(".", 1)[1]
    at.button(key=f"district.log.{code}").click().run()
    _dialog(at).button[0].click()
    at.run()
    errors = [e.value for e in _dialog(at).error]
    assert errors == [
        f"{MESSAGES['field.note']['ko']}: {MESSAGES['district.err_note_required']['ko']}"
    ]
    assert at.session_state[DIALOG][0] == "new"  # still open, nothing written


def test_the_officers_home_in_english(demo_store: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    officer = _actor(demo_store, "district")
    at.session_state[state.ACTOR] = officer
    at.session_state[state.LANG] = "en"
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Our district's villages"]
    assert any(m.value.startswith(":red[●] Readings incomplete") for m in at.markdown)
    assert [m.label for m in at.metric] == ["Late", "Due", "Readings in", "Saving (12 months)"]


def test_staff_compare_the_districts_and_open_one_read_only(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/districts.py").run()
    assert not at.exception and not at.error
    (table,) = at.dataframe
    assert len(table.value) == 25
    assert list(table.value.columns)[:3] == [
        MESSAGES["districts.col.district"]["ko"], MESSAGES["districts.col.villages"]["ko"],
        MESSAGES["districts.col.active"]["ko"],
    ]  # fmt: skip
    mapo_row = table.value.set_index(MESSAGES["districts.col.district"]["ko"]).loc["마포구"]
    assert mapo_row[MESSAGES["districts.col.contacts"]["ko"]] == 5  # the demo officer's log
    at.selectbox(key="districts.district").set_value(MAPO).run()
    assert not at.exception
    assert at.query_params["district"] == [MAPO] or at.query_params["district"] == MAPO
    officer = _actor(demo_store, "district")
    home = follow.follow_district(officer, officer.district_id or 0, url=demo_store)
    assert _cards(at)[: len(home.villages) - 1] == [
        v.display_name("ko") for v in home.villages if v.status != "disbanded"
    ]
    assert not [
        b for b in at.button if (b.key or "").startswith(("district.log.", "district.edit."))
    ]
    assert any(m.value.startswith("**") for m in at.markdown)
