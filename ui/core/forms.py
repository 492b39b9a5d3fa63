"""Forms whose pending input survives a language switch.

A Streamlit form (``st.form``) keeps what a person typed or chose in the browser until it is
submitted, so the server never sees it; when the person switches the language, every label and
option is drawn again in the new language, and Streamlit's browser side (1.67) keeps a
select box's, radio's or multiselect's pending choice as its label, in the old language:
the choice is lost (it shows nothing chosen, and submits nothing). Typed text, numbers and
checkboxes survive.

A *held* form is a bordered container whose fields are drawn with ``on_change=HELD``
(Streamlit's ``"ignore"``): like a form's, a change reruns nothing; unlike a form's, the
browser hands every held value to the server with the next rerun, whatever caused it. The
language switch is such a rerun, so the choices reach the server with it, and the switch then
redraws them in the new language (``ui.core.chrome.choose_language`` with the keys of
``ui.core.widgets.choice``). The form's button is :func:`submit`.

Any form that offers a choice (select box, radio, multiselect, segmented control, pills,
select slider) is a held form; a test (tests/test_architecture.py) keeps it so. Forms of text
alone (log in, passwords) stay ``st.form``: Enter sends them.

Enter in a held form's text or number field sends it too, as in any form on the web (a phone's
keyboard shows it as "Go"): :data:`ENTER_SENDS`, part of the chrome's one script block, clicks
the form's button named ``submit`` after Streamlit has taken the field's value. An Enter that
only ends the composition of a Hangul syllable (an input method's) sends nothing.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Final, Literal

import streamlit as st

HELD: Final = "ignore"  # every field of a held form: on_change=HELD

_CURRENT: ContextVar[tuple[str, ...]] = ContextVar("held_forms", default=())
_DEFAULTS = "forms.defaults"  # form key -> {field key: its value when first drawn}
_TO_CLEAR = "forms.to_clear"  # forms to empty before they are drawn again
_SUBMITS = "forms.submits"  # keys of the forms' buttons (never set: Streamlit refuses it)


@contextlib.contextmanager
def form(key: str, *, clear_on_submit: bool = False, border: bool = True) -> Iterator[None]:
    """A held form named ``key`` (the container's key, so ``.st-key-<key>`` in the page).

    With ``clear_on_submit``, each field drawn in it the first time is remembered with its
    first value, and :func:`clear` puts those values back (unlike ``st.form``'s, only when the
    page asks, after a successful submit: a refused one keeps what was typed). A table editor
    keeps its rows and a file field its files: Streamlit lets no page set them (give the field
    a new key to empty it)."""
    defaults: dict[str, dict[str, object]] = st.session_state.setdefault(_DEFAULTS, {})
    to_clear: set[str] = st.session_state.setdefault(_TO_CLEAR, set())
    if key in to_clear:
        to_clear.discard(key)
        for field, value in defaults.get(key, {}).items():
            st.session_state[field] = copy.deepcopy(value)
    before = set(st.session_state.keys())
    token = _CURRENT.set((*_CURRENT.get(), key))
    try:
        with st.container(key=_container_key(key), border=border):
            yield
    finally:
        _CURRENT.reset(token)
    if clear_on_submit and key not in defaults:
        submits: set[str] = st.session_state.get(_SUBMITS, set())
        drawn = set(st.session_state.keys()) - before - submits
        values = {f: st.session_state[f] for f in drawn}
        # (A table editor's state is a dict of edits, and Streamlit refuses to set it.)
        defaults[key] = {f: copy.deepcopy(v) for f, v in values.items() if not isinstance(v, dict)}


def _container_key(key: str) -> str:
    return f"form.{key}"


# Streamlit writes a container's key as class ``st-key-<key>`` with every character that is
# not a letter, digit, "_" or "-" made "-": the form ``users.add`` is ``st-key-form-users-add``
# and its button ``users.add.submit`` is ``st-key-users-add-submit``. (Streamlit's sanitiser
# drops a script holding "<" before a letter: there is none.)
ENTER_SENDS = """<script id="energy-held-form-enter">
if (!window.energyHeldFormEnter) {
  window.energyHeldFormEnter = true;
  const FIELDS = '[data-testid="stTextInput"] input, [data-testid="stNumberInput"] input';
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
    if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || !field.matches(FIELDS)) return;
    const form = field.closest('[class*="st-key-form-"]');
    const name = form && [...form.classList].find((c) => c.startsWith("st-key-form-"));
    if (!name) return;
    const key = "st-key-" + name.slice("st-key-form-".length) + "-submit";
    const button = form.querySelector("." + CSS.escape(key) + " button");
    if (!button || button.disabled) return;
    // After Streamlit's own handlers of this key have taken the field's value.
    setTimeout(() => button.click(), 0);
  });
}
</script>"""


def submit(
    label: str,
    *,
    name: str = "submit",
    type: Literal["primary", "secondary", "tertiary"] = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    width: Literal["content", "stretch"] = "content",
) -> bool:
    """The button that sends the held form it is drawn in (key ``<form key>.<name>``; a form
    with two buttons names the second)."""
    forms = _CURRENT.get()
    if not forms:
        raise RuntimeError("submit() outside a held form")
    key = f"{forms[-1]}.{name}"
    submits: set[str] = st.session_state.setdefault(_SUBMITS, set())
    submits.add(key)
    return st.button(label, key=key, type=type, icon=icon, disabled=disabled, width=width)


def clear(key: str) -> None:
    """Empty held form ``key`` (made with ``clear_on_submit``) before it is drawn again: call
    it after a successful submit, before the rerun."""
    st.session_state.setdefault(_TO_CLEAR, set()).add(key)
