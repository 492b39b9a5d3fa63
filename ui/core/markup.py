"""People's words into Streamlit's markdown, shown exactly as typed.

Streamlit reads every title, header, caption, alert, table cell and ``st.markdown`` body as
markdown (with its own colour, icon and maths directives), and some slides as HTML. A village
name, a display name, a story quote, a file name or a value read from an uploaded file must
arrive there as text: never a link, an image, a heading, a colour or a tag.

- :func:`md` escapes a value for a markdown body; :func:`t_md` fills a catalogue message with
  escaped values (the message's own markdown stays); :func:`message_md` does the same for a
  domain error or import issue (anything with ``key`` and ``params``).
- :func:`html_text` escapes a value for the inside of an HTML block (``unsafe_allow_html``).

Plain-text places (``st.text``, ``st.dataframe`` cells, select options) take the raw value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

from energy.core.errors import EnergyError
from energy.core.i18n import translate
from ui.core.i18n import lang, t

# The characters that open a markdown, HTML, entity, table or Streamlit construct (`:red[..]`,
# `:material/..:`, `$..$`) anywhere in a line; CommonMark lets a backslash escape each of them.
# (Streamlit finds `:material/..:` icons in the parsed text, so an escaped colon is not enough:
# the slash is escaped too, which the browser test showed to stop it.)
MARKDOWN_MARKS = "\\`*_[]!<>&~$:|#/"
_MARKS_ANYWHERE = re.compile("([" + re.escape(MARKDOWN_MARKS) + "])")
# And those that only count at the start of a line: a list, a quote, a heading, a rule.
_MARKS_AT_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
# GitHub-flavoured markdown links bare web and mail addresses after parsing, whatever the
# escapes; an invisible word joiner where each address pattern begins keeps them text.
_ADDRESS_STARTS = re.compile(r"(?i)(https?(?=:)|mailto(?=:)|xmpp(?=:)|www(?=\.)|@)")
WORD_JOINER = "\u2060"
# For HTML places: the HTML specials and every markdown mark, each written as a reference.
_HTML_SPECIAL = re.compile("([" + re.escape(MARKDOWN_MARKS + "\"'()") + "])")
_NAMED = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}


def _reference(match: re.Match[str]) -> str:
    char = match[1]
    return _NAMED.get(char, f"&#{ord(char)};")


class Message(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def params(self) -> Mapping[str, Any]: ...


def md(value: object) -> str:
    """``value`` as markdown that renders as exactly its characters, on one line (web and
    mail addresses carry an invisible word joiner so that they stay text, not links)."""
    text = _ADDRESS_STARTS.sub(r"\1" + WORD_JOINER, _LINE_BREAKS.sub(" ", str(value)))
    text = _MARKS_ANYWHERE.sub(r"\\\1", text)
    return _MARKS_AT_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)


def html_text(value: object) -> str:
    """``value`` for HTML in a markdown body (``unsafe_allow_html``): tags escaped, and every
    markdown mark written as a character reference, so it stays text both inside an HTML block
    (where markdown is not read) and inside a paragraph with inline tags such as ``<small>``
    (where it is: a backslash escape would show there, a raw mark would work); addresses
    carry a word joiner; line breaks become ``<br>`` (a blank line would end an HTML block)."""
    text = _ADDRESS_STARTS.sub(r"\1" + WORD_JOINER, str(value))
    return _LINE_BREAKS.sub("<br>", _HTML_SPECIAL.sub(_reference, text))


def _escaped(params: Mapping[str, Any]) -> dict[str, Any]:
    return {name: md(v) if isinstance(v, str) else v for name, v in params.items()}


def t_md(key: str, /, **params: Any) -> str:
    """``t(key, **params)`` for a markdown place: the values are shown as typed."""
    return t(key, **_escaped(params))


def message_md(message: Message) -> str:
    """A domain error or import issue in the session's language, its values escaped.

    An error that composes its own message (it overrides ``message``, e.g. a founding step
    listing what is missing) is shown as that whole text, escaped."""
    if isinstance(message, EnergyError) and type(message).message is not EnergyError.message:
        return md(message.message(lang()))
    return translate(message.key, lang(), **_escaped(message.params))
