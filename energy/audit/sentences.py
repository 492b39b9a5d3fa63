"""Each entry as one sentence in the reader's language (``audit.say.*``) and its fields as a
table of changes: who did what to which thing, and for a change, from what to what.

Here: the plain actions, for every kind of thing: "who added / changed / removed the thing",
with the changed fields from what to what, through a kind's own template where it has one
(``audit.say.<entity>.create``: a village registered, a household added, a session
scheduled); the words those templates use. The entries with words of their own (an
application submitted, a review's scores, a reading changed, a login) are in ``events``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from energy.audit import formats
from energy.audit.fields import Change, changes, shown_columns, value
from energy.audit.rows import Facts, Lookup, key_column
from energy.audit.things import NAME_REFS, Namer
from energy.store.audit import AuditRecord

CHANGES_IN_A_SENTENCE = 3  # more are counted ("and 2 more"); the table has them all
VALUE_IN_A_SENTENCE = 60  # characters of a value quoted in a sentence (a plan is clipped)


@dataclass(frozen=True)
class Described:
    """An entry for people: its sentence and its fields before and after."""

    sentence: str
    changes: list[Change]


def facts_of(record: AuditRecord, lookup: Lookup) -> Facts:
    """The values of the row an entry is about, as they were just before a change."""
    if record.action == "create":
        return dict(record.after or {})
    if record.action == "delete":
        return dict(record.before or {})
    if record.action == "update":
        stored = lookup.row(record.entity, key_column(record.entity), record.entity_key)
        if stored is None:  # gone, and no entry kept it: nothing to name it by
            return {}
        return {**stored, **(record.after or {}), **(record.before or {})}
    return {}


def prepare(lookup: Lookup, records: Sequence[AuditRecord]) -> None:
    """Fetch every row the entries' sentences name, in a few queries."""
    for r in records:
        lookup.want("users", "username", r.actor)
        lookup.want("villages", "id", r.village_id)
        if r.action == "update":
            lookup.want(r.entity, key_column(r.entity), r.entity_key)
        elif r.entity == "villages":
            lookup.want("villages", "code", r.entity_key)
        elif r.entity == "users":
            lookup.want("users", "username", r.entity_key)
        elif r.entity == "weather_stations":
            lookup.want("weather_stations", "code", r.entity_key)
    lookup.fetch()
    for r in records:
        facts = facts_of(r, lookup)
        lookup.want_refs(r.entity, facts, NAME_REFS.get(r.entity, ()))
        for values in (r.before, r.after):
            if isinstance(values, dict):
                lookup.want_refs(r.entity, values, list(values))
    lookup.fetch()


class Entry:
    """One entry being put in words: its record, its row's values and the common words."""

    def __init__(self, record: AuditRecord, n: Namer) -> None:
        self.record = record
        self.n = n
        self.facts = facts_of(record, n.lookup)
        self.after: dict[str, Any] = record.after if isinstance(record.after, dict) else {}
        self.before: dict[str, Any] = record.before if isinstance(record.before, dict) else {}

    @property
    def who(self) -> str:
        return self.n.person(self.record.actor)

    @property
    def thing(self) -> str:
        return self.n.thing(self.record.entity, self.facts)

    def say(self, key: str, **params: Any) -> str:
        params.setdefault("who", self.who)
        params.setdefault("thing", self.thing)
        return formats.upper_first(self.n.say(key, **params))

    def say_n(self, key: str, *, n: Any, **params: Any) -> str:
        """:meth:`say` with a count ``n`` (its ``_one`` form for exactly one)."""
        params.setdefault("who", self.who)
        params.setdefault("thing", self.thing)
        return formats.upper_first(self.n.say_n(key, n, **params))

    def shown(self, column: str, raw: Any = None) -> str:
        """The row's ``column`` (or ``raw`` as that column) in words."""
        v = self.facts.get(column) if raw is None else raw
        return value(self.n, self.record.entity, column, v, self.facts)

    def fields(self) -> list[Change]:
        return changes(
            self.n, self.record.entity, self.record.before, self.record.after, self.facts
        )

    def changed(self) -> set[str]:
        """The columns the entry changed (hidden ones too: a login's time)."""
        return set(self.after) | set(self.before)

    def changed_shown(self) -> list[str]:
        return shown_columns(self.record.entity, self.after)

    def described(self, sentence: str, table: list[Change] | None = None) -> Described:
        return Described(sentence, self.fields() if table is None else table)


