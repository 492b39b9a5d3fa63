"""Reference lists for menus, read once per process (they change only with a migration)."""

from __future__ import annotations

import streamlit as st

from energy.core.access import CLI_ACTOR
from energy.core.config import get_settings
from energy.villages.districts import DistrictInfo, district_list
from ui.core.i18n import lang


@st.cache_resource(show_spinner=False)
def _districts(url_marker: str) -> list[DistrictInfo]:
    return district_list(CLI_ACTOR, url=url_marker)


def district_options() -> dict[str, str]:
    """District code → name in the session's language, in official order."""
    return {d.code: d.name(lang()) for d in _districts(get_settings().database_url)}
