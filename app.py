"""Entry point: `streamlit run app.py`. Builds the navigation a role may use, then runs it."""

import streamlit as st

from ui.core.first_start import announce_first_start
from ui.core.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon=":material/solar_power:", layout="wide")
# A new install's first visitor reads what is being prepared before the rest of the app is
# even imported (a first process takes seconds to load pandas, SQLAlchemy and the demo
# builder); everywhere else this draws nothing.
announced = announce_first_start()

from energy.core.access import PUBLIC_PAGES  # noqa: E402 (after the first words a new install shows)
from energy.store import cache  # noqa: E402
from ui.accounts.password_reset import reset_token  # noqa: E402
from ui.core.auth import login_screen  # noqa: E402
from ui.core.chrome import typography  # noqa: E402
from ui.core.nav import (  # noqa: E402
    PAGES,
    menu_by_streamlit,
    menu_shown_by_streamlit,
    page,
    pages_for,
)
from ui.core.session import current_actor, prepare_store  # noqa: E402

typography()
prepare_store(announced)
# A password-reset link opens the login screen's new-password form, whoever is logged in.
actor = None if reset_token() is not None else current_actor()
if actor is None:
    # Every page's address opens the login (a committee's bookmarked 사용량 입력 on a phone),
    # not Streamlit's English "Page not found" over it; after the login the same address runs
    # the page itself.
    # A public page (the check-in page of a QR code's link) runs its own file: its guard shows
    # the public screen to a visitor who brings the link, and the login to anyone else.
    login = {"title": t("login.title"), "icon": ":material/login:"}
    navigation = st.navigation(
        [page(login_screen, **login, url_path="login", default=True)]
        + [
            page(spec.path, title=t(spec.title_key), url_path=spec.key, visibility="hidden")
            if spec.key in PUBLIC_PAGES
            else page(login_screen, **login, url_path=spec.key, visibility="hidden")
            for spec in PAGES
        ],
        position="hidden",
    )
    drawn = False
else:
    sections: dict[str, list[st.Page]] = {}
    allowed = {spec.key for spec in pages_for(actor)}
    for spec in PAGES:
        if spec.key in allowed:
            sections.setdefault(t(spec.section_key), []).append(
                page(spec.path, title=t(spec.title_key), icon=spec.icon, default=spec.key == "home")
            )
    # A page the role may not use keeps its address, hidden from the menu: its own guard
    # says so in the user's language (a link from another role's e-mail, an old bookmark).
    next(reversed(sections.values())).extend(
        page(spec.path, title=t(spec.title_key), icon=spec.icon, visibility="hidden")
        for spec in PAGES
        if spec.key not in allowed
    )
    # Streamlit draws the menu in the sidebar: one message per rerun, where page links took
    # one per link and section (a third of a rerun's messages). client.showSidebarNavigation
    # stays off in config.toml until this process has run st.navigation once (ui.core.nav), so a
    # deep link into a fresh server (ARCHITECTURE's trap) never lists the page files; such a
    # page, run without this file, draws its own links (ui.core.chrome).
    drawn = menu_shown_by_streamlit()
    navigation = st.navigation(sections, position="sidebar", expanded=True)
# One page run reads the data version once for all its memoised figures (energy.store.cache).
with cache.pinned(), menu_by_streamlit(drawn):
    navigation.run()
