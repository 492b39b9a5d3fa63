"""A district officer's home: the villages of its district."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from energy.core.access import Actor
from energy.villages import directory as villages
from ui.core.chrome import page_header
from ui.core.i18n import lang, t
from ui.core.widgets import empty_state


def district_home(actor: Actor) -> None:
    listed = villages.list_villages(actor)
    page_header("home.district_title", "home.district_caption")
    if not listed:
        empty_state("home.district_empty")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("field.code"): v.code,
                    t("field.name"): v.display_name(lang()),
                    t("field.cohort"): v.cohort_year,
                    t("field.stage"): t("stage.graduated")
                    if v.graduated
                    else t("stage.year", n=v.programme_year),
                    t("field.status"): t(f"status.{v.status}"),
                }
                for v in listed
            ]
        ),
        hide_index=True,
        width="stretch",
    )
