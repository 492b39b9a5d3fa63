"""Things named as people name them (``audit.thing.*``): household H-012 of 성대골 마을,
application 2027-05-007 (망원동 햇빛모임), the session 'LED 교체' on 5 Mar 2026 10:30, the
electricity tariff from 1 Jan 2025 — from a row's values and the rows it refers to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from energy.audit import formats
from energy.audit.rows import Facts, Lookup
from energy.core.i18n import translate

# The columns each table's name needs (the rows they refer to are fetched with it).
NAME_REFS: dict[str, tuple[str, ...]] = {
    "households": ("village_id",),
    "generation_units": ("household_id",),
    "reading_batches": ("village_id",),
    "village_status_changes": ("village_id",),
    "townhall_stories": ("village_id",),
    "call_organisers": ("application_id",),
    "call_prescreens": ("application_id",),
    "application_attachments": ("application_id",),
    "application_advice_requests": ("application_id",),
    "application_advice": ("application_id",),
    "call_review_assignments": ("application_id", "reviewer_id"),
    "call_review_scores": ("assignment_id",),
    "call_grants": ("application_id", "village_id"),
    "call_instalments": ("grant_id",),
    "call_spending_lines": ("grant_id",),
    "formation_steps": ("organisation_id",),
    "organisation_members": ("organisation_id",),
    "organisation_years": ("organisation_id",),
    "organisation_assets": ("organisation_id",),
    "trainer_availability": ("trainer_id",),
    "training_sessions": ("module_id",),
    "training_session_villages": ("session_id", "village_id"),
    "training_participants": ("village_id",),
    "training_attendance": ("session_id", "participant_id"),
    "training_self_checkins": ("session_id", "village_id"),
    "tariff_tiers": ("tariff_id",),
    "village_weather_stations": ("village_id", "station_code"),
    "weather_batches": ("station_code",),
    "district_visits": ("village_id",),
}
# Logins that are not people: the demo loader and the command line (``audit.actor.*``).
# and check-ins from a phone without an account (``SELF_CHECKIN_LOGIN``).
NOT_PEOPLE = ("demo", "cli", "self_checkin")


class Namer:
    """Names of people and things in ``lang``, from the rows ``lookup`` fetched."""

    def __init__(self, lookup: Lookup, lang: str) -> None:
        self.lookup = lookup
        self.lang = lang

    def say(self, key: str, **params: Any) -> str:
        return translate(key, self.lang, **params)

    def say_n(self, key: str, n: Any, **params: Any) -> str:
        """``key`` for a count ``n`` (already formatted): its ``_one`` form for exactly one."""
        one = f"{key}_one"
        chosen = one if str(n) == "1" and translate(one, self.lang) != one else key
        return translate(chosen, self.lang, n=n, **params)

    def row(self, entity: str, value: Any, column: str = "id") -> Facts | None:
        return None if value is None else self.lookup.row(entity, column, value)

    # --- people ---------------------------------------------------------------------------

    def person(self, username: Any) -> str:
        """A login's display name (the login itself where the store knows no such account)."""
        if username in NOT_PEOPLE:
            return self.say(f"audit.actor.{username}")
        user = self.row("users", username, "username")
        if user is None:
            return str(username) if username else self.say("audit.no_name")
        return str(user.get("display_name") or username)

    def user(self, user_id: Any) -> str:
        user = self.row("users", user_id)
        return str(user.get("display_name") or user.get("username")) if user else self.gone()

    # --- things ---------------------------------------------------------------------------

    def gone(self) -> str:
        return self.say("audit.gone")

    def village(self, village_id: Any) -> str:
        row = self.row("villages", village_id)
        return self.village_name(row) if row else self.say("audit.gone_village")

    def village_name(self, row: Facts) -> str:
        if self.lang == "en" and row.get("name_en"):
            return str(row["name_en"])
        return str(row.get("name") or row.get("code"))

    def thing(self, entity: str, facts: Facts | None) -> str:
        """The row ``facts`` of ``entity`` by name; a table without a name of its own is named
        by its kind of thing ("a record of the conversion factors")."""
        if not facts:
            return self.gone()
        namer = NAMERS.get(entity)
        if namer is not None:
            return namer(self, facts)
        return self.say("audit.thing.other", kind=self.noun(entity))

    def noun(self, entity: str) -> str:
        key = f"audit.noun.{entity}"
        shown = self.say(key)
        return self.say("audit.noun.other") if shown == key else shown

    def ref(self, entity: str, value: Any, column: str = "id") -> str:
        """The row of ``entity`` whose ``column`` is ``value``, by name."""
        if entity == "users" and column == "username":
            return self.person(value)
        if entity == "users":
            return self.user(value)
        if entity == "villages" and column == "id":
            return self.village(value)
        return self.thing(entity, self.row(entity, value, column))

    def of(self, entity: str, facts: Facts, column: str) -> str:
        """The row that ``facts`` refers to through ``column`` (a row of ``entity``), by name."""
        return self.ref(entity, facts.get(column))

    def label(self, prefix: str, value: Any) -> str:
        return formats.lower_first(formats.word(prefix, value, self.lang), self.lang)


