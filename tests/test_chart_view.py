"""Charts drawn from a kept spec (ui.core.chart_view): the same chart as st.altair_chart, built once."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui.core import chart_view

CALLS: list[str] = []


def bars(frame: pd.DataFrame, *, title: str) -> alt.Chart:
    CALLS.append(title)
    return alt.Chart(frame).mark_bar().encode(x=alt.X("n:Q", title=title), y="name:N")


@pytest.fixture(autouse=True)
def _empty() -> None:
    chart_view.forget()
    CALLS.clear()


def _frame(n: int = 3) -> pd.DataFrame:
    return pd.DataFrame({"name": ["가", "나", "다"], "n": [1, 2, n]})


def test_a_kept_chart_is_built_once_per_distinct_input() -> None:
    first = chart_view._spec(bars, (_frame(),), {"title": "villages"})
    again = chart_view._spec(bars, (_frame(),), {"title": "villages"})
    assert again is first and CALLS == ["villages"]
    chart_view._spec(bars, (_frame(4),), {"title": "villages"})  # other data
    chart_view._spec(bars, (_frame(),), {"title": "마을"})  # other labels
    assert CALLS == ["villages", "villages", "마을"]


def test_the_same_frame_object_is_hashed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[int] = []
    real = pd.util.hash_pandas_object

    def counted(frame: pd.DataFrame, **kwargs: object) -> pd.Series:
        hashed.append(len(frame))
        return real(frame, **kwargs)

    monkeypatch.setattr(pd.util, "hash_pandas_object", counted)
    kept = _frame()  # as the memo hands the same object to every rerun
    first = chart_view.fingerprint(kept)
    assert chart_view.fingerprint(kept) == first and len(hashed) == 1
    assert chart_view.fingerprint(_frame()) == first and len(hashed) == 2  # equal content
    assert chart_view.fingerprint(_frame(4)) != first


def test_inputs_that_cannot_be_fingerprinted_are_built_every_time() -> None:
    odd = _frame().assign(tags=[["a"], ["b"], ["c"]])  # lists in cells: pandas cannot hash
    chart_view._spec(bars, (odd,), {"title": "x"})
    chart_view._spec(bars, (odd,), {"title": "x"})
    assert CALLS == ["x", "x"]
    with pytest.raises(chart_view._Unhashable):
        chart_view.fingerprint(object())


def _both() -> None:
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui.core import chart_view

    def bars(frame: pd.DataFrame, *, title: str) -> alt.Chart:
        return alt.Chart(frame).mark_bar().encode(x=alt.X("n:Q", title=title), y="name:N")

    frame = pd.DataFrame({"name": ["가", "나", "다"], "n": [1, 2, 3]})
    st.altair_chart(bars(frame, title="villages"), width="stretch")
    chart_view.altair(bars, frame, title="villages")
    chart_view.altair(bars, frame, title="villages")  # the kept spec, a second time


def _undescribed(spec: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A chart's spec less the descriptions of its axes and legends, and those (by channel)."""
    loaded = json.loads(spec)
    said = {}
    for name, channel in loaded["encoding"].items():
        for place in ("axis", "legend"):
            if isinstance(channel.get(place), dict) and "description" in channel[place]:
                said[name] = channel[place].pop("description")
                if not channel[place]:
                    del channel[place]
    return loaded, said


def test_the_kept_spec_is_what_st_altair_chart_sends() -> None:
    """The same spec, plus each axis described in the reader's language (Korean here)."""
    app = AppTest.from_function(_both)
    app.run()
    assert not app.exception
    charts = app.get("vega_lite_chart")
    assert len(charts) == 3
    reference = charts[0].proto
    assert _undescribed(reference.spec)[1] == {}
    for chart in charts[1:]:
        spec, said = _undescribed(chart.proto.spec)
        assert spec == _undescribed(reference.spec)[0]
        assert said == {"x": "가로축: villages", "y": "세로축: name"}
        assert [d.data.data for d in chart.proto.datasets] == [
            d.data.data for d in reference.datasets
        ]
        assert chart.proto.theme == reference.theme


def test_axes_and_legends_are_described_in_the_readers_language() -> None:
    """Vega would describe them in English; a layered chart's every layer is described, an
    axis turned off stays off, a description the chart gives is kept."""
    frame = pd.DataFrame({"month": ["2026-01", "2026-02"], "kwh": [300, 280], "who": ["a", "b"]})
    base = alt.Chart(frame).encode(x=alt.X("month:O", title="월"))
    lines = base.mark_line().encode(
        y=alt.Y("kwh:Q", title="전기 (kWh)"), color=alt.Color("who:N", title="가구")
    )
    labels = base.mark_text().encode(
        y=alt.Y("kwh:Q", axis=None), text="kwh:Q", opacity=alt.value(0.5)
    )
    given = (
        alt.Chart(frame)
        .mark_bar()
        .encode(x=alt.X("kwh:Q", title=None, axis=alt.Axis(description="kept")), y="who:N")
    )
    spec = chart_view.describe(chart_view._convert(alt.layer(lines, labels) | given), "en")
    (layered, bar) = spec["hconcat"]
    first, second = (layer["encoding"] for layer in layered["layer"])
    assert first["x"]["axis"]["description"] == "X axis: 월"
    assert first["y"]["axis"]["description"] == "Y axis: 전기 (kWh)"
    assert first["color"]["legend"]["description"] == "Legend: 가구"
    assert second["y"]["axis"] is None and "axis" not in second["opacity"]
    assert bar["encoding"]["x"]["axis"]["description"] == "kept"
    assert bar["encoding"]["y"]["axis"]["description"] == "Y axis: who"
    korean = chart_view.describe(chart_view._convert(given), "ko")
    assert korean["encoding"]["y"]["axis"]["description"] == "세로축: who"
