"""The pages the mail links to and the address it goes to (AppTest, on SQLite: the library
tests cover both stores). The training list's address field: a committee gives a resident an
address as it adds her, and another one later in the edit form; a malformed address is
refused with the reason; the list shows the addresses to the committee. A reminder's link
(``readings?month=YYYY-MM``) opens the readings page at that month."""

from __future__ import annotations

import datetime as dt

import pytest

from energy.calc.metrics import add_months, first_of_month
from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.training import attendance
from tests.test_apptest import _app_as, _submit

VILLAGE = "DJK-2012-01"


@pytest.mark.slow
@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_a_committee_gives_residents_addresses_on_the_training_list(small_store: str) -> None:
    at = _app_as(small_store, "committee")
    at.switch_page("pages/training_progress.py").run()
    assert not at.exception
    at.text_input(key="participants.add.name").input("김새봄")
    at.text_input(key="participants.add.email").input("Saebom.Kim@Example.org")
    _submit(at, "participants.add")
    assert not at.exception
    people = {p.name: p for p in attendance.list_participants(CLI_ACTOR, VILLAGE, url=small_store)}
    assert people["김새봄"].email == "saebom.kim@example.org"
    shown = at.dataframe[-1].value  # the training list, below the modules
    assert MESSAGES["participants.email_column"]["ko"] in shown.columns
    assert "saebom.kim@example.org" in set(shown[MESSAGES["participants.email_column"]["ko"]])

    other = next(p for p in people.values() if p.email is None and p.active)
    at.selectbox(key=f"participants.edit.{VILLAGE}.person").set_value(other.id).run()
    field = at.text_input(key=f"participants.edit.{VILLAGE}.{other.id}.email")
    assert field.value == ""
    field.input("not an address")
    _submit(at, "action.save")
    assert not at.exception
    assert any("hong@example.org" in e.value for e in at.error)  # the reason, with an example
    at.text_input(key=f"participants.edit.{VILLAGE}.{other.id}.email").input("home@example.org")
    _submit(at, "action.save")
    assert not at.exception
    after = {p.id: p for p in attendance.list_participants(CLI_ACTOR, VILLAGE, url=small_store)}
    assert (after[other.id].email, after[other.id].role) == ("home@example.org", other.role)


@pytest.mark.slow
@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_a_reminders_link_opens_the_readings_of_its_month(small_store: str) -> None:
    month = add_months(first_of_month(dt.date.today()), -3)
    at = _app_as(small_store, "committee")
    at.query_params["month"] = f"{month:%Y-%m}"
    at.switch_page("pages/readings.py").run()
    assert not at.exception
    assert at.selectbox(key="readings.month").value == month
    plain = _app_as(small_store, "committee")
    plain.switch_page("pages/readings.py").run()
    assert plain.selectbox(key="readings.month").value == add_months(month, 2)  # last month
