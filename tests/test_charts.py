"""Tile maps: every district's name fits its tile, in Korean and in English."""

from __future__ import annotations

import pandas as pd
import pytest

from energy.calc import charts, townhall_charts

NAMES_EN = ["Jung", "Gangnam", "Seodaemun", "Dongdaemun", "Yeongdeungpo"]
NAMES_KO = ["중구", "강남구", "서대문구", "동대문구", "영등포구"]


def test_long_names_get_a_smaller_size_and_short_ones_keep_theirs() -> None:
    en = charts.tile_label_sizes(pd.Series(NAMES_EN), font=11, fits=8)
    assert list(en[:2]) == [11, 11]  # up to eight letters: as designed
    assert en[2] > en[3] > en[4]  # then the longer, the smaller
    assert en[4] * len("Yeongdeungpo") <= 11 * 8 + 0.1  # as wide as eight letters at 11
    assert en.min() >= round(11 * 2 / 3, 1)  # never unreadably small
    ko = charts.tile_label_sizes(pd.Series(NAMES_KO), font=11, fits=8)
    assert set(ko) == {11}  # four syllables are about eight letters wide


def _districts(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "district_code": [f"D{i}" for i in range(len(names))],
            "name": names,
            "tile_row": range(len(names)),
            "tile_col": range(len(names)),
            "villages": [0, 3, 12, 7, 1],
            "selected": [False] * len(names),
            "value": [0.1] * len(names),
        }
    )


def _name_layer(spec: dict) -> dict:
    return next(
        layer for layer in spec["layer"] if layer["encoding"].get("text", {}).get("field") == "name"
    )


@pytest.mark.parametrize("names", [NAMES_EN, NAMES_KO])
def test_every_tile_map_sizes_each_name_to_its_tile(names: list[str]) -> None:
    districts = _districts(names)
    maps = [
        charts.district_tile_map(districts, name_column="name", value_title="v"),
        charts.district_value_map(
            districts, name_column="name", value_column="value", value_title="v", fmt=".0%"
        ),
        townhall_charts.district_map(districts, name_column="name", value_title="v"),
    ]
    for chart in maps:
        spec = chart.to_dict()
        size = _name_layer(spec)["encoding"]["size"]
        assert size["field"] == "label_size" and size["scale"] is None
        rows = next(iter(spec["datasets"].values()))
        sizes = {row["name"]: row["label_size"] for row in rows}
        assert sizes[names[0]] >= sizes[names[-1]]


def test_the_darker_tiles_get_white_text() -> None:
    """White text on tiles above about 60% of the darkest tile, dark text on the others (the
    staff home's map used white only above 10 villages: dark on dark for a 10-village tile)."""
    districts = _districts(NAMES_EN)  # villages 0, 3, 12, 7, 1: white above 7.2
    for chart in (
        charts.district_tile_map(districts, name_column="name", value_title="v"),
        townhall_charts.district_map(districts, name_column="name", value_title="v"),
    ):
        colour = _name_layer(chart.to_dict())["encoding"]["color"]
        assert colour["condition"] == {"test": "datum.villages > 7.2", "value": "white"}
        assert colour["value"] != "white"


def test_counts_are_drawn_on_whole_steps_with_their_values_written() -> None:
    """A district's handful of applications or residents: the axis never shows 0, 1, 1, 2
    (half steps rounded), and each bar carries its own figure."""
    history = pd.DataFrame(
        {"year": [2024, 2024, 2025, 2025], "series": ["신청", "선정"] * 2, "count": [1, 1, 3, 2]}
    )
    bars = pd.DataFrame({"label": ["가", "나"], "series": ["에너지", "공동체"], "value": [7, 10]})
    for chart, channel in (
        (townhall_charts.call_history_chart(history, series_labels=["신청", "선정"],
                                            x_title="연도", y_title="건"), "y"),
        (townhall_charts.labelled_bars_chart(bars, series_labels=["에너지", "공동체"],
                                             x_title="명"), "x"),
    ):  # fmt: skip
        bars_layer, values_layer = chart.to_dict()["layer"]
        axis = (bars_layer.get("encoding") or chart.to_dict()["encoding"])[channel]["axis"]
        assert axis["tickMinStep"] == 1 and axis["format"] == ",d"
        assert values_layer["mark"]["type"] == "text"
