"""My applications: start one while a call is open, save and resume the draft, submit it;
read the decision letter. Staff use the same form to enter a paper application."""

import pandas as pd
import streamlit as st

from energy.call import applications, calls
from energy.call.applications import ApplicationForm, NotEligible
from energy.call.reports import decision_letter
from energy.core.access import can
from energy.core.errors import EnergyError
from energy.villages import directory as villages
from ui.call.attachments import attachment_manager, attachment_panel
from ui.call.drafts import PICK, became_draft, pick_choices, picked_application
from ui.call.form import FAILURES, application_form, autosave, failures_by_field
from ui.call.grants import committee_grants
from ui.call.withdraw import withdraw_control
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.i18n import datetime, krw, lang, t, today
from ui.core.markup import md
from ui.core.widgets import choice, empty_state, show_error
from ui.district.advice import advice_history, ask_panel, beside_form, group_thread

actor = guard("apply")
staff = can(actor, "call.manage")
# A committee applies only to renew its own village, and not once its three years are done
# (a draft could not be saved either): then the page explains that, not how drafts work.
own = (
    villages.get_village_by_id(actor, actor.village_id or 0).village
    if actor.role == "committee"
    else None
)
closed = own is not None and applications.renewal_closed(own)
page_header("page.apply", None if closed else "apply.caption_staff" if staff else "apply.caption")

mine = applications.list_applications(actor)
linked = st.query_params.get("application")  # a link from a receipt or a decision's mail
if staff:  # the paper applications this person entered
    mine = [a for a in mine if a.on_paper and a.entered_by == actor.audit_name]
open_now = calls.open_calls(actor, today=today())
all_calls = {c.id: c for c in calls.list_calls(actor)}

if mine:
    st.subheader(t("apply.mine"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("apply.reference"): a.reference,
                    t("apply.call"): all_calls[a.call_id].label,
                    t("apply.village_name"): a.form.village_name,
                    t("apply.status"): t(f"app_status.{a.status}"),
                    t("apply.submitted_at"): datetime(a.submitted_at) if a.submitted_at else "—",
                    t("apply.award"): krw(a.award_krw) if a.award_krw else "—",
                }
                for a in mine
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    for a in mine:
        withdraw_control(actor, a, key=f"apply.withdraw.{a.id}")
    for a in mine:  # what was sent stays readable (a draft's files are under its form)
        if a.status != "draft":
            with st.expander(
                t("apply.files_of", ref=a.reference),
                icon=":material/attach_file:",
                expanded=a.reference == linked and a.status in ("submitted", "in_review"),
            ):
                attachment_panel(actor, a.id, key=f"apply.files.{a.id}")
            advice_history(actor, a.id, key=f"apply.advice.{a.id}")  # kept, read-only

choices = pick_choices(mine, open_now)
if closed:
    st.info(t("apply.renewal_closed"), icon=":material/workspace_premium:")
elif not choices:
    empty_state("apply.no_open_call")
else:
    picked = st.selectbox(
        t("apply.pick"), options=list(choices), format_func=choices.__getitem__, key=choice(PICK)
    )
    call_id, existing = picked_application(picked, mine)
    call = all_calls[existing.call_id if existing else call_id or 0]
    st.caption(
        t("apply.call_dates", opens=call.opens_on.isoformat(), closes=call.closes_on.isoformat())
    )
    renewal_of = own.code if own is not None else None
    advice = group_thread(actor, existing)  # the district's advice on the draft, if asked
    # Not a form: every field reaches the store as it is filled in (the draft is saved on each
    # change, and a language switch redraws the choices made in the new language).
    with st.container(border=True, key="apply.form"):
        form = application_form(
            call,
            existing.form if existing else ApplicationForm(),
            key=f"apply.f.{picked}",
            renewal_of=renewal_of,
            staff=staff,
            beside=beside_form(actor, advice, existing, form_key=f"apply.f.{picked}"),
        )
        s1, s2, s3 = st.columns([1, 1, 3], vertical_alignment="center")
        save = s1.button(t("apply.save"), icon=":material/save:", key="apply.save")
        send = s2.button(
            t("apply.submit"), type="primary", icon=":material/send:", key="apply.send"
        )
        autosaved = s3.empty()
    if save or send:
        st.session_state.pop(FAILURES, None)
        saved = None
        try:
            # A new application is created and submitted at once: a refused first submit
            # stores nothing (the form keeps what was typed). A draft keeps its edits.
            saved = applications.save_draft(
                actor,
                call_id=call.id,
                form=form,
                application_id=existing.id if existing else None,
                today=today(),
                submit=send and existing is None,
            )
            if send and existing is not None:
                applications.submit_application(actor, saved.id, today=today())
        except NotEligible as exc:
            st.session_state[FAILURES] = failures_by_field(exc.failures)
            flash(exc.message(lang()), kind="info")
            st.rerun()
        except EnergyError as exc:
            show_error(exc)
        else:
            if existing is None:
                became_draft(saved.id)
            flash(t("apply.submitted" if send else "apply.saved", ref=saved.reference))
            st.rerun()
    else:
        autosave(actor, call, existing, form, autosaved)
    if advice is not None and existing is not None:  # optional: asked under the form
        ask_panel(actor, existing, advice, district_code=form.district_code)
    if existing is not None:
        attachment_manager(actor, existing.id, key=f"apply.files.{existing.id}")
    else:
        st.caption(t("attach.save_first"))

decided = [a for a in mine if a.status in ("selected", "wait_listed", "rejected") and not staff]
if decided:
    st.subheader(t("apply.letters"))
    language, day = lang(), today()
    for a in decided:
        with st.expander(
            f"{a.reference} · {t(f'app_status.{a.status}')}", expanded=a.reference == linked
        ):
            # Shown with the names escaped (as typed, never markup); the file keeps them, and
            # is written when the button is pressed.
            st.markdown(decision_letter(actor, a.id, language, today=day, escape=md))
            st.download_button(
                t("apply.letter_download"),
                data=lambda a=a: decision_letter(actor, a.id, language, today=day).encode(),
                file_name=f"letter-{a.reference}-{language}.md",
                mime="text/markdown",
                key=f"apply.letter.{a.id}",
            )

if actor.role == "committee":
    committee_grants(actor)
