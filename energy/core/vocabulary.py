"""The programme's closed sets, in one place: what a role, a carrier, a housing type, a
status, an application's stage or a training topic can be.

The tables' check constraints, the forms' choices and the catalogue's keys (``role.<r>``,
``status.<s>`` ...) are built from these tuples; a new member needs a migration for the
constraint and a message in both languages.
"""

from __future__ import annotations

FIRST_COHORT = 2012  # the programme's first villages were selected in 2012
# ``district``: a district office's (구청) or village centre's (마을센터) officer, tied to one
# district: advises groups before they apply, pre-screens, follows its villages (issue 27).
ROLES = ("admin", "reviewer", "trainer", "committee", "viewer", "applicant", "district")
LANGUAGES = ("ko", "en")
# The roles that may log in with the city's identity provider (single sign-on): the city's
# own people. A village committee or an applicant group logs in with its name and password.
SSO_ROLES = ("admin", "reviewer", "trainer", "viewer", "district")
# Why a login with the city account was refused (``energy.accounts.sso``; ``login.sso.<r>``).
SSO_REFUSALS = ("no_subject", "unknown", "other_identity", "disabled", "password_only")
# A queued message: waiting (also between retries), handed to the mail server, or given up on.
MAIL_STATUSES = ("queued", "sent", "failed")
# The kinds of mail a person may turn off on their account page (``users.mail_muted``); every
# other kind (a password reset, an assignment, a decision, a grant instalment) always goes.
OPTIONAL_MAIL_KINDS = ("readings_reminder", "training_session", "digest")
# Kinds whose body holds a secret (a link that works once): blanked in the outbox once sent
# or given up, never shown to staff, never sent again by hand.
SECRET_MAIL_KINDS = ("password_reset",)
HOUSING_TYPES = ("apartment", "detached", "mixed")
VILLAGE_STATUSES = ("active", "paused", "disbanded")
# Why a village paused or disbanded (or came back): the city wants to learn from these.
STATUS_REASONS = (
    "started",
    "resumed",
    "internal_conflict",
    "organisers_moved",
    "lack_of_time",
    "goal_reached",
    "merged",
    "funding_ended",
    "other",
)
# Which reasons fit which new status: a village comes back ("resumed"); it stops for a cause.
REASONS_FOR_STATUS: dict[str, tuple[str, ...]] = {
    "active": ("resumed", "other"),
    "paused": ("internal_conflict", "organisers_moved", "lack_of_time", "funding_ended", "other"),
    "disbanded": (
        "internal_conflict",
        "organisers_moved",
        "lack_of_time",
        "goal_reached",
        "merged",
        "funding_ended",
        "other",
    ),
}


# --- energy tracking -------------------------------------------------------------------------

CARRIERS = ("electricity", "gas", "water", "heat", "solar")
# The one unit each carrier is stored in (gas bills in MJ since July 2012; m³ converted).
CANONICAL_UNITS = {"electricity": "kWh", "gas": "MJ", "water": "m3", "heat": "kWh", "solar": "kWh"}
FLOOR_AREA_BANDS = ("<40", "40-60", "60-85", "85-135", "135+")  # m², the bands Korean housing uses
GENERATION_KINDS = ("balcony_solar", "rooftop_solar")
READING_SOURCES = ("entry", "import", "demo")

# --- weather -----------------------------------------------------------------------------------

# Where a batch of daily temperatures came from: KMA's ASOS daily file, a plain date,temp_c
# file, or the demo's made-up weather (never an observation).
WEATHER_SOURCES = ("kma_asos", "csv", "demo")
# The station that serves a village unless another is set: KMA's ASOS station 108, Seoul
# (Songwol-dong, Jongno-gu), the city's reference station since 1907.
DEFAULT_WEATHER_STATION = 108
# A daily mean temperature outside this range (°C) is a typo, not Seoul's weather (Seoul's
# records are -23.1 °C for a minimum and 39.6 °C for a maximum, never a day's mean).
DAILY_MEAN_RANGE_C = (-40.0, 45.0)


