"""Tables of organisations as a person reads them (translated columns, money, stages)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from energy.organisations.formation import OrganisationSummary
from ui.core.i18n import date, krw, lang, number, t


def _or_dash(value: object) -> object:
    return "–" if value is None or (isinstance(value, float) and pd.isna(value)) else value


def side_by_side(frame: pd.DataFrame) -> pd.DataFrame:
    """All organisations side by side (one row each), for the screen and the downloads."""
    en = lang() == "en"

    def money(column: str) -> list[str]:
        return [krw(None if pd.isna(v) else int(v)) for v in frame[column]]

    def count(column: str) -> list[str]:
        # Text throughout: a column mixing numbers and "–" cannot be sent to the browser as
        # one Arrow type (Streamlit then re-guesses the column's type on every rerun).
        return [str(_or_dash(None if pd.isna(v) else int(v))) for v in frame[column]]

    return pd.DataFrame(
        {
            t("org.name"): frame["name_en"].fillna(frame["name"]) if en else frame["name"],
            t("field.village"): frame["village_en"].fillna(frame["village"])
            if en
            else frame["village"],
            t("field.code"): frame["village_code"],
            t("org.legal_form"): [t(f"legal_form.{f}") for f in frame["legal_form"]],
            t("org.stage"): [t(f"phase.{s}") for s in frame["stage"]],
            t("org.next_step"): [
                t(f"formation.step.{s}") if isinstance(s, str) else "–" for s in frame["next_step"]
            ],
            t("org.founded_on"): [date(d) if isinstance(d, dt.date) else "–"
                                  for d in frame["founded_on"]],
            t("org.members"): frame["members"],
            t("org.household_members"): frame["household_members"],
            t("org.capital_pledged"): money("capital_pledged_krw"),
            t("org.capital_paid"): money("capital_paid_krw"),
            t("org.solar_kw"): [number(v, 1) for v in frame["solar_kw"]],
            t("org.solar_kwh"): [number(v) for v in frame["solar_kwh_year"]],
            t("org.report_year"): count("report_year"),
            t("org.supermarket_sales"): money("supermarket_sales_krw"),
            t("org.checkups"): count("checkups"),
            t("org.education_sessions"): count("education_sessions"),
            t("org.jobs_full_time"): count("jobs_full_time"),
            t("org.jobs_part_time"): count("jobs_part_time"),
            t("org.energy_careers"): count("energy_careers"),
            t("org.revenue"): money("revenue_krw"),
        }
    )  # fmt: skip


def organisation_label(org: OrganisationSummary) -> str:
    return f"{org.display_name(lang())} · {org.village_display(lang())} ({t(f'legal_form.{org.legal_form}')})"
