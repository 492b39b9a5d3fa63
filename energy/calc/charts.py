"""Altair charts: DataFrames in, charts out, no I/O. Labels arrive already translated.

Colours come from a palette that survives projectors and colour blindness (Okabe-Ito).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
STATUS_COLOURS = {"active": "#009E73", "paused": "#E69F00", "disbanded": "#999999"}


def cohort_chart(
    by_cohort: pd.DataFrame,
    *,
    status_labels: Mapping[str, str],
    x_title: str,
    y_title: str,
    legend_title: str,
) -> alt.Chart:
    """Villages selected per cohort year, stacked by today's status."""
    data = by_cohort.copy()
    data["status_label"] = data["status"].map(status_labels)
    order = [status_labels[s] for s in STATUS_COLOURS]
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("cohort_year:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("villages:Q", title=y_title, stack="zero"),
            color=alt.Color(
                "status_label:N",
                title=legend_title,
                scale=alt.Scale(domain=order, range=list(STATUS_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("status_order:Q"),
            tooltip=[
                alt.Tooltip("cohort_year:O", title=x_title),
                alt.Tooltip("status_label:N", title=legend_title),
                alt.Tooltip("villages:Q", title=y_title),
            ],
        )
        .transform_calculate(status_order=f"indexof({order!r}, datum.status_label)")
        .properties(height=300)
    )
    return chart


def tile_label_sizes(names: pd.Series, *, font: float, fits: float) -> pd.Series:
    """A font size for each tile's name, so that the longest names stay inside their tile.

    ``fits``: how many narrow letters fit a tile at ``font``; a Hangul syllable is about two
    of them. A longer name gets a smaller size, down to two thirds of ``font``
    ("Yeongdeungpo" and "Dongdaemun" spilled over their tiles in English)."""

    def width(name: object) -> float:
        return float(sum(2 if ord(char) >= 0x1100 else 1 for char in str(name)))

    widths = names.map(width)
    sizes = (font * fits / widths.clip(lower=fits)).clip(lower=round(font * 2 / 3, 1))
    return sizes.round(1)


# The name layer of a tile map: each name at its own fitted size (tile_label_sizes).
LABEL_SIZE = alt.Size("label_size:Q", scale=None, legend=None)


def tile_text_colour(villages: pd.Series, ink: str) -> Any:
    """White on the darker tiles (above about 60% of the darkest), ``ink`` on the others."""
    top = max(int(villages.max()) if len(villages) else 0, 1)
    return alt.condition(f"datum.villages > {top * 0.6:.1f}", alt.value("white"), alt.value(ink))


def district_tile_map(
    by_district: pd.DataFrame,
    *,
    name_column: str,
    value_title: str,
) -> alt.LayerChart:
    """All 25 districts as tiles placed roughly where they lie, shaded by village count."""
    data = by_district.groupby(
        ["district_code", name_column, "tile_row", "tile_col"], as_index=False
    )["villages"].sum()
    data["label_size"] = tile_label_sizes(data[name_column], font=11, fits=8)
    base = alt.Chart(data).encode(
        x=alt.X("tile_col:O", axis=None),
        y=alt.Y("tile_row:O", axis=None),
    )
    tiles = base.mark_rect(stroke="white", strokeWidth=2, cornerRadius=4).encode(
        color=alt.Color(
            "villages:Q",
            title=value_title,
            scale=alt.Scale(scheme="greens", domainMin=0),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip(f"{name_column}:N", title=" "),
            alt.Tooltip("villages:Q", title=value_title),
        ],
    )
    text_colour = tile_text_colour(data["villages"], "#222222")
    names = base.mark_text(dy=-7).encode(
        text=f"{name_column}:N", size=LABEL_SIZE, color=text_colour
    )
    counts = base.mark_text(dy=9, fontSize=13, fontWeight="bold").encode(
        text="villages:Q", color=text_colour
    )
    layered: alt.LayerChart = (tiles + names + counts).properties(height=420)
    return layered


# Baseline in grey, actual in the programme's green: the pair a citizen reads at a glance.
COMPARISON_COLOURS = {"baseline": "#999999", "actual": "#009E73"}


def comparison_chart(
    frame: pd.DataFrame,
    *,
    series_labels: Mapping[str, str],
    x_title: str,
    y_title: str,
) -> alt.Chart:
    """Σ baseline and Σ actual per month (one carrier), as two labelled lines."""
    long = frame.melt(id_vars=["month"], value_vars=["baseline", "actual"], var_name="series")
    long["label"] = long["series"].map(series_labels)
    order = [series_labels["baseline"], series_labels["actual"]]
    chart: alt.Chart = (
        alt.Chart(long)
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=alt.X("yearmonth(month):T", title=x_title, axis=alt.Axis(format="%Y-%m")),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color(
                "label:N",
                title=None,
                scale=alt.Scale(domain=order, range=list(COMPARISON_COLOURS.values())),
                legend=alt.Legend(orient="top"),
            ),
            strokeDash=alt.StrokeDash(
                "label:N", scale=alt.Scale(domain=order, range=[[6, 4], [1, 0]]), legend=None
            ),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title=x_title, format="%Y-%m"),
                alt.Tooltip("label:N", title=" "),
                alt.Tooltip("value:Q", title=y_title, format=",.1f"),
            ],
        )
        .properties(height=320)
    )
    return chart


