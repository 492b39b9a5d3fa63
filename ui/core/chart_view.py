"""Altair charts drawn from a kept Vega-Lite spec, so a rerun does not rebuild them.

Building an Altair chart and turning it into Vega-Lite validates every part against the
Vega-Lite JSON schema: about 40 ms a chart, most of a staff page's rerun (measured with
``benchmarks --only concurrency``). The figures behind a chart change only when the data
does, so the spec is kept under a fingerprint of the builder and everything passed to it
(data frames by content), and the same chart on the next rerun, in any session, is sent as
the kept spec. A chart whose inputs cannot be fingerprinted is simply built each time.

Hashing a frame's content costs a couple of milliseconds a rerun; the memoised aggregates
(``energy.store.cache``) hand every rerun the very same frame object until the data changes, so a
frame's fingerprint is also kept by identity (while that object lives). Frames handed out by
the memo are never changed in place; a caller that edits a frame makes a copy first.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Literal

import altair as alt
import pandas as pd
import streamlit as st

from energy.core import i18n
from ui.core.i18n import lang

MAX_SPECS = 128
_specs: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()
_lock = threading.Lock()
MAX_FRAMES = 256
_frames: OrderedDict[int, tuple[weakref.ref[pd.DataFrame], Hashable]] = OrderedDict()


class _Unhashable(Exception):
    pass


def fingerprint(value: object) -> Hashable:
    """A hashable stand-in for ``value``: equal inputs give equal fingerprints."""
    if isinstance(value, pd.DataFrame):
        return _frame_fingerprint(value)
    if isinstance(value, pd.Series):
        return fingerprint(value.to_frame())
    if isinstance(value, dict):
        return ("dict", tuple((fingerprint(k), fingerprint(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(fingerprint(v) for v in value))
    if value is None or isinstance(value, str | int | float | bool):
        return (type(value).__name__, value)
    raise _Unhashable(type(value).__name__)


def _frame_fingerprint(frame: pd.DataFrame) -> Hashable:
    with _lock:
        known = _frames.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    try:
        hashed = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    except TypeError as exc:  # cells pandas cannot hash (lists, dicts)
        raise _Unhashable from exc
    result = ("frame", tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)), hashed)
    with _lock:
        _frames[id(frame)] = (weakref.ref(frame), result)
        while len(_frames) > MAX_FRAMES:
            _frames.popitem(last=False)
    return result


def _convert(chart: Any) -> dict[str, Any]:  # an Altair top-level chart
    """The spec exactly as ``st.altair_chart`` would send it: Streamlit's own conversion (its
    theme handling, the data as Arrow datasets). Streamlit is pinned in requirements.txt, and
    ``tests/test_chart_view.py`` checks this against ``st.altair_chart``'s own output."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    spec: dict[str, Any] = _convert_altair_to_vega_lite_spec(chart)
    return spec


# Channels whose legend Vega describes to a screen reader.
LEGEND_CHANNELS = ("color", "fill", "stroke", "size", "shape", "opacity", "strokeDash")
NESTED = ("layer", "hconcat", "vconcat", "concat")


def _title_of(channel: dict[str, Any]) -> str:
    """The title Vega-Lite shows for ``channel``: its own, else (none given) its field's name."""
    title = channel["title"] if "title" in channel else channel.get("field")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return title.strip() if isinstance(title, str) else ""


def describe(spec: dict[str, Any], language: str) -> dict[str, Any]:
    """``spec`` with every axis and legend described in ``language`` for screen readers, in
    place. Vega describes each one itself, in English ("X-axis titled '사업 연차' for a
    discrete scale with 15 values"), where no description is given; an axis or legend
    turned off (None) stays off, and a description a chart gives is kept."""
    for key in NESTED:
        for part in spec.get(key) or ():
            if isinstance(part, dict):
                describe(part, language)
    if isinstance(spec.get("spec"), dict):
        describe(spec["spec"], language)
    for name, channel in (spec.get("encoding") or {}).items():
        if not isinstance(channel, dict):
            continue
        if name in ("x", "y") and ({"field", "aggregate", "datum"} & channel.keys()):
            place, message = "axis", f"chart.axis_{name}"
        elif name in LEGEND_CHANNELS and "field" in channel:
            place, message = "legend", "chart.legend"
        else:
            continue
        if channel.get(place, {}) is None:
            continue
        title = _title_of(channel)
        words = (
            i18n.translate(message, language, title=title)
            if title
            else i18n.translate(f"{message}_untitled", language)
        )
        channel.setdefault(place, {}).setdefault("description", words)
    return spec


def _spec(
    build: Callable[..., alt.TopLevelMixin], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> dict[str, Any]:
    language = lang()
    try:
        key: Hashable = (
            build.__module__, build.__qualname__, fingerprint(args), fingerprint(kwargs), language,
        )  # fmt: skip
    except _Unhashable:
        return describe(_convert(build(*args, **kwargs)), language)
    with _lock:
        kept = _specs.get(key)
        if kept is not None:
            _specs.move_to_end(key)
            return kept
    spec = describe(_convert(build(*args, **kwargs)), language)
    with _lock:
        _specs[key] = spec
        while len(_specs) > MAX_SPECS:
            _specs.popitem(last=False)
    return spec


def altair(
    build: Callable[..., alt.TopLevelMixin],
    *args: Any,
    width: Literal["stretch", "content"] = "stretch",
    theme: Literal["streamlit"] | None = "streamlit",
    **kwargs: Any,
) -> None:
    """Draw ``build(*args, **kwargs)``, an Altair chart, from its kept spec when there is one."""
    st.vega_lite_chart(_spec(build, args, kwargs), width=width, theme=theme)


def draw(
    chart: alt.TopLevelMixin,
    *,
    width: Literal["stretch", "content"] = "stretch",
    theme: Literal["streamlit"] | None = "streamlit",
) -> None:
    """Draw an Altair chart built already (not kept: a slide's chart comes built), its axes
    and legends described as :func:`altair`'s are."""
    st.vega_lite_chart(describe(_convert(chart), lang()), width=width, theme=theme)


def forget() -> None:
    """Drop every kept spec (tests)."""
    with _lock:
        _specs.clear()
        _frames.clear()
