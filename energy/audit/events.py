"""The entries with words of their own: a save of readings ("김민지 changed household H-012's
gas reading for Mar 2025 from 212 to 221 MJ"), an application submitted, withdrawn, reviewed
or decided, a conflict declared and a review's scores, a login and its failures, an account
disabled or its password reset, a session moved or cancelled, an attendance mark, the
training rules, temperatures saved, a backup, the demo data. Everything else reads plainly
(``sentences``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from energy.audit import formats
from energy.audit.fields import Change
from energy.audit.sentences import Described, Entry, extras, plainly
from energy.audit.things import Namer
from energy.core.vocabulary import CANONICAL_UNITS
from energy.store.audit import AuditRecord
from energy.training.attendance import RULES_KEY, TrainingRules

Special = Callable[[Entry], Described | None]
# Values of one save shown on screen (a save can change thousands: the download has them all).
SHOWN_CHANGES = 200


def describe(record: AuditRecord, n: Namer) -> Described:
    """``record`` as a sentence in ``n``'s language, and a table of its fields."""
    e = Entry(record, n)
    special = SPECIAL.get((record.entity, record.action))
    found = special(e) if special is not None else None
    return found if found is not None else plainly(e)


def _count(e: Entry, value: Any) -> str:
    return formats.number(value or 0, e.n.lang)


def _parts(e: Entry, counts: list[tuple[str, Any]]) -> str:
    """ "12 new, 1 changed": each non-zero count by its own words (all of them zero: the first)."""
    shown = [e.n.say_n(key, _count(e, v)) for key, v in counts if v]
    return ", ".join(shown) or e.n.say_n(counts[0][0], _count(e, 0))


def _detail(e: Entry, key: str, shown: Any) -> Change:
    return Change(e.n.say(key), "", str(shown))


def _more(e: Entry, changed: int) -> list[Change]:
    """A row saying how many changed values the screen leaves to the download."""
    if changed <= SHOWN_CHANGES:
        return []
    return [_detail(e, "audit.detail.more", _count(e, changed - SHOWN_CHANGES))]


# --- readings -------------------------------------------------------------------------------


def _reading_field(e: Entry, item: dict[str, Any]) -> tuple[str, str]:
    carrier = formats.word("carrier.", item.get("carrier"), e.n.lang)
    month = formats.month(item.get("month"), e.n.lang)
    field = e.n.say("audit.reading", household=item.get("household"), month=month, carrier=carrier)
    return field, carrier


def _reading_value(e: Entry, item: dict[str, Any], side: str) -> str:
    unit = CANONICAL_UNITS.get(str(item.get("carrier")))
    return formats.quantity(item.get(side), unit, e.n.lang)


def _readings_saved(e: Entry) -> Described:
    a, n = e.after, e.n
    village = n.ref("villages", e.record.entity_key, "code")
    items = [i for i in a.get("changed") or [] if isinstance(i, dict)]
    registered = a.get("households_registered") or []
    table = [
        Change(
            _reading_field(e, i)[0], _reading_value(e, i, "before"), _reading_value(e, i, "after")
        )
        for i in items[:SHOWN_CHANGES]
    ]
    table += _more(e, len(items))
    table += [
        _detail(e, "audit.detail.added", _count(e, a.get("added"))),
        _detail(e, "audit.detail.unchanged", _count(e, a.get("unchanged"))),
    ]
    if a.get("dropped"):
        table.append(_detail(e, "audit.detail.dropped", _count(e, a.get("dropped"))))
    if registered:
        table.append(_detail(e, "audit.detail.households_registered", ", ".join(registered)))
    if a.get("file"):
        table.append(_detail(e, "audit.detail.file", a["file"]))
    if len(items) == 1 and not a.get("added") and not registered:
        (item,) = items
        _field, carrier = _reading_field(e, item)
        sentence = e.say(
            "audit.say.reading_changed",
            village=village,
            household=item.get("household"),
            carrier=formats.lower_first(carrier, n.lang),
            month=formats.month(item.get("month"), n.lang),
            before=_reading_value(e, item, "before"),
            after=_reading_value(e, item, "after"),
        )
        return Described(sentence, table)
    counts = [
        ("audit.part.added", a.get("added")),
        ("audit.part.changed", len(items)),
        ("audit.part.unchanged", a.get("unchanged")),
        ("audit.part.dropped", a.get("dropped")),
        ("audit.part.households", len(registered)),
    ]
    return Described(
        e.say("audit.say.readings_saved", village=village, parts=_parts(e, counts)), table
    )


