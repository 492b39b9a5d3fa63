"""City-scale data: the requested households and years, realistic enough to measure with."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from energy.core.access import CLI_ACTOR
from energy.demo import load as demo
from energy.demo import scale
from energy.savings import compute as savings
from energy.store import db
from energy.store.models.readings import Household, Reading
from tests.test_cli import _one_line_error, energy

TODAY = dt.date(2026, 11, 25)


@pytest.mark.slow
def test_the_requested_size_is_built(fresh_store: str) -> None:
    demo.load_demo(url=fresh_store, today=TODAY, with_readings=False)
    summary = scale.add_scale_readings(households=900, years=3, today=TODAY, url=fresh_store)
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        households = session.scalar(select(func.count()).select_from(Household))
        readings = session.scalar(select(func.count()).select_from(Reading))
        electricity = session.scalar(
            select(func.count()).select_from(Reading).where(Reading.carrier == "electricity")
        )
        months = session.scalar(select(func.count(func.distinct(Reading.month))))
    assert households == summary.households == 900
    assert readings == summary.readings == sum(summary.per_carrier.values())
    assert electricity == 900 * 36  # every household reports electricity every month
    assert months == 36
    # Savings grow with the programme year, so the programme as a whole saves something.
    report = savings.compute_savings(
        CLI_ACTOR, start=dt.date(2025, 11, 1), end=dt.date(2026, 10, 1), url=fresh_store
    )
    assert report.carrier("electricity").saving_pct is not None
    assert 0 < report.carrier("electricity").saving_pct < 0.15


def test_the_cli_builds_scale_data_and_refuses_half_a_request(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'scale.db'}"
    energy(url, "db", "upgrade")
    assert "--years" in _one_line_error(energy(url, "demo", "--households", "10"))
    built = energy(url, "demo", "--households", "250", "--years", "2")
    assert built.returncode == 0, built.stderr
    assert "250 households" in built.stdout
    listed = json.loads(energy(url, "village", "list", "--json").stdout)
    assert len(listed) > 100


def test_the_demo_load_says_each_step_as_it_starts(fresh_store: str) -> None:
    """The first start's progress line (ui.core.session) hears every step, in order, once."""
    heard: list[str] = []
    demo.load_demo(url=fresh_store, today=TODAY, with_readings=False, progress=heard.append)
    assert heard == list(demo.DEMO_STEPS[1:])  # the store itself is made before the demo
