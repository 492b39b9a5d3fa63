"""Who may do what. Every data function in ``energy`` asks here; the UI only mirrors it.

A *capability* is a verb on a concept (``village.read``); a role holds a set of them.
Daily temperatures are public reference data: every role reads them (``weather.read``);
city staff import them (``weather.write``).
A committee's reads and writes are further scoped to its own village, and a district
officer's to the villages of its district: :func:`village_scope` says which, and
:func:`require_village`, :func:`scope_village` and :func:`village_scope_ids` apply it.
"""

from __future__ import annotations

from dataclasses import dataclass

from energy.core.errors import AccessDenied
from energy.core.vocabulary import ROLES as ROLES  # the roles, re-exported where they are used

CAPABILITIES: dict[str, frozenset[str]] = {
    # City staff: everything.
    "admin": frozenset(
        {
            "overview.read",
            "village.read",
            "village.list",
            "village.write",
            "user.manage",
            "audit.read",
            "mail.manage",  # the outbox: what waits, what failed, send now
            "account.self",
            "factors.write",
            "tracking.read",
            "tracking.write",
            # the annual call: run it, enter paper applications, enter paper spending reports
            "call.manage",
            "call.apply",
            "call.review",
            "grant.report",
            "organisation.list",
            "organisation.read",
            "organisation.write",
            "readiness.read",
            "lessons.read",
            "training.read",
            "training.manage",
            "training.attendance",
            "training.participants",
            "weather.read",
            "weather.write",
            "results.read",
            # the district tier: every district's home, advice and pre-screens, compared
            "district.compare",
            "call.advice.read",
        }
    ),
    # External experts: they need to know the villages they review or teach, and their results.
    "reviewer": frozenset(
        {
            "overview.read",
            "village.read",
            "village.list",
            "account.self",
            "tracking.read",
            "call.review",
            "call.advice.read",  # the advice a group had from its district before applying
            "weather.read",
            "results.read",
        }
        | {"organisation.list", "organisation.read", "lessons.read"}
    ),
    "trainer": frozenset(
        {
            "overview.read",
            "village.read",
            "village.list",
            "account.self",
            "tracking.read",
            "training.read",
            "training.attendance",
            "weather.read",
            "results.read",
        }
        | {"organisation.list", "organisation.read", "lessons.read"}
    ),
    # A resident committee: its own village only (scoped in scope_village), where it logs
    # households and readings.
    "committee": frozenset(
        {
            "village.read",
            "account.self",
            "tracking.read",
            "tracking.write",
            "call.apply",  # renewal for years 2 and 3
            "grant.report",  # the spending report of its village's grants
            "organisation.read",
            "training.read",
            "training.participants",
            "training.checkin",  # its residents check themselves in at their sessions
            "weather.read",
        }
    ),
    # The town hall: aggregates only, never a village's own records.
    "viewer": frozenset({"overview.read", "account.self", "weather.read"}),
    # A resident group that registered itself to apply: its own applications only.
    "applicant": frozenset({"account.self", "call.apply", "weather.read"}),
    # A district office's or village centre's officer: its own district only (scoped by
    # village_scope and by an application's district), never a household's readings.
    "district": frozenset(
        {
            "account.self",
            "weather.read",
            "village.list",
            "village.read",
            "organisation.list",
            "organisation.read",
            "training.read",
            "district.home",  # its villages: what is due or late, visits and notes
            "call.advise",  # advice on a group's draft before it applies
            "call.prescreen",  # met in person, lives in the area, concerns: for the city
        }
    ),
}

# Pages and the capability each needs; the navigation lists only what a role may open.
PAGE_CAPABILITY: dict[str, str] = {
    "home": "account.self",
    "villages": "village.list",
    "village": "village.read",
    "results": "results.read",
    "townhall": "overview.read",
    "savings": "tracking.read",
    "readings": "tracking.write",
    "households": "tracking.read",
    "organisations": "organisation.list",
    "organisation": "organisation.read",
    "readiness": "readiness.read",
    "lessons": "lessons.read",
    "training": "training.read",
    "training_progress": "training.read",
    "attendance": "training.attendance",
    "checkin_board": "training.attendance",
    "checkin": "training.checkin",
    "training_admin": "training.manage",
    "factors": "factors.write",
    "users": "user.manage",
    "audit": "audit.read",
    "mail": "mail.manage",
    "account": "account.self",
    "apply": "call.apply",
    "calls": "call.manage",
    "review": "call.review",
    "advice": "call.advise",
    "prescreen": "call.prescreen",
    "districts": "district.compare",
}