def _batch(e: Entry) -> Described:
    f = e.facts
    params = {"village": e.n.village(f.get("village_id")), "n": _count(e, f.get("rows_in"))}
    source = f.get("source")
    if source == "import" and f.get("filename"):
        return e.described(e.say_n("audit.say.batch_file", file=f["filename"], **params))
    key = {"entry": "audit.say.batch_entry", "demo": "audit.say.batch_demo"}.get(
        str(source), "audit.say.batch_import"
    )
    return e.described(e.say_n(key, **params))


# --- accounts and logins ----------------------------------------------------------------------


def _account_changed(e: Entry) -> Described | None:
    changed = e.changed()
    if "last_login_at" in changed and changed <= {"last_login_at", "password_hash"}:
        return e.described(e.say("audit.say.login_recorded"))
    if "oidc_subject" in changed and changed <= {"oidc_subject", "last_login_at"}:
        linked = e.after.get("oidc_subject") is not None
        return e.described(
            e.say("audit.say.identity_linked" if linked else "audit.say.identity_unlinked")
        )
    if changed == {"password_hash"}:
        own = e.record.actor == e.record.entity_key
        return e.described(e.say("audit.say.own_password" if own else "audit.say.password_reset"))
    if changed == {"is_active"}:
        key = (
            "audit.say.account_enabled"
            if e.after.get("is_active")
            else "audit.say.account_disabled"
        )
        return e.described(e.say(key))
    return None


def _typed_name(e: Entry) -> str:
    return e.record.entity_key or e.n.say("audit.no_name")


def _login(e: Entry) -> Described:
    sso = e.after.get("method") == "oidc"
    return Described(e.say("audit.say.login_sso" if sso else "audit.say.login"), [])


def _login_failed(e: Entry) -> Described:
    if e.after.get("method") == "oidc":  # the city account (energy.accounts.sso)
        reason = e.n.say(f"audit.sso_refused.{e.after.get('reason')}")
        return Described(
            e.say("audit.say.login_sso_refused", name=_typed_name(e), reason=reason), []
        )
    client = e.after.get("client") or "–"
    return Described(e.say("audit.say.login_failed", name=_typed_name(e), client=client), [])


def _login_locked(e: Entry) -> Described:
    client = e.after.get("client") or "–"
    return Described(e.say("audit.say.login_locked", name=_typed_name(e), client=client), [])


def _lockout(e: Entry) -> Described:
    a = e.after
    key = "audit.say.lockout_client" if a.get("scope") == "client" else "audit.say.lockout_name"
    sentence = e.say_n(key, name=_typed_name(e), client=a.get("client") or "–",
                       n=_count(e, a.get("minutes")))  # fmt: skip
    return Described(sentence, [])


def _reset_requested(e: Entry) -> Described:
    client = e.after.get("client") or "–"
    key = "audit.say.reset_mailed" if e.after.get("mailed") else "audit.say.reset_not_mailed"
    return Described(e.say(key, name=_typed_name(e), client=client), [])


def _reset_refused(e: Entry) -> Described:
    client = e.after.get("client") or "–"
    return Described(e.say("audit.say.reset_refused", name=_typed_name(e), client=client), [])


def _reset_completed(e: Entry) -> Described:
    client = e.after.get("client") or "–"
    return Described(e.say("audit.say.reset_completed", name=_typed_name(e), client=client), [])


# --- the annual call --------------------------------------------------------------------------

APPLICATION_STATUS_WORDS = {
    "submitted": "audit.say.application_submitted",
    "withdrawn": "audit.say.application_withdrawn",
    "in_review": "audit.say.application_review_started",
    "selected": "audit.say.application_selected",
    "wait_listed": "audit.say.application_wait_listed",
    "rejected": "audit.say.application_rejected",
}


def _application_words(e: Entry, status: Any) -> dict[str, Any]:
    return {
        "stage": e.n.label("stage_name.", e.after.get("stage", e.facts.get("stage"))),
        "award": e.shown("award_krw", e.after.get("award_krw", e.facts.get("award_krw"))),
        "status": formats.word("app_status.", status, e.n.lang),
    }


