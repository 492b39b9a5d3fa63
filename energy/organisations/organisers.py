"""Members who were the village's call organisers: the organisers a member may be linked to,
and the rule that the link stays inside the village.

Vocabulary: an *organiser* is one of the residents named on a call application
(:class:`energy.store.models.call.Organiser`); the organisers of a village are those of its
applications that were sent in (a draft's organisers may still change). A member linked to
an organiser is that organiser; a current member holds each organiser at most once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require_village
from energy.core.errors import InvalidInput
from energy.organisations.formation import load_organisation
from energy.store.db import session_for
from energy.store.models.call import Application, Call, Organiser
from energy.store.models.organisations import Organisation, OrganisationMember


@dataclass(frozen=True)
class OrganiserChoice:
    """An organiser a member of the organisation may be linked to."""

    id: int
    name: str
    call_year: int
    reference: str  # the application's reference
    member: str | None  # the current member already linked to this organiser, if any


def _village_organisers(session: Session, village_id: int) -> list[tuple[int, str, int, str]]:
    return [
        (row.id, row.name, row.year, row.reference)
        for row in session.execute(
            select(Organiser.id, Organiser.name, Call.year, Application.reference)
            .join(Application, Application.id == Organiser.application_id)
            .join(Call, Call.id == Application.call_id)
            .where(Application.village_id == village_id, Application.status != "draft")
            .order_by(Call.year.desc(), Application.reference, Organiser.position)
        )
    ]


def _linked(session: Session, organisation_id: int) -> dict[int, str]:
    """Organiser id -> the name of the current member linked to it."""
    return {
        organiser_id: name
        for organiser_id, name in session.execute(
            select(OrganisationMember.organiser_id, OrganisationMember.name).where(
                OrganisationMember.organisation_id == organisation_id,
                OrganisationMember.organiser_id.is_not(None),
                OrganisationMember.left_on.is_(None),
            )
        )
        if organiser_id is not None
    }


def organiser_choices(
    actor: Actor, organisation_id: int, *, url: str | None = None
) -> list[OrganiserChoice]:
    """The organisers of the organisation's village (newest call first), each marked with
    the current member already linked to it. For those who may add members."""
    with session_for(actor, url=url) as session:
        org = load_organisation(session, actor, organisation_id)
        require_village(actor, org.village_id, "organisation.write")
        linked = _linked(session, org.id)
        return [
            OrganiserChoice(oid, name, year, reference, linked.get(oid))
            for oid, name, year, reference in _village_organisers(session, org.village_id)
        ]


def check_organisers(
    session: Session, org: Organisation, organiser_ids: Iterable[int | None]
) -> dict[int, str]:
    """The rule for new members' organiser links: each organiser is one of this village's
    (not another village's), named once, and not already a current member. Returns organiser
    id -> name (a member given no name takes the organiser's)."""
    wanted = [i for i in organiser_ids if i is not None]
    if not wanted:
        return {}
    if len(set(wanted)) < len(wanted):
        raise InvalidInput("error.organisation_organiser_twice", field="organiser")
    found = {
        row.id: (row.name, row.village_id)
        for row in session.execute(
            select(Organiser.id, Organiser.name, Application.village_id, Application.status)
            .join(Application, Application.id == Organiser.application_id)
            .where(Organiser.id.in_(wanted))
        )
        if row.status != "draft"
    }
    linked = _linked(session, org.id)
    for organiser_id in wanted:
        if organiser_id not in found:
            raise InvalidInput("error.organisation_unknown_organiser", field="organiser")
        name, village_id = found[organiser_id]
        if village_id != org.village_id:
            raise InvalidInput(
                "error.organisation_organiser_other_village", field="organiser", name=name
            )
        if organiser_id in linked:
            raise InvalidInput(
                "error.organisation_organiser_member",
                field="organiser",
                name=name,
                member=linked[organiser_id],
            )
    return {oid: found[oid][0] for oid in wanted}
