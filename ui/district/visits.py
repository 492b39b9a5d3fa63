"""The officer's log of visits and notes: a card's button opens a small dialog to log a
contact with that village (on a phone it fills the screen); the log lists the latest
contacts, the officer's own with a button to change them."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import VISIT_KINDS
from energy.district import visits
from energy.district.home import DistrictHome, VillageFollowing
from energy.district.visits import NOTE_MAX, VisitEntry, VisitInfo
from ui.core.chrome import flash
from ui.core.forms import HELD, form, submit
from ui.core.i18n import date, lang, t, today
from ui.core.markup import md, t_md
from ui.core.widgets import choice, show_error

DIALOG = "district.dialog"  # ("new", village id) or ("edit", visit id) while a dialog is open
LOG_SHOWN = 30  # entries the log lists


def _close() -> None:
    st.session_state.pop(DIALOG, None)


def _ask(mode: str, ident: int) -> None:
    st.session_state[DIALOG] = (mode, ident)


def open_log_dialog(village: VillageFollowing) -> None:
    """The card's button: log a contact with ``village``."""
    st.button(
        t("district.log_visit"), key=f"district.log.{village.code}", icon=":material/edit_note:",
        on_click=_ask, args=("new", village.village_id),
    )  # fmt: skip


def visit_dialog(actor: Actor, home: DistrictHome) -> None:
    """The dialog asked for by a button, if any (kept open across reruns until it is saved
    or dismissed)."""
    asked = st.session_state.get(DIALOG)
    if not asked:
        return
    mode, ident = asked
    if mode == "new":
        village = next((v for v in home.villages if v.village_id == ident), None)
        if village is None:
            _close()
            return
        title = t("district.log_visit_title", village=village.display_name(lang()))
        _dialog(title, actor, village_id=ident, name=village.display_name(lang()), visit=None)
        return
    shown = visits.list_visits(actor, district_id=home.district_id, limit=200)
    visit = next((v for v in shown if v.id == ident and v.written_by(actor)), None)
    if visit is None:
        _close()
        return
    _dialog(t("district.edit_visit_title"), actor, village_id=visit.village_id,
            name=visit.village_display(lang()), visit=visit)  # fmt: skip


def _dialog(
    title: str, actor: Actor, *, village_id: int, name: str, visit: VisitInfo | None
) -> None:
    @st.dialog(title, on_dismiss=_close)
    def visit_form() -> None:
        with form("district.visit", border=False):
            visited_on = st.date_input(
                t("district.visit.on"), value=visit.visited_on if visit else today(),
                max_value=today(), key="district.visit.on",
                on_change=HELD,
            )  # fmt: skip
            kind = st.segmented_control(
                t("district.visit.kind"), options=list(VISIT_KINDS),
                default=visit.kind if visit else "visit",
                format_func=lambda k: t(f"district.kind.{k}"), key=choice("district.visit.kind"),
                on_change=HELD,
            )  # fmt: skip
            note = st.text_area(
                t("district.visit.note"), value=visit.note if visit else "", max_chars=NOTE_MAX,
                placeholder=t("district.visit.note_help"), key="district.visit.note", height=130,
                on_change=HELD,
            )  # fmt: skip
            follow_up = st.date_input(
                t("district.visit.follow_up"), value=visit.follow_up_on if visit else None,
                help=t("district.visit.follow_up_help"), key="district.visit.follow_up",
                on_change=HELD,
            )  # fmt: skip
            if not submit(t("district.visit.save"), type="primary", icon=":material/save:"):
                return
        on = visited_on if isinstance(visited_on, dt.date) else today()
        then = follow_up if isinstance(follow_up, dt.date) else None
        entry = VisitEntry(on, kind or "", note, then)
        try:
            if visit is None:
                visits.log_visit(actor, village_id, entry, today=today())
                flash(t("district.visit.saved", village=name,
                        kind=t(f"district.kind.{kind}").lower()))  # fmt: skip
            else:
                visits.edit_visit(actor, visit.id, entry, today=today())
                flash(t("district.visit.edited"))
        except EnergyError as exc:
            show_error(exc)
            return
        _close()
        st.rerun()

    visit_form()


def visit_log(actor: Actor, home: DistrictHome, *, can_log: bool) -> None:
    """The district's latest contacts (all villages, or the one chosen), newest first."""
    st.subheader(t("district.log_title"))
    names = {v.village_id: v.display_name(lang()) for v in home.villages}
    chosen = st.selectbox(
        t("district.log_village"), options=[None, *names],
        format_func=lambda vid: t("district.log_all") if vid is None else names[vid],
        key=choice(f"district.log.village.{home.district_id}"),
    )  # fmt: skip
    shown = visits.list_visits(
        actor, district_id=home.district_id, village_id=chosen, limit=LOG_SHOWN
    )
    if not shown:
        st.caption(t("district.log_empty"))
        return
    for visit in shown:
        with st.container(border=True, key=f"district-visit-{visit.id}"):
            st.markdown(
                t_md("district.log_entry", date=date(visit.visited_on),
                     kind=t(f"district.kind.{visit.kind}"), village=visit.village_display(lang()),
                     author=visit.author_name)
            )  # fmt: skip
            st.markdown("  \n".join(md(line) for line in visit.note.splitlines() if line.strip()))
            if visit.follow_up_on is not None:
                st.caption(t("district.log_follow_up", on=date(visit.follow_up_on)))
            if can_log and visit.written_by(actor):
                st.button(
                    t("district.visit.edit"), key=f"district.edit.{visit.id}", type="tertiary",
                    icon=":material/edit:", on_click=_ask, args=("edit", visit.id),
                )  # fmt: skip
    if len(shown) == LOG_SHOWN:
        st.caption(t("district.log_more", n=LOG_SHOWN))