APPLICANT_TYPES = (
    "resident_group",
    "civil_organisation",
    "nonprofit_corporation",
    "social_cooperative",
)
APPLICATION_STATUSES = (
    "draft",
    "submitted",
    "in_review",
    "selected",
    "wait_listed",
    "rejected",
    "withdrawn",
)
DECISIONS = ("selected", "wait_listed", "rejected")
STRATEGIES = ("saving", "efficiency", "production")
ACTIONS = (
    "led",
    "insulation_windows",
    "balcony_solar",
    "rooftop_solar",
    "energy_clinic",
    "eco_mileage",
    "education",
    "other",
)
BUDGET_LINES = ("rent", "training", "equipment", "events", "other")
STAGES = ("written", "eligibility", "interview")
# Advice before applying (issue 27): the sections of the application form a district officer
# comments on (each has its thread), and who wrote an entry: the officer or the group.
ADVICE_SECTIONS = ("basics", "organisers", "plan", "budget")
ADVICE_AUTHORS = ("district", "applicant")
# The fields an officer may suggest a value for, each with its section; the group takes a
# suggestion with one click. Organisers are people: commented on, never filled in by the office.
ADVICE_FIELDS: dict[str, str] = {
    "group_name": "basics",
    "village_name": "basics",
    "households_detached": "basics",
    "households_apartment": "basics",
    "target_saving_pct": "plan",
    "actions_other": "plan",
    "plan": "plan",
    **{f"budget.{line}": "budget" for line in BUDGET_LINES},
}
CRITERIA = ("sustainability", "publicness", "community", "feasibility")
SCORE_MAX = 10  # each criterion is scored 0..10; the weights make the mean
# What an applicant attaches to an application: the plan, the budget sheet, photos, other.
ATTACHMENT_KINDS = ("plan", "budget", "photo", "other")
# The file types an attachment may be (found from its content, never from its name alone):
# PDF documents, photos as phones and cameras save them, and Excel workbooks (no macros).
ATTACHMENT_MEDIA_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/heic",
    "image/heif",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
# A district officer's pre-screen of an application (issue 27), in words the city can weigh:
# whether the organisers were met in person, whether they live in the village area, and a
# short verdict with the officer's own words beside it.
PRESCREEN_MET = ("all", "some", "none")
PRESCREEN_RESIDENCE = ("all", "some", "none", "unknown")
PRESCREEN_VERDICTS = ("no_concerns", "concerns", "could_not_verify")
# Mail domains of public bodies: an organiser writing from one may act for a public body
# (Korea's government domain; a district office is <gu>.go.kr, the city seoul.go.kr).
PUBLIC_MAIL_DOMAINS = ("go.kr",)


LEGAL_FORMS = ("cooperative", "social_cooperative", "nonprofit", "social_enterprise")
MEMBER_KINDS = ("organiser", "household", "resident", "organisation")
BOARD_ROLES = ("chair", "vice_chair", "director", "auditor")
ASSET_KINDS = ("solar_plant",)


TOPICS = (
    "energy_efficiency",
    "home_energy_check",
    "mini_solar",
    "eco_mileage",
    "community_organising",
    "meetings_conflict",
    "accounting_reporting",
    "cooperative",
)
# The two strands of the training (DOMAIN.md, "First-year training"): energy work, and the
# community's own organising (running meetings, accounts, founding a cooperative).
TOPIC_STRANDS = {
    "energy_efficiency": "energy",
    "home_energy_check": "energy",
    "mini_solar": "energy",
    "eco_mileage": "energy",
    "community_organising": "community",
    "meetings_conflict": "community",
    "accounting_reporting": "community",
    "cooperative": "community",
}
SESSION_STATUSES = ("scheduled", "cancelled")
ATTENDANCE_STATUSES = ("present", "late", "excused", "absent")
PARTICIPANT_ROLES = ("organiser", "resident")
# Who put an attendance mark there: the trainer or staff ("recorded": the form, the sign-in
# sheet, a correction), or the participant's own check-in with the session's code ("self").
ATTENDANCE_SOURCES = ("recorded", "self")
# Self check-in (energy.training.checkin) is open from this many minutes before a session
# starts until it ends (its ``ends_at``): people arrive early and sit down; a code read out
# after the end is refused, as is any code of a cancelled session.
CHECKIN_OPENS_BEFORE_MINUTES = 15
# A check-in from a phone without an account (energy.training.checkin_public), as the trainer's
# board follows it: matched at once to the one person of that name on the village's list
# ("checked_in"), or "waiting" for the trainer, who matches it to a person ("matched"), adds
# the name to the list ("added") or sets it aside ("dismissed").
SELF_CHECKIN_STATES = ("checked_in", "waiting", "matched", "added", "dismissed")
# The audit log's actor for those check-ins: no account's name (a login has no "_").
SELF_CHECKIN_LOGIN = "self_checkin"


# What each conversion factor is measured on (energy.savings.factors.FACTOR_KEYS): gas in MJ
# on bills and in the TOE table is GROSS calorific value; the IPCC's gas CO2 factor is on the
# NET calorific value; electricity TOE and CO2 are on consumption, solar TOE on generation;
# district heat TOE is on heat delivered.
FACTOR_BASES: dict[str, str] = {
    "electricity.toe": "consumption",
    "solar.toe": "generation",
    "gas.toe": "gross",
    "gas.mj_per_m3": "gross",
    "gas.net_mj_per_m3": "net",
    "heat.toe": "delivered",
    "electricity.co2": "consumption",
    "gas.co2": "net",
}

# A progressive tariff's tiers hold in the "summer" months it names (KEPCO: July and August)
# and in the "other" months.
TARIFF_SEASONS: tuple[str, ...] = ("other", "summer")
# A district officer's log of its villages (issue 27): a visit in person, a phone call, a
# meeting (at the district office, the village centre, a committee's meeting).
VISIT_KINDS = ("visit", "call", "meeting")
