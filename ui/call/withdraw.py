"""Withdrawing an application (its own group, or staff at the group's request): a final step,
so the button waits for a confirmation."""

from __future__ import annotations

import streamlit as st

from energy.call import applications
from energy.call.applications import ApplicationInfo
from energy.core.access import Actor
from energy.core.errors import EnergyError
from ui.core.chrome import flash
from ui.core.i18n import t
from ui.core.markup import t_md
from ui.core.widgets import show_error


def withdraw_control(actor: Actor, app: ApplicationInfo, *, key: str) -> None:
    """An expander with the confirmation and the button, for an application still open."""
    if app.status not in applications.WITHDRAWABLE:
        return
    title = t_md("apply.withdraw_title", ref=app.reference, name=app.form.village_name or "—")
    with st.expander(title, icon=":material/undo:"):
        sure = st.checkbox(t("apply.withdraw_confirm"), key=f"{key}.sure")
        if st.button(t("apply.withdraw"), key=f"{key}.go", disabled=not sure):
            try:
                applications.withdraw_application(actor, app.id)
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("apply.withdrawn", ref=app.reference))
                st.rerun()
