"""The yardstick: a three-element Streamlit app, served with the project's own settings
(``.streamlit/config.toml``), beside which the real app's first start and reruns are measured
in the same run (issue 26)."""

import streamlit as st

st.title("Trivial")
st.write("Three elements: a title, this line and a button.")
st.button("Rerun")
