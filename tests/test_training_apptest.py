"""Training flows through Streamlit's AppTest: attendance, the generator, edits, the list, the
certificate."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from energy.core.access import CLI_ACTOR, Actor
from energy.core.catalogue import MESSAGES
from energy.core.i18n import SEOUL, format_date, translate
from energy.store import audit
from energy.training import attendance, schedule
from energy.training.completion import cohort_progress
from energy.training.schedule import SessionFilter
from tests.test_apptest import APP, TIMEOUT, _actor, _app_as, _submit, capture_downloads
from tests.test_call import _user
from ui.core import state


def _ko(key: str, **params: object) -> str:
    return translate(key, "ko", **params)


def test_a_trainer_marks_everyone_present_and_saves(demo_store: str) -> None:
    at = _app_as(demo_store, "trainer")
    at.switch_page("pages/attendance.py").run()
    assert not at.exception
    trainer = _actor(demo_store, "trainer")
    sid = at.selectbox(key="attendance.session").value
    before = attendance.attendance_sheet(trainer, sid, url=demo_store)
    assert before.recorded == 0 and before.editable  # the first offered still needs recording
    at.button(key=f"attendance.all.{sid}").click().run()
    at.button(key=f"attendance.save.{sid}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    after = attendance.attendance_sheet(trainer, sid, url=demo_store)
    assert [r.status for r in after.rows] == ["present"] * len(after.rows)
    assert [s.value for s in at.success] == [_ko("attendance.saved", n=len(after.rows))]


def test_a_trainer_types_the_paper_sheet_back_in(demo_store: str) -> None:
    at = _app_as(demo_store, "trainer")
    at.switch_page("pages/attendance.py").run()
    sid = at.selectbox(key="attendance.session").value
    rows = len(attendance.attendance_sheet(_actor(demo_store, "trainer"), sid, url=demo_store).rows)
    letters = "PPPLA" + "E" + "-" * (rows - 6)
    at.text_input(key=f"attendance.letters_text.{sid}").input(letters)
    _submit(at, "attendance.letters_apply")
    assert not at.exception
    sheet = attendance.attendance_sheet(CLI_ACTOR, sid, url=demo_store)
    assert [r.status for r in sheet.rows[:7]] == ["present"] * 3 + [
        "late",
        "absent",
        "excused",
        None,
    ]


def test_a_wrong_number_of_letters_is_explained_and_nothing_saved(demo_store: str) -> None:
    at = _app_as(demo_store, "trainer")
    at.switch_page("pages/attendance.py").run()
    sid = at.selectbox(key="attendance.session").value
    at.text_input(key=f"attendance.letters_text.{sid}").input("PP")
    _submit(at, "attendance.letters_apply")
    assert any("2" in e.value for e in at.error)
    assert attendance.attendance_sheet(CLI_ACTOR, sid, url=demo_store).recorded == 0


def test_staff_preview_a_cohort_schedule_and_see_unmet_modules_named(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/training_admin.py").run()
    at.number_input(key="generator.cohort").set_value(2024)
    at.date_input(key="generator.start").set_value(dt.date(2027, 3, 1))
    at.date_input(key="generator.end").set_value(dt.date(2027, 3, 28))  # four weeks, seven modules
    _submit(at, "generator.preview")
    assert not at.exception
    assert [e.value for e in at.error] == [_ko("generator.unmet", n=70)]  # 10 villages x 7
    unmet = next(d.value for d in at.dataframe if _ko("generator.reason") in d.value.columns)
    assert set(unmet[_ko("generator.reason")]) == {_ko("schedule.reason.window_too_short")}
    assert not schedule.list_sessions(CLI_ACTOR, SessionFilter(cohort_year=2024), url=demo_store)


def test_staff_generate_a_cohort_schedule(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/training_admin.py").run()
    at.number_input(key="generator.cohort").set_value(2024)
    at.date_input(key="generator.start").set_value(dt.date(2027, 3, 1))
    at.date_input(key="generator.end").set_value(dt.date(2027, 6, 30))
    _submit(at, "generator.generate")
    assert not at.exception, [e.message for e in at.exception]
    booked = schedule.list_sessions(CLI_ACTOR, SessionFilter(cohort_year=2024), url=demo_store)
    villages = len({v for s in booked for v in s.village_ids})
    assert [s.value for s in at.success] == [
        _ko("generator.saved", n=len(booked), villages=villages, already=0)
    ]
    assert at.caption and _ko("generator.complete") in [c.value for c in at.caption]


def test_a_conflicting_move_is_refused_with_each_conflict_listed(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/training_admin.py").run()
    sid = at.selectbox(key="edit.session").value
    at.time_input(key="edit.time").set_value(dt.time(23, 0))
    _submit(at, "edit.move")
    assert not at.exception
    (refusal,) = [e.value for e in at.error]
    assert refusal.startswith(_ko("error.schedule_conflict", n=2))
    assert f"- {_ko('schedule.conflict.resident_time')}" in refusal
    unchanged = schedule.get_session(CLI_ACTOR, sid, url=demo_store)
    assert unchanged.local_start.hour != 23


def test_staff_add_a_session_by_picking_villages_not_typing_codes(demo_store: str) -> None:
    """Issue 24: the villages of a new session are picked from a list (active villages,
    first-year ones first), by name; nothing is typed as a code."""
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/training_admin.py").run()
    picker = at.multiselect(key="edit.add.villages")
    assert picker.options and all(" · " in o for o in picker.options)
    first = picker.options[0].rsplit(" · ", 1)[1]
    picker.select(first)
    at.date_input(key="edit.add.day").set_value(dt.date(2031, 3, 4))
    _submit(at, "edit.add")
    assert not at.exception and not at.error, [e.value for e in at.error]
    added = schedule.list_sessions(CLI_ACTOR, SessionFilter(), url=demo_store)
    assert any(first in s.village_codes and s.local_start.year == 2031 for s in added)


def test_the_calendar_shows_a_month_and_offers_the_village_file(demo_store: str) -> None:
    at = _app_as(demo_store, "committee")
    at.switch_page("pages/training.py").run()
    assert not at.exception
    assert at.get("download_button")  # the committee's own .ics
    at.segmented_control(key="training.view").set_value("month").run()
    assert not at.exception
    assert any(
        _ko("calendar.month_of", year=d.year, month=d.month) == h.value
        for h in at.subheader
        for d in [at.date_input(key="training.anchor").value]
    )


def test_a_committee_adds_a_resident_to_its_training_list(demo_store: str) -> None:
    at = _app_as(demo_store, "committee")
    at.switch_page("pages/training_progress.py").run()
    assert not at.exception
    at.text_input(key="participants.add.name").input("김새봄")
    _submit(at, "participants.add")
    assert not at.exception
    names = [p.name for p in attendance.list_participants(CLI_ACTOR, "DJK-2012-01", url=demo_store)]
    assert "김새봄" in names
    assert [s.value for s in at.success] == [_ko("participants.added", name="김새봄")]


def test_a_committee_sets_a_resident_inactive_and_keeps_their_role(demo_store: str) -> None:
    """The edit form starts from the chosen person's role and state: saving changes only
    what was changed (it once reset every person to the first role, an organiser)."""
    village = "DJK-2012-01"
    people = attendance.list_participants(CLI_ACTOR, village, url=demo_store)
    resident = next(p for p in people if p.role == "resident" and p.active)
    at = _app_as(demo_store, "committee")
    at.switch_page("pages/training_progress.py").run()
    at.selectbox(key=f"participants.edit.{village}.person").set_value(resident.id).run()
    assert not at.exception
    form = f"participants.edit.{village}.{resident.id}"
    role_box = at.selectbox(key=f"{form}.role")
    active_box = at.checkbox(key=f"{form}.active")
    assert role_box.value == "resident" and active_box.value is True
    active_box.uncheck()
    _submit(at, "action.save")
    assert not at.exception
    after = attendance.list_participants(CLI_ACTOR, village, include_inactive=True, url=demo_store)
    saved = next(p for p in after if p.id == resident.id)
    assert (saved.role, saved.active) == ("resident", False)
    assert _ko("participants.saved", name=resident.name) in [s.value for s in at.success]


def test_staff_see_the_cohort_and_the_village_that_fell_behind(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/training_progress.py").run()
    at.selectbox(key="progress.cohort").set_value(dt.date.today().year - 1).run()
    assert not at.exception
    below = [w for w in at.warning if w.icon == ":material/warning:"]
    assert len(below) == 1  # one village below the attendance threshold
    table = at.dataframe[0].value
    assert len(table) == 10
    assert at.get("download_button") or at.info  # the first village's certificate, or why not


def _flat(text: str) -> str:
    """PDF text as pypdf reads it back (NULs and line breaks between glyphs) without spaces."""
    return "".join(text.replace("\x00", "").split())


def test_a_committee_whose_village_completed_downloads_its_certificate(
    demo_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's committee village never completed; a village of last year's cohort did:
    its committee is told so and gets a bilingual certificate naming the village, the
    modules and the day it completed."""
    done = next(
        p
        for p in cohort_progress(CLI_ACTOR, dt.date.today().year - 1, url=demo_store)
        if p.completed_on is not None
    )
    committee = _user(demo_store, "done.committee", "committee", village_code=done.code)
    files = capture_downloads(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.ACTOR] = committee
    at.session_state[state.LANG] = "ko"
    at.run().switch_page("pages/training_progress.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert done.completed_on is not None
    completed = format_date(done.completed_on, "ko")
    assert [s.value for s in at.success] == [
        _ko("progress.completed_msg", village=done.name, date=completed)
    ]
    [button] = at.get("download_button")
    assert button.proto.label == _ko("progress.certificate")
    assert button.proto.id.endswith(f"progress.certificate.{done.code}")

    pdf = files[f"certificate-{done.code}.pdf"]()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _flat(reader.pages[0].extract_text())
    rules = attendance.get_rules(CLI_ACTOR, url=demo_store)
    issued = dt.datetime.now(SEOUL).date()  # the city's day, not the server's
    for lang in ("ko", "en"):
        body = MESSAGES["certificate.body"][lang].format(
            modules=len(done.modules), organisers=rules.min_organisers,
            date=format_date(done.completed_on, lang),
        )  # fmt: skip
        for expected in (
            MESSAGES["certificate.title"][lang], MESSAGES["certificate.issuer"][lang], body,
            format_date(issued, lang),
        ):  # fmt: skip
            assert _flat(expected) in text, expected
    assert all(_flat(name) in text for name in (done.name, done.name_en, f"({done.code})"))
    assert all(_flat(m.module.title_ko) in text for m in done.modules)


class _Grid:
    """The attendance grid as the browser holds it. Edits made since Streamlit drew this grid
    are kept and sent again with each new edit, for as long as every run draws it with the
    same element id (Streamlit keeps a keyed grid's edits across reruns while its rows keep
    their shape); a grid drawn with another id is a new grid, without edits. AppTest alone
    forgets the edits after each run, so the test calls :meth:`seen` after each run."""

    def __init__(self, at: AppTest) -> None:
        self.at, self.drawn, self.edits = at, "", dict[int, dict[str, str]]()
        self.seen()

    def seen(self) -> None:
        [grid] = self.at.data_editor
        if grid.proto.id != self.drawn:
            self.drawn, self.edits = grid.proto.id, {}

    def edit(self, row: int, status: str) -> None:
        self.seen()
        self.edits[row] = {"status": _ko(f"attendance.{status}")}
        self.at.session_state[str(self.at.data_editor[0].key)] = {
            "edited_rows": dict(self.edits), "added_rows": [], "deleted_rows": [],
        }  # fmt: skip


def _statuses(trainer: Actor, sid: int, url: str) -> dict[str, str | None]:
    return {r.name: r.status for r in attendance.attendance_sheet(trainer, sid, url=url).rows}


def _audit_total(url: str) -> int:
    return audit.list_audit(CLI_ACTOR, entity="training_attendance", url=url).total


def test_changing_one_status_in_the_grid_saves_that_change_alone(demo_store: str) -> None:
    """A recorded session (its last person not yet marked): the trainer turns one person from
    present to late in the grid and saves. That person alone changes, in one audited row;
    the others keep their marks. The paper sheet typed in afterwards says that person was
    present after all; marking the last person in the grid then changes that person alone
    (the grid's earlier edit, kept over the new marks, once saved them late again)."""
    url = demo_store
    trainer = _actor(url, "trainer")
    at = _app_as(url, "trainer")
    at.switch_page("pages/attendance.py").run()
    sid = at.selectbox(key="attendance.session").value
    assert isinstance(sid, int)
    rows = attendance.attendance_sheet(trainer, sid, url=url).rows
    attendance.record_attendance(
        trainer, sid, {r.participant_id: "present" for r in rows[:-1]}, url=url
    )
    before = _statuses(trainer, sid, url)
    audited = _audit_total(url)

    at.selectbox(key="attendance.session").set_value(sid).run()
    assert not at.exception, [e.message for e in at.exception]
    shown = list(at.data_editor[0].value["status"])
    assert shown == [_ko("attendance.present")] * (len(rows) - 1) + [_ko("attendance.unrecorded")]
    grid, changed, last = _Grid(at), rows[6].name, rows[-1].name
    grid.edit(6, "late")
    at.button(key=f"attendance.save.{sid}").click().run()
    grid.seen()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == [_ko("attendance.saved", n=1)]  # changes only
    assert _statuses(trainer, sid, url) == {**before, changed: "late"}
    log = audit.list_audit(CLI_ACTOR, entity="training_attendance", url=url)
    assert log.total == audited + 1
    entry = log.records[0]
    assert entry.before is not None and entry.after is not None
    assert (entry.action, entry.actor, entry.before["status"], entry.after["status"]) == (
        "update", trainer.audit_name, "present", "late",
    )  # fmt: skip
    assert list(at.data_editor[0].value["status"])[6] == _ko("attendance.late")

    # The paper sheet, typed in: everyone but the last person present.
    at.text_input(key=f"attendance.letters_text.{sid}").input("P" * (len(rows) - 1) + "-")
    _submit(at, "attendance.letters_apply")
    grid.seen()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _statuses(trainer, sid, url) == before
    assert list(at.data_editor[0].value["status"])[6] == _ko("attendance.present")

    grid.edit(len(rows) - 1, "excused")
    at.button(key=f"attendance.save.{sid}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _statuses(trainer, sid, url) == {**before, last: "excused"}
    assert _audit_total(url) == audited + 3  # late, present again, the last one's mark

    # Saved again with nothing changed: said so, nothing written.
    at.button(key=f"attendance.save.{sid}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [i.value for i in at.info] == [_ko("attendance.unchanged")]
    assert not at.success
    assert _audit_total(url) == audited + 3


def test_a_trainer_sees_the_training_list_of_their_own_villages_only(demo_store: str) -> None:
    """The page follows the library (issue 22, item 4): for a village none of whose sessions
    the trainer teaches, the list is replaced by a notice and no name is shown."""
    from energy.villages import directory as villages

    sessions = schedule.list_sessions(CLI_ACTOR, url=demo_store)
    own = {c for s in sessions if s.trainer_name == "박하은" for c in s.village_codes}

    def cohort(code: str) -> int:
        return villages.get_village(CLI_ACTOR, code, url=demo_store).village.cohort_year

    mine = sorted(own)[0]
    other = next(  # the demo's trainer teaches whole cohorts: another cohort's village
        v.code
        for year in range(cohort(mine) - 1, 2011, -1)
        for v in cohort_progress(CLI_ACTOR, year, url=demo_store)
        if v.code not in own
    )
    at = _app_as(demo_store, "trainer")
    at.switch_page("pages/training_progress.py").run()
    for code, allowed in ((mine, True), (other, False)):
        at.selectbox(key="progress.cohort").set_value(cohort(code)).run()
        at.selectbox(key="progress.village").set_value(code).run()
        assert not at.exception, [e.message for e in at.exception]
        names = {p.name for p in attendance.list_participants(CLI_ACTOR, code, url=demo_store)}
        shown = " ".join(str(df.value.to_dict()) for df in at.dataframe)
        notices = [i.value for i in at.info]
        if allowed:
            assert names and any(name in shown for name in names), code
            assert _ko("participants.not_yours") not in notices
        else:
            assert not any(name in shown for name in names), code
            assert _ko("participants.not_yours") in notices