def _application_created(e: Entry) -> Described:
    status = e.facts.get("status")
    if status == "submitted":
        key = (
            "audit.say.application_paper"
            if e.facts.get("on_paper")
            else "audit.say.application_submitted"
        )
    elif status == "draft":
        key = "audit.say.application_draft"
    else:
        key = "audit.say.application_entered"
    return e.described(e.say(key, **_application_words(e, status)))


def _application_changed(e: Entry) -> Described | None:
    status = e.after.get("status")
    if status in APPLICATION_STATUS_WORDS and status != e.before.get("status"):
        words = _application_words(e, status)
        return e.described(e.say(APPLICATION_STATUS_WORDS[status], **words))
    if "stage" in e.after and e.after.get("stage") and "status" not in e.after:
        return e.described(e.say("audit.say.application_stage", **_application_words(e, None)))
    return None


def _review_changed(e: Entry) -> Described | None:
    words = {
        "application": extras(e)["application"],
        "stage": e.n.label("stage_name.", e.facts.get("stage")),
    }
    if "conflict" in e.after and e.after["conflict"] is not None:
        key = "audit.say.conflict_declared" if e.after["conflict"] else "audit.say.no_conflict"
        return e.described(e.say(key, **words))
    if e.after.get("submitted_at"):
        return e.described(e.say("audit.say.review_submitted", **words))
    return None


# --- training -------------------------------------------------------------------------------


def _session_changed(e: Entry) -> Described | None:
    if e.after.get("status") == "cancelled":
        return e.described(e.say("audit.say.session_cancelled"))
    if e.after.get("status") == "scheduled" and e.before.get("status") == "cancelled":
        return e.described(e.say("audit.say.session_restored"))
    if "starts_at" in e.after:
        when = formats.timestamp(e.after["starts_at"], e.n.lang)
        return e.described(e.say("audit.say.session_moved", when=when))
    return None


def _attendance_changed(e: Entry) -> Described | None:
    if set(e.after) - {"status", "recorded_by", "recorded_at"} or "status" not in e.after:
        return None
    f = e.facts
    return e.described(
        e.say(
            "audit.say.attendance_changed",
            participant=e.n.of("training_participants", f, "participant_id"),
            session=e.n.of("training_sessions", f, "session_id"),
            before=e.n.label("attendance.", e.before.get("status")),
            after=e.n.label("attendance.", e.after.get("status")),
        )
    )


