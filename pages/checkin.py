"""Check in to a training session on a phone: opened from the QR code on the trainer's
screen (the session and code filled in) or by typing the code the trainer reads out. A phone
with no login that opened the QR code's link gets the public screen (its village, a name);
a village committee logged in checks its people in from the village's list."""

import streamlit as st

from energy.training import checkin
from ui.core import clock
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.widgets import empty_state
from ui.training.checkin import (
    RESULT,
    check_in_form,
    confirmation,
    link_params,
    session_card,
    sessions_shown,
)
from ui.training.checkin_public import public_check_in

actor = guard("checkin", public=True)
if actor is None:  # no login (or a role that does not use this page), with the QR code's link
    public_check_in()
    st.stop()
page_header("page.checkin", "checkin.caption")

result = st.session_state.get(RESULT)
if result is not None:
    confirmation(result)
    st.stop()

wanted, code = link_params()
choices = checkin.check_in_choices(actor, session_id=wanted, now=clock.now())
shown = sessions_shown(choices, wanted)
if not shown:
    empty_state("checkin.none_today", icon=":material/event:")
    st.stop()
for item in shown:
    session_card(item)
if any(item.accepting for item in shown):
    linked = wanted if any(item.session.id == wanted for item in shown) else None
    check_in_form(actor, choices, linked, code)
