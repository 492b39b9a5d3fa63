"""The savings pages through AppTest: the weather-normalised method, KEPCO's tiers and a tiered
tariff added (the held form emptied after), the league's column help."""

from __future__ import annotations

import datetime as dt

from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from tests.test_apptest import (
    _app_as,
)
from ui.core import state


def test_the_savings_page_shows_the_weather_method(demo_store: str) -> None:
    """The committee picks the weather-normalised method: each carrier's band, the baseline
    and station it used, the expected-for-this-weather line and each household's model."""
    at = _app_as(demo_store, "committee")
    at.switch_page("pages/savings.py").run()
    label = MESSAGES["savings.method.weather"]["ko"]
    radio = next(r for r in at.radio if r.key == "savings.method")
    radio.set_value("weather").run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert label in radio.options
    assert "불확실성 ±" in captions and "기상청 관측소 108" in captions
    households = at.dataframe[0].value
    assert {"모형", "아낀 양", "비고"} <= set(households.columns)
    assert set(households["모형"]) & {"난방+냉방", "난방(추위)", "냉방(더위)", "날씨 영향 없음"}
    # More use reads as more ("1.0% 증가", "늘어난 요금"), never as a negative saving.
    assert not [m.value for m in at.metric if str(m.value).lstrip().startswith(("-", "−"))]


def test_staff_read_kepcos_tiers_and_add_a_tiered_tariff(demo_store: str) -> None:
    """The factors page shows each factor's basis, the tariffs' tiers and which prices are
    indicative; staff add KEPCO's next table as progressive tiers (the form starts from the
    table in force)."""
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/factors.py").run()
    assert not at.exception, at.exception
    factors_table, tariffs_table = at.dataframe[0].value, at.dataframe[1].value
    assert any(b.startswith("순발열량") for b in factors_table["기준"])
    assert "어림 단가" in set(tariffs_table["참고치"])
    assert any(v.startswith("누진 3단계") for v in tariffs_table["단가(원)"])
    tiers = at.dataframe[2].value  # the first tiered tariff's steps
    assert list(tiers["기본요금"])[:3] == ["910 KRW", "1,600 KRW", "7,300 KRW"]
    at.selectbox(key="tariffs.add.carrier").set_value("electricity")
    at.date_input(key="tariffs.add.from").set_value(dt.date(2027, 1, 1))
    at.number_input(key="tariffs.add.extra").set_value(14.0)
    at.number_input(key="tariffs.add.levy").set_value(2.7)
    at.toggle(key="tariffs.add.tiered").set_value(True)
    at.text_input(key="tariffs.add.source").set_value("KEPCO table of 2027 (test)")
    # Both forms' buttons read "추가": the tariff form's is the second.
    label = MESSAGES["factors.add_submit"]["ko"]
    [b for b in at.button if b.label == label][1].click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    # The form is empty again, its step tables too (drawn anew under new keys).
    assert at.session_state["tariffs.add.editors"] == 1
    assert at.text_input(key="tariffs.add.source").value == ""
    from energy.savings import factors as factor_tables

    added = factor_tables.load_factors(CLI_ACTOR, dt.date(2027, 12, 31), url=demo_store)
    price = added.prices["electricity"]
    assert (price.valid_from, price.levy_rate, price.extra_per_unit) == (
        dt.date(2027, 1, 1),
        0.027,
        14.0,
    )
    assert [s.up_to for s in price.tiers] == [200.0, 400.0, None]
    assert price.summer_months == (7, 8) and not price.indicative
    # In English the basis is said once and the summer months are named.
    next(w for w in at.get("segmented_control") if w.key == state.LANG_CHOICE).set_value("en").run()
    factors_table, tariffs_table = at.dataframe[0].value, at.dataframe[1].value
    assert "Net calorific value: applied" not in " ".join(factors_table["Basis"])
    assert any(b.startswith("net calorific value") for b in factors_table["Basis"])
    assert "Progressive, 3 steps (summer steps: Jul, Aug)" in set(tariffs_table["Price (KRW)"])


def test_the_league_explains_the_columns_whose_names_cannot_say_it_all(demo_store: str) -> None:
    """Issue 24: a column with a non-obvious meaning carries help text (the combined saving,
    the household-months compared, the programme year)."""
    import json

    at = _app_as(demo_store, "admin")
    at.switch_page("pages/results.py").run()
    assert not at.exception
    league = next(d for d in at.dataframe if MESSAGES["results.combined"]["ko"] in d.value.columns)
    helps = {name: spec.get("help") for name, spec in json.loads(league.proto.columns).items()}
    for column, help_key in (("results.combined", "results.combined_help"),
                             ("results.cells", "results.cells_help")):  # fmt: skip
        assert helps[MESSAGES[column]["ko"]] == MESSAGES[help_key]["ko"]
