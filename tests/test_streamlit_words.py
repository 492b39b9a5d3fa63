"""Streamlit's own English and the words that replace it (ui.core.streamlit_words)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import streamlit

from energy.core.catalogue import MESSAGES
from energy.core.i18n import LANGUAGES
from ui.core.streamlit_words import ENGLISH, HIDDEN, table, words_script

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"
# Strings the browser puts together at run time, and what of them the bundle holds: react-aria's
# count of a picker's options, an icon's words ("<name> icon") and a month's value in the date
# field, which Streamlit gives the locale en-US (the month's name comes from the browser).
BUILT = {
    "{n} options available.": ("options`})} available.",),
    "1 option available.": ("option`", "available."),
    "add icon": ("} icon`",),
    **{english: ("locale:`en-US`",) for english in ENGLISH if " – " in english},
    # Vega names a mark by its kind: `${kind} mark`, `${kind} mark container`
    **{english: ("} mark`",) for english in ENGLISH if english.endswith(" mark")},
    **{english: ("} mark container`",) for english in ENGLISH if english.endswith(" container")},
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_string_has_both_catalogue_entries_with_its_fields() -> None:
    problems = {}
    for english, key in ENGLISH.items():
        entry = MESSAGES.get(key)
        if entry is None or not all(entry.get(lang, "").strip() for lang in LANGUAGES):
            problems[english] = f"{key} is not in both catalogues"
        elif not (_fields(english) == _fields(entry["ko"]) == _fields(entry["en"])):
            problems[english] = f"{key} fills in other fields"
    assert problems == {}
    assert not set(HIDDEN) & set(ENGLISH)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_words_target_is_never_the_source_of_another(lang: str) -> None:
    """No chain and no loop: what the script writes is never looked up again; and a word
    turned back on a switch of language has one meaning (no two keys share it)."""
    words = table(lang)["words"]
    assert isinstance(words, dict)
    assert not set(words.values()) & set(words)
    for other in LANGUAGES:
        said = [MESSAGES[key][other] for key in ENGLISH.values()]
        assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]


def test_every_string_is_still_in_streamlits_bundle() -> None:
    """An upgrade of Streamlit that rewords a string shows here, not on a Korean page."""
    assert BUNDLE.is_dir(), BUNDLE
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in BUNDLE.glob("*.js"))
    exception_py = Path(streamlit.__file__).parent / "elements" / "exception.py"
    python_side = re.sub(r'"\s*\n\s*"', "", exception_py.read_text(encoding="utf-8"))
    missing = []
    for english in ENGLISH:
        pieces = [p.strip(" ,") for p in re.split(r"\{\w+\}", english)]
        pieces = list(BUILT.get(english, [p for p in pieces if len(p) > 2]))
        if not all(p in text or p in python_side for p in pieces):
            missing.append(english)
    assert missing == []
    for hidden in HIDDEN:
        assert f"`{hidden}`" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_script_passes_streamlits_sanitiser(lang: str) -> None:
    """Streamlit's st.html sanitiser (DOMPurify) drops a script whose text holds "<" before a
    letter, "/" or "!": the table's "<" are escaped, the script is delivered whole."""
    script = words_script(lang)
    body = script[script.index(">") + 1 : script.rindex("</script>")]
    assert re.findall(r"<[/\w!]", body) == []
    for word in table(lang)["words"].values():  # type: ignore[union-attr]
        assert word.replace("<", "\\u003c") in script
