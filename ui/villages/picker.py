"""Which village a tracking page is about: a committee's own, or the one staff choose."""

from __future__ import annotations

import streamlit as st

from energy.core.access import Actor
from energy.villages import directory as villages
from ui.core.i18n import lang, t
from ui.core.widgets import choice, empty_state


def pick_village(actor: Actor, *, key: str) -> villages.VillageSummary:
    """The committee's village; for staff a menu (remembered in the link as ``?code=``)."""
    if actor.role == "committee":
        return villages.get_village_by_id(actor, actor.village_id or 0).village
    listed = [v for v in villages.list_villages(actor) if v.status != "disbanded"]
    if not listed:
        empty_state("village.none_yet")
        st.stop()
    codes = [v.code for v in listed]
    wanted = st.query_params.get("code")
    names = {v.code: f"{v.code} · {v.display_name(lang())}" for v in listed}
    code = st.selectbox(
        t("village.choose"),
        codes,
        format_func=names.__getitem__,
        index=codes.index(wanted) if wanted in codes else 0,
        key=choice(key),
    )
    st.query_params["code"] = code
    return next(v for v in listed if v.code == code)
