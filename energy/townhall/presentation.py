"""The town-hall slides as a person sees them, in one language: titles, big numbers, a chart,
a village's words, and speaker notes saying where every figure comes from.

The screen (``pages/townhall.py``) and the exports (:mod:`energy.townhall.deck`) draw the same
:class:`SlideView` list, so the room, the PowerPoint deck and the PDF handout always agree.
Figures come from :mod:`energy.townhall.figures` (aggregates only, the small-village rule applied);
this module only words and formats them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from energy.calc import townhall_charts as charts
from energy.core.access import Actor
from energy.core.i18n import (
    format_date,
    format_month,
    format_number,
)
from energy.core.vocabulary import LEGAL_FORMS, TOPIC_STRANDS
from energy.townhall import figures as townhall
from energy.townhall.figures import ScopeInfo, TownHallFilter
from energy.townhall.savings_slides import (
    energy_view,
    map_view,
    programme_year_view,
    renewables_view,
)
from energy.townhall.slide_view import BigNumber as BigNumber
from energy.townhall.slide_view import SlideView as SlideView
from energy.townhall.slide_view import (
    period_end_day,
    place,
    say,
    scope_line,
    with_scope_notes,
)


def cover(scope: ScopeInfo, lang: str) -> SlideView:
    return SlideView(
        key="cover",
        title=say(lang, "townhall.cover_title"),
        subtitle=say(lang, "townhall.cover_subtitle", year=scope.year, place=place(scope, lang)),
        footnote=say(
            lang,
            "townhall.period",
            start=format_month(scope.start, lang),
            end=format_month(scope.end, lang),
        ),
        notes=with_scope_notes(scope, lang),
    )


def glance_view(slide: townhall.GlanceSlide, lang: str) -> SlideView:
    scope = slide.scope
    organisations = (
        format_number(slide.organisations.founded, lang)
        if slide.organisations is not None
        else say(lang, "townhall.not_recorded")
    )
    return SlideView(
        key="glance",
        title=say(lang, "townhall.glance_title"),
        subtitle=scope_line(scope, lang),
        numbers=(
            BigNumber(
                say(lang, "townhall.villages_active"),
                format_number(slide.villages_active, lang),
                say(
                    lang,
                    "townhall.villages_active_caption",
                    year=scope.year,
                    districts=slide.districts,
                ),
            ),
            BigNumber(
                say(lang, "townhall.villages_selected"),
                format_number(slide.villages_selected, lang),
                say(
                    lang,
                    "townhall.villages_selected_caption",
                    first=townhall.FIRST_YEAR,
                    year=scope.year,
                ),
            ),
            BigNumber(
                say(lang, "townhall.households"),
                format_number(slide.households, lang),
                say(lang, "townhall.households_caption", year=scope.year),
            ),
            BigNumber(
                say(lang, "townhall.organisations"),
                organisations,
                missing=slide.organisations is None,
            ),
        ),
        notes=with_scope_notes(
            scope,
            lang,
            say(lang, "townhall.notes_glance", date=format_date(period_end_day(scope), lang)),
        ),
    )


def growth_view(slide: townhall.GrowthSlide, lang: str) -> SlideView:
    scope = slide.scope
    frame = slide.by_year
    this_year = frame[frame["year"] == scope.year]
    new = int(this_year["new_villages"].iloc[0]) if not this_year.empty else 0
    total = int(frame["villages"].iloc[-1]) if not frame.empty else 0
    lines = [say(lang, "townhall.notes_growth")]
    if slide.milestone_year is not None:
        lines.append(
            say(
                lang,
                "townhall.notes_milestone",
                year=slide.milestone_year,
                n=slide.milestone_villages,
            )
        )
    return SlideView(
        key="growth",
        title=say(lang, "townhall.growth_title"),
        subtitle=scope_line(scope, lang),
        numbers=(
            BigNumber(
                say(lang, "townhall.growth_total", year=scope.year), format_number(total, lang)
            ),
            BigNumber(say(lang, "townhall.growth_new", year=scope.year), format_number(new, lang)),
        ),
        chart=charts.growth_chart(
            frame,
            milestone_year=slide.milestone_year,
            milestone_label=say(lang, "townhall.milestone_label", n=slide.milestone_villages),
            x_title=say(lang, "townhall.growth_x"),
            y_title=say(lang, "townhall.growth_y"),
        ),
        notes=with_scope_notes(scope, lang, *lines),
    )


def _counts(
    lang: str, figures: object | None, fields: tuple[tuple[str, str], ...]
) -> tuple[BigNumber, ...]:
    """Big numbers from a later capability's figures (``(label key, attribute)``), or none."""
    if figures is None:
        return ()
    return tuple(
        BigNumber(say(lang, key), format_number(getattr(figures, attribute), lang))
        for key, attribute in fields
    )


