"""Advice before applying, on screen: the officer's list of its district's applications and
one draft read section by section with its thread and a comment box; the group's request
and each section's thread under that section of its form (a suggestion taken with one
click); the whole history for staff and reviewers, read-only.

Every message is the writer's own words: shown escaped (``md``), never as markup.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from energy.call.applications import ApplicationForm, ApplicationInfo
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import ADVICE_FIELDS, ADVICE_SECTIONS, BUDGET_LINES
from energy.district import advice
from energy.district.advice import AdviceMessage, AdviceThread, AdvisedApplication, Suggestion
from ui.call.form import show_stored
from ui.core.chrome import flash
from ui.core.forms import HELD, form, submit
from ui.core.i18n import date, datetime, krw, lang, number, t, today
from ui.core.lookups import district_options
from ui.core.markup import md, t_md
from ui.core.widgets import act, choice

AVATAR = {"district": ":material/account_balance:", "applicant": ":material/groups:"}
SECTION_ICON = {
    "basics": ":material/cottage:",
    "organisers": ":material/group:",
    "plan": ":material/lightbulb:",
    "budget": ":material/payments:",
}


def _lines(text: str) -> str:
    """Someone's words, line by line, as text."""
    return "  \n".join(md(line) for line in text.splitlines() if line.strip()) or "—"


def field_label(field: str) -> str:
    if field.startswith("budget."):
        return t(f"budget_line.{field.removeprefix('budget.')}")
    return t(f"apply.{field}")


def value_text(field: str, value: str) -> str:
    """A suggested value as the form would show it (won, a percentage, households), as
    markdown (a text value escaped)."""
    if field.startswith("budget."):
        return krw(int(value))
    if field == "target_saving_pct":
        return f"{number(float(value), 1)}%"
    if field.startswith("households_"):
        return t("advice.households_n", n=number(int(value)))
    return _lines(value)


# --- a thread --------------------------------------------------------------------------------


SHORT_TEXT = 40  # a text value this short is shown beside its suggested replacement


def _now(form: ApplicationForm | None, field: str) -> str | None:
    """What the draft holds now in ``field`` (as a suggestion's value), where it is short."""
    if form is None:
        return None
    if field.startswith("budget."):
        return str(form.budget.get(field.removeprefix("budget."), 0))
    value = getattr(form, field)
    if (
        value is None
        or value == ""
        or (isinstance(value, str) and (len(value) > SHORT_TEXT or "\n" in value))
    ):
        return None
    return str(value)


def _suggestion(
    s: Suggestion, accept: Callable[[], None] | None, *, key: str, now: str | None
) -> None:
    label = field_label(s.field)
    with st.container(border=True):
        if "\n" in s.value or len(s.value) > SHORT_TEXT:
            st.markdown(t_md("advice.suggests_block", field=label))
            st.markdown("> " + value_text(s.field, s.value).replace("  \n", "  \n> "))
        elif now is not None and s.accepted_at is None and now != s.value:
            st.markdown(
                t("advice.suggests_change", field=md(label), now=value_text(s.field, now),
                  value=value_text(s.field, s.value))
            )  # fmt: skip
        else:
            st.markdown(t("advice.suggests", field=md(label), value=value_text(s.field, s.value)))
        if s.accepted_at is not None:
            st.caption(t("advice.accepted_on", when=datetime(s.accepted_at)))
        elif accept is not None:
            st.button(
                t("advice.accept"), icon=":material/done:", key=key, on_click=accept,
                type="primary",
            )  # fmt: skip


def messages_view(
    messages: list[AdviceMessage],
    *,
    key: str,
    accept: Callable[[int], None] | None = None,
    form: ApplicationForm | None = None,
) -> None:
    """Each message as a chat line: who and when, the words, the suggestion (``accept``: the
    group's one-click take of a suggestion not taken yet; ``form``: the draft as it is now,
    to show what a suggestion would change)."""
    for m in messages:
        with st.chat_message(m.author_role, avatar=AVATAR[m.author_role]):
            who = t(f"advice.author_{m.author_role}", name=m.author)
            st.caption(f"{md(who)} · {datetime(m.created_at)}")
            st.markdown(_lines(m.body))
            if m.suggestion is not None:
                take = None if accept is None else (lambda i=m.id: accept(i))
                now = _now(form, m.suggestion.field)
                _suggestion(m.suggestion, take, key=f"{key}.accept.{m.id}", now=now)


