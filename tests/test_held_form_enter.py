"""Enter in a held form's field sends it (ui.core.forms.ENTER_SENDS; the browser half is in
tests/test_browser_language_forms.py): the script reaches the page whole, and finds every held
form's button by the classes Streamlit writes for their keys."""

from __future__ import annotations

import re
from pathlib import Path

from ui.core.forms import ENTER_SENDS

REPO = Path(__file__).resolve().parent.parent


def _streamlit_class(key: str) -> str:
    """The class Streamlit gives an element with ``key`` (st-key-, other characters as "-")."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)


def test_the_script_passes_streamlits_sanitiser() -> None:
    body = ENTER_SENDS[ENTER_SENDS.index(">") + 1 : ENTER_SENDS.rindex("</script>")]
    assert re.findall(r"<[/\w!]", body) == []
    assert ENTER_SENDS.count("<script") == 1


def test_every_held_form_with_a_submit_button_is_found_from_its_container() -> None:
    """The script takes the container's class ``st-key-form-<k>`` and looks for
    ``st-key-<k>-submit``: true of the key each held form and its button are given."""
    keys = set()
    for path in (REPO / "ui").rglob("*.py"):
        for written in re.findall(r"(?<![.\w])form\(\s*f?\"([^\"]+)\"", path.read_text()):
            keys.add(re.sub(r"\{[^}]*\}", "DJK-2012-01", written))  # a field: a village's code
    assert len(keys) >= 15, keys
    assert "login" not in keys  # st.form, which Streamlit's browser side sends itself
    for key in keys:
        container = _streamlit_class(f"form.{key}")
        assert container.startswith("st-key-form-")
        derived = "st-key-" + container.removeprefix("st-key-form-") + "-submit"
        assert derived == _streamlit_class(f"{key}.submit"), key
