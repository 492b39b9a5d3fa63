"""Which application the apply page is filling in: a draft, or a new one for an open call.

A new application becomes a draft as soon as something is typed (ui.call.form.autosave). The
picker then keeps its value ("new:<call>:<n>") and only its label changes to the draft's name:
changing the picker's value from the script raced with the browser, which sent the old value
back with the next field typed, and the person found an empty form. The next new application
of the same call gets the next ``n``.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from energy.call.applications import ApplicationInfo
from energy.call.calls import CallInfo
from ui.core.i18n import t

PICK = "apply.pick"  # the picker's key
NEW_DRAFTS = "apply.new_drafts"  # "new:<call>:<n>" picked -> the draft it became
NEW_FORMS = "apply.new_forms"  # new applications that became drafts in this session
RELABEL = "apply.relabel"  # the pick's label changed: set it again before the picker is drawn


def pick_choices(mine: Sequence[ApplicationInfo], open_now: Sequence[CallInfo]) -> dict[str, str]:
    """The picker's options (value -> label): the drafts, each once, then a new application
    for each open call. (Called before the picker is drawn.)"""
    if st.session_state.pop(RELABEL, False) and PICK in st.session_state:
        st.session_state[PICK] = st.session_state[PICK]  # the browser shows its new label
    drafts = {a.id: a for a in mine if a.status == "draft"}
    became: dict[str, int] = st.session_state.get(NEW_DRAFTS, {})
    choices = {f"app:{a.id}": a.title() for a in drafts.values() if a.id not in became.values()}
    choices.update({pick: drafts[i].title() for pick, i in became.items() if i in drafts})
    n = st.session_state.get(NEW_FORMS, 0)
    choices.update({f"new:{c.id}:{n}": t("apply.new_in", call=c.label) for c in open_now})
    return choices


def picked_application(
    picked: str, mine: Sequence[ApplicationInfo]
) -> tuple[int | None, ApplicationInfo | None]:
    """The call of a new application and the draft being filled in (None for a new one)."""
    kind, _, ident = picked.partition(":")
    if kind == "app":
        existing = next((a for a in mine if a.id == int(ident)), None)
        return (existing.call_id if existing else None), existing
    draft_id = st.session_state.get(NEW_DRAFTS, {}).get(picked)
    existing = next((a for a in mine if a.id == draft_id), None)
    return int(ident.partition(":")[0]), existing


def became_draft(application_id: int) -> None:
    """The new application picked was just stored as draft ``application_id``: the same pick
    (and the same fields) go on filling it in; a next new application starts empty."""
    picked = st.session_state.get(PICK, "")
    if not picked.startswith("new:"):
        return
    st.session_state.setdefault(NEW_DRAFTS, {})[picked] = application_id
    st.session_state[NEW_FORMS] = st.session_state.get(NEW_FORMS, 0) + 1
    st.session_state[RELABEL] = True  # the browser is to show the draft's name for it