def call_view(slide: townhall.CallSlide, lang: str) -> SlideView:
    fields = (("townhall.applications", "applications"), ("townhall.selected", "selected"))
    view = _not_recorded_or(
        "call",
        say(lang, "townhall.call_title", year=slide.scope.year),
        slide.scope,
        lang,
        _counts(lang, slide.figures, fields),
        "townhall.call_none",
    )
    if slide.figures is None or len(slide.figures.history) < 2:
        return view  # one year: its two numbers say it all
    labels = (say(lang, "townhall.applications"), say(lang, "townhall.selected"))
    history = pd.DataFrame(
        [
            (year, label, count)
            for year, received, selected in slide.figures.history
            for label, count in zip(labels, (received, selected), strict=True)
        ],
        columns=["year", "series", "count"],
    )
    first = slide.figures.history[0][0]
    return replace(
        view,
        chart=charts.call_history_chart(
            history,
            series_labels=labels,
            x_title=say(lang, "townhall.call_x"),
            y_title=say(lang, "townhall.call_y"),
        ),
        notes=with_scope_notes(
            slide.scope, lang, say(lang, "townhall.notes_call", first=first, year=slide.scope.year)
        ),
    )


def training_view(slide: townhall.TrainingSlide, lang: str) -> SlideView:
    fields = (
        ("townhall.sessions", "sessions"),
        ("townhall.villages_trained", "villages"),
        ("townhall.participants", "participants"),
    )
    view = _not_recorded_or(
        "training",
        say(lang, "townhall.training_title"),
        slide.scope,
        lang,
        _counts(lang, slide.figures, fields),
        "townhall.training_none",
    )
    if slide.figures is None or len(slide.figures.by_topic) < 2:
        return view  # one topic: the numbers say it
    strands = {"energy": say(lang, "townhall.strand_energy"),
               "community": say(lang, "townhall.strand_community")}  # fmt: skip
    topics = pd.DataFrame(
        [
            (say(lang, f"topic.{topic}"), strands[TOPIC_STRANDS[topic]], participants)
            for topic, _, participants in slide.figures.by_topic
        ],
        columns=["label", "series", "value"],
    )
    return replace(
        view,
        chart=charts.labelled_bars_chart(
            topics, series_labels=tuple(strands.values()), x_title=say(lang, "townhall.topic_x")
        ),
        notes=with_scope_notes(slide.scope, lang, say(lang, "townhall.notes_topics")),
    )


SHOWN_ORGANISATIONS = 8  # bars on the slide, most members first; the notes say how many more


