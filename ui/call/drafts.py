"""Which application the apply page is filling in: a draft, or a new one for an open call.

A new application becomes a draft as soon as something is typed (ui.call.form.autosave). The
picker then keeps its value ("new:<call>:<n>") and its label: Streamlit's browser side sends a
select box's choice back as its *label*, so a label that changes under it (a draft renamed as
it is typed, a new application's label taken by the next one) moved the picker to another
application and the person found an empty form. So every option's label is fixed the first
time it is shown, per language, and each new application has a label of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from energy.call.applications import ApplicationInfo
from energy.call.calls import CallInfo
from ui.core.i18n import lang, t

PICK = "apply.pick"  # the picker's key
NEW_DRAFTS = "apply.new_drafts"  # "new:<call>:<n>" picked -> the draft it became
NEW_FORMS = "apply.new_forms"  # new applications that became drafts in this session
LABELS = "apply.labels"  # (language, option) -> the label it was first shown with


def pick_choices(mine: Sequence[ApplicationInfo], open_now: Sequence[CallInfo]) -> dict[str, str]:
    """The picker's options (value -> label): the drafts, each once, then a new application
    for each open call; each label as it was first shown in this language."""
    drafts = {a.id: a for a in mine if a.status == "draft"}
    became: dict[str, int] = st.session_state.get(NEW_DRAFTS, {})
    choices = {f"app:{a.id}": a.title() for a in drafts.values() if a.id not in became.values()}
    n = st.session_state.get(NEW_FORMS, 0)
    for pick, draft_id in became.items():
        if draft_id in drafts:  # the new application being typed, under its first label
            call_id, _, number = pick.removeprefix("new:").partition(":")
            call = next((c for c in open_now if c.id == int(call_id)), None)
            choices[pick] = _new_label(call, int(number)) if call else drafts[draft_id].title()
    choices.update({f"new:{c.id}:{n}": _new_label(c, n) for c in open_now})
    shown: dict[tuple[str, str], str] = st.session_state.setdefault(LABELS, {})
    return {value: shown.setdefault((lang(), value), label) for value, label in choices.items()}


def _new_label(call: CallInfo, n: int) -> str:
    """A new application's label, different for each one started in the session."""
    if n == 0:
        return t("apply.new_in", call=call.label)
    return t("apply.new_in_nth", call=call.label, n=n + 1)


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