def _requests_view(thread: AdviceThread) -> None:
    for r in thread.requests:
        line = t("advice.asked_line", when=datetime(r.asked_at))
        if r.closed_at is not None:
            line += " · " + t("advice.closed_line", when=datetime(r.closed_at))
        st.caption(line)
        if r.note:
            st.markdown(t("advice.question", note=_lines(r.note)))


def advice_badge(thread: AdviceThread | None) -> str:
    """A table cell: the office's and the group's messages, or a dash."""
    if thread is None or not thread.asked:
        return "—"
    return t("advice.badge", district=thread.count("district"), group=thread.count("applicant"))


def advice_history(actor: Actor, application_id: int, *, key: str, say_none: bool = False) -> None:
    """Staff, reviewers and the group after submission: a line saying whether the district
    advised, and the whole thread by section (read-only). ``say_none``: say so when the
    group never asked (staff and reviewers; asking is optional, so it counts for nothing)."""
    try:
        thread = advice.advice_thread(actor, application_id)
    except EnergyError:
        return  # nothing this person may read
    if not thread.asked:
        if say_none:
            st.caption(t("advice.never_asked"), help=t("advice.never_asked_help"))
        return
    line = "advice.given_line" if thread.given else "advice.asked_only_line"
    with st.expander(
        t(line, district=thread.count("district"), group=thread.count("applicant")),
        icon=":material/forum:",
    ):
        _requests_view(thread)
        for section in ADVICE_SECTIONS:
            shown = thread.in_section(section)
            if shown:
                st.markdown(f"**{t(f'advice.section.{section}')}**")
                messages_view(shown, key=f"{key}.{section}")


# --- the group, on its form --------------------------------------------------------------


def group_thread(actor: Actor, app: ApplicationInfo | None) -> AdviceThread | None:
    """The advice of the draft being filled in, for a group's own account (None otherwise)."""
    if app is None or app.status != "draft" or not advice.advice_for_group(actor):
        return None
    return advice.advice_thread(actor, app.id)


def ask_panel(
    actor: Actor, app: ApplicationInfo, thread: AdviceThread, *, district_code: str | None
) -> None:
    """Under the form (drawn above it, it would move the form the moment a new application
    becomes a draft): ask the district chosen in the form (``district_code``; optional), or
    what was asked and that it is done."""
    key = f"advice.ask.{app.id}"
    if thread.open:
        district = app.district_name(lang())
        asked = thread.requests[-1]
        st.info(
            t_md("advice.open_note", district=district, when=date(asked.asked_at.date())),
            icon=":material/forum:",
        )
        if thread.given and st.button(
            t("advice.close"), key=f"{key}.close", icon=":material/task_alt:"
        ):
            act(lambda: advice.close_advice(actor, app.id), t("advice.closed"))
        return
    district = district_options().get(district_code or "", "")
    title = (
        t_md("advice.ask_title", district=district)
        if district
        else t("advice.ask_title_nodistrict")
    )
    with st.expander(title, icon=":material/support_agent:"):
        st.caption(t("advice.ask_help"))
        if thread.asked:
            st.caption(t("advice.asked_before", n=len(thread.requests)))
        if not district:
            st.caption(t("advice.choose_district_first"))
            return
        note = st.text_area(
            t("advice.ask_note"), key=f"{key}.note", max_chars=advice.MAX_NOTE, height=80
        )
        if st.button(t("advice.ask"), key=f"{key}.go", type="primary", icon=":material/send:"):
            act(
                lambda: advice.ask_for_advice(actor, app.id, note=note),
                t("advice.asked", district=district),
            )


