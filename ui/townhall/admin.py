"""Below the slides: the exports (deck, handout, a village's page) and, for staff, the editor
of the villages' stories."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import streamlit as st

from energy.core.access import Actor, can
from energy.core.errors import EnergyError
from energy.documents.chart_pictures import font_files
from energy.townhall import figures as townhall
from energy.villages import stories
from energy.villages.directory import list_villages
from ui.core.chrome import flash
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import lang, now_local, t, today
from ui.core.markup import md, t_md
from ui.core.widgets import choice, show_error


def _deck() -> ModuleType:
    """The deck and handout builders, loaded when a file is asked for: their libraries
    (python-pptx, fpdf2, fontTools) take over a second to import, which the first view of the
    slides on a fresh server need not wait for."""
    from energy.townhall import deck

    return deck


PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


BUILT = "townhall.built"  # the file last built, per kind: (file name, bytes, built at)
EXPORT_KINDS = {"pptx": (PPTX_MIME, ":material/slideshow:"),
                "pdf": ("application/pdf", ":material/picture_as_pdf:")}  # fmt: skip


def _export(kind: str, name: str, build: Callable[[Callable[[int, int], None]], bytes]) -> None:
    """A file built when asked, with a progress bar over its slides, then offered to download
    (the deck takes a second or two, the handout a few: nobody waits without a word)."""
    mime, icon = EXPORT_KINDS[kind]
    built: dict[str, tuple[str, bytes, str]] = st.session_state.setdefault(BUILT, {})
    ready = built.get(kind)
    if ready is not None and ready[0] == name:  # the same year, place and language
        st.download_button(
            t(f"townhall.download_{kind}"), data=ready[1], file_name=name, mime=mime, icon=icon,
            on_click="ignore", type="primary", key=f"townhall.download.{kind}",
        )  # fmt: skip
        st.caption(t("townhall.built_at", time=ready[2]))
    if not st.button(
        t(f"townhall.build_{kind}" if ready is None or ready[0] != name else "townhall.rebuild"),
        icon=icon, key=f"townhall.build.{kind}",
    ):  # fmt: skip
        return
    bar = st.progress(0.0, text=t("townhall.building", n=0, total="…"))

    def progress(done: int, total: int) -> None:
        bar.progress(
            done / total, text=t("townhall.building", n=min(done, total - 1), total=total - 1)
        )

    try:
        data = build(progress)
    except EnergyError as exc:
        bar.empty()
        show_error(exc)
        return
    built[kind] = (name, data, f"{now_local():%H:%M}")
    st.rerun()


def exports(actor: Actor, filters: townhall.TownHallFilter) -> None:
    """Download buttons; each file is built only when its button is pressed."""
    st.subheader(t("townhall.exports"))
    st.caption(t("townhall.exports_note"))
    try:
        font_files()
    except EnergyError as exc:
        show_error(exc)
        return
    language, day = lang(), today()
    place = filters.district or "seoul"
    stem = f"townhall-{filters.year}-{place}-{language}"
    left, right, _ = st.columns([1, 1, 2])
    builders = {
        "pptx": (left, lambda progress: _deck().deck_pptx(
            actor, filters, lang=language, today=day, progress=progress)),
        "pdf": (right, lambda progress: _deck().handout_pdf(
            actor, filters, lang=language, today=day, progress=progress)),
    }  # fmt: skip
    for kind, (column, build) in builders.items():
        with column:
            _export(kind, f"{stem}.{kind}", build)
    if not (can(actor, "tracking.read") and can(actor, "village.list")):
        return  # a village's own page reads its tracking data: staff, reviewers, trainers
    choices = {v.code: v.display_name(language) for v in townhall.villages_shown(actor, filters)}
    if not choices:
        return
    pick, button, _ = st.columns([2, 1, 1], vertical_alignment="bottom")
    code = pick.selectbox(
        t("townhall.village_summary"), list(choices),
        format_func=lambda c: f"{choices[c]} ({c})", key=choice("townhall.village"),
        help=t("townhall.village_summary_note", n=filters.min_households),
    )  # fmt: skip
    button.download_button(
        t("townhall.download_village"),
        data=lambda: _deck().village_summary_pdf(
            actor, code, year=filters.year, lang=language, today=day
        ),
        file_name=f"village-{code}-{filters.year}-{language}.pdf", mime="application/pdf",
        icon=":material/description:", on_click="ignore", key="townhall.download.village",
    )  # fmt: skip


def _story_fields(prefix: str, story: stories.Story | None) -> dict[str, object]:
    """The inputs of a story form (inside an ``st.form``)."""
    this_year = today().year
    year = st.number_input(
        t("field.year"), min_value=stories.FIRST_YEAR, max_value=this_year,
        value=story.year if story else this_year - 1, key=f"{prefix}.year", on_change=HELD,
    )  # fmt: skip
    quote_ko = st.text_area(
        t("field.quote_ko"), value=story.quote_ko if story else "",
        max_chars=stories.QUOTE_LIMIT, key=f"{prefix}.quote_ko", on_change=HELD,
    )  # fmt: skip
    attribution_ko = st.text_input(
        t("field.attribution_ko"), value=story.attribution_ko if story else "",
        max_chars=stories.ATTRIBUTION_LIMIT, key=f"{prefix}.attribution_ko", on_change=HELD,
    )  # fmt: skip
    quote_en = st.text_area(
        t("field.quote_en"), value=(story.quote_en or "") if story else "",
        max_chars=stories.QUOTE_LIMIT, key=f"{prefix}.quote_en", on_change=HELD,
    )  # fmt: skip
    attribution_en = st.text_input(
        t("field.attribution_en"), value=(story.attribution_en or "") if story else "",
        max_chars=stories.ATTRIBUTION_LIMIT, key=f"{prefix}.attribution_en", on_change=HELD,
    )  # fmt: skip
    position = st.number_input(
        t("field.position"), min_value=0, max_value=99, value=story.position if story else 0,
        key=f"{prefix}.position", on_change=HELD,
    )  # fmt: skip
    return {
        "year": int(year), "quote_ko": quote_ko, "attribution_ko": attribution_ko,
        "quote_en": quote_en, "attribution_en": attribution_en, "position": int(position),
    }  # fmt: skip


def stories_editor(actor: Actor) -> None:
    """Staff choose villages' words for the town hall (every change is audited)."""
    with st.expander(t("townhall.stories_editor"), icon=":material/format_quote:"):
        st.caption(t("townhall.stories_editor_note", n=townhall.MIN_HOUSEHOLDS))
        told = stories.list_stories(actor)
        if not told:
            st.caption(t("townhall.story_none"))
        for story in told:
            _edit_story(actor, story)
        st.markdown(f"**{t('townhall.story_add')}**")
        villages = {v.code: v.display_name(lang()) for v in list_villages(actor)}
        with form("townhall.story.add", clear_on_submit=True):
            code = st.selectbox(
                t("field.village"), list(villages), format_func=lambda c: f"{villages[c]} ({c})",
                key=choice("townhall.story.add.village"),
                on_change=HELD,
            )  # fmt: skip
            fields = _story_fields("townhall.story.add", None)
            if submit(t("townhall.story_add"), type="primary"):
                try:
                    added = stories.add_story(actor, village=code, today=today(), **fields)
                except EnergyError as exc:
                    show_error(exc)
                else:
                    clear("townhall.story.add")
                    flash(t_md("townhall.story_added", village=added.village_display_name(lang())))
                    st.rerun()


def _edit_story(actor: Actor, story: stories.Story) -> None:
    prefix = f"townhall.story.{story.id}"
    with st.container(border=True):
        st.markdown(f"**{md(story.village_display_name(lang()))}** · {story.year}")
        st.text(f"“{story.quote(lang())}” — {story.attribution(lang())}")
        edit, remove = st.columns([4, 1])
        with edit.popover(t("townhall.story_edit"), icon=":material/edit:"), st.form(prefix):
            fields = _story_fields(prefix, story)
            if st.form_submit_button(t("action.save"), type="primary"):
                try:
                    stories.update_story(actor, story.id, today=today(), **fields)
                except EnergyError as exc:
                    show_error(exc)
                else:
                    flash(t("townhall.story_saved"))
                    st.rerun()
        if remove.button(
            t("townhall.story_delete"), key=f"{prefix}.delete", icon=":material/delete:"
        ):
            stories.delete_story(actor, story.id)
            flash(t("townhall.story_deleted"))
            st.rerun()
