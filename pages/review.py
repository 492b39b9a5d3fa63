"""Review (reviewers): the applications assigned to me; declare any conflict of interest
first, then score each criterion of the rubric with a comment."""

import pandas as pd
import streamlit as st

from energy.call import calls, reviews
from energy.core.errors import EnergyError
from energy.core.vocabulary import SCORE_MAX
from ui.call.attachments import attachment_panel
from ui.call.form import application_summary
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.forms import HELD, form, submit
from ui.core.i18n import lang, t
from ui.core.markup import md
from ui.core.widgets import choice, empty_state, show_error
from ui.district.advice import advice_history
from ui.district.screening import reviewer_prescreen

actor = guard("review")
page_header("page.review", "review.caption")

everything = reviews.my_assignments(actor)
mine = [a for a in everything if a.open]  # reviews still to do (or to revise) at their stage
if len(everything) > len(mine):
    st.caption(t("review.past", n=len(everything) - len(mine)))
if not mine:
    empty_state("review.none")
    st.stop()


def _state(a: reviews.AssignmentInfo) -> str:
    if a.conflict is None:
        return t("review.declare_needed")
    if a.conflict:
        return t("review.conflict_flag")
    return t("review.scored") if a.submitted else t("review.waiting")


st.dataframe(
    pd.DataFrame(
        [
            {
                t("apply.reference"): a.reference,
                t("apply.village_name"): a.village_name if a.conflict is False else "—",
                t("calls.stage"): t(f"stage_name.{a.stage}"),
                t("apply.status"): _state(a),
            }
            for a in mine
        ]
    ),
    hide_index=True,
    width="stretch",
)
# Labels that never change with the review's state (a changed label resets the choice).
labels = {a.id: f"{a.reference} · {t(f'stage_name.{a.stage}')}" for a in mine}
# A link from the assignment's mail names the application (?application=<reference>).
linked = [i for i, a in enumerate(mine) if a.reference == st.query_params.get("application")]
chosen = st.selectbox(
    t("review.pick"),
    options=list(labels),
    format_func=labels.__getitem__,
    index=linked[0] if linked else 0,
    key=choice("review.pick"),
)
assignment = next(a for a in mine if a.id == chosen)
st.query_params["application"] = assignment.reference  # a reload stays on it
key = f"review.{assignment.id}"
if assignment.same_district:
    st.warning(t("review.same_district_note"), icon=":material/home_pin:")

if assignment.conflict is None:
    with form(f"{key}.declare"):
        st.markdown(t("review.declare_intro"))
        answer = st.radio(
            t("review.declare_question"),
            options=["none", "conflict"],
            index=None,  # no default: the reviewer answers
            format_func=lambda v: t(f"review.declare_{v}"),
            key=choice(f"{key}.answer"),
            on_change=HELD,
        )
        note = st.text_input(t("review.conflict_note"), key=f"{key}.note", on_change=HELD)
        if submit(t("review.declare"), type="primary"):
            try:
                reviews.declare_conflict(
                    actor,
                    assignment.id,
                    conflict=None if answer is None else answer == "conflict",
                    note=note,
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("review.declared"))
                st.rerun()
    st.stop()
if assignment.conflict:
    st.info(t("review.conflict_declared"), icon=":material/block:")
    st.stop()

app = reviews.application_for_review(actor, assignment.id)
with st.container(border=True):
    st.markdown(f"#### {md(app.title())}")
    application_summary(app.form, district=app.district_name(lang()))
    reviewer_prescreen(actor, app)
    attachment_panel(actor, app.id, key=f"{key}.files")
    advice_history(actor, app.id, key=f"{key}.advice", say_none=True)

rubric = calls.get_call(actor, app.call_id).rules.rubric
with form(f"{key}.score"):
    st.markdown(f"**{t('review.score_title')}**")
    st.caption(t("review.score_help", max=SCORE_MAX))
    given: dict[str, tuple[int | None, str]] = {}
    for criterion, weight in rubric.items():
        # No score until the reviewer gives one (a resubmission starts from their own).
        before = assignment.scores.get(criterion)
        c1, c2 = st.columns([1, 2])
        score = c1.number_input(
            t("review.criterion", name=t(f"criterion.{criterion}"), weight=round(weight * 100)),
            min_value=0,
            max_value=SCORE_MAX,
            step=1,
            value=None if before is None else before[0],
            placeholder=t("review.score_placeholder", max=SCORE_MAX),
            key=f"{key}.s.{criterion}",
            on_change=HELD,
        )
        comment = c2.text_input(
            t("review.comment"),
            value="" if before is None else before[1],
            key=f"{key}.c.{criterion}",
            on_change=HELD,
        )
        given[criterion] = (None if score is None else int(score), comment)
    if submit(t("review.submit"), type="primary"):
        try:
            reviews.score_application(actor, assignment.id, given)
        except EnergyError as exc:
            show_error(exc)
        else:
            flash(t("review.saved", ref=assignment.reference))
            st.rerun()