# Pages a visitor without a login may open, and only with what each must bring in its address:
# the check-in page with the QR code's link (``?session=<id>&code=<code>``). What such a
# visitor may see and do there is decided by ``energy.training.checkin_public``, which checks
# the session and code itself; every other page shows a visitor the login screen.
PUBLIC_PAGES: dict[str, tuple[str, ...]] = {"checkin": ("session", "code")}


@dataclass(frozen=True)
class Actor:
    """Who is acting. ``village_id`` is set for a committee account (its one village);
    ``district_id`` for a district officer (its district), with ``district_villages`` the
    villages of that district when the account was last read (a login, a recheck)."""

    username: str
    role: str
    user_id: int | None = None
    village_id: int | None = None
    display_name: str = ""
    language: str = "ko"
    district_id: int | None = None
    district_villages: frozenset[int] = frozenset()

    @property
    def audit_name(self) -> str:
        return self.username


# The command line acts as an administrator of the store it is pointed at.
CLI_ACTOR = Actor(username="cli", role="admin", display_name="Command line", language="en")


def can(actor: Actor, capability: str) -> bool:
    return capability in CAPABILITIES.get(actor.role, frozenset())


def require(actor: Actor, capability: str) -> None:
    if not can(actor, capability):
        raise AccessDenied()


def can_open_page(actor: Actor, page: str) -> bool:
    capability = PAGE_CAPABILITY.get(page)
    return capability is not None and can(actor, capability)


def pages_for(actor: Actor) -> list[str]:
    return [page for page in PAGE_CAPABILITY if can_open_page(actor, page)]


def village_scope(actor: Actor) -> frozenset[int] | None:
    """The villages ``actor``'s records are limited to; ``None``: not limited to villages
    (city staff, experts; what they may do is still up to their capabilities).

    A committee: its own village. A district officer: the villages of its district."""
    if actor.role == "committee":
        return frozenset({actor.village_id}) if actor.village_id is not None else frozenset()
    if actor.role == "district":
        return actor.district_villages
    return None


def in_scope(actor: Actor, village_id: int | None) -> bool:
    """Whether the village ``village_id`` lies within ``actor``'s scope (see :func:`village_scope`)."""
    scope = village_scope(actor)
    return scope is None or village_id in scope


def require_district(actor: Actor, district_id: int | None) -> None:
    """Raise unless ``actor`` may see what belongs to the district ``district_id`` (an
    application, which has a district before it has a village): a district officer only
    its own; a committee none."""
    if actor.role == "district" and (actor.district_id is None or actor.district_id != district_id):
        raise AccessDenied()
    if actor.role == "committee":
        raise AccessDenied()


def require_district_home(actor: Actor, district_id: int | None) -> None:
    """Raise unless ``actor`` may follow the villages of the district ``district_id`` (what
    is due or late, the log of visits): staff who compare the districts may follow every
    one; a district officer only its own."""
    if can(actor, "district.compare"):
        return
    require(actor, "district.home")
    require_district(actor, district_id)


def scope_village(actor: Actor, village_id: int) -> None:
    """Raise unless ``actor`` may read the village ``village_id``."""
    require_village(actor, village_id, "village.read")


def require_village(actor: Actor, village_id: int, capability: str) -> None:
    """Raise unless ``actor`` holds ``capability`` for the village ``village_id``.

    A committee holds its capabilities for its own village only; a district officer for the
    villages of its district.
    """
    require(actor, capability)
    if not in_scope(actor, village_id):
        raise AccessDenied()


def village_scope_ids(actor: Actor) -> list[int] | None:
    """``None`` when the actor may list every village, else the ids it may see."""
    scope = village_scope(actor)
    if scope is not None:
        return sorted(scope)
    require(actor, "village.list")
    return None
