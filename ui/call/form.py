"""The application form: every field, with the message of each broken rule right below it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from energy.call.applications import (
    ApplicationForm,
    ApplicationInfo,
    OrganiserInput,
    RuleFailure,
    draft_changed,
    save_draft,
)
from energy.call.calls import CallInfo
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import ACTIONS, BUDGET_LINES, HOUSING_TYPES, STRATEGIES
from ui.call.drafts import PICK, became_draft
from ui.core.i18n import krw, lang, now_local, t, today
from ui.core.lookups import district_options
from ui.core.markup import md, t_md
from ui.core.money import INVALID, money_input
from ui.core.widgets import choice

# Session key of the last submission's broken rules: field -> messages.
FAILURES = "apply.failures"


def failures_by_field(failures: Sequence[RuleFailure]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in failures:
        out.setdefault(f.field, []).append(t(f.key, **f.params))
    return out


def _problems(field: str) -> None:
    shown: Mapping[str, list[str]] = st.session_state.get(FAILURES, {})
    for message in shown.get(field, []):
        st.error(message, icon=":material/error:")


def application_form(
    call: CallInfo,
    current: ApplicationForm,
    *,
    key: str,
    renewal_of: str | None,
    staff: bool,
    beside: Callable[[str], None] | None = None,
) -> ApplicationForm:
    """Draw the form pre-filled with ``current``; return what it holds. ``beside`` draws
    what goes under each section (``ADVICE_SECTIONS``: the district's advice on it)."""
    beside = beside or (lambda section: None)
    rules = call.rules
    types = list(rules.applicant_types)
    a1, a2 = st.columns(2)
    applicant_type = a1.selectbox(
        t("apply.applicant_type"),
        options=types,
        index=types.index(current.applicant_type) if current.applicant_type in types else 0,
        format_func=lambda v: t(f"applicant_type.{v}"),
        key=choice(f"{key}.applicant_type"),
    )
    with a1:
        _problems("applicant_type")
    group_name = a2.text_input(
        t("apply.group_name"), value=current.group_name, key=f"{key}.group_name"
    )
    with a2:
        _problems("group_name")
    renew = current.renew_village_code or renewal_of
    if staff:
        renew = (
            st.text_input(
                t("apply.renew_code"),
                value=renew or "",
                help=t("apply.renew_code_help"),
                key=f"{key}.renew",
            ).strip()
            or None
        )
    elif renew:
        st.info(t("apply.renewal_of", code=renew), icon=":material/autorenew:")
    b1, b2, b3 = st.columns([2, 2, 1])
    village_name = b1.text_input(
        t("apply.village_name"),
        value=current.village_name,
        key=f"{key}.village_name",
        disabled=bool(renew) and not staff,
    )
    with b1:
        _problems("village_name")
    districts = district_options()
    codes = list(districts)
    district = b2.selectbox(
        t("field.district"),
        options=codes,
        index=codes.index(current.district_code) if current.district_code in codes else None,
        format_func=districts.__getitem__,
        placeholder=t("form.choose"),
        key=choice(f"{key}.district"),
    )
    with b2:
        _problems("district")
    housing = b3.selectbox(
        t("field.housing_type"),
        options=list(HOUSING_TYPES),
        index=list(HOUSING_TYPES).index(current.housing_type),
        format_func=lambda h: t(f"housing.{h}"),
        key=choice(f"{key}.housing"),
    )
    c1, c2 = st.columns(2)
    detached = c1.number_input(
        t("apply.households_detached"), min_value=0, max_value=5000, step=1,
        value=current.households_detached, key=f"{key}.households_detached",
    )  # fmt: skip
    apartment = c2.number_input(
        t("apply.households_apartment"), min_value=0, max_value=5000, step=1,
        value=current.households_apartment, key=f"{key}.households_apartment",
    )  # fmt: skip
    st.caption(
        t(
            "apply.households_rule",
            detached=rules.min_households_detached,
            apartment=rules.min_households_apartment,
        )
    )
    _problems("households")
    beside("basics")

    st.markdown(f"**{t('apply.organisers')}**")
    st.caption(t("apply.organisers_rule", n=rules.min_organisers))
    rows = max(rules.min_organisers, len(current.organisers)) + 1
    organisers: list[OrganiserInput] = []
    for i in range(rows):
        existing = current.organisers[i] if i < len(current.organisers) else OrganiserInput()
        o1, o2, o3 = st.columns([2, 2, 2], vertical_alignment="bottom")
        name = o1.text_input(
            t("apply.organiser_name", n=i + 1), value=existing.name, key=f"{key}.org{i}.name"
        )
        contact = o2.text_input(
            t("apply.organiser_contact"), value=existing.contact, key=f"{key}.org{i}.contact"
        )
        lives = o3.checkbox(
            t("apply.organiser_lives"), value=existing.lives_in_district, key=f"{key}.org{i}.lives"
        )
        _problems(f"organiser_{i + 1}")
        organisers.append(OrganiserInput(name, contact, lives))
    _problems("organisers")
    st.markdown(f"**{t('prescreen.declare_title')}**")
    declared = st.checkbox(
        t("prescreen.declare"), value=current.public_body_declared, key=f"{key}.declared"
    )
    link = st.text_input(
        t("prescreen.link"), value=current.public_body_link, help=t("prescreen.link_help"),
        max_chars=300, key=f"{key}.public_body_link",
    )  # fmt: skip
    _problems("public_body")
    beside("organisers")

    st.markdown(f"**{t('apply.plan_title')}**")
    d1, d2 = st.columns([1, 2])
    strategy = d1.radio(
        t("apply.strategy"),
        options=list(STRATEGIES),
        index=list(STRATEGIES).index(current.strategy) if current.strategy in STRATEGIES else None,
        format_func=lambda s: t(f"strategy.{s}"),
        key=choice(f"{key}.strategy"),
    )
    with d1:
        _problems("strategy")
    actions = d2.multiselect(
        t("apply.actions"),
        options=list(ACTIONS),
        default=list(current.actions),
        format_func=lambda a: t(f"action.{a}"),
        placeholder=t("form.choose"),
        select_all=False,
        filter_mode=None,
        key=choice(f"{key}.actions"),
    )
    actions_other = d2.text_input(
        t("apply.actions_other"), value=current.actions_other, key=f"{key}.actions_other"
    )
    with d2:
        _problems("actions")
    target = st.number_input(
        t("apply.target_saving_pct"), min_value=0.0, max_value=100.0, step=0.5,
        value=current.target_saving_pct, key=f"{key}.target",
    )  # fmt: skip
    _problems("target_saving_pct")
    plan = st.text_area(t("apply.plan"), value=current.plan, key=f"{key}.plan", height=100)
    beside("plan")

    st.markdown(f"**{t('apply.budget_title')}**")
    caps = " · ".join(t("apply.cap_year", n=i + 1, cap=krw(c)) for i, c in enumerate(rules.caps))
    st.caption(t("apply.budget_rule", caps=caps))
    columns = st.columns(len(BUDGET_LINES))
    budget: dict[str, int] = {}
    for column, line in zip(columns, BUDGET_LINES, strict=True):
        stored = int(current.budget.get(line, 0))
        amount = money_input(
            t(f"budget_line.{line}"), value=stored or None, key=f"{key}.budget.{line}",
            where=column, max_value=1_000_000_000,
        )  # fmt: skip
        if amount == INVALID:  # told on the field in red; what was stored stays
            st.error(t("money.invalid", field=t(f"budget_line.{line}")), icon=":material/error:")
            amount = stored
        budget[line] = amount or 0
    st.caption(t("apply.budget_total", total=krw(sum(budget.values()))))
    _problems("budget")
    beside("budget")
    return ApplicationForm(
        applicant_type=applicant_type or types[0],
        group_name=group_name,
        village_name=village_name,
        district_code=district,
        housing_type=housing or "detached",
        households_detached=int(detached),
        households_apartment=int(apartment),
        organisers=tuple(organisers),
        strategy=strategy,
        actions=tuple(actions),
        actions_other=actions_other,
        target_saving_pct=float(target) if target else None,
        plan=plan,
        budget={k: v for k, v in budget.items() if v},
        renew_village_code=renew,
        public_body_declared=declared,
        public_body_link=link,
    )


# The form's own widget of each field an officer's suggestion may fill (ADVICE_FIELDS).
_WIDGETS = {
    "group_name": "group_name",
    "village_name": "village_name",
    "households_detached": "households_detached",
    "households_apartment": "households_apartment",
    "target_saving_pct": "target",
    "actions_other": "actions_other",
    "plan": "plan",
}


def show_stored(key: str, field: str, stored: ApplicationForm) -> None:
    """Put ``stored``'s value of ``field`` into the form ``key``'s widget (in a callback,
    before the form is drawn): the browser keeps what a field showed unless told."""
    if field.startswith("budget."):
        line = field.removeprefix("budget.")
        st.session_state[f"{key}.budget.{line}"] = {"value": stored.budget.get(line) or None}
        return
    value = getattr(stored, field)
    st.session_state[f"{key}.{_WIDGETS[field]}"] = value


def application_summary(form: ApplicationForm, *, district: str) -> None:
    """A read-only view of an application (reviewers, staff)."""
    st.markdown(
        t_md(  # the group's and the village's names are the applicant's own words: text
            "apply.summary",
            group=form.group_name or "—",
            village=form.village_name or "—",
            district=district,
            type=t(f"applicant_type.{form.applicant_type}"),
            housing=t(f"housing.{form.housing_type}"),
            detached=form.households_detached,
            apartment=form.households_apartment,
            strategy=t(f"strategy.{form.strategy}") if form.strategy else "—",
            target=form.target_saving_pct if form.target_saving_pct is not None else "—",
        )
    )
    st.markdown(
        t("apply.summary_actions", actions=", ".join(t(f"action.{a}") for a in form.actions) or "—")
    )
    if form.plan:  # the applicant's own words, line by line, as text
        st.markdown("  \n".join("> " + md(line) for line in form.plan.splitlines() if line.strip()))
    st.markdown(
        t(
            "apply.summary_budget",
            lines=", ".join(f"{t(f'budget_line.{k}')} {krw(v)}" for k, v in form.budget.items())
            or "—",
            total=krw(sum(form.budget.values())),
        )
    )
    st.caption(t("apply.summary_organisers", n=len(form.organisers)) if lang() else "")


def autosave(
    actor: Actor,
    call: CallInfo,
    existing: ApplicationInfo | None,
    form: ApplicationForm,
    where: DeltaGenerator,
) -> None:
    """Save the draft as it is typed: whenever a change reaches the page (a field left, a
    choice made), never a blank one, and never over an application already submitted. A new
    application becomes a draft with its first words; ``where`` says when it was saved."""
    if existing is not None and existing.status != "draft":
        return
    # A new application is compared with the form as first drawn (a committee's renewal comes
    # filled in): opening the page saves nothing, the first change does.
    if existing is None:  # (each new application has its own baseline: "new:<call>:<n>")
        pick = st.session_state.get(PICK, f"new:{call.id}")
        stored: ApplicationForm = st.session_state.setdefault(f"apply.first.{pick}", form)
    else:
        stored = existing.form
    if not draft_changed(stored, form):
        if existing is not None:
            where.caption(t("apply.autosave_on", ref=existing.reference))
        return
    try:
        saved = save_draft(
            actor,
            call_id=call.id,
            form=form,
            application_id=existing.id if existing else None,
            today=today(),
        )
    except EnergyError as exc:
        where.caption(f":orange[{t('apply.autosave_failed', reason=exc.message(lang()))}]")
        return
    if existing is None:  # the new draft is the one being typed now: from the next change
        became_draft(saved.id)  # on, listed under its name (no rerun now: an open list stays)
    where.caption(t("apply.autosaved", ref=saved.reference, time=f"{now_local():%H:%M}"))
