"""Entry point: `streamlit run app.py`. Builds the navigation a role may use, then runs it."""

import streamlit as st

from energy import cache
from ui.auth import current_actor, login_screen, prepare_store
from ui.i18n import t
from ui.nav import PAGES, pages_for

st.set_page_config(page_title=t("app.title"), page_icon=":material/solar_power:", layout="wide")
prepare_store()
actor = current_actor()
if actor is None:
    navigation = st.navigation(
        [st.Page(login_screen, title=t("login.title"), icon=":material/login:", url_path="login")],
        position="hidden",
    )
else:
    sections: dict[str, list[st.Page]] = {}
    allowed = {spec.key for spec in pages_for(actor)}
    for spec in PAGES:
        if spec.key in allowed:
            sections.setdefault(t(spec.section_key), []).append(
                st.Page(
                    spec.path, title=t(spec.title_key), icon=spec.icon, default=spec.key == "home"
                )
            )
    # Hidden: the sidebar's links are drawn by the guard (ui.chrome), so that a deep-linked page
    # that runs without this file shows the same navigation.
    navigation = st.navigation(sections, position="hidden")
# One page run reads the data version once for all its memoised figures (energy.cache).
with cache.pinned():
    navigation.run()
