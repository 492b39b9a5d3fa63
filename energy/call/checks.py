"""The eligibility checks of an application as staff read them: each rule of the call, met or
not, with the messages of what it breaks (the rules themselves are
:func:`energy.call.applications.check_eligibility`, which refuses a submission)."""

from __future__ import annotations

from dataclasses import dataclass, field

from energy.call.applications import ApplicationInfo, RuleFailure, check_eligibility
from energy.call.calls import CallInfo

# Each check (``prescreen.check.<name>``) and the form fields whose rules it gathers (an
# organiser's own row is ``organiser_<n>``).
CHECKS: dict[str, tuple[str, ...]] = {
    "applicant_type": ("applicant_type",),
    "details": ("group_name", "village_name", "district", "housing_type"),
    "organisers": ("organisers", "organiser_"),
    "households": ("households",),
    "plan": ("strategy", "actions", "target_saving_pct"),
    "budget": ("budget",),
    "public_body": ("public_body",),
}


@dataclass(frozen=True)
class EligibilityCheck:
    """One check: its ``name`` (``CHECKS``), the call's figures its label names, whether the
    application meets it, and the broken rules if not."""

    name: str
    params: dict[str, object]
    passed: bool
    failures: list[RuleFailure] = field(default_factory=list)


def _belongs(failure: RuleFailure, fields: tuple[str, ...]) -> bool:
    return any(
        failure.field == f or (f.endswith("_") and failure.field.startswith(f)) for f in fields
    )


def eligibility_checks(call: CallInfo, app: ApplicationInfo) -> list[EligibilityCheck]:
    """The checks of ``app`` against the rules of ``call``, in the form's order."""
    failures = check_eligibility(call, app.form, app.programme_year)
    rules = call.rules
    params: dict[str, dict[str, object]] = {
        "organisers": {"n": rules.min_organisers},
        "households": {
            "detached": rules.min_households_detached,
            "apartment": rules.min_households_apartment,
        },
        "budget": {"cap": call.cap_for(app.programme_year)},
    }
    found = []
    for name, fields in CHECKS.items():
        broken = [f for f in failures if _belongs(f, fields)]
        found.append(EligibilityCheck(name, params.get(name, {}), not broken, broken))
    return found
