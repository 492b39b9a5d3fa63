"""The call's renewal gate reads the training register (issue 4): core modules done."""

from __future__ import annotations

from sqlalchemy import select

from energy.call import grants
from energy.core.access import CLI_ACTOR
from energy.store import db
from energy.store.models.base import utcnow
from energy.store.models.call import Application
from energy.training.completion import progress_in


def test_the_renewal_gate_shows_each_villages_training(demo_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        renewals = session.scalars(
            select(Application).where(
                Application.programme_year >= 2, Application.village_id.is_not(None)
            )
        ).all()
        expected = {}
        for app in renewals:
            progress = progress_in(session, [app.village], utcnow())[0]
            trained = any(m.sessions for m in progress.modules)
            expected[app.id] = progress.done / len(progress.modules) if trained else None
    assert renewals, "the demo has renewal applications"
    seen = {
        app_id: grants.renewal_record(CLI_ACTOR, app_id, url=demo_store).training_completion
        for app_id in expected
    }
    assert seen == expected
    assert any(value is not None for value in seen.values()), "some renewing village was trained"
    assert all(value is None or 0 <= value <= 1 for value in seen.values())
