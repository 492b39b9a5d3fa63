"""Self check-in in a real browser: the trainer shows the board on a desktop (in English), a
participant opens the QR code's link on a 390×844 phone with no login (in Korean), names
themselves and checks in; the board lists the arrival within seconds and the trainer corrects
it. A second person on the same phone (in English) is not on the list: the board asks the
trainer, who adds them. A link to a session that has ended is refused on the phone, no other
page opens without a login, and a committee logged in still checks its people in.

The server's store is a copy of the run's small demo store with two sessions of the demo
trainer for the committee's village added: one happening now, one that ended an hour ago.
The code is read off the board, as a participant reads it; the minute before still counts,
so a check-in within the minute the code changes is not a matter of luck.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from energy.core.access import CLI_ACTOR
from energy.store import db
from energy.store.models.training import (
    Attendance,
    Participant,
    SessionVillage,
    Trainer,
    TrainingModule,
    TrainingSession,
    Venue,
)
from energy.store.models.villages import Village
from energy.training import checkin_board
from energy.training.checkin_codes import shown_code
from tests.live_server import LiveServer, start_app, stop_app
from tests.test_apptest import _actor
from tests.test_browser import (
    ARTIFACTS,
    FLAGSHIP_CODE,
    USERNAME,
    WAIT_MS,
    _heading,
    _key,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    open_app,
    screenshot,
    settle,
    switch_language,
    wait_for_title,
)
from ui.core.markup import WORD_JOINER

__all__ = ["browser"]
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
PUBLIC_URL = "https://energy.seoul.example"  # what the QR code names (ENERGY_PUBLIC_URL)
CODE_DIV = 'div[style*="font-size: clamp"], div[style*="font-size:clamp"]'
MODULE = "Y1-04"  # Eco-mileage: signing up and recording savings
REFRESH_WAIT_MS = 30_000  # the board redraws every 5 s; a loaded machine may take longer


@dataclass
class CheckInServer:
    server: LiveServer
    url: str  # the store's
    live: int  # the session happening now
    ended: int  # the session that ended an hour ago

    @property
    def address(self) -> str:
        return self.server.url


def _add_session(url: str, start: dt.datetime) -> int:
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        module = session.scalar(select(TrainingModule).where(TrainingModule.code == MODULE))
        trainer = session.scalar(select(Trainer).where(Trainer.user_id.is_not(None)))
        venue = session.scalar(select(Venue).where(Venue.name == "성대골 마을카페"))
        village = session.scalar(select(Village).where(Village.code == FLAGSHIP_CODE))
        assert module and trainer and venue and village
        row = TrainingSession(
            module_id=module.id, trainer_id=trainer.id, venue_id=venue.id, starts_at=start,
            ends_at=start + dt.timedelta(hours=2), status="scheduled",
        )  # fmt: skip
        row.villages = [SessionVillage(village_id=village.id)]
        session.add(row)
        session.flush()
        return row.id


@pytest.fixture(scope="module")
def checkin_server(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, _templates: Any
) -> Iterator[CheckInServer]:
    workdir = tmp_path_factory.mktemp("browser-checkin")
    store = workdir / "energy.db"
    shutil.copyfile(_templates.get("sqlite", "small"), store)
    url = f"sqlite:///{store}"
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    live = _add_session(url, now - dt.timedelta(minutes=10))
    ended = _add_session(url, now - dt.timedelta(hours=3))
    trainer = _actor(url, "trainer")
    checkin_board.open_check_in(trainer, ended, now=now - dt.timedelta(hours=3), url=url)
    db.dispose_engine(url)
    running = start_app(url, workdir / "streamlit.log", env={"ENERGY_PUBLIC_URL": PUBLIC_URL})
    try:
        yield CheckInServer(running, url, live, ended)
    finally:
        stop_app(running)
        db.dispose_engine(url)


@pytest.fixture
def desktop(browser: Any, checkin_server: CheckInServer) -> Iterator[Any]:
    yield from _context(browser, DESKTOP)


@pytest.fixture
def phone(browser: Any, checkin_server: CheckInServer) -> Iterator[Any]:
    yield from _context(browser, PHONE, is_mobile=True, has_touch=True)


def _context(browser: Any, viewport: dict[str, int], **options: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ko-KR", viewport=viewport, **options)
    context.set_default_timeout(WAIT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def phone_screenshot(page: Any, name: str) -> Path:
    """A full-length screenshot at the phone's width (Streamlit scrolls inside ``stMain``)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    height = page.evaluate(
        """() => Math.max(window.innerHeight,
            ...[...document.querySelectorAll('[data-testid="stMain"]')].map(e => e.scrollHeight))"""
    )
    page.set_viewport_size({"width": PHONE["width"], "height": max(PHONE["height"], height)})
    try:
        settle(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(PHONE)
    assert path.stat().st_size > 5_000, f"suspiciously small screenshot {path}"
    return path


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px phone"


def _check_in_on_phone(page: Any, name: str, lang: str) -> str:
    """Type ``name``, press check in, and read the receipt."""
    page.locator(_key("checkin.public.name") + " input").fill(name)
    page.locator(_key("checkin.public.name") + " input").press("Enter")  # (sent, no tooltip)
    settle(page)
    _no_sideways_scroll(page)
    phone_screenshot(page, f"checkin-phone-public-form-{lang}")
    page.get_by_role("button", name=_msg("checkin.submit", lang)).click()
    done = page.locator('[role="status"]')
    done.wait_for(state="visible")
    settle(page)
    assert_no_exception(page)
    _no_sideways_scroll(page)
    phone_screenshot(page, f"checkin-phone-public-done-{lang}")
    return str(done.inner_text())


def _people(url: str) -> list[tuple[int, str]]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        rows = session.execute(
            select(Participant.id, Participant.name)
            .join(Village, Village.id == Participant.village_id)
            .where(Village.code == FLAGSHIP_CODE, Participant.active.is_(True))
            .order_by(Participant.name)
        ).all()
        return [(pid, name) for pid, name in rows]


def _mark(url: str, session_id: int, participant_id: int) -> tuple[str, str] | None:
    with db.session_for(CLI_ACTOR, url=url) as session:
        row = session.execute(
            select(Attendance.status, Attendance.source).where(
                Attendance.session_id == session_id, Attendance.participant_id == participant_id
            )
        ).first()
        return (row[0], row[1]) if row else None


def test_checkin_the_trainer_shows_the_qr_and_a_phone_checks_in(
    desktop: Any, phone: Any, checkin_server: CheckInServer
) -> None:
    site, sid = checkin_server, checkin_server.live
    # The trainer, on the venue's computer, in English.
    log_in_as(desktop, site.server, "trainer", _heading("home", "ko"))
    switch_language(desktop, "English")
    settle(desktop)
    go_to(desktop, "checkin_board", _msg("page.checkin_board", "en"))
    chooser = desktop.locator(_key("checkin_board.session") + " input")
    title = _msg("page.checkin_board", "en")
    if "Eco-mileage" not in (chooser.input_value() or ""):  # another session of today first
        chooser.click()
        desktop.get_by_role("option").filter(has_text="Eco-mileage").first.click()
        wait_for_title(desktop, title)
    assert _msg("checkin_board.not_opened", "en") in desktop.locator("main").inner_text()
    desktop.get_by_role("button", name=_msg("checkin_board.open", "en")).click()
    desktop.locator(CODE_DIV).wait_for(state="visible")
    settle(desktop)
    assert_no_exception(desktop)
    qr = desktop.locator('[data-testid="stImage"] img')
    assert qr.count() == 1 and qr.bounding_box()["width"] >= 300  # big enough to scan
    main = desktop.locator("main").inner_text().replace(WORD_JOINER, "")
    assert _msg("checkin_board.or_type", "en", address=f"{PUBLIC_URL}/checkin") in main
    assert _msg("checkin_board.local_address", "en", address="").split("(")[0] not in main
    code = desktop.locator(CODE_DIV).inner_text().replace(" ", "")
    assert re.fullmatch(r"\d{6}", code), code
    screenshot(desktop, "checkin-board-open-en")

    # A participant scans it: the phone, with no login, opens the link and sees the session.
    open_app(phone, site.server, f"/checkin?session={sid}&code={code}")
    wait_for_title(phone, _msg("page.checkin", "ko"))
    assert_no_exception(phone)
    assert phone.locator(_key("checkin.public.code") + " input").input_value() == code
    people = _people(site.url)
    main = phone.locator('[data-testid="stMain"]').inner_text()
    assert "성대골 마을카페" in main  # the place; and of the people, nobody
    assert not [n for _, n in people if n in main], "a name of the list is on the public page"
    pid, name = people[0]
    text = _check_in_on_phone(phone, name, "ko")
    assert _msg("checkin.received_title", "ko") in text and name in text
    assert _mark(site.url, sid, pid) == ("present", "self")

    # The board lists the arrival by itself (its next redraw) and the trainer corrects it.
    arrived = desktop.get_by_text(re.compile(r"^Present · checked in \d\d:\d\d$"))
    arrived.first.wait_for(state="visible", timeout=REFRESH_WAIT_MS)
    settle(desktop)
    assert name in desktop.locator("main").inner_text()
    screenshot(desktop, "checkin-board-arrival-en")
    desktop.locator(_key(f"checkin_board.absent.{sid}.{pid}") + " button").click()
    settle(desktop)
    assert_no_exception(desktop)
    how = re.compile(r"^Absent · marked by trainer at \d\d:\d\d \(checked in \d\d:\d\d\)$")
    desktop.get_by_text(how).wait_for(state="visible")
    assert _mark(site.url, sid, pid) == ("absent", "recorded")
    screenshot(desktop, "checkin-board-corrected-en")

    # Someone else on the same phone, in English, whose name is not on the list: the same
    # receipt; the board asks the trainer, who adds the name with one click.
    phone.get_by_role("button", name=_msg("checkin.another", "ko")).click()
    settle(phone)
    assert phone.locator(_key("checkin.public.code") + " input").input_value() == code
    switch_language(phone, "English")
    settle(phone)
    assert phone.locator(_key("checkin.public.code") + " input").input_value() == code
    wait_for_title(phone, _msg("page.checkin", "en"))
    # (the code on the board now: a minute or two may have passed since the link's)
    now_code = desktop.locator(CODE_DIV).inner_text().replace(" ", "")
    phone.locator(_key("checkin.public.code") + " input").fill(now_code)
    text = _check_in_on_phone(phone, "Jamie Park", "en")
    assert _msg("checkin.received_title", "en") in text and "Jamie Park" in text
    waiting = desktop.get_by_text(_msg("checkin_board.unmatched", "en", n=1))
    waiting.wait_for(state="visible", timeout=REFRESH_WAIT_MS)
    settle(desktop)
    screenshot(desktop, "checkin-board-unmatched-en")
    desktop.get_by_role("button", name=_msg("checkin_board.add", "en")).click()
    settle(desktop)
    assert_no_exception(desktop)
    added = [p for p, n in _people(site.url) if n == "Jamie Park"]
    assert len(added) == 1 and _mark(site.url, sid, added[0]) == ("present", "recorded")
    waiting.wait_for(state="detached")


def test_checkin_a_link_after_the_session_is_refused_on_the_phone(
    phone: Any, checkin_server: CheckInServer
) -> None:
    site = checkin_server
    # No other page opens without a login, whatever its address holds.
    open_app(phone, site.server, f"/attendance?session={site.live}&code=123456")
    assert phone.locator(USERNAME).count() == 1
    # The ended session's own code of this minute: the phone is told check-in is closed.
    code = shown_code(_session_key(site.url, site.ended), site.ended, dt.datetime.now(dt.UTC))
    open_app(phone, site.server, f"/checkin?session={site.ended}&code={code.code}")
    main = phone.locator('[data-testid="stMain"]').inner_text()
    ended = _msg("error.checkin_ended", "ko", time="").split("에 끝나")[1]
    assert ended.strip() in main
    assert phone.get_by_role("button", name=_msg("checkin.submit", "ko")).count() == 0
    _no_sideways_scroll(phone)
    phone_screenshot(phone, "checkin-phone-ended-ko")


def _session_key(url: str, session_id: int) -> str:
    with db.session_for(CLI_ACTOR, url=url) as session:
        row = session.get(TrainingSession, session_id)
        assert row is not None and row.checkin_secret is not None
        return row.checkin_secret