def beside_form(
    actor: Actor, thread: AdviceThread | None, app: ApplicationInfo | None, *, form_key: str
) -> Callable[[str], None] | None:
    """What the form draws under each of its sections: that section's thread (its
    suggestions to take, beside what the draft ``app`` holds now) and a reply box while the
    advice is open; a section with no message yet, only a small place to ask."""
    if thread is None or app is None or not thread.asked:
        return None
    stored = app.form

    def accept(advice_id: int) -> None:
        try:
            taken = advice.accept_suggestion(actor, advice_id, today=today())
        except EnergyError as exc:
            flash(exc.message(lang()), kind="info")
            return
        field = next(
            m.suggestion.field for m in thread.messages if m.id == advice_id and m.suggestion
        )
        show_stored(form_key, field, taken.form)  # the field shows the value taken
        flash(t("advice.accepted"))

    def draw(section: str) -> None:
        shown = thread.in_section(section)
        key = f"advice.beside.{thread.application_id}.{section}"
        name = t(f"advice.section.{section}")
        if not shown:
            if thread.open:
                with st.expander(t("advice.ask_section", section=name), icon=":material/forum:"):
                    _reply_box(actor, thread.application_id, section, key=key)
            return
        with st.container(border=True, key=key):
            st.markdown(f"**{t('advice.beside_title', section=name)}**")
            messages_view(shown, key=key, accept=accept, form=stored)
            if thread.open:
                _reply_box(actor, thread.application_id, section, key=key)

    return draw


def _reply_box(actor: Actor, application_id: int, section: str, *, key: str) -> None:
    r1, r2 = st.columns([4, 1], vertical_alignment="bottom")
    words = r1.text_input(
        t("advice.reply"), key=f"{key}.reply", placeholder=t("advice.reply_placeholder"),
        max_chars=advice.MAX_BODY,
    )  # fmt: skip
    if r2.button(t("advice.send_reply"), key=f"{key}.send", icon=":material/reply:"):
        act(
            lambda: advice.reply_to_advice(actor, application_id, section=section, body=words),
            t("advice.replied"),
        )


# --- the district officer ------------------------------------------------------------------


def officer_table(listed: list[AdvisedApplication]) -> None:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("apply.reference"): a.application.reference,
                    t("advice.waiting_col"): t("advice.waiting") if a.thread.waiting else "—",
                    t("advice.group"): a.application.form.group_name or a.application.form.village_name or "—",
                    t("apply.status"): t(f"app_status.{a.application.status}"),
                    t("advice.asked_col"): date(a.thread.requests[-1].asked_at.date()) if a.thread.asked else "—",
                    t("advice.messages_col"): len(a.thread.messages),
                }
                for a in listed
            ]
        ),
        hide_index=True,
        width="stretch",
    )  # fmt: skip


def officer_pick(listed: list[AdvisedApplication]) -> AdvisedApplication:
    """The application the officer reads: the one a mail's link names, else the first that
    waits for an answer, else the first."""
    labels = {a.application.id: _label(a) for a in listed}
    linked = next(
        (a.application.id for a in listed if a.application.reference == st.query_params.get("application")),
        None,
    )  # fmt: skip
    first = next((a.application.id for a in listed if a.thread.waiting), listed[0].application.id)
    ids = list(labels)
    chosen = st.selectbox(
        t("advice.pick"), options=ids, format_func=labels.__getitem__,
        index=ids.index(linked or first), key=choice("advice.pick"),
    )  # fmt: skip
    picked = next(a for a in listed if a.application.id == chosen)
    st.query_params["application"] = picked.application.reference  # a reload stays on it
    return picked


def _label(a: AdvisedApplication) -> str:
    """Fixed per application (a label that changes resets the choice)."""
    return f"{a.application.title()} · {t(f'app_status.{a.application.status}')}"


def officer_application(actor: Actor, picked: AdvisedApplication) -> None:
    """The draft (or submitted application), section by section, each with its thread and,
    while the advice is open, the officer's comment and suggestion."""
    app, thread = picked.application, picked.thread
    st.markdown(f"#### {md(app.title())}")
    _requests_view(thread)
    if thread.status != "draft":
        st.caption(t("advice.read_only", status=t(f"app_status.{thread.status}")))
    elif not thread.open:
        st.caption(t("advice.not_open"))
    for section in ADVICE_SECTIONS:
        key = f"advice.o.{app.id}.{section}"
        with st.container(border=True, key=key):
            st.markdown(f"##### {t(f'advice.section.{section}')}")
            SECTIONS_READ[section](app)
            messages_view(thread.in_section(section), key=key, form=app.form)
            if thread.open:
                with st.expander(t("advice.write"), icon=":material/edit_note:"):
                    _comment_form(actor, app.id, section, key=key)
    if thread.open and st.button(
        t("advice.close"), key=f"advice.o.{app.id}.close", icon=":material/task_alt:"
    ):
        act(lambda: advice.close_advice(actor, app.id), t("advice.closed"))


