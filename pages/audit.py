"""The audit log (staff only): every write, who made it, when, and what changed."""

import datetime as dt
import json

import pandas as pd
import streamlit as st

from energy.store import audit
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import datetime, t, t_or, today
from ui.core.widgets import choice, download_table, empty_state

actor = guard("audit")
page_header("page.audit", "audit.caption")

entities, actions = audit.audit_vocabulary(actor)
with st.container(border=True):
    c1, c2, c3, c4 = st.columns([2, 2, 2, 3])
    who = c1.text_input(t("audit.who"), key="audit.who")
    entity = c2.selectbox(
        t("audit.entity"),
        ["", *entities],
        format_func=lambda e: t_or(f"entity.{e}", e) if e else t("audit.all"),
        key=choice("audit.entity"),
    )
    action = c3.selectbox(
        t("audit.action"),
        ["", *actions],
        format_func=lambda a: t_or(f"action.{a}", a) if a else t("audit.all"),
        key=choice("audit.action"),
    )
    day = today()  # Seoul's date: the log is read in Seoul time
    span = c4.date_input(
        t("audit.period"),
        value=(day - dt.timedelta(days=30), day),
        max_value=day,
        key="audit.period",
        format="YYYY-MM-DD",
    )
since, until = (span[0], span[1]) if isinstance(span, tuple) and len(span) == 2 else (None, None)

page_size = audit.DEFAULT_PAGE_SIZE
page_no = st.session_state.get("audit.page", 1)
result = audit.list_audit(
    actor,
    who=who,
    entity=entity,
    action=action,
    since=since,
    until=until,
    limit=page_size,
    offset=(page_no - 1) * page_size,
)
if not result.records:
    empty_state("audit.none")
    st.stop()


def _compact(values: dict | None) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values else ""


table = pd.DataFrame(
    [
        {
            t("audit.when"): datetime(r.at),
            t("audit.who"): r.actor,
            t("audit.action"): t_or(f"action.{r.action}", r.action),
            t("audit.entity"): t_or(f"entity.{r.entity}", r.entity),
            t("audit.key"): r.entity_key,
            t("audit.before"): _compact(r.before),
            t("audit.after"): _compact(r.after),
        }
        for r in result.records
    ]
)
pages = max(1, -(-result.total // page_size))
st.caption(t("audit.count", n=result.total, page=page_no, pages=pages))
st.dataframe(table, hide_index=True, width="stretch")
st.columns([1, 5])[0].number_input(
    t("audit.page"), min_value=1, max_value=pages, value=min(page_no, pages), key="audit.page"
)
download_table(table, file_stem=f"audit-{day:%Y%m%d}", key="audit.download")
