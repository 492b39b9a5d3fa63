"""The trivial app (``benchmarks/trivial_app.py``) and lines of plain text: as many messages a
rerun as the staff overview and the committee home send (29 each, the session's status aside,
as the concurrency step counts them), so that the step shows what Streamlit's cost per message
alone leaves of the trivial app's reruns per second, beside what the real pages reach (issue
26)."""

import streamlit as st

# 5 messages for the trivial app (its 3 elements, the run's start and end) + 24 lines = 29.
EXTRA_LINES = 24

st.title("Trivial")
st.write("Three elements: a title, this line and a button.")
st.button("Rerun")
for n in range(EXTRA_LINES):
    st.write(f"Line {n + 1} of plain text.")
