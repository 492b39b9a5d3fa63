"""Who draws the menu: Streamlit's sidebar list turns on only once the process has run the
app's own st.navigation (so a deep link into a fresh server never lists the page files)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit import config

from ui.core import nav

OPTION = "client.showSidebarNavigation"


@pytest.fixture
def fresh_process() -> Iterator[None]:
    was_set, was = nav._navigated.is_set(), config.get_option(OPTION)
    nav._navigated.clear()
    config.set_option(OPTION, False)
    yield
    config.set_option(OPTION, was)
    if was_set:
        nav._navigated.set()


def test_the_menu_stays_hidden_until_the_process_has_navigated(fresh_process: None) -> None:
    assert nav.menu_shown_by_streamlit() is False
    assert config.get_option(OPTION) is False  # the page files are never listed
    with nav.menu_by_streamlit(False):  # app.py's first run (the login screen, say)
        assert nav.menu_drawn_by_streamlit() is False  # that run draws its own links
    assert nav.menu_shown_by_streamlit() is True
    assert config.get_option(OPTION) is True
    with nav.menu_by_streamlit(True):
        assert nav.menu_drawn_by_streamlit() is True
    assert nav.menu_drawn_by_streamlit() is False  # outside app.py's run: links again
