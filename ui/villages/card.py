"""A village's record as a card: facts, status and its dated history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from energy.villages.directory import VillageDetail
from ui.core.i18n import date, lang, t
from ui.core.widgets import kpi_row, stage_label

STATUS_ICONS = {"active": ":material/check_circle:", "paused": ":material/pause_circle:",
                "disbanded": ":material/cancel:"}  # fmt: skip


def village_card(detail: VillageDetail) -> None:
    v = detail.village
    kpi_row(
        [
            (t("field.status"), t(f"status.{v.status}"), None),
            (t("field.stage"), stage_label(v.programme_stage), t("village.stage_help")),
            (t("field.cohort"), str(v.cohort_year), None),
            (t("field.district"), v.district_name(lang()), None),
        ]
    )
    facts = {
        t("field.code"): v.code,
        t("field.name"): v.name,
        t("field.name_en"): v.name_en or "–",
        t("field.neighbourhood"): v.neighbourhood or "–",
        t("field.housing_type"): t(f"housing.{v.housing_type}"),
    }
    st.subheader(t("village.facts"))
    st.dataframe(
        pd.DataFrame({t("village.fact"): list(facts), t("village.value"): list(facts.values())}),
        hide_index=True,
        width="stretch",
    )
    st.subheader(t("village.history"))
    if not detail.history:
        st.info(t("village.no_history"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("field.effective_on"): date(h.effective_on),
                    t("field.status"): t(f"status.{h.status}"),
                    t("field.reason"): t(f"reason.{h.reason_code}"),
                    t("field.note"): h.note or "",
                    t("field.recorded_by"): h.recorded_by,
                }
                for h in reversed(detail.history)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
