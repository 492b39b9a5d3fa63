"""Training progress: the cohort table, one village's modules, its certificate, its list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from energy.core.access import Actor, can
from energy.core.errors import EnergyError
from energy.core.vocabulary import PARTICIPANT_ROLES
from energy.training import attendance
from energy.training import pdf as training_pdf
from energy.training.attendance import TrainingRules
from energy.training.completion import VillageProgress
from ui.core.chrome import flash
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import date, lang, number, t, today
from ui.core.markup import t_md
from ui.core.widgets import choice, column_help, empty_state, kpi_row, show_error


def _rate(value: float | None) -> str:
    return "" if value is None else f"{number(value * 100)}%"


def rule_caption(rules: TrainingRules) -> None:
    st.caption(
        t(
            "progress.rule",
            n=rules.min_organisers,
            late=t("progress.late_counts" if rules.count_late else "progress.late_not"),
            threshold=number(rules.attendance_threshold * 100),
        )
    )


def cohort_overview(progress: list[VillageProgress]) -> None:
    completed = [p for p in progress if p.completed_on is not None]
    kpi_row(
        [
            (t("progress.villages"), len(progress), None),
            (t("progress.completed"), len(completed), None),
            (t("progress.below"), sum(p.below_threshold for p in progress), None),
            (t("progress.unrecorded"), sum(p.unrecorded for p in progress), None),
        ]
    )
    for p in progress:
        if p.below_threshold:
            st.warning(
                t_md(
                    "progress.warning",
                    village=p.display_name(lang()),
                    rate=_rate(p.attendance_rate),
                ),
                icon=":material/warning:",
            )
    codes = [m.module.code for m in progress[0].modules] if progress else []
    rows = []
    for p in progress:
        row: dict[str, object] = {
            t("field.village"): f"{p.code} · {p.display_name(lang())}",
            t("progress.done"): f"{p.done}/{len(p.modules)}",
        }
        for m in p.modules:
            row[m.module.code] = "✓" if m.done else (str(m.organisers) if m.sessions else "·")
        row[t("progress.rate")] = _rate(p.attendance_rate)
        row[t("progress.completed_on")] = date(p.completed_on) if p.completed_on else ""
        rows.append(row)
    # A module's column is named by its code: its help gives the module's title.
    titles = (
        {m.module.code: m.module.title(lang()) for m in progress[0].modules} if progress else {}
    )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            **{code: st.column_config.Column(help=title) for code, title in titles.items()},
            **column_help(("progress.rate", "progress.rate_help")),
        },
    )
    if codes:
        st.caption(t("progress.legend"))


def village_modules(progress: VillageProgress) -> None:
    if not progress.modules:
        empty_state("progress.no_modules")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("field.module"): m.module.title(lang()),
                    t("progress.sessions"): ", ".join(date(d) for d in m.sessions),
                    t("progress.organisers"): m.organisers,
                    t("progress.attendees"): m.attendees,
                    t("progress.module_done"): "✓" if m.done else "",
                }
                for m in progress.modules
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config=column_help(
            ("progress.organisers", "progress.organisers_help"),
            ("progress.attendees", "progress.attendees_help"),
        ),
    )
    st.caption(
        t(
            "progress.village_summary",
            done=progress.done,
            total=len(progress.modules),
            rate=_rate(progress.attendance_rate) or "-",
            upcoming=progress.upcoming,
        )
    )


def certificate_button(actor: Actor, progress: VillageProgress) -> None:
    if progress.completed_on is None:
        st.info(t_md("progress.not_yet", village=progress.display_name(lang())))
        return
    village_id = progress.village_id
    st.success(
        t_md(
            "progress.completed_msg",
            village=progress.display_name(lang()),
            date=date(progress.completed_on),
        )
    )
    st.download_button(
        t("progress.certificate"),
        # Built when pressed, and dated on the city's clock.
        data=lambda: training_pdf.certificate_pdf(actor, village_id, today=today()),
        file_name=f"certificate-{progress.code}.pdf",
        mime="application/pdf",
        icon=":material/workspace_premium:",
        key=f"progress.certificate.{progress.code}",
    )


def _email_input(key: str, value: str | None = None) -> str | None:
    """A participant's address for the session notices (blank: none)."""
    typed = st.text_input(
        t("participants.email"), value=value or "", placeholder="hong@example.org",
        help=t("participants.email_help"), key=key, on_change=HELD,
    )  # fmt: skip
    return typed.strip() or None