def _comment_form(actor: Actor, application_id: int, section: str, *, key: str) -> None:
    fields = [f for f, s in ADVICE_FIELDS.items() if s == section]
    with form(f"{key}.form", clear_on_submit=True, border=False):
        body = st.text_area(
            t("advice.comment"),
            key=f"{key}.body",
            height=90,
            max_chars=advice.MAX_BODY,
            on_change=HELD,
        )
        field: str | None = None
        value = ""
        if fields:
            field = st.selectbox(
                t("advice.suggest_field"), options=fields, index=None, format_func=field_label,
                placeholder=t("advice.suggest_none"), key=choice(f"{key}.field"),
                on_change=HELD,
            )  # fmt: skip
            value = st.text_area(
                t("advice.suggest_value"), key=f"{key}.value", height=68,
                help=t("advice.suggest_value_help"),
                on_change=HELD,
            )  # fmt: skip
        if submit(t("advice.send"), type="primary", icon=":material/send:"):
            act(
                lambda: advice.advise(
                    actor, application_id, section=section, body=body,
                    suggested_field=field, suggested_value=value if field else None,
                ),
                t("advice.sent"),
                emptied=f"{key}.form",
            )  # fmt: skip


# --- the draft, read-only, by section --------------------------------------------------------


def _pairs(pairs: list[tuple[str, str]]) -> None:
    """``label: value`` lines (values already markdown)."""
    st.markdown("  \n".join(f"{md(label)}: {value}" for label, value in pairs))


def _basics(app: ApplicationInfo) -> None:
    f = app.form
    _pairs(
        [
            (t("apply.group_name"), md(f.group_name or "—")),
            (t("apply.village_name"), md(f.village_name or "—")),
            (t("field.district"), md(app.district_name(lang()))),
            (t("apply.applicant_type"), t(f"applicant_type.{f.applicant_type}")),
            (t("field.housing_type"), t(f"housing.{f.housing_type}")),
            (t("apply.households_detached"), number(f.households_detached)),
            (t("apply.households_apartment"), number(f.households_apartment)),
        ]
    )


def _organisers(app: ApplicationInfo) -> None:
    people = app.form.organisers
    if not people:
        st.caption(t("advice.no_organisers"))
        return
    lives = {True: t("advice.lives_yes"), False: t("advice.lives_no")}
    st.markdown(
        "  \n".join(
            f"{i}. {md(o.name or '—')} · {lives[o.lives_in_district]}"
            for i, o in enumerate(people, 1)
        )
    )


def _plan(app: ApplicationInfo) -> None:
    f = app.form
    actions = ", ".join(t(f"action.{a}") for a in f.actions) or "—"
    if f.actions_other:
        actions += f" ({md(f.actions_other)})"
    _pairs(
        [
            (t("apply.strategy"), t(f"strategy.{f.strategy}") if f.strategy else "—"),
            (t("apply.actions"), actions),
            (t("apply.target_saving_pct"), "—" if f.target_saving_pct is None else value_text("target_saving_pct", str(f.target_saving_pct))),
        ]
    )  # fmt: skip
    if f.plan:
        st.markdown("> " + _lines(f.plan).replace("  \n", "  \n> "))


def _budget(app: ApplicationInfo) -> None:
    budget = app.form.budget
    lines = [(t(f"budget_line.{k}"), krw(budget[k])) for k in BUDGET_LINES if budget.get(k)]
    _pairs([*lines, (t("advice.budget_total"), krw(app.budget_total))])


SECTIONS_READ: dict[str, Callable[[ApplicationInfo], None]] = {
    "basics": _basics,
    "organisers": _organisers,
    "plan": _plan,
    "budget": _budget,
}
