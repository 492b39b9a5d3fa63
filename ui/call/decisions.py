"""Staff: the applications of a call, one application's review and decision, its letters,
and the review overview per stage (per-reviewer scores, mean, spread, ranking)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from energy.call import applications, attachments, grants, reviews
from energy.call.applications import ApplicationInfo
from energy.call.calls import CallInfo
from energy.call.reports import decision_letter, decision_letter_pdf
from energy.core.access import Actor
from energy.core.vocabulary import DECISIONS
from energy.district import advice
from ui.call.attachments import attachment_panel
from ui.call.form import application_summary
from ui.call.withdraw import withdraw_control
from ui.core.forms import HELD, form, submit
from ui.core.i18n import krw, lang, number, t, today
from ui.core.markup import md
from ui.core.money import amounts_ok, money_input
from ui.core.widgets import act, choice, column_help, empty_state
from ui.district.advice import advice_badge, advice_history
from ui.district.screening import screening_columns, screening_panel


def applications_tab(actor: Actor, call: CallInfo) -> None:
    apps = [
        a for a in applications.list_applications(actor, call_id=call.id) if a.status != "draft"
    ]
    if not apps:
        empty_state("calls.no_applications")
        return
    files = attachments.attachment_counts(actor, [a.id for a in apps])
    advised = advice.advice_threads(actor, [a.id for a in apps])
    screened = screening_columns(actor, apps)  # the district's pre-screen, public-body flags
    table = pd.DataFrame(
        [
            {
                t("apply.reference"): a.reference,
                t("apply.village_name"): a.form.village_name,
                t("field.district"): a.district_name(lang()),
                t("grants.programme_year"): t("stage.year", n=a.programme_year),
                t("apply.status"): t(f"app_status.{a.status}"),
                t("calls.stage"): t(f"stage_name.{a.stage}") if a.stage else "—",
                t("apply.budget_title"): krw(a.budget_total),
                t("apply.award"): krw(a.award_krw) if a.award_krw else "—",
                t("attach.title"): files.get(a.id, 0),
                t("advice.column"): advice_badge(advised.get(a.id)),
                **screened[a.id],
            }
            for a in apps
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
    bulk_decisions(actor, call, [a for a in apps if a.status in grants.DECIDABLE])
    labels = {a.id: a.title() for a in apps}  # stable: a changed label resets the choice
    chosen = st.selectbox(
        t("calls.pick_application"),
        options=list(labels),
        format_func=labels.__getitem__,
        key=choice("calls.app"),
    )
    app = next(a for a in apps if a.id == chosen)
    with st.container(border=True):
        application_detail(actor, call, app)
        withdraw_control(actor, app, key=f"calls.app.{app.id}.withdraw")


def bulk_decisions(actor: Actor, call: CallInfo, apps: list[ApplicationInfo]) -> None:
    """One decision for several applications; a selection awards each its request (capped),
    and the batch is refused whole if together they would over-commit the budget."""
    if len(apps) < 2:
        return
    with st.expander(t("calls.bulk_title"), icon=":material/checklist:"):
        labels = {a.id: a.title() for a in apps}
        picked = st.multiselect(
            t("calls.bulk_pick"), options=list(labels), format_func=labels.__getitem__,
            key=choice("calls.bulk.apps"), select_all=False, placeholder=t("form.choose"),
        )  # fmt: skip
        decision = st.radio(
            t("calls.decision"), options=list(DECISIONS), format_func=lambda d: t(f"decision.{d}"),
            horizontal=True, key=choice("calls.bulk.decision"),
        )  # fmt: skip
        chosen = [a for a in apps if a.id in picked]
        if decision == "selected" and chosen:
            awards = [grants.default_award(call, a.programme_year, a.budget_total) for a in chosen]
            st.dataframe(
                pd.DataFrame({t("apply.reference"): [a.reference for a in chosen],
                              t("apply.budget_title"): [krw(a.budget_total) for a in chosen],
                              t("apply.award"): [krw(x) for x in awards]}),
                hide_index=True,
            )  # fmt: skip
            remaining = grants.budget_state(actor, call.id).remaining_krw
            st.caption(t("calls.bulk_awards", total=krw(sum(awards)), remaining=krw(remaining)))
        note = st.text_input(t("calls.decision_note"), key="calls.bulk.note")
        sure = st.checkbox(t("calls.bulk_confirm", n=len(chosen)), key="calls.bulk.sure")
        if st.button(
            t("calls.bulk_decide", n=len(chosen)), type="primary", key="calls.bulk.go",
            disabled=not (chosen and sure),
        ):  # fmt: skip
            act(
                lambda: grants.decide_many(
                    actor, [a.id for a in chosen], decision=decision or "rejected", note=note
                ),
                t("calls.bulk_decided", n=len(chosen), decision=t(f"decision.{decision}")),
            )


def _renewal_gate(actor: Actor, app: ApplicationInfo) -> None:
    record = grants.renewal_record(actor, app.id)
    no_data = t("calls.no_data")
    st.markdown(f"**{t('calls.renewal_gate', n=app.programme_year)}**")
    st.markdown(
        t(
            "calls.renewal_line",
            start=record.start.isoformat()[:7],
            end=record.end.isoformat()[:7],
            saving=no_data
            if record.saving_pct is None
            else f"{number(record.saving_pct * 100, 1)}%",
            coverage=no_data if record.coverage is None else f"{number(record.coverage * 100)}%",
            carriers=" · ".join(t(f"carrier.{c}") for c in record.carriers) or no_data,
            min_saving=number(record.min_saving_pct * 100, 1),
            min_coverage=number(record.min_coverage * 100),
        )
    )
    report = {None: no_data, True: t("calls.report_in"), False: t("calls.report_missing")}
    training = (
        no_data
        if record.training_completion is None
        else t("calls.training_done", pct=number(record.training_completion * 100))
    )
    st.markdown(
        t("calls.renewal_more", training=training, report=report[record.spending_report_in])
    )
    verdict = {None: "calls.gate_no_data", True: "calls.gate_pass", False: "calls.gate_fail"}
    st.caption(t(verdict[record.savings_pass]))


def application_detail(actor: Actor, call: CallInfo, app: ApplicationInfo) -> None:
    st.markdown(f"#### {md(app.title())}")
    application_summary(app.form, district=app.district_name(lang()))
    screening_panel(actor, call, app)
    key = f"calls.app.{app.id}"
    attachment_panel(actor, app.id, key=f"{key}.files")
    advice_history(actor, app.id, key=f"{key}.advice", say_none=True)
    if app.programme_year > 1:
        _renewal_gate(actor, app)
    if app.status == "submitted":
        if st.button(t("calls.start_review"), key=f"{key}.start", type="primary"):
            act(
                lambda: reviews.start_review(actor, app.id),
                t("calls.review_started", ref=app.reference),
            )
        return
    if app.status == "in_review":
        stage = app.stage or ""
        st.markdown(t("calls.current_stage", stage=t(f"stage_name.{stage}")))
        mine = [
            a
            for a in reviews.call_assignments(actor, call.id)
            if a.application_id == app.id and a.stage == stage
        ]
        pool = {uid: f"{name} ({username})" for uid, username, name in reviews.reviewers(actor)}
        by_name = {username: uid for uid, username, _ in reviews.reviewers(actor)}
        for a in mine:
            flags = []
            if a.same_district:
                flags.append(t("review.same_district_flag"))
            if a.conflict:
                flags.append(t("review.conflict_flag"))
            status = t("review.scored") if a.submitted else t("review.waiting")
            st.caption(f"{md(a.reviewer_name)} · {status} {' · '.join(flags)}")
        picked = st.multiselect(
            t("calls.reviewers"), options=list(pool), default=[by_name[a.reviewer] for a in mine if a.reviewer in by_name],
            format_func=pool.__getitem__, key=choice(f"{key}.reviewers"),
            select_all=False, placeholder=t("form.choose"),
        )  # fmt: skip
        b1, b2, _ = st.columns([1, 1, 3])
        if b1.button(t("calls.set_reviewers"), key=f"{key}.set"):
            act(
                lambda: reviews.set_reviewers(actor, app.id, list(picked)), t("calls.reviewers_set")
            )
        if stage != call.rules.stages[-1] and b2.button(t("calls.advance"), key=f"{key}.advance"):
            act(
                lambda: reviews.advance_stage(actor, app.id), t("calls.advanced", ref=app.reference)
            )
    if app.status in grants.DECIDABLE:
        with form(f"{key}.decide"):
            d1, d2 = st.columns(2)
            decision = d1.radio(
                t("calls.decision"), options=list(DECISIONS), format_func=lambda d: t(f"decision.{d}"),
                horizontal=True, key=choice(f"{key}.decision"),
                on_change=HELD,
            )  # fmt: skip
            award_label = t("calls.award", cap=krw(call.cap_for(app.programme_year)))
            award = money_input(
                award_label, value=grants.default_award(call, app.programme_year, app.budget_total),
                key=f"{key}.award", where=d2,
            )  # fmt: skip
            note = st.text_input(t("calls.decision_note"), key=f"{key}.note", on_change=HELD)
            if submit(t("calls.decide"), type="primary") and amounts_ok({award_label: award}):
                act(
                    lambda: grants.decide(
                        actor,
                        app.id,
                        decision=decision or "rejected",
                        award_krw=award if decision == "selected" else None,
                        note=note,
                    ),
                    t("calls.decided", ref=app.reference, decision=t(f"decision.{decision}")),
                )
    if app.status in ("selected", "wait_listed", "rejected"):
        if app.village_code:
            st.success(t("calls.village_created", code=app.village_code), icon=":material/cottage:")
        columns = st.columns(5)
        for i, letter_lang in enumerate(("ko", "en")):
            columns[2 * i].download_button(
                t("calls.letter", lang=letter_lang.upper()),
                data=decision_letter(actor, app.id, letter_lang, today=today()).encode("utf-8"),
                file_name=f"letter-{app.reference}-{letter_lang}.md",
                mime="text/markdown",
                key=f"{key}.letter.{letter_lang}",
            )
            columns[2 * i + 1].download_button(
                t("calls.letter_pdf", lang=letter_lang.upper()),
                data=lambda lang_=letter_lang: decision_letter_pdf(
                    actor, app.id, lang_, today=today()
                ),
                file_name=f"letter-{app.reference}-{letter_lang}.pdf",
                mime="application/pdf",
                key=f"{key}.letter_pdf.{letter_lang}",
            )


def review_tab(actor: Actor, call: CallInfo) -> None:
    if st.button(t("calls.assign_auto"), key="calls.assign", icon=":material/group_add:"):
        act(lambda: reviews.assign_reviewers(actor, call.id), t("calls.assigned"))
    stage = st.segmented_control(
        t("calls.stage"), options=list(call.rules.stages), default=call.rules.stages[0],
        format_func=lambda s: t(f"stage_name.{s}"), key=choice("calls.review.stage"),
    )  # fmt: skip
    results = reviews.stage_results(actor, call.id, stage or call.rules.stages[0])
    if results.empty:
        empty_state("calls.no_reviews_stage")
        return
    shown = results.drop(columns=["application_id"]).assign(
        status=[t(f"app_status.{s}") for s in results["status"]]
    )
    for column in ("mean", "spread"):  # text, so a dash and numbers share one column type
        shown[column] = [number(v, 2) if pd.notna(v) else "—" for v in shown[column]]
    shown["rank"] = [str(v) if pd.notna(v) else "—" for v in shown["rank"]]
    shown = shown.astype(object).where(shown.notna(), "—")  # not scored yet: a dash, not 0
    shown.columns = [t(f"stage_results.{c}") for c in shown.columns]
    helps = column_help(("stage_results.scores", "stage_results.scores_help"),
                        ("stage_results.mean", "stage_results.mean_help"),
                        ("stage_results.spread", "calls.spread_help"))  # fmt: skip
    st.dataframe(shown, hide_index=True, width="stretch", column_config=helps)
