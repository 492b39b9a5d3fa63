"""Town-hall slides whose data later capabilities store (the call, training, cooperatives).

Each ``_..._figures`` function returns ``None`` until its capability stores data; the slide
then says so and never shows a number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from energy.call.reports import call_history
from energy.core.access import Actor
from energy.organisations.registry import founded_figures
from energy.store.db import session_for
from energy.townhall.scope import Scope, ScopeInfo, T, TownHallFilter, scope_slide
from energy.training.figures import training_by_topic, training_counts

# --- what later capabilities supply -------------------------------------------------------


@dataclass(frozen=True)
class CallFigures:
    """The annual call of the presentation year: applications received and villages selected;
    ``history``: (year, received, selected) of every year with a call up to it, oldest first."""

    applications: int
    selected: int
    history: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class TrainingFigures:
    """First-year training and later capacity building in the presentation year."""

    sessions: int
    villages: int
    participants: int
    by_topic: tuple[tuple[str, int, int], ...] = ()  # (topic, sessions, participants)


@dataclass(frozen=True)
class OrganisationFigures:
    """Organisations villages founded (cooperatives, social cooperatives, NGOs) by the year."""

    founded: int
    by_form: dict[str, int]
    members: int
    jobs: int
    # each organisation founded: (name, English name, form, members), most members first
    each: tuple[tuple[str, str | None, str, int], ...] = ()


def _call_figures(session: Session, scope: Scope) -> CallFigures | None:
    """Applications received (submitted, not drafts or withdrawn) and villages selected in
    the presentation year's calls and each earlier year's, in the scope's district if one is
    chosen; ``None`` when no call of that year is recorded (the slide then says so)."""
    history = call_history(session, scope.info.year, scope.info.district_code)
    if not history or history[-1][0] != scope.info.year:
        return None
    _, received, selected = history[-1]
    return CallFigures(applications=received, selected=selected, history=tuple(history))


def _training_figures(session: Session, scope: Scope) -> TrainingFigures | None:
    """Sessions held in the year for the villages in scope (see energy.training.figures)."""
    counts = training_counts(session, scope.village_ids, scope.info.year)
    if counts is None:
        return None
    topics = training_by_topic(session, scope.village_ids, scope.info.year)
    return TrainingFigures(*counts, by_topic=tuple(topics))


def organisation_figures(session: Session, scope: Scope) -> OrganisationFigures | None:
    """Organisations the scope's villages had founded by the period's end (every founding
    step done), their members then, and the jobs of the year's reports (full- and part-time).
    ``None`` while the store holds no organisation at all (nothing recorded yet)."""
    found = founded_figures(session, scope.village_ids, scope.info.year, scope.info.end)
    if found is None:
        return None
    founded, by_form, members, jobs, each = found
    return OrganisationFigures(
        founded=founded, by_form=by_form, members=members, jobs=jobs, each=tuple(each)
    )


@dataclass(frozen=True)
class CallSlide:
    scope: ScopeInfo
    figures: CallFigures | None  # None: not recorded yet


@dataclass(frozen=True)
class TrainingSlide:
    scope: ScopeInfo
    figures: TrainingFigures | None  # None: not recorded yet


@dataclass(frozen=True)
class OrganisationsSlide:
    scope: ScopeInfo
    figures: OrganisationFigures | None  # None: not recorded yet


def _session_slide(
    name: str,
    actor: Actor,
    filters: TownHallFilter,
    today: dt.date | None,
    url: str | None,
    build: Callable[[Session, Scope], T],
) -> T:
    def compute(scope: Scope, _today: dt.date) -> T:
        with session_for(actor, url=url) as session:
            return build(session, scope)

    return scope_slide(name, actor, filters, today, url, compute)


def annual_call(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> CallSlide:
    return _session_slide(
        "call", actor, filters, today, url, lambda s, sc: CallSlide(sc.info, _call_figures(s, sc))
    )


def training(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> TrainingSlide:
    return _session_slide(
        "training",
        actor,
        filters,
        today,
        url,
        lambda s, sc: TrainingSlide(sc.info, _training_figures(s, sc)),
    )


def organisations(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> OrganisationsSlide:
    return _session_slide(
        "organisations",
        actor,
        filters,
        today,
        url,
        lambda s, sc: OrganisationsSlide(sc.info, organisation_figures(s, sc)),
    )