def _rules(value: Any) -> dict[str, Any]:
    try:
        found = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _rule_value(e: Entry, field: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return formats.yes_no(value, e.n.lang)
    if field == "attendance_threshold":
        return formats.percent(value, e.n.lang, fraction=True)
    return formats.number(value, e.n.lang)


def _setting(e: Entry) -> Described | None:
    key = e.facts.get("key") or e.record.entity_key
    if key == "demo_data" and e.record.action == "create":
        day = formats.date(e.after.get("value"), e.n.lang)
        return Described(e.say("audit.say.demo_marked", day=day), [])
    if key != RULES_KEY or e.record.action not in ("create", "update"):
        return None
    old, new = _rules(e.before.get("value")), _rules(e.after.get("value"))
    order = [f.name for f in fields(TrainingRules)]
    table = [
        Change(e.n.say(f"audit.rule.{field}"), _rule_value(e, field, old.get(field)),
               _rule_value(e, field, new.get(field)))
        for field in sorted({*old, *new}, key=lambda f: (f not in order, order.index(f) if f in order else 0, f))
        if old.get(field) != new.get(field)
    ]  # fmt: skip
    listed = ", ".join(
        e.n.say("audit.say.change", field=formats.lower_first(c.field, e.n.lang),
                before=c.before, after=c.after)
        if c.before
        else e.n.say("audit.say.field_value", field=formats.lower_first(c.field, e.n.lang),
                     value=c.after or "–")
        for c in table
    )  # fmt: skip
    key = "audit.say.rules_set" if e.record.action == "create" else "audit.say.rules_changed"
    return Described(e.say(key, changes=listed or "–"), table)


# --- weather, backups and the demo ------------------------------------------------------------


def _temperatures(e: Entry) -> Described:
    a = e.after
    station = e.n.ref("weather_stations", e.record.entity_key, "code")
    items = [i for i in a.get("changed") or [] if isinstance(i, dict)]
    table = [
        Change(formats.date(i.get("day"), e.n.lang), formats.quantity(i.get("before"), "°C", e.n.lang),
               formats.quantity(i.get("after"), "°C", e.n.lang))
        for i in items[:SHOWN_CHANGES]
    ]  # fmt: skip
    table += _more(e, len(items))
    table.append(_detail(e, "audit.detail.added_days", _count(e, a.get("added"))))
    if a.get("first") and a.get("last"):
        span = f"{formats.date(a['first'], e.n.lang)} – {formats.date(a['last'], e.n.lang)}"
        table.append(_detail(e, "audit.detail.span", span))
    if a.get("file"):
        table.append(_detail(e, "audit.detail.file", a["file"]))
    counts = [
        ("audit.part.added_days", a.get("added")),
        ("audit.part.changed_days", len(items)),
        ("audit.part.unchanged_days", a.get("unchanged")),
    ]
    return Described(
        e.say("audit.say.temperatures", station=station, parts=_parts(e, counts)), table
    )


def _station_changed(e: Entry) -> Described:
    station = e.after.get("station_code", e.facts.get("station_code"))
    return e.described(
        e.say(
            "audit.say.village_weather_stations.create",
            village=e.n.village(e.facts.get("village_id")),
            station=e.n.ref("weather_stations", station, "code"),
        )
    )


def _weather_batch(e: Entry) -> Described:
    key = "audit.say.weather_file" if e.facts.get("filename") else "audit.say.weather_batch"
    return e.described(e.say_n(key, **extras(e)))


def _backup(e: Entry) -> Described:
    rows = _count(e, e.after.get("rows"))
    return Described(e.say_n("audit.say.backup", file=e.record.entity_key, n=rows), [])


def _restore(e: Entry) -> Described:
    rows = _count(e, e.after.get("rows"))
    return Described(e.say_n("audit.say.restore", file=e.record.entity_key, n=rows), [])


def _demo(e: Entry) -> Described:
    a = e.after
    readings = a.get("readings")
    total = sum(readings.values()) if isinstance(readings, dict) else readings
    counts = [
        ("audit.part.villages", a.get("villages")),
        ("audit.part.households_total", a.get("households")),
        ("audit.part.readings", total),
        ("audit.part.years", a.get("years")),
    ]
    table = [_detail(e, f"audit.detail.demo.{k}", _count(e, v)) for k, v in counts_table(a)]
    return Described(e.say("audit.say.demo_loaded", parts=_parts(e, counts)), table)


def counts_table(after: dict[str, Any]) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for key in ("villages", "households", "generation_units", "years", "weather_days"):
        if after.get(key) is not None:
            found.append((key, after[key]))
    readings = after.get("readings")
    if isinstance(readings, dict):
        found.append(("readings", sum(readings.values())))
    elif readings is not None:
        found.append(("readings", readings))
    return found


SPECIAL: dict[tuple[str, str], Special] = {
    ("villages", "import_readings"): _readings_saved,
    ("reading_batches", "create"): _batch,
    ("users", "update"): _account_changed,
    ("users", "login"): _login,
    ("users", "login_failed"): _login_failed,
    ("users", "login_locked"): _login_locked,
    ("users", "lockout"): _lockout,
    ("users", "reset_requested"): _reset_requested,
    ("users", "reset_refused"): _reset_refused,
    ("users", "reset_completed"): _reset_completed,
    ("call_applications", "create"): _application_created,
    ("call_applications", "update"): _application_changed,
    ("call_review_assignments", "update"): _review_changed,
    ("training_sessions", "update"): _session_changed,
    ("training_attendance", "update"): _attendance_changed,
    ("app_settings", "create"): _setting,
    ("app_settings", "update"): _setting,
    ("weather_stations", "import_temperatures"): _temperatures,
    ("weather_batches", "create"): _weather_batch,
    ("village_weather_stations", "update"): _station_changed,
    ("store", "backup"): _backup,
    ("store", "restore"): _restore,
    ("store", "demo_loaded"): _demo,
}
