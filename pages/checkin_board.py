"""Self check-in for a session (trainers, staff): a QR code and a code that changes every
minute, for participants to mark themselves present on their phones; arrivals appear live,
and the trainer corrects them."""

import streamlit as st

from energy.core.errors import EnergyError
from energy.training import checkin_board
from ui.core import clock
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.widgets import empty_state, show_error
from ui.training.checkin_board import (
    arrivals_panel,
    choose_session,
    code_panel,
    controls,
    linked_session,
    session_heading,
)

actor = guard("checkin_board")
page_header("page.checkin_board", "checkin_board.caption")

try:
    sessions = checkin_board.board_sessions(actor, session_id=linked_session(), now=clock.now())
except EnergyError as exc:  # a link to a session that is not this trainer's
    show_error(exc)
    st.stop()
if not sessions:
    empty_state("checkin_board.none_today", icon=":material/event:")
    st.stop()

chosen = choose_session(sessions, linked_session())
board = checkin_board.check_in_board(actor, chosen, now=clock.now())
session_heading(board)
controls(actor, board)
left, right = st.columns([3, 2], gap="large")
with left:
    code_panel(actor, board)
with right:
    arrivals_panel(actor, board)
