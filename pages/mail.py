"""The outbox (staff only): whether mail is on and where it goes, how many messages wait,
went and failed, each with the mail server's last answer, newest first; "send now" and "try
the failed ones again"."""

import streamlit as st

from energy.mail import queue
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.widgets import empty_state
from ui.mail import outbox_view

actor = guard("mail")
page_header("page.mail", "mail.caption")

summary = queue.outbox_summary(actor)
outbox_view.state_banner(summary)
outbox_view.actions(actor, summary)
shown = outbox_view.status_filter()
entries = queue.list_outbox(actor, status=shown)
if not entries:
    empty_state("mail.none")
    st.stop()
outbox_view.table(entries)
