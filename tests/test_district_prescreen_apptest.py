"""Pre-screening's screens through AppTest (issue 27): the Mapo-gu officer pre-screens a
submitted application on its page (a concern must say why), revises it, and staff read the
pre-screen beside the eligibility checks, with the flag of an organiser reached at an
official's address, and the pre-screen and flag columns in the list of applications."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from energy.call import applications
from energy.core.access import CLI_ACTOR
from energy.district import prescreen as prescreens
from tests.test_apptest import _actor
from tests.test_call_pages import _as, ko
from ui.core.markup import md

MAPO = "11440"


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _save(at: AppTest, app_id: int, label_key: str) -> AppTest:
    return at.button(key=f"FormSubmitter:prescreen.{app_id}.form-{ko(label_key)}").click().run()


def test_the_officer_prescreens_on_its_page_and_staff_read_it_beside_the_checks(
    small_store: str,
) -> None:
    url = small_store
    [app] = [
        a for a in applications.list_applications(CLI_ACTOR, url=url)
        if a.form.village_name == "성산동 햇빛마을"
    ]  # fmt: skip
    officer = _as(_actor(url, "district"))
    officer.switch_page("pages/prescreen.py").run()
    assert not officer.exception, [e.message for e in officer.exception]
    assert [t.value for t in officer.title] == [ko("prescreen.page")]
    picker = officer.selectbox(key="prescreen.pick")
    assert picker.value == app.id  # the newest open one comes first
    shown = _markdown(officer)
    assert md("정 하린") in shown and ko("prescreen.says_lives") in shown

    # A concern without a word of why is refused, and nothing is stored.
    officer.radio(key=f"prescreen.{app.id}.met").set_value("some")
    officer.radio(key=f"prescreen.{app.id}.lives").set_value("all")
    officer.radio(key=f"prescreen.{app.id}.verdict").set_value("concerns")
    _save(officer, app.id, "prescreen.save")
    assert [e.value for e in officer.error] == [
        f"{ko('field.note')}: {ko('prescreen.err_note_needed')}"
    ]
    assert prescreens.get_prescreen(CLI_ACTOR, app.id, url=url) is None
    officer.text_area(key=f"prescreen.{app.id}.note").input(
        "세 분 중 두 분을 주민센터에서 만났습니다. 정하린 님은 구청 직원입니다."
    )
    _save(officer, app.id, "prescreen.save")
    assert not officer.exception and not officer.error
    assert [s.value for s in officer.success] == [ko("prescreen.saved", ref=app.reference)]
    saved = prescreens.get_prescreen(CLI_ACTOR, app.id, url=url)
    assert saved is not None and (saved.met_in_person, saved.verdict) == ("some", "concerns")

    # Revised: the form comes back filled in, and the earlier version is listed.
    officer.radio(key=f"prescreen.{app.id}.met").set_value("all")
    _save(officer, app.id, "prescreen.revise")
    assert [s.value for s in officer.success] == [ko("prescreen.saved", ref=app.reference)]
    assert [e.label for e in officer.expander if e.label.startswith("이전 기록")] == [
        ko("prescreen.history", n=1)
    ]

    # Staff: the list shows the verdict and the flag; the application, its checks beside the
    # district's pre-screen, and the flag with the official's account named.
    staff = _as(_actor(url, "admin"))
    staff.switch_page("pages/calls.py").run()
    assert not staff.exception, [e.message for e in staff.exception]
    [listed] = [
        d.value for d in staff.dataframe if ko("prescreen.col_prescreen") in d.value.columns
    ]
    row = listed[listed[ko("apply.reference")] == app.reference].iloc[0]
    assert row[ko("prescreen.col_prescreen")] == ko("prescreen.verdict.concerns")
    assert row[ko("prescreen.col_flags")] == ko("prescreen.col_flags_n", n=1)
    staff.selectbox(key="calls.app").set_value(app.id).run()
    shown = _markdown(staff)
    assert ko("prescreen.checks_title") in shown
    assert ko("prescreen.district_title", district="마포구") in shown
    assert ko("prescreen.verdict.concerns") in shown
    assert ko("prescreen.flagged", n=1) in shown
    assert md("정하린 (마포구청 에너지팀)") in shown  # the official whose address it is
    assert ko("prescreen.check.public_body") in shown
