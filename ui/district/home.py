"""A district's home (issue 27), made for an officer visiting villages on a phone: the
district's figures in four small tiles, then one card per village, those with something late
first, each naming what is late and what is due; the log of visits and notes below. Staff see
the same home for any district (``ui.district.compare``), without the buttons that write."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from energy.core.access import Actor
from energy.district import home as follow
from energy.district.due import LATE
from energy.district.home import DistrictHome, VillageFollowing
from ui.core.chrome import page_header
from ui.core.i18n import date, lang, t
from ui.core.markup import md, t_md
from ui.core.nav import page_path
from ui.core.widgets import empty_state, stage_label
from ui.district.visits import open_log_dialog, visit_dialog, visit_log
from ui.savings.panels import pct

NOTE_ON_CARD = 80  # characters of the latest note a card shows
DOT = {LATE: ":red[●]", "due": ":orange[●]"}


def district_home(actor: Actor) -> None:
    """The officer's home: its own district."""
    home = follow.follow_district(actor, actor.district_id or -1)
    page_header("home.district_title", "home.district_caption", district=home.name(lang()))
    draw_home(actor, home, can_log=True)


def draw_home(actor: Actor, home: DistrictHome, *, can_log: bool) -> None:
    if not home.villages:
        empty_state("home.district_empty")
        return
    _figures(home)
    if can_log:
        visit_dialog(actor, home)  # open while a card's button asked for it
    followed = [v for v in home.villages if v.status != "disbanded"]
    for village in followed:
        _card(village, can_log=can_log)
    gone = [v for v in home.villages if v.status == "disbanded"]
    if gone:
        with st.expander(t("district.disbanded_heading", n=len(gone)), icon=":material/block:"):
            for village in gone:
                _card(village, can_log=False)
    visit_log(actor, home, can_log=can_log)


def _figures(home: DistrictHome) -> None:
    """The district in four tiles that sit two to a row on a phone."""
    start, end = home.months
    saving_start, saving_end = home.saving_months
    st.caption(
        t("district.summary", villages=len(home.villages), active=home.active,
          villages_late=home.villages_late),
        help=t("district.summary_help", start=f"{start:%Y-%m}", end=f"{end:%Y-%m}",
               saving_start=f"{saving_start:%Y-%m}", saving_end=f"{saving_end:%Y-%m}"),
    )  # fmt: skip
    with st.container(horizontal=True, gap="small", key="district-figures"):
        for label, value in (
            (t("district.kpi.late"), f"{home.late:,}"),
            (t("district.kpi.due"), f"{home.due:,}"),
            (t("district.kpi.coverage"), pct(home.readings_coverage)),
            (t("district.kpi.saving"), pct(home.saving_pct)),
        ):
            st.metric(label, value, border=True, width=165)


def _card(village: VillageFollowing, *, can_log: bool) -> None:
    name = village.display_name(lang())
    with st.container(border=True, key=f"district-card-{village.code}"):
        st.markdown(f"**{md(name)}**")
        st.caption(
            t_md("district.card_line", code=village.code, stage=stage_label(village.stage),
                 coverage=pct(village.reporting.coverage), saving=pct(village.saving_pct))
        )  # fmt: skip
        with st.container(horizontal=True, gap="small"):
            if village.status != "active":
                st.badge(t(f"district.badge.{village.status}"), color="gray")
            if village.late:
                st.badge(t("district.badge.late", n=village.late), color="red",
                         icon=":material/error:")  # fmt: skip
            if village.due:
                st.badge(t("district.badge.due", n=village.due), color="orange",
                         icon=":material/schedule:")  # fmt: skip
            if not village.items and village.status != "disbanded":
                st.badge(t("district.badge.clear"), color="green", icon=":material/check:")
        if village.items:  # one line each, its dot the state's colour (the badges say it)
            st.markdown("  \n".join(f"{DOT[i.state]} {md(i.text(lang()))}" for i in village.items))
        contacts = village.contacts
        if contacts.last_on is not None:
            note = contacts.last_note
            clipped = note if len(note) <= NOTE_ON_CARD else note[: NOTE_ON_CARD - 1] + "…"
            st.caption(
                t_md("district.last_contact", date=date(contacts.last_on), note=clipped,
                     kind=t(f"district.kind.{contacts.last_kind}"))
            )  # fmt: skip
        elif village.status != "disbanded":
            st.caption(t("district.no_contact"))
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            if can_log:
                open_log_dialog(village)
            _village_link(village)


def _village_link(village: VillageFollowing) -> None:
    """The village's own page (its record, status history, organisation)."""
    try:
        st.page_link(page_path("village"), label=t("district.open_village"),
                     icon=":material/cottage:", query_params={"code": village.code})  # fmt: skip
    except StreamlitAPIException:
        return  # a page file run on its own (a deep link) knows no other pages
