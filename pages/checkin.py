"""Check in to a training session on a phone: opened from the QR code on the trainer's
screen (the session and code filled in) or by typing the code the trainer reads out."""

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

actor = guard("checkin")
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