def cohort_curves_chart(
    curves: pd.DataFrame, *, x_title: str, y_title: str, legend_title: str, villages_title: str
) -> alt.Chart:
    """Saving % by year in the programme, one line per cohort (with how many villages each
    point stands for)."""
    chart: alt.Chart = (
        alt.Chart(curves)
        .mark_line(point=True)
        .encode(
            x=alt.X("year_in_programme:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("saving_pct:Q", title=y_title, axis=alt.Axis(format="%")),
            color=alt.Color("cohort:O", title=legend_title, scale=alt.Scale(scheme="viridis")),
            tooltip=[
                alt.Tooltip("cohort:O", title=legend_title),
                alt.Tooltip("year_in_programme:O", title=x_title),
                alt.Tooltip("saving_pct:Q", title=y_title, format=".1%"),
                alt.Tooltip("villages:Q", title=villages_title),
            ],
        )
        .properties(height=320)
    )
    return chart


def district_value_map(
    districts: pd.DataFrame, *, name_column: str, value_column: str, value_title: str, fmt: str
) -> alt.LayerChart:
    """The 25 district tiles shaded by any value (e.g. the median saving); blank = no data."""
    districts = districts.assign(
        label_size=tile_label_sizes(districts[name_column], font=11, fits=8)
    )
    base = alt.Chart(districts).encode(
        x=alt.X("tile_col:O", axis=None), y=alt.Y("tile_row:O", axis=None)
    )
    tiles = base.mark_rect(stroke="white", strokeWidth=2, cornerRadius=4).encode(
        color=alt.Color(
            f"{value_column}:Q",
            title=value_title,
            scale=alt.Scale(scheme="greens"),
            legend=alt.Legend(orient="bottom", format=fmt),
        ),
        tooltip=[
            alt.Tooltip(f"{name_column}:N", title=" "),
            alt.Tooltip(f"{value_column}:Q", title=value_title, format=fmt),
        ],
    )
    names = base.mark_text(dy=-7).encode(text=f"{name_column}:N", size=LABEL_SIZE)
    values = base.mark_text(dy=9, fontSize=12, fontWeight="bold").encode(
        text=alt.Text(f"{value_column}:Q", format=fmt)
    )
    layered: alt.LayerChart = (tiles + names + values).properties(height=420)
    return layered


LATE_COLOUR = "#D55E00"  # Okabe-Ito vermillion: what is late


def district_late_chart(
    districts: pd.DataFrame, *, name_column: str, value_title: str, count_title: str
) -> alt.LayerChart:
    """Each district's share of villages with something late (``late_share``), one bar per
    district, the most behind at the top; the count of villages beside each bar."""
    data = districts[districts["villages"] > 0]
    bars = alt.Chart(data).encode(
        y=alt.Y(f"{name_column}:N", title=None, sort="-x"),
        x=alt.X(
            "late_share:Q",
            title=value_title,
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%", tickCount=5),
        ),
        tooltip=[
            alt.Tooltip(f"{name_column}:N", title=" "),
            alt.Tooltip("late_share:Q", title=value_title, format=".0%"),
            alt.Tooltip("label:N", title=count_title),
        ],
    )
    labels = bars.mark_text(align="left", dx=4, fontSize=11).encode(text="label:N")
    chart: alt.LayerChart = (
        (bars.mark_bar(color=LATE_COLOUR, cornerRadiusEnd=3) + labels)
        .transform_calculate(label="datum.villages_late + ' / ' + datum.villages")
        .properties(height=alt.Step(22))
    )
    return chart
