"""Altair charts of the organisations pipeline and the lessons from villages that stop.

DataFrames in, charts out, no I/O; labels arrive already translated (see :mod:`energy.calc.charts`).
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

# Okabe & Ito (2008), as in energy.calc.charts: distinguishable with colour blindness.
KIND_COLOURS = {"paused": "#E69F00", "disbanded": "#999999", "came_back": "#009E73"}
FORM_COLOURS = {
    "cooperative": "#0072B2",
    "social_cooperative": "#009E73",
    "nonprofit": "#CC79A7",
    "social_enterprise": "#D55E00",
}


def _coloured(
    data: pd.DataFrame, column: str, labels: Mapping[str, str], colours: Mapping[str, str]
) -> tuple[pd.DataFrame, alt.Scale]:
    data = data.copy()
    data["label"] = data[column].map(labels)
    data["order"] = data[column].map({k: i for i, k in enumerate(colours)})
    scale = alt.Scale(domain=[labels[k] for k in colours], range=list(colours.values()))
    return data, scale


def pipeline_chart(
    counts: pd.DataFrame,
    *,
    stage_labels: Mapping[str, str],
    form_labels: Mapping[str, str],
    y_title: str,
    legend_title: str,
) -> alt.Chart:
    """Organisations per stage (in the pipeline's order), stacked by legal form."""
    data, scale = _coloured(counts, "legal_form", form_labels, FORM_COLOURS)
    data["stage_label"] = data["stage"].map(stage_labels)
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "stage_label:N",
                title=None,
                sort=[stage_labels[s] for s in stage_labels],
                axis=alt.Axis(labelAngle=0, labelLimit=200),
            ),
            y=alt.Y("organisations:Q", title=y_title, stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "label:N",
                title=legend_title,
                scale=scale,
                legend=alt.Legend(orient="top", labelLimit=260),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("stage_label:N", title=""),
                alt.Tooltip("label:N", title=legend_title),
                alt.Tooltip("organisations:Q", title=y_title),
            ],
        )
        .properties(height=260)
    )
    return chart


def events_by_year_chart(
    by_year: pd.DataFrame, *, kind_labels: Mapping[str, str], x_title: str, y_title: str
) -> alt.Chart:
    """Villages that paused, disbanded or came back, per calendar year."""
    data, scale = _coloured(by_year, "kind", kind_labels, KIND_COLOURS)
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("label:N", sort=list(scale.domain)),
            y=alt.Y("events:Q", title=y_title, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("label:N", title=None, scale=scale, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("year:O", title=x_title),
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("events:Q", title=y_title),
            ],
        )
        .properties(height=280)
    )
    return chart


def reasons_chart(
    by_reason: pd.DataFrame,
    *,
    reason_labels: Mapping[str, str],
    kind_labels: Mapping[str, str],
    x_title: str,
) -> alt.Chart:
    """Why villages stopped: one bar per reason, paused and disbanded side by side."""
    kinds = {k: v for k, v in KIND_COLOURS.items() if k in ("paused", "disbanded")}
    data, scale = _coloured(by_reason, "kind", kind_labels, kinds)
    data["reason_label"] = data["reason"].map(reason_labels)
    order = data.groupby("reason_label")["events"].sum().sort_values(ascending=False).index.tolist()
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y(
                "reason_label:N",
                title=None,
                sort=order,
                axis=alt.Axis(labelLimit=220, labelOverlap=False),
            ),
            x=alt.X("events:Q", title=x_title, stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("label:N", title=None, scale=scale, legend=alt.Legend(orient="top")),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("reason_label:N", title=""),
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("events:Q", title=x_title),
            ],
        )
        .properties(height=alt.Step(34))
    )
    return chart


def survival_chart(
    survival: pd.DataFrame, *, x_title: str, y_title: str, legend_title: str, observed_title: str
) -> alt.Chart:
    """Share of each cohort's villages still going (not disbanded) k years after starting."""
    data = survival.copy()
    data["cohort"] = data["cohort"].astype(str)
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("years:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("share:Q", title=y_title, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "cohort:O", title=legend_title, scale=alt.Scale(scheme="viridis"),
                legend=alt.Legend(orient="right", columns=2, symbolLimit=0),
            ),
            tooltip=[
                alt.Tooltip("cohort:O", title=legend_title),
                alt.Tooltip("years:Q", title=x_title),
                alt.Tooltip("share:Q", title=y_title, format=".0%"),
                alt.Tooltip("observed:Q", title=observed_title),
            ],
        )
        .properties(height=300)
    )  # fmt: skip
    return chart
