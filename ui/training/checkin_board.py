"""The trainer's check-in board: which session, self check-in opened or closed, the QR code and
the code of the minute, and the arrivals with their corrections. The code and the arrivals
are fragments that redraw themselves every few seconds while the session takes check-ins."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from energy.core.access import Actor
from energy.core.config import get_settings
from energy.core.errors import EnergyError
from energy.core.i18n import SEOUL
from energy.training import checkin_board
from energy.training.checkin import local_time
from energy.training.checkin_board import Arrival, CheckInBoard, WaitingCheckIn
from energy.training.checkin_codes import (
    BEFORE,
    CANCELLED,
    ENDED,
    OPEN,
    app_address,
    checkin_link,
    checkin_window,
    is_local_address,
    qr_png,
)
from energy.training.schedule import SessionInfo
from ui.core import clock
from ui.core.i18n import lang, t
from ui.core.markup import html_text, md, t_md
from ui.core.nav import page_path
from ui.core.session import touch
from ui.core.widgets import choice

# The code on screen is at most this many seconds behind the minute (and in grace for one
# more minute after it changes); the arrivals are as fresh.
REFRESH_SECONDS = 5
QR_WIDTH = 360
NOTE = "checkin_board.refused"  # why an action was refused, shown once in the arrivals
PAGE = "checkin_board"
CODE_STYLE = (
    "font-size:clamp(3rem,8vw,6rem);font-weight:800;letter-spacing:.12em;line-height:1.1;"
    "text-align:center;font-variant-numeric:tabular-nums;"
    "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:.2rem 0 .4rem"
)


def linked_session() -> int | None:
    """The session a link named (``?session=12``), if it names one."""
    raw = st.query_params.get("session", "")
    return int(raw) if raw.isdigit() else None


def session_label(s: SessionInfo) -> str:
    start, end = s.local_start, s.local_end
    return f"{start:%H:%M}–{end:%H:%M} · {s.title(lang())} · {s.villages_label(lang())}"


def choose_session(sessions: Sequence[SessionInfo], wanted: int | None) -> int:
    """The session chooser, on the linked session, else the one taking check-ins now."""
    by_id = {s.id: s for s in sessions}
    first = wanted if wanted in by_id else checkin_board.current_session(sessions, clock.now()).id
    chosen = st.selectbox(
        t("checkin_board.session"),
        list(by_id),
        index=list(by_id).index(first),
        format_func=lambda sid: session_label(by_id[sid]),
        key=choice("checkin_board.session"),
    )
    st.query_params["session"] = str(chosen)  # a reload (a projector's browser) stays on it
    return int(chosen)


def board_link(s: SessionInfo) -> None:
    """On the attendance page: a link to this board, for a session of today not yet over."""
    now = clock.now()
    phase = checkin_window(s.starts_at, s.ends_at).phase(now, cancelled=s.status != "scheduled")
    if phase in (BEFORE, OPEN) and s.local_start.date() <= now.astimezone(SEOUL).date():
        st.page_link(
            page_path(PAGE), label=t("checkin_board.show"), icon=":material/qr_code_2:",
            query_params={"session": str(s.id)},
        )  # fmt: skip


def session_heading(board: CheckInBoard) -> None:
    s = board.session
    st.subheader(md(s.title(lang())), anchor=False)
    st.caption(
        f"{s.local_start:%Y-%m-%d %H:%M}–{s.local_end:%H:%M} · {md(s.venue_name)} · "
        f"{md(s.villages_label(lang()))} · {md(s.trainer_name)}"
    )


def controls(actor: Actor, board: CheckInBoard) -> None:
    """Open or close self check-in (not once the session is over), and the full sheet."""
    left, right = st.columns([1, 2], vertical_alignment="center")
    sid = board.session.id
    if board.phase in (BEFORE, OPEN):
        if board.opened:
            left.button(
                t("checkin_board.close"), key=f"checkin_board.close.{sid}",
                icon=":material/stop_circle:", on_click=_switch, args=(actor, sid, False),
            )  # fmt: skip
        else:
            left.button(
                t("checkin_board.open"), key=f"checkin_board.open.{sid}", type="primary",
                icon=":material/qr_code_2:", on_click=_switch, args=(actor, sid, True),
            )  # fmt: skip
    right.page_link(
        page_path("attendance"), label=t("checkin_board.full_sheet"), icon=":material/how_to_reg:"
    )


def _switch(actor: Actor, session_id: int, opening: bool) -> None:
    try:
        if opening:
            checkin_board.open_check_in(actor, session_id, now=clock.now())
        else:
            checkin_board.close_check_in(actor, session_id, now=clock.now())
    except EnergyError as exc:
        st.session_state[NOTE] = exc.message(lang())
    else:  # a toast: a note left on a projected screen would soon be out of date
        st.toast(t("checkin_board.opened" if opening else "checkin_board.closed"))


def _refresh(board: CheckInBoard) -> int | None:
    return REFRESH_SECONDS if board.phase in (BEFORE, OPEN) else None


def _app_address() -> str:
    configured = get_settings().public_url
    if configured:
        return configured
    return app_address(st.context.url or "", PAGE)


def code_panel(actor: Actor, board: CheckInBoard) -> None:
    """The QR code and the code of the minute (or why there is none), redrawn every few
    seconds; a board on a projector counts as the trainer's activity while it takes check-ins
    (the idle logout would otherwise put a login form on the wall mid-session)."""
    sid = board.session.id

    @st.fragment(run_every=_refresh(board))
    def panel() -> None:
        now_board = checkin_board.check_in_board(actor, sid, now=clock.now())
        if now_board.phase in (BEFORE, OPEN):
            touch()
        _code(now_board)

    panel()


def _code(board: CheckInBoard) -> None:
    s = board.session
    if board.phase == CANCELLED:
        st.warning(t("checkin_board.cancelled"), icon=":material/event_busy:")
    elif board.phase == ENDED:
        st.info(
            t("checkin_board.ended", time=local_time(s.ends_at)), icon=":material/event_available:"
        )
    elif not board.opened:
        st.info(t("checkin_board.not_opened"), icon=":material/qr_code_2:")
    elif board.code is None:  # opened, not yet in the window
        opens = local_time(board.window.opens_at)
        st.info(
            t("checkin_board.before", time=opens, minutes=_minutes(board)),
            icon=":material/schedule:",
        )
    else:
        base = _app_address()
        link = checkin_link(base, s.id, board.code.code)
        with st.container(border=True, horizontal_alignment="center"):
            st.markdown(f"**{t('checkin_board.scan')}**")
            st.image(qr_png(link), width=QR_WIDTH)
            st.markdown(
                f'<div style="{CODE_STYLE}">{html_text(board.code.spaced)}</div>',
                unsafe_allow_html=True,
            )
            st.caption(t_md("checkin_board.or_type", address=f"{base}/checkin"))
            st.caption(t("checkin_board.code_changes", time=local_time(board.code.changes_at)))
        if is_local_address(base):
            st.warning(
                t_md("checkin_board.local_address", address=base), icon=":material/wifi_off:"
            )


def _minutes(board: CheckInBoard) -> int:
    return int((board.session.starts_at - board.window.opens_at).total_seconds() // 60)


def arrivals_panel(actor: Actor, board: CheckInBoard) -> None:
    """Who has arrived (the latest first) and who not yet, each with a correction."""
    sid = board.session.id

    @st.fragment(run_every=_refresh(board))
    def panel() -> None:
        now_board = checkin_board.check_in_board(actor, sid, now=clock.now())
        refused = st.session_state.pop(NOTE, None)
        if refused:
            st.error(refused, icon=":material/error:")
        _arrivals(actor, now_board)

    panel()


def _arrivals(actor: Actor, board: CheckInBoard) -> None:
    came, total = len(board.arrived), len(board.people)
    st.metric(
        t("checkin_board.arrived"), f"{came} / {total}",
        help=t("checkin_board.arrived_help"), border=True,
    )  # fmt: skip
    if total:
        st.progress(came / total)
    if board.unmatched:
        _unmatched(actor, board)
    if not board.arrived:
        st.caption(t("checkin_board.nobody_yet"))
    for person in board.arrived:
        _person_row(actor, board, person, "absent")
    if board.waiting:
        st.markdown(f"**{t('checkin_board.waiting', n=len(board.waiting))}**")
        for person in board.waiting:
            _person_row(actor, board, person, "present")
    elif total:
        st.success(t("checkin_board.everyone_here"), icon=":material/groups:")


def _person_row(actor: Actor, board: CheckInBoard, person: Arrival, action: str) -> None:
    sid = board.session.id
    with st.container(border=True):
        who, button = st.columns([3, 2], vertical_alignment="center")
        village = person.village_name if lang() == "ko" else person.village_name_en
        mark = ":green[:material/check_circle:] " if person.arrived else ""
        who.markdown(f"{mark}**{md(person.name)}** · {md(village)}")
        who.caption(_how(person))
        if board.correctable:
            button.button(
                t(f"checkin_board.mark_{action}"), key=f"checkin_board.{action}.{sid}.{person.participant_id}",
                width="stretch", on_click=_correct, args=(actor, sid, person, action),
            )  # fmt: skip


def _how(person: Arrival) -> str:
    """How the mark came: "checked in 19:03", "marked by trainer at 19:05 (checked in 19:03)"."""
    status = t(f"attendance.{person.status}") if person.status else t("attendance.unrecorded")
    role = t(f"participant_role.{person.role}")
    if person.status is None:
        return role
    if person.source == "self" and person.checked_in_at is not None:
        return f"{status} · " + t("checkin_board.self_at", time=local_time(person.checked_in_at))
    text = (
        f"{status} · "
        + t(
            "checkin_board.recorded_at",
            who=person.recorded_by or "",
            time=local_time(person.recorded_at),
        )
        if person.recorded_at
        else status
    )
    if person.checked_in_at is not None:
        text += " " + t("checkin_board.was_self", time=local_time(person.checked_in_at))
    return text


def _correct(actor: Actor, session_id: int, person: Arrival, status: str) -> None:
    try:
        checkin_board.correct_arrival(
            actor, session_id, person.participant_id, status, now=clock.now()
        )
    except EnergyError as exc:
        st.session_state[NOTE] = exc.message(lang())
    else:
        status_word = t(f"attendance.{status}")
        st.toast(t_md("checkin_board.corrected", name=person.name, status=status_word))


def _unmatched(actor: Actor, board: CheckInBoard) -> None:
    """Check-ins without a login the list could not tell: the trainer says who it was, adds
    the name to the village's list, or sets it aside."""
    st.markdown(
        f"**:orange[:material/person_search:] {t('checkin_board.unmatched', n=len(board.unmatched))}**",
        help=t("checkin_board.unmatched_help"),
    )
    for waiting in board.unmatched:
        _waiting_row(actor, board, waiting)


