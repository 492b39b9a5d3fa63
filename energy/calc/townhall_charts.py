"""Charts for the town hall: readable from the back of a room. DataFrames in, charts out.

Few series, values written on the marks, units in the axis titles, large type, and colours
from the Okabe-Ito palette (they survive a washed-out projector and colour blindness). The
same chart is drawn on screen (Altair in Streamlit) and rendered to PNG for the deck
(:mod:`energy.townhall.deck`). Labels arrive already translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from energy.calc import charts

GREEN = "#009E73"  # the programme's colour: villages and their savings
ORANGE = "#E69F00"  # the milestone; the sun
GREY = "#7F7F7F"  # published reference figures
BLUE = "#0072B2"  # what residents asked for (applications)
SKY = "#56B4E9"
# Series in turn where they are kinds of one thing (strands, legal forms): Okabe-Ito.
SERIES = (GREEN, BLUE, ORANGE, SKY)
# An axis of counts: whole steps only (a handful of applications must not read 0, 1, 1, 2).
COUNT_AXIS = alt.Axis(tickCount=5, tickMinStep=1, format=",d")
INK = "#222222"
LABEL_SIZE = 22  # values written on the marks
AXIS_LABEL_SIZE = 20
AXIS_TITLE_SIZE = 22
HEIGHT = 440
# The district map's plot width ÷ height: 6 columns by 7 rows of tiles, each wide enough for
# a district's name on one line.
MAP_ASPECT = 1.9


def _readable(chart: Any) -> Any:
    """Large type and a quiet frame, for any top-level chart."""
    return (
        chart.configure_axis(
            labelFontSize=AXIS_LABEL_SIZE,
            titleFontSize=AXIS_TITLE_SIZE,
            labelColor=INK,
            titleColor=INK,
            titleFontWeight="normal",
            gridColor="#DDDDDD",
        )
        .configure_legend(
            labelFontSize=AXIS_LABEL_SIZE, titleFontSize=AXIS_LABEL_SIZE, symbolSize=300
        )
        .configure_view(stroke=None)
    )


def _series_colour(field: str, order: Sequence[str], colours: Sequence[str]) -> alt.Color:
    """Each series of ``field`` in its colour, named in a legend across the top."""
    return alt.Color(
        f"{field}:N",
        title=None,
        scale=alt.Scale(domain=list(order), range=list(colours)),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=480),
    )


def growth_chart(
    by_year: pd.DataFrame,
    *,
    milestone_year: int | None,
    milestone_label: str,
    x_title: str,
    y_title: str,
) -> alt.LayerChart:
    """Villages in the programme, year by year (cumulative), the milestone year marked."""
    data = by_year.assign(milestone=by_year["year"] == milestone_year)
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("villages:Q", title=y_title, axis=alt.Axis(tickCount=5)),
    )
    bars = base.mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        color=alt.condition("datum.milestone", alt.value(ORANGE), alt.value(GREEN)),
        tooltip=[alt.Tooltip("year:O", title=x_title), alt.Tooltip("villages:Q", title=y_title)],
    )
    values = base.mark_text(dy=-14, fontSize=LABEL_SIZE - 2, color=INK).encode(text="villages:Q")
    layers: list[Any] = [bars, values]
    if milestone_year is not None:
        note = (
            alt.Chart(data[data["milestone"]])
            .mark_text(
                dy=-44,
                dx=18,
                align="right",
                fontSize=LABEL_SIZE,
                fontWeight="bold",
                color="#A86A00",
            )
            .encode(x="year:O", y="villages:Q", text=alt.value(milestone_label))
        )
        layers.append(note)
    chart: alt.LayerChart = _readable(alt.layer(*layers).properties(height=HEIGHT))
    return chart


def _side_by_side(
    frame: pd.DataFrame,
    *,
    x: str,
    x_title: str,
    value: str,
    y_title: str,
    y_axis: alt.Axis,
    value_format: str,
    order: Sequence[str],
    colours: Sequence[str],
) -> alt.LayerChart:
    """Bars of ``frame``'s series side by side at each ``x``, each with its value written
    above it (above the zero line when the bar goes below it)."""
    base = alt.Chart(frame).encode(
        x=alt.X(x, title=x_title, sort=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("series:N", sort=list(order)),
        y=alt.Y(f"{value}:Q", title=y_title, axis=y_axis),
    )
    bars = base.mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        color=_series_colour("series", order, colours),
        tooltip=[
            alt.Tooltip(x, title=x_title),
            alt.Tooltip("series:N", title=" "),
            alt.Tooltip(f"{value}:Q", title=y_title, format=value_format),
        ],
    )
    values = (
        base.mark_text(dy=-14, fontSize=LABEL_SIZE - 2, color=INK)
        .encode(y=alt.Y("label_y:Q"), text=alt.Text(f"{value}:Q", format=value_format))
        .transform_calculate(label_y=f"max(datum.{value}, 0)")
    )
    chart: alt.LayerChart = _readable((bars + values).properties(height=HEIGHT))
    return chart


def programme_year_chart(
    stages: pd.DataFrame,
    *,
    series_labels: Sequence[str],
    x_title: str,
    y_title: str,
) -> alt.LayerChart:
    """Electricity saved per programme year: the villages' figure beside Seoul's published one.

    ``stages`` has ``label`` (the programme year, translated), ``series`` (one of
    ``series_labels``: ours first, the published figure second) and ``pct`` (a fraction).
    """
    return _side_by_side(
        stages, x="label:N", x_title=x_title, value="pct", y_title=y_title,
        y_axis=alt.Axis(format="%", tickCount=5), value_format=".1%",
        order=series_labels, colours=[GREEN, GREY],
    )  # fmt: skip


def call_history_chart(
    history: pd.DataFrame, *, series_labels: Sequence[str], x_title: str, y_title: str
) -> alt.LayerChart:
    """Applications received and villages selected, call year by call year, side by side.

    ``history`` has ``year``, ``series`` (one of ``series_labels``: applications first,
    selected second) and ``count``."""
    return _side_by_side(
        history, x="year:O", x_title=x_title, value="count", y_title=y_title,
        y_axis=COUNT_AXIS, value_format=",d", order=series_labels, colours=[BLUE, GREEN],
    )  # fmt: skip


def labelled_bars_chart(
    frame: pd.DataFrame, *, series_labels: Sequence[str], x_title: str
) -> alt.LayerChart:
    """A bar for each row, top to bottom in the frame's order, its value written at its end
    and coloured by its series (the training's topics by strand, the organisations by form).

    ``frame`` has ``label`` (translated), ``series`` (one of ``series_labels``) and ``value``
    (a count)."""
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=420)),
        x=alt.X("value:Q", title=x_title, axis=COUNT_AXIS),
    )
    bars = base.mark_bar(cornerRadiusTopRight=3, cornerRadiusBottomRight=3).encode(
        color=_series_colour("series", series_labels, SERIES[: len(series_labels)]),
        tooltip=[
            alt.Tooltip("label:N", title=" "),
            alt.Tooltip("value:Q", title=x_title, format=",d"),
        ],
    )
    values = base.mark_text(align="left", dx=8, fontSize=LABEL_SIZE - 2, color=INK).encode(
        text=alt.Text("value:Q", format=",d")
    )
    chart: alt.LayerChart = _readable((bars + values).properties(height=HEIGHT))
    return chart


def carrier_breakdown_chart(carriers: pd.DataFrame, *, x_title: str) -> alt.LayerChart:
    """What each carrier saved, side by side: a bar of its saving in per cent of its
    baseline, and beside it the amount in its own unit with its share of the money and CO2.

    ``carriers`` has ``label`` (the carrier, translated, in order), ``pct`` (a fraction;
    negative when more was used) and ``text`` (the amounts, already formatted).
    """
    frame = carriers.assign(direction=[p >= 0 for p in carriers["pct"]])
    # Room right of the longest bar for its amounts (about as wide again as the bar).
    high = max([*frame["pct"], 0.0]) or 0.05
    low = min([*frame["pct"], 0.0])
    domain = [low * 1.15, high * 2.3]
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X(
            "pct:Q",
            title=x_title,
            scale=alt.Scale(domain=domain, nice=False),
            axis=alt.Axis(format="%", tickCount=5),
        ),
    )
    bars = base.mark_bar(cornerRadiusEnd=3, height=44).encode(
        color=alt.Color(
            "direction:N",
            scale=alt.Scale(domain=[True, False], range=[GREEN, GREY]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("label:N", title=" "),
            alt.Tooltip("pct:Q", title=x_title, format=".1%"),
            alt.Tooltip("text:N", title=" "),
        ],
    )
    # The amounts sit to the right of the bar's end, or of the zero line when it goes below.
    values = (
        base.mark_text(align="left", dx=10, fontSize=LABEL_SIZE - 4, color=INK)
        .encode(x=alt.X("label_x:Q"), text=alt.Text("text:N"))
        .transform_calculate(label_x="max(datum.pct, 0)")
    )
    chart: alt.LayerChart = _readable((bars + values).properties(height=90 * max(len(frame), 1)))
    return chart


def generation_chart(monthly: pd.DataFrame, *, x_title: str, y_title: str) -> alt.LayerChart:
    """Renewable generation per month: one series, each bar labelled with its kWh.

    ``monthly`` has ``label`` (the month, translated, in order) and ``kwh``.
    """
    base = alt.Chart(monthly).encode(
        x=alt.X("label:N", title=x_title, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("kwh:Q", title=y_title, axis=alt.Axis(format="~s", tickCount=5)),
    )
    bars = base.mark_bar(color=ORANGE, cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        tooltip=[
            alt.Tooltip("label:N", title=x_title),
            alt.Tooltip("kwh:Q", title=y_title, format=",.0f"),
        ]
    )
    values = base.mark_text(dy=-14, fontSize=LABEL_SIZE - 4, color=INK).encode(
        text=alt.Text("kwh:Q", format=",.0f")
    )
    chart: alt.LayerChart = _readable((bars + values).properties(height=HEIGHT))
    return chart


def district_map(districts: pd.DataFrame, *, name_column: str, value_title: str) -> alt.LayerChart:
    """The 25 districts as tiles where they lie, shaded by active villages, each labelled.

    ``districts`` has ``tile_row``, ``tile_col``, ``villages``, ``selected`` and the name
    column. A selected district (the district filter) gets a heavy outline.
    """
    districts = districts.assign(
        label_size=charts.tile_label_sizes(districts[name_column], font=18, fits=10)
    )
    base = alt.Chart(districts).encode(
        x=alt.X("tile_col:O", axis=None), y=alt.Y("tile_row:O", axis=None)
    )
    tiles = base.mark_rect(cornerRadius=6).encode(
        color=alt.Color(
            "villages:Q",
            title=value_title,
            scale=alt.Scale(scheme="greens", domainMin=0),
            legend=alt.Legend(orient="bottom", gradientLength=320),
        ),
        stroke=alt.condition("datum.selected", alt.value(INK), alt.value("white")),
        strokeWidth=alt.condition("datum.selected", alt.value(6), alt.value(2)),
        tooltip=[
            alt.Tooltip(f"{name_column}:N", title=" "),
            alt.Tooltip("villages:Q", title=value_title),
        ],
    )
    text_colour = charts.tile_text_colour(districts["villages"], INK)
    names = base.mark_text(dy=-13).encode(
        text=f"{name_column}:N", size=charts.LABEL_SIZE, color=text_colour
    )
    counts = base.mark_text(dy=14, fontSize=26, fontWeight="bold").encode(
        text="villages:Q", color=text_colour
    )
    chart: alt.LayerChart = _readable(
        (tiles + names + counts).properties(
            height=HEIGHT + 60, width=int((HEIGHT + 60) * MAP_ASPECT)
        )
    )
    return chart
