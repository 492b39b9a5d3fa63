"""My account: language, where my mail goes and which notices I get, password, and how long
a session lasts."""

import streamlit as st

from energy.accounts import users as accounts
from energy.core.config import get_settings
from energy.core.errors import EnergyError
from ui.accounts.mail_settings import mail_settings
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.i18n import t
from ui.core.markup import t_md
from ui.core.widgets import show_error

actor = guard("account")
page_header("page.account", "account.caption")

st.markdown(
    t_md(
        "account.who",
        name=actor.display_name or actor.username,
        username=actor.username,
        role=t(f"role.{actor.role}"),
    )
)
st.caption(t("account.session_note", minutes=f"{get_settings().session_idle_minutes:g}"))

mail_settings(actor, sending=get_settings().smtp is not None)

with st.form("account.password", clear_on_submit=True):
    st.subheader(t("account.password_title"))
    current = st.text_input(
        t("account.current"),
        type="password",
        key="account.current",
        autocomplete="current-password",
    )
    new = st.text_input(
        t("account.new"),
        type="password",
        key="account.new",
        autocomplete="new-password",
        help=t("users.password_help"),
    )
    again = st.text_input(
        t("account.again"), type="password", key="account.again", autocomplete="new-password"
    )
    if st.form_submit_button(t("account.change"), type="primary"):
        if new != again:
            st.error(t("account.mismatch"))
        else:
            try:
                accounts.change_own_password(actor, current, new)
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("account.changed"))
                st.rerun()
