"""Who may do what. Every data function in ``energy`` asks here; the UI only mirrors it.

A *capability* is a verb on a concept (``village.read``); a role holds a set of them.
Daily temperatures are public reference data: every role reads them (``weather.read``);
city staff import them (``weather.write``).
A committee's reads and writes are further scoped to its own village by :func:`scope_village`.
"""

from __future__ import annotations

from dataclasses import dataclass

from energy.core.errors import AccessDenied

ROLES = ("admin", "reviewer", "trainer", "committee", "viewer", "applicant")

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
            "weather.read",
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
}

# Pages and the capability each needs; the navigation lists only what a role may open.
PAGE_CAPABILITY: dict[str, str] = {
    "home": "account.self",
    "villages": "village.list",
    "village": "village.read",
    "results": "village.list",
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
}


@dataclass(frozen=True)
class Actor:
    """Who is acting. ``village_id`` is set for a committee account (its one village)."""

    username: str
    role: str
    user_id: int | None = None
    village_id: int | None = None
    display_name: str = ""
    language: str = "ko"

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


def scope_village(actor: Actor, village_id: int) -> None:
    """Raise unless ``actor`` may read the village ``village_id``."""
    require(actor, "village.read")
    if actor.role == "committee" and actor.village_id != village_id:
        raise AccessDenied()


def require_village(actor: Actor, village_id: int, capability: str) -> None:
    """Raise unless ``actor`` holds ``capability`` for the village ``village_id``.

    A committee holds its capabilities for its own village only.
    """
    require(actor, capability)
    if actor.role == "committee" and actor.village_id != village_id:
        raise AccessDenied()


def village_scope_ids(actor: Actor) -> list[int] | None:
    """``None`` when the actor may list every village, else the ids it may see."""
    if actor.role == "committee":
        return [actor.village_id] if actor.village_id is not None else []
    require(actor, "village.list")
    return None
