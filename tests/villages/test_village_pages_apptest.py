"""The villages' staff pages through AppTest: registering a village from the directory, a bad
code explained beside the form, pausing with a reason, a stage saved twice."""

from __future__ import annotations

from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.villages import directory as villages
from tests.test_apptest import (
    _app_as,
    _submit,
    _titles,
)


def test_staff_register_a_village_from_the_directory(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/villages.py").run()
    at.text_input(key="villages.add.code").input("MPO-2026-09")
    at.text_input(key="villages.add.name").input("망원 햇빛마을")
    at.selectbox(key="villages.add.district").set_value("11440")
    at.number_input(key="villages.add.cohort").set_value(2026)
    _submit(at, "villages.add_submit")
    assert not at.exception
    assert [s.value for s in at.success] == [
        MESSAGES["villages.added"]["ko"].format(code="MPO-2026-09", name="망원 햇빛마을")
    ]
    added = villages.get_village(CLI_ACTOR, "MPO-2026-09", url=demo_store).village
    assert (added.district_en, added.cohort_year) == ("Mapo-gu", 2026)


def test_a_bad_village_code_is_explained_next_to_the_form(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/villages.py").run()
    at.text_input(key="villages.add.code").input("no spaces allowed")
    at.text_input(key="villages.add.name").input("마을")
    at.selectbox(key="villages.add.district").set_value("11440")
    _submit(at, "villages.add_submit")
    assert [e.value for e in at.error] == [
        f"{MESSAGES['field.code']['ko']}: {MESSAGES['error.village_code_format']['ko']}"
    ]


def test_staff_pause_a_village_with_a_reason(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.query_params["code"] = "DJK-2012-01"
    at.switch_page("pages/village.py").run()
    assert _titles(at) == ["성대골 마을"]
    at.radio(key="village.status.new").set_value("paused").run()
    at.selectbox(key="village.status.reason.paused").set_value("lack_of_time")
    at.text_area(key="village.status.note").input("겨울 동안 쉬기로 함")
    at.button(key="village.status.save").click().run()
    assert not at.exception
    detail = villages.get_village(CLI_ACTOR, "DJK-2012-01", url=demo_store)
    assert detail.village.status == "paused"
    assert (detail.history[-1].reason_code, detail.history[-1].note) == (
        "lack_of_time",
        "겨울 동안 쉬기로 함",
    )
    assert detail.history[-1].recorded_by == "admin"


def test_saving_the_stage_a_village_already_has_is_explained(demo_store: str) -> None:
    """ "Save stage" with the stage unchanged used to report a change (and audit a write)."""
    at = _app_as(demo_store, "admin")
    at.query_params["code"] = "DJK-2012-01"
    at.switch_page("pages/village.py").run()
    before = villages.get_village(CLI_ACTOR, "DJK-2012-01", url=demo_store).village
    _submit(at, "village.save_stage")
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == [
        f"{MESSAGES['field.stage']['ko']}: {MESSAGES['error.stage_unchanged']['ko']}"
    ]
    at.radio(key="village.stage.new").set_value("2")
    _submit(at, "village.save_stage")
    assert not at.exception and not at.error
    after = villages.get_village(CLI_ACTOR, "DJK-2012-01", url=demo_store).village
    assert (before.programme_stage, after.programme_stage) == ("graduated", "2")
