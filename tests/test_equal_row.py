"""ui.core.widgets.equal_row: several rows on one page each get a key of their own (a row is a
keyed horizontal container, one message, where st.columns drew a block per column; the style
rule that shares its width as st.columns does is checked in the browser by the home pages'
tests and was measured box by box against st.columns, benchmarks/README.md)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    from ui.core.widgets import equal_row, kpi_row

    kpi_row([("a", 1, None), ("b", 2, "help")])
    kpi_row([("c", 3, None), ("d", "4 / 5", None), ("e", 6.0, None)])
    row = equal_row()
    row.markdown("left")
    row.markdown("right")


def test_rows_on_one_page_each_get_their_own_key() -> None:
    at = AppTest.from_function(_page).run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["a", "b", "c", "d", "e"]
    assert [m.value for m in at.metric] == ["1", "2", "3", "4 / 5", "6"]
    assert [m.value for m in at.markdown] == ["left", "right"]
    at.run()  # a rerun takes the same keys again
    assert not at.exception
