"""Backup and restore while the app is running: ``python -m energy backup`` and ``restore``
against the store a real ``streamlit run`` server is serving, with a person logged in.

The server keeps answering its health check throughout, the open session keeps working, and
it shows the restored data (not what it cached before the restore) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from energy.core.access import CLI_ACTOR
from energy.store import cache
from energy.store.backup import backup, restore
from energy.villages import directory as villages
from tests.live_server import REPO, LiveServer, health, start_app, stop_app
from tests.test_browser import (  # the browser fixture and the helpers that drive the app
    _key,
    _msg,
    _nav_link,
    assert_no_exception,
    browser,
    logged_in,
    next_frames,
    screenshot,
    settle,
    wait_for_title,
)

__all__ = ["browser"]  # fixture imported for pytest
CLI_TIMEOUT_S = 300
HEALTH_EVERY_S = 0.1
LATE = {"code": "LATE-2026-01", "name": "백업 뒤에 생긴 마을"}


def _energy(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENERGY_")}
    env["ENERGY_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "energy", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=CLI_TIMEOUT_S, check=False,
    )  # fmt: skip


class HealthWatch:
    """Asks ``/_stcore/health`` every HEALTH_EVERY_S in a thread; remembers every answer."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.answers: list[str | None] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(HEALTH_EVERY_S):
            self.answers.append(health(self.url, timeout_s=5))

    def __enter__(self) -> HealthWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --- the store side (no server): a restored store never reuses a data version ----------------


@pytest.mark.slow
def test_a_restore_moves_the_data_version_past_everything_seen(
    small_store: str, tmp_path: Path
) -> None:
    """Servers memoise aggregates under the newest audit id; after a restore that id must be
    new, or a server would serve figures of data that no longer exists."""
    snapshot = tmp_path / "snap.jsonl.gz"
    backup(CLI_ACTOR, snapshot)
    villages.add_village(CLI_ACTOR, code=LATE["code"], name=LATE["name"], district="동작구")
    seen = cache.data_version()
    counted = cache.memo("villages", lambda: len(villages.list_villages(CLI_ACTOR)))
    restore(CLI_ACTOR, snapshot)
    assert cache.data_version() > seen
    recounted = cache.memo("villages", lambda: len(villages.list_villages(CLI_ACTOR)))
    assert recounted == counted - 1


# --- the live server --------------------------------------------------------------------------


@pytest.fixture
def live(small_store: str, tmp_path: Path) -> Iterator[LiveServer]:
    server = start_app(small_store, tmp_path / "streamlit.log")
    try:
        yield server
    finally:
        stop_app(server)


@pytest.fixture
def staff_page(browser: Any, live: LiveServer) -> Iterator[Any]:
    with logged_in(browser, live, "admin") as page:
        yield page


def _offers_village(page: Any, code: str) -> bool:
    """Whether the village page's chooser offers ``code`` (typed in, as a person would)."""
    combo = page.locator(_key("village.code") + " input")
    combo.click()
    combo.fill(code)
    next_frames(page)  # the list filters as one types: drawn filtered by now
    found = page.get_by_role("option").filter(has_text=code).count() > 0
    page.keyboard.press("Escape")
    settle(page)
    return found


def _open_village_page(page: Any) -> None:
    _nav_link(page, "village").click()
    page.locator(_key("village.code") + " input").wait_for(state="visible")
    settle(page)


@pytest.mark.browser
def test_backup_and_restore_while_the_app_serves_a_session(
    small_store: str, live: LiveServer, staff_page: Any, tmp_path: Path
) -> None:
    snapshot = tmp_path / "while-running.jsonl.gz"
    with HealthWatch(live.url) as watch:
        made = _energy(small_store, "backup", str(snapshot))
        assert made.returncode == 0, made.stderr

        added = _energy(
            small_store, "village", "add", LATE["code"], "--name", LATE["name"],
            "--district", "동작구", "--cohort", "2026",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        _open_village_page(staff_page)
        assert _offers_village(staff_page, LATE["code"])

        restored = _energy(small_store, "restore", str(snapshot))
        assert restored.returncode == 0, restored.stderr

        # The same session, still connected: the next page it opens reads the restored store.
        _nav_link(staff_page, "home").click()
        wait_for_title(staff_page, _msg("home.title", "ko"))
        _open_village_page(staff_page)
        assert _offers_village(staff_page, "DJK-2012-01")  # the demo's villages are back
        assert not _offers_village(staff_page, LATE["code"])  # the later one is gone
    assert_no_exception(staff_page)
    screenshot(staff_page, "staff-village-after-restore-ko")
    assert watch.answers, "the health check was never asked"
    assert set(watch.answers) == {"ok"}, f"the server stopped answering: {watch.answers}"
    assert live.process.poll() is None, live.log_tail()