def _waiting_row(actor: Actor, board: CheckInBoard, waiting: WaitingCheckIn) -> None:
    sid, cid = board.session.id, waiting.id
    village = waiting.village_name if lang() == "ko" else waiting.village_name_en
    with st.container(border=True, key=f"checkin-waiting-{cid}"):
        st.markdown(f"**{md(waiting.name)}**")
        st.caption(
            t("checkin_board.unmatched_at", village=village, time=local_time(waiting.arrived_at),
              reason=t(f"checkin_board.reason_{waiting.reason}"))
        )  # fmt: skip
        if not board.correctable:
            return
        names = dict(waiting.candidates)
        first = waiting.participant_id if waiting.participant_id in names else None
        if first is None and waiting.reason == "ambiguous" and waiting.candidates:
            first = waiting.candidates[0][0]
        who = st.selectbox(
            t("checkin_board.match_who"), list(names),
            index=list(names).index(first) if first is not None else None,
            format_func=names.__getitem__, key=f"checkin_board.match_who.{sid}.{cid}",
            placeholder=t("checkin_board.match_placeholder"),
        )  # fmt: skip
        # Stacked, full width: the arrivals column is narrow, and each is a tap on a tablet.
        st.button(
            t("checkin_board.match"), key=f"checkin_board.match.{sid}.{cid}", type="primary",
            width="stretch", disabled=who is None, on_click=_resolve,
            args=(actor, sid, waiting, "matched", who), icon=":material/how_to_reg:",
        )  # fmt: skip
        if waiting.reason == "unknown":
            st.button(
                t("checkin_board.add"), key=f"checkin_board.add.{sid}.{cid}", width="stretch",
                on_click=_resolve, args=(actor, sid, waiting, "added", None),
                icon=":material/person_add:",
            )  # fmt: skip
        st.button(
            t("checkin_board.dismiss"), key=f"checkin_board.dismiss.{sid}.{cid}", type="tertiary",
            on_click=_resolve, args=(actor, sid, waiting, "dismissed", None),
        )  # fmt: skip


def _resolve(
    actor: Actor, session_id: int, waiting: WaitingCheckIn, how: str, participant_id: int | None
) -> None:
    try:
        checkin_board.resolve_check_in(
            actor, session_id, waiting.id, how, participant_id=participant_id, now=clock.now()
        )
    except EnergyError as exc:
        st.session_state[NOTE] = exc.message(lang())
    else:
        name = dict(waiting.candidates).get(participant_id or 0, waiting.name)
        st.toast(t_md(f"checkin_board.{how}", name=name))
