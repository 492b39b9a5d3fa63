"""docs/legal-forms.md and energy/organisations/formation_rules.py say the same: every number the formation
rules test is on the page with its value, its source and what it was checked against, and
every legal form has its row."""

from __future__ import annotations

import re
from pathlib import Path

from energy.core.vocabulary import LEGAL_FORMS
from energy.organisations import formation_rules

DOC = Path(__file__).resolve().parent.parent / "docs" / "legal-forms.md"
# The code's numbers of the law: the MIN_* thresholds and the meeting's two fractions.
LAW_NUMBER = re.compile(r"^(MIN_[A-Z_]+|(QUORUM|VOTE)_(NUMERATOR|DENOMINATOR))$")


def _rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| `")
    ]


def _documented_numbers() -> dict[str, int]:
    """Constant -> value from the "numbers in the code" table (``A` / `B`` rows: two of each)."""
    numbers: dict[str, int] = {}
    for row in _rows(DOC.read_text(encoding="utf-8")):
        names = re.findall(r"`([A-Z_]+)`", row[0])
        values = [int(v) for v in re.findall(r"\d+", row[1])] if names else []
        if names and len(names) == len(values):
            assert row[3] and row[4], f"{row[0]}: no source or no 'checked' entry"
            numbers.update(zip(names, values, strict=True))
    return numbers


def test_every_number_of_the_law_in_the_code_is_on_the_page_with_its_value() -> None:
    in_code = {
        name: value
        for name, value in vars(formation_rules).items()
        if LAW_NUMBER.match(name) and isinstance(value, int)
    }
    assert len(in_code) >= 10, sorted(in_code)  # the pattern still finds the law's numbers
    assert _documented_numbers() == in_code


def test_every_legal_form_has_a_row_and_the_page_names_the_three_acts() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| [^|]+ \| `([a-z_]+)` \|", text, flags=re.MULTILINE))
    assert documented == set(LEGAL_FORMS)
    for act in (
        "Framework Act on Cooperatives",
        "Assistance for Non-Profit Non-Governmental Organizations Act",
        "Social Enterprise Promotion Act",
    ):
        assert act in text, act