def _household(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.households", code=f.get("code"), village=n.village(f.get("village_id"))
    )


def _generation(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.generation_units",
        kind=n.label("generation.", f.get("kind")),
        household=n.of("households", f, "household_id"),
    )


def _batch(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.reading_batches", village=n.village(f.get("village_id")),
                 day=formats.date(f.get("created_at"), n.lang))  # fmt: skip


def _status_change(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.village_status_changes",
        village=n.village(f.get("village_id")),
        status=n.label("status.", f.get("status")),
        day=formats.date(f.get("effective_on"), n.lang),
    )


def _story(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.townhall_stories", village=n.village(f.get("village_id")),
                 year=f.get("year"))  # fmt: skip


def _user(n: Namer, f: Facts) -> str:
    return str(f.get("display_name") or f.get("username"))


def _setting(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.app_settings", setting=n.label("audit.setting.", f.get("key")))


def _call(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.calls", year=f.get("year"))


def _application(n: Namer, f: Facts) -> str:
    group = f.get("group_name") or f.get("village_name")
    if not group:
        return n.say("audit.thing.application", reference=f.get("reference"))
    return n.say("audit.thing.call_applications", reference=f.get("reference"), group=group)


def _application_ref(n: Namer, f: Facts) -> str:
    app = n.row("call_applications", f.get("application_id"))
    return n.say("audit.thing.application", reference=app.get("reference")) if app else n.gone()


def _attachment(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.application_attachments", name=f.get("file_name"),
                 application=_application_ref(n, f))  # fmt: skip


def _advice_request(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.application_advice_requests", application=_application_ref(n, f))


def _advice(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.application_advice",
        section=n.label("advice.section.", f.get("section")),
        application=_application_ref(n, f),
    )


def _organiser(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.call_organisers", name=f.get("name"),
                 application=_application_ref(n, f))  # fmt: skip


def _prescreen(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.call_prescreens", application=_application_ref(n, f))


def _assignment(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.call_review_assignments",
        reviewer=n.user(f.get("reviewer_id")),
        stage=n.label("stage_name.", f.get("stage")),
        application=_application_ref(n, f),
    )


def _score(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.call_review_scores",
        criterion=n.label("criterion.", f.get("criterion")),
        review=n.of("call_review_assignments", f, "assignment_id"),
    )


def _grant(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.call_grants",
        village=n.village(f.get("village_id")),
        year=f.get("programme_year"),
        application=_application_ref(n, f),
    )


def _instalment(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.call_instalments", grant=n.of("call_grants", f, "grant_id"),
                 day=formats.date(f.get("paid_on"), n.lang))  # fmt: skip


def _spending(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.call_spending_lines", grant=n.of("call_grants", f, "grant_id"),
                 line=n.label("budget_line.", f.get("line")))  # fmt: skip


def _organisation(n: Namer, f: Facts) -> str:
    if n.lang == "en" and f.get("name_en"):
        return str(f["name_en"])
    return str(f.get("name"))


def _step(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.formation_steps", step=formats.word("formation.step.", f.get("step"), n.lang),
                 organisation=n.of("organisations", f, "organisation_id"))  # fmt: skip


def _member(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.organisation_members", name=f.get("name"),
                 organisation=n.of("organisations", f, "organisation_id"))  # fmt: skip


def _org_year(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.organisation_years", year=f.get("year"),
                 organisation=n.of("organisations", f, "organisation_id"))  # fmt: skip


def _asset(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.organisation_assets", name=f.get("name"),
                 organisation=n.of("organisations", f, "organisation_id"))  # fmt: skip


def _module(n: Namer, f: Facts) -> str:
    title = f.get("title_en") if n.lang == "en" and f.get("title_en") else f.get("title_ko")
    return n.say("audit.thing.training_modules", title=title, code=f.get("code"))


def _trainer(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.trainers", name=f.get("name"))


def _availability(n: Namer, f: Facts) -> str:
    return n.say(
        "audit.thing.trainer_availability",
        trainer=str((n.row("trainers", f.get("trainer_id")) or {}).get("name") or n.gone()),
        weekday=formats.weekday(f.get("weekday"), n.lang),
        start=formats.minute_of_day(f.get("start_minute")),
        end=formats.minute_of_day(f.get("end_minute")),
    )


def _venue(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.venues", name=f.get("name"))


def _session(n: Namer, f: Facts) -> str:
    module = n.row("training_modules", f.get("module_id")) or {}
    title = module.get("title_en") if n.lang == "en" and module.get("title_en") else None
    return n.say(
        "audit.thing.training_sessions",
        title=title or module.get("title_ko") or n.gone(),
        when=formats.timestamp(f.get("starts_at"), n.lang),
    )


def _session_village(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.training_session_villages", village=n.village(f.get("village_id")),
                 session=n.of("training_sessions", f, "session_id"))  # fmt: skip


def _participant(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.training_participants", name=f.get("name"),
                 village=n.village(f.get("village_id")))  # fmt: skip


def _attendance(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.training_attendance",
                 participant=n.of("training_participants", f, "participant_id"),
                 session=n.of("training_sessions", f, "session_id"))  # fmt: skip


def _self_checkin(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.training_self_checkins", name=f.get("name"),
                 village=n.village(f.get("village_id")),
                 session=n.of("training_sessions", f, "session_id"))  # fmt: skip


def _factor(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.conversion_factors", factor=formats.word("factor.", f.get("key"), n.lang),
                 day=formats.date(f.get("valid_from"), n.lang))  # fmt: skip


def _tariff(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.tariffs", carrier=n.label("carrier.", f.get("carrier")),
                 day=formats.date(f.get("valid_from"), n.lang))  # fmt: skip


def _tier(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.tariff_tiers", position=f.get("position"),
                 season=n.label("audit.season.", f.get("season")),
                 tariff=n.of("tariffs", f, "tariff_id"))  # fmt: skip


def _district(n: Namer, f: Facts) -> str:
    return str(f.get("name_en") if n.lang == "en" else f.get("name_ko"))


def _station(n: Namer, f: Facts) -> str:
    name = f.get("name_en") if n.lang == "en" and f.get("name_en") else f.get("name_ko")
    return n.say("audit.thing.weather_stations", name=name, code=f.get("code"))


def _weather_batch(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.weather_batches",
                 station=n.ref("weather_stations", f.get("station_code"), "code"),
                 day=formats.date(f.get("created_at"), n.lang))  # fmt: skip


def _village_station(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.village_weather_stations", village=n.village(f.get("village_id")))


def _district_visit(n: Namer, f: Facts) -> str:
    return n.say("audit.thing.district_visits", village=n.village(f.get("village_id")),
                 day=formats.date(f.get("visited_on"), n.lang),
                 kind=n.label("district.kind.", f.get("kind")))  # fmt: skip


NAMERS: dict[str, Callable[[Namer, Facts], str]] = {
    "villages": lambda n, f: n.village_name(f),
    "households": _household,
    "generation_units": _generation,
    "reading_batches": _batch,
    "village_status_changes": _status_change,
    "townhall_stories": _story,
    "users": _user,
    "app_settings": _setting,
    "calls": _call,
    "call_applications": _application,
    "call_organisers": _organiser,
    "call_prescreens": _prescreen,
    "application_attachments": _attachment,
    "application_advice_requests": _advice_request,
    "application_advice": _advice,
    "call_review_assignments": _assignment,
    "call_review_scores": _score,
    "call_grants": _grant,
    "call_instalments": _instalment,
    "call_spending_lines": _spending,
    "organisations": _organisation,
    "formation_steps": _step,
    "organisation_members": _member,
    "organisation_years": _org_year,
    "organisation_assets": _asset,
    "training_modules": _module,
    "trainers": _trainer,
    "trainer_availability": _availability,
    "venues": _venue,
    "training_sessions": _session,
    "training_session_villages": _session_village,
    "training_participants": _participant,
    "training_attendance": _attendance,
    "training_self_checkins": _self_checkin,
    "conversion_factors": _factor,
    "tariffs": _tariff,
    "tariff_tiers": _tier,
    "districts": _district,
    "weather_stations": _station,
    "weather_batches": _weather_batch,
    "village_weather_stations": _village_station,
    "district_visits": _district_visit,
}
