"""The outbox page's parts: where mail goes (or that it is off), the counts, the buttons, the
state filter and the table of messages, newest first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import MAIL_STATUSES
from energy.mail import queue
from energy.mail.queue import OutboxEntry, OutboxSummary
from ui.core.chrome import flash
from ui.core.i18n import datetime, t, t_or
from ui.core.widgets import choice, kpi_row, show_error

STATUS_ICONS = {"queued": "⏳", "sent": "✅", "failed": "⚠️"}


def state_banner(summary: OutboxSummary) -> None:
    """Whether mail goes anywhere, in words, and the counts."""
    if not summary.mail_on:
        st.warning(t("mail.off", n=summary.queued), icon=":material/mail_lock:")
    else:
        security = t(f"mail.security.{summary.security}")
        st.info(
            t("mail.on", server=summary.server, security=security, sender=summary.mail_from),
            icon=":material/outgoing_mail:",
        )
    kpi_row(
        [
            (t("mail.count.queued"), summary.queued, None),
            (t("mail.count.sent"), summary.sent, None),
            (t("mail.count.failed"), summary.failed, None),
        ]
    )


def actions(actor: Actor, summary: OutboxSummary) -> None:
    """ "Send now" and "try the failed ones again" (only when mail is on)."""
    if not summary.mail_on:
        return
    left, right, _ = st.columns([1, 1, 2])
    send = left.button(
        t("mail.send_now"),
        type="primary",
        icon=":material/send:",
        help=t("mail.send_now_help"),
        disabled=summary.queued == 0,
        key="mail.send_now",
        width="stretch",
    )
    retry = right.button(
        t("mail.retry_failed"),
        icon=":material/replay:",
        help=t("mail.retry_failed_help"),
        disabled=summary.failed == 0,
        key="mail.retry_failed",
        width="stretch",
    )
    if not (send or retry):
        return
    try:
        with st.spinner(t("mail.send_now")):
            report = queue.send_now(actor, retry_failed=retry)
    except EnergyError as exc:
        show_error(exc)
        return
    kind = "success" if not report.failed else "info"
    flash(t("mail.report", sent=report.sent, failed=report.failed, waiting=report.waiting), kind)
    st.rerun()


def status_filter() -> str | None:
    """The state the table shows (``None``: every state)."""
    options = ["", *MAIL_STATUSES]
    chosen = st.segmented_control(
        t("mail.filter"),
        options,
        default="",
        format_func=lambda s: t(f"mail.status.{s}") if s else t("mail.filter.all"),
        key=choice("mail.status"),
    )
    return chosen or None


def table(entries: list[OutboxEntry]) -> None:
    rows = [
        {
            t("mail.col.created"): datetime(e.created_at),
            t("mail.col.status"): f"{STATUS_ICONS[e.status]} {t(f'mail.status.{e.status}')}",
            t("mail.col.to"): e.to,
            t("mail.col.subject"): e.subject,
            t("mail.col.kind"): t_or(f"mail.kind.{e.kind}", e.kind),
            t("mail.col.attempts"): e.attempts,
            t("mail.col.when"): datetime(e.sent_at if e.status == "sent" else e.next_attempt_at)
            if e.status != "failed"
            else "–",
            t("mail.col.reply"): e.last_reply or "–",
        }
        for e in entries
    ]
    small = {
        t(key): st.column_config.Column(width="small")
        for key in ("mail.col.status", "mail.col.kind", "mail.col.attempts")
    }
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=small)
    if len(entries) >= queue.DEFAULT_LIMIT:
        st.caption(t("mail.shown", n=len(entries)))