def organisations_view(slide: townhall.OrganisationsSlide, lang: str) -> SlideView:
    fields = (
        ("townhall.founded", "founded"),
        ("townhall.members", "members"),
        ("townhall.jobs", "jobs"),
    )
    view = _not_recorded_or(
        "organisations",
        say(lang, "townhall.organisations_title"),
        slide.scope,
        lang,
        _counts(lang, slide.figures, fields),
        "townhall.organisations_none",
    )
    if slide.figures is None or len(slide.figures.each) < 2:
        return view
    forms = [form for form in LEGAL_FORMS if slide.figures.by_form.get(form)]
    shown = slide.figures.each[:SHOWN_ORGANISATIONS]
    frame = pd.DataFrame(
        [
            ((name_en or name) if lang == "en" else name, say(lang, f"legal_form.{form}"), n)
            for name, name_en, form, n in shown
        ],
        columns=["label", "series", "value"],
    )
    lines = [say(lang, "townhall.notes_organisations")]
    if len(slide.figures.each) > len(shown):
        lines.append(
            say(lang, "townhall.notes_more_organisations", n=len(slide.figures.each) - len(shown))
        )
    return replace(
        view,
        chart=charts.labelled_bars_chart(
            frame,
            series_labels=[say(lang, f"legal_form.{form}") for form in forms],
            x_title=say(lang, "townhall.members_x"),
        ),
        notes=with_scope_notes(slide.scope, lang, *lines),
    )


def _not_recorded_or(
    key: str,
    title: str,
    scope: ScopeInfo,
    lang: str,
    numbers: tuple[BigNumber, ...],
    none_key: str,
) -> SlideView:
    """The figures once a capability records them; until then a plain statement, no number."""
    if numbers:
        return SlideView(
            key, title, scope_line(scope, lang), numbers, notes=with_scope_notes(scope, lang)
        )
    return SlideView(
        key,
        title,
        scope_line(scope, lang),
        message=say(lang, none_key),
        notes=with_scope_notes(scope, lang, say(lang, "townhall.notes_not_recorded")),
    )


def story_views(slide: townhall.StoriesSlide, lang: str) -> list[SlideView]:
    scope = slide.scope
    withheld = (
        [say(lang, "townhall.notes_withheld", n=scope.min_households, count=slide.withheld)]
        if slide.withheld
        else []
    )
    if not slide.stories:
        return [
            SlideView(
                key="stories",
                title=say(lang, "townhall.stories_title"),
                subtitle=scope_line(scope, lang),
                message=say(lang, "townhall.no_stories"),
                notes=with_scope_notes(scope, lang, *withheld),
            )
        ]
    return [
        SlideView(
            key=f"story-{n}",
            title=say(lang, "townhall.story_title", village=story.village(lang)),
            subtitle=say(
                lang,
                "townhall.story_facts",
                district=story.district(lang),
                cohort=story.cohort_year,
                n=format_number(story.households, lang),
            ),
            quote=story.quote(lang),
            attribution=f"{story.attribution(lang)}, {story.year}",
            notes=with_scope_notes(
                scope,
                lang,
                say(
                    lang,
                    "townhall.notes_story",
                    year=story.year,
                    attribution=story.attribution(lang),
                ),
                *withheld,
            ),
        )
        for n, story in enumerate(slide.stories, start=1)
    ]


def build_slides(
    actor: Actor,
    filters: TownHallFilter,
    lang: str,
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> list[SlideView]:
    """Every slide of the town hall, in order, in ``lang`` (each figure from the store)."""
    scope = townhall.scope_info(actor, filters, today=today, url=url)
    return [
        cover(scope, lang),
        glance_view(townhall.glance(actor, filters, today=today, url=url), lang),
        growth_view(townhall.growth(actor, filters, today=today, url=url), lang),
        energy_view(townhall.energy_saved(actor, filters, today=today, url=url), lang),
        programme_year_view(
            townhall.savings_by_programme_year(actor, filters, today=today, url=url), lang
        ),
        renewables_view(townhall.renewables(actor, filters, today=today, url=url), lang),
        map_view(townhall.district_map(actor, filters, today=today, url=url), lang),
        call_view(townhall.annual_call(actor, filters, today=today, url=url), lang),
        training_view(townhall.training(actor, filters, today=today, url=url), lang),
        organisations_view(townhall.organisations(actor, filters, today=today, url=url), lang),
        *story_views(townhall.stories(actor, filters, today=today, url=url), lang),
    ]