# --- the plain actions --------------------------------------------------------------------


def _created(e: Entry) -> Described:
    own = f"audit.say.{e.record.entity}.create"
    key = own if e.n.say(own) != own else "audit.say.create"
    return e.described(e.say(key, **extras(e)))


def _removed(e: Entry) -> Described:
    own = f"audit.say.{e.record.entity}.delete"
    key = own if e.n.say(own) != own else "audit.say.delete"
    return e.described(e.say(key, **extras(e)))


def _changed(e: Entry) -> Described:
    fields = [c for c in e.fields() if c.before != c.after]
    if not fields:
        return e.described(e.say("audit.say.update_plain"))
    if len(fields) == 1:
        (c,) = fields
        params = {
            "field": formats.lower_first(c.field, e.n.lang),
            "before": formats.clipped(c.before, VALUE_IN_A_SENTENCE),
            "after": formats.clipped(c.after, VALUE_IN_A_SENTENCE),
        }
        if c.before in ("", "–"):
            return e.described(e.say("audit.say.update_set", **params))
        if c.after in ("", "–"):
            return e.described(e.say("audit.say.update_cleared", **params))
        return e.described(e.say("audit.say.update_one", **params))
    listed = [_listed(e, c) for c in fields[:CHANGES_IN_A_SENTENCE]]
    more = len(fields) - CHANGES_IN_A_SENTENCE
    text = ", ".join(listed)
    if more > 0:
        text = e.n.say("audit.say.and_more", changes=text, n=more)
    return e.described(e.say("audit.say.update_many", changes=text))


