"""What staff read beside an application before deciding: its eligibility checks, a clear flag
where an organiser may act for a public body, and the district's pre-screen; a reviewer reads
the pre-screen of an application assigned to it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from energy.call.applications import ApplicationInfo
from energy.call.calls import CallInfo
from energy.call.checks import eligibility_checks
from energy.core.access import Actor
from energy.district import prescreen as prescreens
from energy.district.prescreen import PrescreenInfo, PrescreenVersion
from energy.district.public_body import PublicBodyFlag, public_body_flags
from ui.core.i18n import datetime, krw, lang, t
from ui.core.markup import md, t_md

PASSED = ":green[:material/check_circle:]"
FAILED = ":red[:material/cancel:]"
FLAGGED = ":orange[:material/flag:]"
VERDICT_COLOURS = {"no_concerns": "green", "concerns": "orange", "could_not_verify": "gray"}


def flag_text(flag: PublicBodyFlag) -> str:
    """One flag in words, the group's and the organisers' own words escaped."""
    key = f"prescreen.flag.{flag.kind}"
    if flag.kind == "declared":
        return t_md(key, link=flag.detail)
    district = flag.official_district(lang())
    return t_md(
        key,
        n=flag.position or 0,
        name=flag.organiser,
        official=flag.detail,
        domain=flag.detail,
        role=t(f"role.{flag.official_role}") if flag.official_role else "",
        district=t("prescreen.flag_district", district=district) if district else "",
    )


def verdict_label(verdict: str) -> str:
    return f":{VERDICT_COLOURS.get(verdict, 'gray')}[**{t(f'prescreen.verdict.{verdict}')}**]"


def prescreen_box(found: PrescreenInfo, *, history: Sequence[PrescreenVersion] = ()) -> None:
    """A pre-screen as the city reads it: the verdict, the two answers, the officer's words,
    who recorded it and when, and the earlier versions (from the audit log)."""
    st.markdown(verdict_label(found.verdict))
    st.markdown(
        t(
            "prescreen.summary_line",
            met=t(f"prescreen.met.{found.met_in_person}"),
            lives=t(f"prescreen.lives.{found.lives_in_area}"),
        )
    )
    if found.note:  # the officer's own words, line by line, as text
        st.markdown(
            "  \n".join("> " + md(line) for line in found.note.splitlines() if line.strip())
        )
    st.caption(
        t_md("prescreen.recorded", who=found.recorded_by_name, when=datetime(found.recorded_at))
    )
    earlier = list(history[1:])
    if earlier:
        with st.expander(t("prescreen.history", n=len(earlier)), icon=":material/history:"):
            for v in earlier:
                st.markdown(
                    f"{t_md('prescreen.recorded', who=v.by, when=datetime(v.at))} · "
                    f"{t(f'prescreen.verdict.{v.verdict}')} · "
                    + t(
                        "prescreen.summary_line",
                        met=t(f"prescreen.met.{v.met_in_person}"),
                        lives=t(f"prescreen.lives.{v.lives_in_area}"),
                    )
                )
                if v.note:
                    st.caption(md(v.note))


def _checks(call: CallInfo, app: ApplicationInfo, flags: list[PublicBodyFlag]) -> None:
    st.markdown(f"**{t('prescreen.checks_title')}**")
    lines = []
    for check in eligibility_checks(call, app):
        params = dict(check.params)
        if "cap" in params:
            params["cap"] = krw(int(str(params["cap"])))
        label = t(f"prescreen.check.{check.name}", **params)
        if check.name == "public_body" and check.passed and flags:
            mark = FLAGGED
        else:
            mark = PASSED if check.passed else FAILED
        lines.append(f"{mark} {label}")
        lines += [f"  \u2003{t(f.key, **f.params)}" for f in check.failures]
    st.markdown("  \n".join(lines))


def _flags(flags: list[PublicBodyFlag]) -> None:
    if not flags:
        return
    with st.container(border=True, key="prescreen-flags"):
        st.markdown(f"{FLAGGED} **:orange[{t('prescreen.flagged', n=len(flags))}]**")
        st.markdown("  \n".join(f"- {flag_text(f)}" for f in flags))
        st.caption(t("prescreen.flag_note"))


def _district_title(app: ApplicationInfo) -> str:
    if app.district_code is None:
        return t("prescreen.district_title_none")
    return t_md("prescreen.district_title", district=app.district_name(lang()))


def screening_panel(actor: Actor, call: CallInfo, app: ApplicationInfo) -> None:
    """Staff: the eligibility checks (with the public-body flag) and, beside them, the
    district's pre-screen; on a phone the two stack."""
    flags = public_body_flags(actor, [app.id]).get(app.id, [])
    found = prescreens.get_prescreen(actor, app.id)
    left, right = st.columns(2, gap="large")
    with left:
        _checks(call, app, flags)
        _flags(flags)
    with right, st.container(border=True, key=f"prescreen-staff-{app.id}"):
        st.markdown(f"**{_district_title(app)}**")
        if found is None:
            st.caption(t("prescreen.not_yet"))
        else:
            prescreen_box(found, history=prescreens.prescreen_history(actor, app.id))


def reviewer_prescreen(actor: Actor, app: ApplicationInfo) -> None:
    """A reviewer: the district's pre-screen of the application it reviews, if there is one."""
    found = prescreens.get_prescreen(actor, app.id)
    if found is None:
        return
    with st.container(border=True):
        st.markdown(f"**{_district_title(app)}**")
        prescreen_box(found)


def screening_columns(actor: Actor, apps: Sequence[ApplicationInfo]) -> dict[int, dict[str, str]]:
    """Staff's list of applications: each one's pre-screen verdict and public-body flags, as
    two more columns."""
    ids = [a.id for a in apps]
    flags = public_body_flags(actor, ids)
    found = prescreens.prescreens_for(actor, ids)
    return {
        a.id: {
            t("prescreen.col_prescreen"): t(f"prescreen.verdict.{found[a.id].verdict}")
            if a.id in found
            else "—",
            t("prescreen.col_flags"): t("prescreen.col_flags_n", n=len(flags[a.id]))
            if flags.get(a.id)
            else "—",
        }
        for a in apps
    }
