"""A committee's home: where its village stands this month, in one line, four numbers and
three links. The village's full record (facts, dated status history) is one link away, on the
village page: on a phone it used to push the month's figures off the first screen."""

from __future__ import annotations

import streamlit as st

from energy.calc.metrics import add_months, first_of_month
from energy.core.access import Actor
from energy.readings import month_grid, quality
from energy.savings import compute as savings
from energy.villages.directory import VillageDetail
from ui.core.i18n import lang, t, today
from ui.core.markup import t_md
from ui.core.nav import page_path
from ui.core.widgets import badge_dot, equal_row, kpi_row, stage_label
from ui.savings.panels import pct


def committee_home(actor: Actor, detail: VillageDetail) -> None:
    v = detail.village
    code = v.code
    status = t(f"status.{v.status}")
    st.caption(
        t_md(
            "committee.village_line",
            status=status,
            stage=stage_label(v.programme_stage),
            cohort=v.cohort_year,
            district=v.district_name(lang()),
            code=code,
        )
    )
    if v.status != "active":
        st.info(t("committee.not_active", status=status), icon=":material/pause_circle:")
    last_month = add_months(first_of_month(today()), -1)
    grid = month_grid.month_grid(actor, code, last_month)
    done = len({household for household, _ in grid.current})
    health = quality.village_quality(actor, code, as_of=today())
    report = savings.compute_savings(
        actor, village=code, start=add_months(last_month, -11), end=last_month
    )
    electricity = report.carrier("electricity")
    kpi_row(
        [
            (t("committee.households"), len(grid.households), None),
            (
                t("committee.entered", month=f"{last_month:%Y-%m}"),
                f"{done} / {len(grid.households)}",
                t("committee.entered_help"),
            ),
            # The dot sits in the label: beside the word, it pushed the value past a card's width.
            (
                f"{t('committee.quality')} {badge_dot(health.badge)}",
                t(f"badge.{health.badge}"),
                t("committee.quality_help"),
            ),
            (
                t("committee.saving"),
                pct(electricity.saving_pct),
                t(
                    "savings.coverage",
                    coverage=pct(electricity.coverage),
                    cells=electricity.cells,
                    expected=electricity.expected_cells,
                ),
            ),
        ]
    )
    links = equal_row()
    links.page_link(page_path("readings"), label=t("committee.go_log"), icon=":material/edit_note:")
    links.page_link(
        page_path("savings"), label=t("committee.go_savings"), icon=":material/savings:"
    )
    links.page_link(
        page_path("village"), label=t("committee.go_village"), icon=":material/cottage:"
    )
