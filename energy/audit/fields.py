"""A thing's fields for people: each column's label (``audit.field.<column>``, or
``audit.field.<entity>.<column>`` where a table means something of its own) and its value in
words and units: a village id as the village's name, a month's use with its unit, money in
won, a status in the vocabulary's words, a password never."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer
from sqlalchemy.types import TypeDecorator

from energy.audit import formats
from energy.audit.rows import Facts, columns, model, refs
from energy.audit.things import Namer
from energy.core.vocabulary import SCORE_MAX

# Shown nowhere: the row's own number and when it was written (the entry's time says that).
HIDDEN = frozenset({"id", "created_at", "updated_at"})
REDACTED = "[redacted]"  # what the store writes for a secret (energy.store.db)

Format = Callable[[Namer, Any, Facts], str]


def _word(prefix: str) -> Format:
    return lambda n, v, _f: formats.word(prefix, v, n.lang)


def _words(prefix: str) -> Format:
    return lambda n, v, _f: formats.words(prefix, v, n.lang)


def _quantity(unit: str) -> Format:
    return lambda n, v, _f: formats.quantity(v, unit, n.lang)


def _plain(_n: Namer, v: Any, _f: Facts) -> str:
    return "–" if v is None or v == "" else str(v)


def _text(_n: Namer, v: Any, _f: Facts) -> str:
    return "–" if v is None or v == "" else " ".join(str(v).split())


def _money(n: Namer, v: Any, _f: Facts) -> str:
    return formats.money(v, n.lang)


def _price(unit_of: Callable[[Namer, Facts], str | None]) -> Format:
    """Won per unit, with the decimals the price has (a tariff's 214.6원/kWh)."""

    def show(n: Namer, v: Any, f: Facts) -> str:
        if v is None:
            return "–"
        unit = formats.unit(unit_of(n, f))
        amount = n.say("audit.won", amount=formats.number(v, n.lang))
        return f"{amount}/{unit}" if unit else amount

    return show


def _tariff_unit(n: Namer, f: Facts) -> str | None:
    tariff = n.row("tariffs", f.get("tariff_id")) or {}
    return tariff.get("unit")


def _own_unit(_n: Namer, f: Facts) -> str | None:
    return f.get("unit")


def _up_to(n: Namer, v: Any, f: Facts) -> str:
    return n.say("audit.no_limit") if v is None else formats.quantity(v, _tariff_unit(n, f), n.lang)


def _percent(n: Namer, v: Any, _f: Facts) -> str:
    return formats.percent(v, n.lang)


def _fraction(n: Namer, v: Any, _f: Facts) -> str:
    return formats.percent(v, n.lang, fraction=True)


def _months(n: Namer, v: Any, _f: Facts) -> str:
    months = [m for m in str(v or "").split(",") if m.strip()]
    return ", ".join(n.say("audit.month_name", month=m.strip()) for m in months) or "–"


def _budget(n: Namer, v: Any, _f: Facts) -> str:
    if not isinstance(v, dict) or not v:
        return "–"
    return ", ".join(
        f"{formats.word('budget_line.', line, n.lang)} {formats.money(amount, n.lang)}"
        for line, amount in v.items()
    )


def _rubric(n: Namer, v: Any, _f: Facts) -> str:
    if not isinstance(v, dict) or not v:
        return "–"
    return ", ".join(
        f"{formats.word('criterion.', c, n.lang)} {formats.percent(w, n.lang, fraction=True)}"
        for c, w in v.items()
    )


def _score(n: Namer, v: Any, _f: Facts) -> str:
    return "–" if v is None else n.say("audit.score", score=v, max=SCORE_MAX)


def _advice_field(n: Namer, v: Any, _f: Facts) -> str:
    """A field of the application form a suggestion is for, by its label on the form."""
    if v is None:
        return "–"
    if str(v).startswith("budget."):
        return formats.word("budget_line.", str(v).removeprefix("budget."), n.lang)
    return formats.word("apply.", v, n.lang)


def _secret(n: Namer, _v: Any, _f: Facts) -> str:
    return n.say("audit.secret")


def _factor_value(n: Namer, v: Any, f: Facts) -> str:
    return formats.quantity(v, f.get("unit"), n.lang)


def _setting_value(n: Namer, v: Any, f: Facts) -> str:
    return formats.clipped(str(v), 200) if v is not None else "–"


STATUS_WORDS = {
    "villages": "status.",
    "village_status_changes": "status.",
    "call_applications": "app_status.",
    "training_sessions": "session_status.",
    "training_attendance": "attendance.",
}

# Formats by "table.column" (first) or by column.
FORMATS: dict[str, Format] = {
    "users.role": _word("role."),
    "users.mail_muted": _words("mail_kind."),
    "application_advice.section": _word("advice.section."),
    "training_self_checkins.state": _word("self_checkin_state."),
    "application_advice.author_role": _word("advice.role."),
    "application_advice.suggested_field": _advice_field,
    "training_participants.role": _word("participant_role."),
    "call_prescreens.met_in_person": _word("prescreen.met."),
    "call_prescreens.lives_in_area": _word("prescreen.lives."),
    "call_prescreens.verdict": _word("prescreen.verdict."),
    "district_visits.kind": _word("district.kind."),
    "generation_units.kind": _word("generation."),
    "organisation_members.kind": _word("member_kind."),
    "organisation_assets.kind": _word("audit.asset."),
    "conversion_factors.key": _word("factor."),
    "conversion_factors.value": _factor_value,
    "conversion_factors.basis": _text,
    "app_settings.key": _word("audit.setting."),
    "app_settings.value": _setting_value,
    "reading_batches.source": _word("audit.source."),
    "weather_batches.source": _word("audit.weather_source."),
    "tariffs.krw_per_unit": _price(_own_unit),
    "tariffs.extra_per_unit": _price(_own_unit),
    "tariff_tiers.krw_per_unit": _price(_tariff_unit),
    "tariff_tiers.basic_krw": _money,
    "tariff_tiers.up_to": _up_to,
    "training_modules.minutes": lambda n, v, _f: n.say("audit.minutes", n=v),
    "venues.capacity": lambda n, v, _f: n.say("audit.people", n=v),
    "weather_stations.code": _plain,
    "districts.code": _plain,
    "housing_type": _word("housing."),
    "reason_code": _word("reason."),
    "stage": _word("stage_name."),
    "stages": _words("stage_name."),
    "criterion": _word("criterion."),
    "line": _word("budget_line."),
    "legal_form": _word("legal_form."),
    "board_role": _word("board."),
    "topic": _word("topic."),
    "topics": _words("topic."),
    "strategy": _word("strategy."),
    "applicant_type": _word("applicant_type."),
    "applicant_types": _words("applicant_type."),
    "actions": _words("action."),
    "language": _word("language."),
    "carrier": _word("carrier."),
    "season": _word("audit.season."),
    "step": _word("formation.step."),
    "floor_area_band": lambda n, v, _f: "–" if v is None else f"{v} m²",
    "weekday": lambda n, v, _f: formats.weekday(v, n.lang),
    "start_minute": lambda _n, v, _f: formats.minute_of_day(v),
    "end_minute": lambda _n, v, _f: formats.minute_of_day(v),
    "unit": lambda _n, v, _f: formats.unit(v) or "–",
    "vat_rate": _fraction,
    "levy_rate": _fraction,
    "renewal_min_coverage": _fraction,
    "renewal_min_saving_pct": _percent,
    "target_saving_pct": _percent,
    "public_benefit_pct": _percent,
    "summer_months": _months,
    "capacity_kw": _quantity("kW"),
    "yearly_kwh": _quantity("kWh"),
    "watts_per_unit": _quantity("W"),
    "budget": _budget,
    "rubric": _rubric,
    "score": _score,
    "password_hash": _secret,
    "year": _plain,
    "cohort_year": _plain,
    "programme_year": _plain,
    "position": _plain,
    "tile_row": _plain,
    "tile_col": _plain,
    "code": _plain,
    "reference": _plain,
}


def _by_type(entity: str, column: str) -> Format:
    found = model(entity)
    kind = found.__table__.columns[column].type if found is not None else None
    if isinstance(kind, TypeDecorator):
        kind = kind.impl
    if column.endswith("_krw"):
        return _money
    if isinstance(kind, Boolean):
        return lambda n, v, _f: formats.yes_no(v, n.lang)
    if isinstance(kind, DateTime):
        return lambda n, v, _f: formats.timestamp(v, n.lang)
    if isinstance(kind, Date):
        return lambda n, v, _f: formats.date(v, n.lang)
    if isinstance(kind, Integer | Float):
        return lambda n, v, _f: formats.number(v, n.lang)
    if isinstance(kind, JSON):
        return lambda n, v, _f: (
            ", ".join(str(x) for x in v) if isinstance(v, list) else _text(n, v, _f)
        )
    return _text


def value(n: Namer, entity: str, column: str, shown: Any, facts: Facts) -> str:
    """The value ``shown`` of ``entity``'s ``column`` in words (``facts``: the rest of the row,
    for a unit or a tariff the value depends on)."""
    if shown == REDACTED:
        return _secret(n, shown, facts)
    if column == "status" and entity in STATUS_WORDS:
        return formats.word(STATUS_WORDS[entity], shown, n.lang)
    special = FORMATS.get(f"{entity}.{column}") or FORMATS.get(column)
    if special is not None:
        return special(n, shown, facts)
    ref = refs(entity).get(column)
    if ref is not None:
        return "–" if shown is None else n.ref(ref.entity, shown, ref.column)
    return _by_type(entity, column)(n, shown, facts)


def label(n: Namer, entity: str, column: str) -> str:
    own = f"audit.field.{entity}.{column}"
    shown = n.say(own)
    return shown if shown != own else n.say(f"audit.field.{column}")


@dataclass(frozen=True)
class Change:
    """One field of an entry: its label and its value before and after ("" where there was
    none: a new row has no before, a removed one no after)."""

    field: str
    before: str
    after: str


def shown_columns(entity: str, values: dict[str, Any]) -> list[str]:
    """The columns of ``values`` people see, in the table's order."""
    order = {c: i for i, c in enumerate(columns(entity))}
    return sorted((c for c in values if c not in HIDDEN), key=lambda c: order.get(c, len(order)))


def changes(
    n: Namer,
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    facts: Facts,
) -> list[Change]:
    """Each shown field of an entry, before and after, in words."""
    old, new = before or {}, after or {}
    found: list[Change] = []
    for column in shown_columns(entity, {**old, **new}):
        was = value(n, entity, column, old[column], {**facts, **old}) if column in old else ""
        now = value(n, entity, column, new[column], {**facts, **new}) if column in new else ""
        found.append(Change(label(n, entity, column), formats.upper_first(was),
                            formats.upper_first(now)))  # fmt: skip
    return found