def _listed(e: Entry, c: Change) -> str:
    """One change in a list: "status Active → Paused", or "decided by X" where there was none."""
    field = formats.lower_first(c.field, e.n.lang)
    after = formats.clipped(c.after, VALUE_IN_A_SENTENCE // 2)
    if c.before in ("", "–"):
        return e.n.say("audit.say.field_value", field=field, value=after)
    before = formats.clipped(c.before, VALUE_IN_A_SENTENCE // 2)
    return e.n.say("audit.say.change", field=field, before=before, after=after)


def _other(e: Entry) -> Described:
    action = e.n.say(f"audit.action.{e.record.action}")
    if action == f"audit.action.{e.record.action}":
        action = e.n.say("audit.action.other")
    thing = e.n.noun(e.record.entity) if not e.facts else e.thing
    table = [
        Change(e.n.say("audit.detail.value"), "", formats.clipped(str(v), 200))
        for v in ([e.record.after] if e.record.after else [])
    ]
    return Described(e.say("audit.say.other", action=action, thing=thing), table)


# --- words each kind of thing needs -----------------------------------------------------------


def extras(e: Entry) -> dict[str, Any]:
    """The words a kind of thing's own create and delete templates use."""
    f, n = e.facts, e.n
    found: dict[str, Any] = {}
    if "village_id" in f:
        found["village"] = n.village(f.get("village_id"))
    if "application_id" in f:
        app = n.row("call_applications", f.get("application_id"))
        found["application"] = (
            n.say("audit.thing.application", reference=app.get("reference")) if app else n.gone()
        )
    extra = EXTRAS.get(e.record.entity)
    if extra is not None:
        found.update(extra(e))
    return found


def _review_words(e: Entry) -> dict[str, Any]:
    n = e.n
    assignment = n.row("call_review_assignments", e.facts.get("assignment_id")) or {}
    app = n.row("call_applications", assignment.get("application_id"))
    return {
        "application": n.say("audit.thing.application", reference=app.get("reference"))
        if app
        else n.gone(),
        "stage": n.label("stage_name.", assignment.get("stage")),
        "criterion": n.label("criterion.", e.facts.get("criterion")),
        "score": e.shown("score"),
    }


def _grant_words(e: Entry) -> dict[str, Any]:
    grant = e.n.row("call_grants", e.facts.get("grant_id")) or {}
    app = e.n.row("call_applications", grant.get("application_id"))
    return {
        "village": e.n.village(grant.get("village_id")),
        "application": e.n.say("audit.thing.application", reference=app.get("reference"))
        if app
        else e.n.gone(),
        "amount": e.shown("amount_krw"),
        "day": e.shown("paid_on") if "paid_on" in e.facts else "",
        "line": e.n.label("budget_line.", e.facts.get("line")),
    }


def _session_words(e: Entry) -> dict[str, Any]:
    n, f = e.n, e.facts
    return {
        "venue": str((n.row("venues", f.get("venue_id")) or {}).get("name") or n.gone()),
        "trainer": str((n.row("trainers", f.get("trainer_id")) or {}).get("name") or n.gone()),
    }


EXTRAS: dict[str, Callable[[Entry], dict[str, Any]]] = {
    "villages": lambda e: {
        "district": e.shown("district_id"),
        "cohort": e.facts.get("cohort_year"),
    },
    "village_status_changes": lambda e: {
        "status": e.n.label("status.", e.facts.get("status")),
        "reason": e.n.label("reason.", e.facts.get("reason_code")),
        "day": e.shown("effective_on"),
    },
    "households": lambda e: {"code": e.facts.get("code")},
    "generation_units": lambda e: {
        "household": e.n.of("households", e.facts, "household_id"),
        "kind": e.n.label("generation.", e.facts.get("kind")),
        "units": e.facts.get("units"),
        "watts": e.shown("watts_per_unit"),
        "day": e.shown("installed_on"),
    },
    "users": lambda e: {"role": _role(e)},
    "calls": lambda e: {
        "title": e.facts.get("title"),
        "opens": e.shown("opens_on"),
        "closes": e.shown("closes_on"),
        "budget": e.shown("budget_krw"),
    },
    "call_organisers": lambda e: {"name": e.facts.get("name")},
    "application_advice": lambda e: {
        "section": e.n.label("advice.section.", e.facts.get("section"))
    },
    "call_prescreens": lambda e: {
        "verdict": e.n.label("prescreen.verdict.", e.facts.get("verdict"))
    },
    "call_review_assignments": lambda e: {
        "reviewer": e.n.user(e.facts.get("reviewer_id")),
        "stage": e.n.label("stage_name.", e.facts.get("stage")),
    },
    "call_review_scores": _review_words,
    "call_grants": lambda e: {
        "award": e.shown("award_krw"),
        "year": e.facts.get("programme_year"),
    },
    "call_instalments": _grant_words,
    "call_spending_lines": _grant_words,
    "organisations": lambda e: {"form": e.n.label("legal_form.", e.facts.get("legal_form"))},
    "organisation_members": lambda e: {
        "name": e.facts.get("name"),
        "organisation": e.n.of("organisations", e.facts, "organisation_id"),
    },
    "organisation_assets": lambda e: {"kw": e.shown("capacity_kw")},
    "training_sessions": _session_words,
    "training_session_villages": lambda e: {
        "session": e.n.of("training_sessions", e.facts, "session_id")
    },
    "training_participants": lambda e: {
        "name": e.facts.get("name"),
        "role": e.n.label("participant_role.", e.facts.get("role")),
    },
    "training_attendance": lambda e: {
        "participant": e.n.of("training_participants", e.facts, "participant_id"),
        "session": e.n.of("training_sessions", e.facts, "session_id"),
        "status": e.n.label("attendance.", e.facts.get("status")),
    },
    "conversion_factors": lambda e: {
        "factor": e.n.label("factor.", e.facts.get("key")),
        "value": e.shown("value"),
        "day": e.shown("valid_from"),
    },
    "tariffs": lambda e: {"price": e.shown("krw_per_unit")},
    "village_weather_stations": lambda e: {
        "station": e.n.ref("weather_stations", e.facts.get("station_code"), "code")
    },
    "weather_batches": lambda e: {
        "station": e.n.ref("weather_stations", e.facts.get("station_code"), "code"),
        "file": e.facts.get("filename"),
        "n": formats.number(e.facts.get("rows_in"), e.n.lang),
    },
    "district_visits": lambda e: {
        "village": e.n.village(e.facts.get("village_id")),
        "day": e.shown("visited_on"),
        "kind": e.n.label("district.kind.", e.facts.get("kind")),
    },
}


def _role(e: Entry) -> str:
    role = e.n.label("role.", e.facts.get("role"))
    if e.facts.get("village_id") is None:
        return role
    return f"{role}, {e.n.village(e.facts.get('village_id'))}"


def plainly(e: Entry) -> Described:
    """An entry in the words of its action: added, changed, removed (or another action)."""
    if e.record.action == "create":
        return _created(e)
    if e.record.action == "update":
        return _changed(e)
    if e.record.action == "delete":
        return _removed(e)
    return _other(e)
