"""The audit log's screen parts: filters picked from lists (people, villages, kinds of thing,
actions, a period), real pages (first, previous, next, last; back to the first when a filter
changes), each entry as a sentence that opens onto its values before and after."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from energy.audit import log
from energy.audit.fields import Change
from energy.audit.log import LogFilter, LogPage
from energy.core.access import Actor
from energy.core.i18n import SEOUL
from ui.core.i18n import date, lang, number, t, today
from ui.core.markup import md
from ui.core.widgets import choice

PAGE = "audit.page"
SEEN = "audit.filter_seen"  # the filter the page number belongs to
FILTER_KEYS = ("audit.person", "audit.village", "audit.kind", "audit.action", "audit.period")
DEFAULT_DAYS = 30


def _clear() -> None:
    for key in (*FILTER_KEYS, PAGE):
        st.session_state.pop(key, None)


def filters(actor: Actor) -> LogFilter:
    """The filter widgets; what they hold now."""
    people = dict(log.people(actor, lang()))
    villages = dict(log.villages(actor, lang()))
    kinds = dict(log.kinds(lang()))
    actions = dict(log.actions(lang()))
    day = today()  # the log is read on Seoul's clock
    with st.container(border=True):
        left, right = st.columns(2)
        person = left.selectbox(
            t("audit.filter.person"), ["", *people], key=choice("audit.person"),
            format_func=lambda p: people.get(p, p) if p else t("audit.filter.everyone"),
        )  # fmt: skip
        village = right.selectbox(
            t("audit.filter.village"), [None, *villages], key=choice("audit.village"),
            format_func=lambda v: villages.get(v, "") if v else t("audit.filter.every_village"),
            help=t("audit.filter.village_help"),
        )  # fmt: skip
        c1, c2, c3 = st.columns([3, 2, 3])
        kind = c1.selectbox(
            t("audit.filter.kind"), ["", *kinds], key=choice("audit.kind"),
            format_func=lambda k: kinds.get(k, k) if k else t("audit.filter.everything"),
        )  # fmt: skip
        action = c2.selectbox(
            t("audit.filter.action"), ["", *actions], key=choice("audit.action"),
            format_func=lambda a: actions.get(a, a) if a else t("audit.filter.every_action"),
        )  # fmt: skip
        span = c3.date_input(
            t("audit.filter.period"), value=(day - dt.timedelta(days=DEFAULT_DAYS), day),
            max_value=day, key="audit.period", format="YYYY-MM-DD",
        )  # fmt: skip
        st.button(t("audit.filter.reset"), key="audit.reset", on_click=_clear,
                  icon=":material/filter_alt_off:", type="tertiary")  # fmt: skip
    since, until = (
        (span[0], span[1]) if isinstance(span, tuple) and len(span) == 2 else (None, None)
    )
    return LogFilter(person or "", village, kind or "", action or "", since, until)


def current_page(chosen: LogFilter) -> int:
    """The page to show: the first whenever the filter differs from the one it was paged in."""
    if st.session_state.get(SEEN) != chosen:
        st.session_state[SEEN] = chosen
        st.session_state[PAGE] = 1
    return int(st.session_state.get(PAGE, 1))


def _go(page: int) -> None:
    st.session_state[PAGE] = page


def pager(found: LogPage, *, where: str) -> None:
    """ "Page N of M (X entries)" over first, previous, next and last (one row on a phone too)."""
    st.session_state[PAGE] = found.page  # a page past the last was shown as the last
    first, last = found.page <= 1, found.page >= found.pages
    st.markdown(
        t("audit.pages", page=number(found.page), pages=number(found.pages), n=number(found.total)),
        text_alignment="center",
    )
    with st.container(horizontal=True, horizontal_alignment="center", gap="xsmall",
                      key=f"audit.pager.{where}"):  # fmt: skip
        st.button(t("audit.first"), key=f"audit.first.{where}", disabled=first,
                  icon=":material/first_page:", on_click=_go, args=(1,))  # fmt: skip
        st.button(t("audit.previous"), key=f"audit.previous.{where}", disabled=first,
                  icon=":material/chevron_left:", on_click=_go, args=(found.page - 1,))  # fmt: skip
        st.button(t("audit.next"), key=f"audit.next.{where}", disabled=last,
                  icon=":material/chevron_right:", icon_position="right",
                  on_click=_go, args=(found.page + 1,))  # fmt: skip
        st.button(t("audit.last"), key=f"audit.last.{where}", disabled=last,
                  icon=":material/last_page:", icon_position="right",
                  on_click=_go, args=(found.pages,))  # fmt: skip


def _values(changes: list[Change]) -> pd.DataFrame:
    """The fields as a table: field, before, after for a change; field and value where there
    is only one side (a new row, an event; a removed row)."""
    rows = [(c.field, c.before, c.after) for c in changes]
    had, has = any(c.before for c in changes), any(c.after for c in changes)
    if had and has:
        return pd.DataFrame(
            rows, columns=[t("audit.col.field"), t("audit.col.was"), t("audit.col.now")]
        )
    if has:
        return pd.DataFrame(
            [(f, a) for f, _, a in rows], columns=[t("audit.col.field"), t("audit.col.value")]
        )
    return pd.DataFrame(
        [(f, b) for f, b, _ in rows], columns=[t("audit.col.field"), t("audit.col.removed")]
    )


def entries(found: LogPage) -> None:
    """The page's entries by day, each a sentence that opens onto its values."""
    shown_day: dt.date | None = None
    for entry in found.entries:
        local = entry.at.astimezone(SEOUL)
        if local.date() != shown_day:
            shown_day = local.date()
            st.markdown(f"**{md(date(shown_day))}**")
        with st.expander(
            f":gray[{local:%H:%M}] · {md(entry.sentence)}", key=f"audit.entry.{entry.id}"
        ):
            facts = [entry.kind, entry.who] + ([entry.village] if entry.village else [])
            st.caption(" · ".join(md(f) for f in facts))
            if not entry.changes:
                st.caption(t("audit.no_changes"))
                continue
            st.table(_values(entry.changes), hide_index=True)


def download(actor: Actor, chosen: LogFilter) -> None:
    st.download_button(
        t("audit.download"),
        data=lambda: log.export_csv(actor, chosen, lang()),  # built when pressed
        file_name=f"audit-{today():%Y%m%d}.csv",
        mime="text/csv",
        icon=":material/download:",
        help=t("audit.download_help", limit=number(log.EXPORT_LIMIT)),
        key="audit.download",
    )
