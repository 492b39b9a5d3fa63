"""The account page's mail settings: the language of the screens and of the person's mail,
their address, and the optional kinds of mail (``OPTIONAL_MAIL_KINDS``) turned on or off."""

from __future__ import annotations

import streamlit as st

from energy.accounts import users as accounts
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import OPTIONAL_MAIL_KINDS
from ui.core.chrome import LANGUAGE_LABELS, choose_language, flash
from ui.core.i18n import lang, t
from ui.core.widgets import show_error

LANGUAGE = "account.language"  # the language widget's key


def mail_server_note(sending: bool | None = None) -> None:
    """The line saying this server sends no mail: shown when ``sending`` is False (no
    ``ENERGY_SMTP_URL`` set; the account page passes whether one is)."""
    if sending is False:
        st.info(t("account.mail_off"), icon=":material/unsubscribe:")


def _language_chosen(actor: Actor) -> None:
    choose_language(actor, st.session_state.get(LANGUAGE))


def mail_settings(actor: Actor, *, sending: bool | None = None) -> None:
    """The person's language, address and optional notices, each saved for their account."""
    mine = accounts.own_account(actor)
    with st.container(border=True):
        st.subheader(t("account.mail_title"))
        mail_server_note(sending)
        st.session_state[LANGUAGE] = lang()  # as the sidebar's switch may have left it
        st.segmented_control(
            t("account.language"),
            options=list(LANGUAGE_LABELS),
            format_func=LANGUAGE_LABELS.__getitem__,
            key=LANGUAGE,
            on_change=_language_chosen,
            args=(actor,),
            help=t("account.language_help"),
        )
        with st.form("account.mail", border=False):
            _mail_form(actor, mine)


def _mail_form(actor: Actor, mine: accounts.UserInfo) -> None:
    address = st.text_input(
        t("account.email"),
        value=mine.email or "",
        placeholder="hong@example.org",
        help=t("account.email_help"),
        key="account.email",
        autocomplete="email",
    )
    st.markdown(t("account.optional_title"))
    wanted = {
        kind: st.checkbox(
            t(f"mail_kind.{kind}"), value=kind not in mine.mail_muted, key=f"account.mail.{kind}"
        )
        for kind in OPTIONAL_MAIL_KINDS
    }
    st.caption(t("account.always_sent"))
    if st.form_submit_button(t("account.mail_save"), type="primary"):
        try:
            accounts.set_own_email(actor, address)
            accounts.set_mail_muted(actor, [k for k, on in wanted.items() if not on])
        except EnergyError as exc:
            show_error(exc)
        else:
            flash(t("account.mail_saved"))
            st.rerun()