def participants_section(actor: Actor, village_code: str) -> None:
    """The village's training list; its committee (and staff) add residents and mark roles."""
    people = attendance.list_participants(actor, village_code, include_inactive=True)
    # Addresses are for whoever keeps the list (the committee, staff); a trainer never sees them.
    keeps_list = can(actor, "training.participants")
    if people:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("field.person"): p.name,
                        t("field.role"): t(f"participant_role.{p.role}"),
                        t("field.household"): p.household_code or "",
                        **({t("participants.email_column"): p.email or ""} if keeps_list else {}),
                        t("participants.active"): "✓" if p.active else "",
                    }
                    for p in people
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            t(
                "participants.count",
                organisers=sum(p.role == "organiser" and p.active for p in people),
                n=sum(p.active for p in people),
            )
        )
    else:
        empty_state("participants.none")
    if not (can(actor, "training.participants") or can(actor, "training.attendance")):
        return
    with form(f"participants.add.{village_code}", clear_on_submit=True):
        a1, a2, a3 = st.columns(3)
        name = a1.text_input(t("field.person"), key="participants.add.name", on_change=HELD)
        role = a2.selectbox(
            t("field.role"), PARTICIPANT_ROLES, format_func=lambda r: t(f"participant_role.{r}"),
            key=choice("participants.add.role"),
            on_change=HELD,
        )  # fmt: skip
        household = a3.text_input(
            t("field.household"),
            placeholder="H-001",
            key="participants.add.household",
            on_change=HELD,
        )
        email = _email_input("participants.add.email") if keeps_list else None
        if submit(t("participants.add"), type="primary"):
            try:
                added = attendance.add_participant(
                    actor, village_code, name=name, role=role, household_code=household or None,
                    email=email,
                )  # fmt: skip
            except EnergyError as exc:
                show_error(exc)
            else:
                clear(f"participants.add.{village_code}")
                flash(t_md("participants.added", name=added.name))
                st.rerun()
    if people:
        # The person is chosen outside the form, so the role and "active" start from theirs
        # (inside it they started from the first role and ticked, and saving overwrote both).
        by_id = {p.id: p for p in people}
        pid = st.selectbox(
            t("field.person"), list(by_id), format_func=lambda i: by_id[i].name,
            key=choice(f"participants.edit.{village_code}.person"),
        )  # fmt: skip
        chosen = by_id[pid]
        with form(f"participants.edit.{village_code}.{pid}"):
            e1, e2 = st.columns(2)
            role = e1.selectbox(
                t("field.role"), PARTICIPANT_ROLES, index=PARTICIPANT_ROLES.index(chosen.role),
                format_func=lambda r: t(f"participant_role.{r}"), key=choice(f"participants.edit.{village_code}.{pid}.role"),
                on_change=HELD,
            )  # fmt: skip
            active = e2.checkbox(
                t("participants.active"),
                value=chosen.active,
                key=f"participants.edit.{village_code}.{pid}.active",
                on_change=HELD,
            )
            address: str | attendance.Keep | None = attendance.KEEP
            if keeps_list:
                address = _email_input(
                    f"participants.edit.{village_code}.{pid}.email", chosen.email
                )
            if submit(t("action.save")):
                try:
                    attendance.update_participant(
                        actor, pid, role=role, active=active, email=address
                    )
                except EnergyError as exc:
                    show_error(exc)
                else:
                    flash(t_md("participants.saved", name=chosen.name))
                    st.rerun()
