"""The kinds of thing and the actions the log's reader filters by, in words (``audit.kind.*``,
``audit.action.*``): a kind gathers the tables people think of as one thing (an application
and its organisers; a review and its scores), never a table name on the screen."""

from __future__ import annotations

from energy.store.audit import Subject

ROW_ACTIONS = ("create", "update", "delete")
LOGIN_ACTIONS = ("login", "login_failed", "login_locked", "lockout")
# A forgotten password: a link asked for, refused (a client asking too often), used.
RESET_ACTIONS = ("reset_requested", "reset_refused", "reset_completed")
# Every action the app records, in the order the action filter offers them.
ACTIONS = (
    *ROW_ACTIONS,
    "import_readings",
    "import_temperatures",
    *LOGIN_ACTIONS,
    *RESET_ACTIONS,
    "backup",
    "restore",
    "demo_loaded",
)

# Each kind: the entities (with the actions that count, None: all) it gathers.
KINDS: dict[str, tuple[Subject, ...]] = {
    "readings": (("villages", ("import_readings",)), ("reading_batches", None)),
    "households": (("households", None), ("generation_units", None)),
    "villages": (
        ("villages", ROW_ACTIONS),
        ("village_status_changes", None),
        ("townhall_stories", None),
    ),
    "accounts": (("users", ROW_ACTIONS),),
    "logins": (("users", LOGIN_ACTIONS + RESET_ACTIONS),),
    "calls": (("calls", None),),
    "applications": (
        ("call_applications", None),
        ("call_organisers", None),
        ("application_attachments", None),
        ("application_advice_requests", None),  # the district's advice before applying
        ("application_advice", None),
        ("call_prescreens", None),
    ),
    "reviews": (("call_review_assignments", None), ("call_review_scores", None)),
    "grants": (("call_grants", None), ("call_instalments", None), ("call_spending_lines", None)),
    "organisations": (
        ("organisations", None),
        ("formation_steps", None),
        ("organisation_members", None),
        ("organisation_years", None),
        ("organisation_assets", None),
    ),
    "training_schedule": (
        ("training_sessions", None),
        ("training_session_villages", None),
        ("training_modules", None),
        ("trainers", None),
        ("trainer_availability", None),
        ("venues", None),
    ),
    "training_attendance": (
        ("training_attendance", None),
        ("training_participants", None),
        ("training_self_checkins", None),
    ),
    "factors": (("conversion_factors", None), ("tariffs", None), ("tariff_tiers", None)),
    "weather": (
        ("weather_stations", None),
        ("weather_batches", None),
        ("village_weather_stations", None),
    ),
    "district_visits": (("district_visits", None),),
    "store": (("store", None), ("app_settings", None), ("districts", None)),
}


def kind_of(entity: str, action: str) -> str | None:
    """The kind an entry belongs to (None for an entity no kind gathers)."""
    for kind, subjects in KINDS.items():
        for subject, actions in subjects:
            if subject == entity and (actions is None or action in actions):
                return kind
    return None
