"""The audit log (staff only): every write as a sentence, who made it and when, filtered by
person, village, kind of thing, action and period, a page at a time; each entry opens onto
its values before and after."""

import streamlit as st

from energy.audit import log
from ui.audit import log_view
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang
from ui.core.widgets import empty_state

actor = guard("audit")
page_header("page.audit", "audit.caption")

chosen = log_view.filters(actor)
found = log.read_log(actor, chosen, page=log_view.current_page(chosen), lang=lang())
if not found.entries:
    empty_state("audit.none")
    st.stop()

log_view.pager(found, where="top")
log_view.entries(found)
log_view.pager(found, where="bottom")
log_view.download(actor, chosen)
