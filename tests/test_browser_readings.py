"""The committee's main flow in a real browser: upload a month of readings, read the report,
save; a bad file is refused with the row report and nothing saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from energy.i18n import SEOUL
from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    Server,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    page,
    screenshot,
    server,
    settle,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
FLAGSHIP = "성대골 마을"


def _this_month() -> str:
    return f"{dt.datetime.now(SEOUL).date():%Y-%m}"


def _upload(page: Any, name: str, content: bytes) -> None:
    page.get_by_role("tab", name=_msg("readings.tab_file", "ko")).click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    settle(page)
    page.get_by_role("button", name=_msg("readings.check_file", "ko")).click()
    settle(page)


@pytest.mark.browser
def test_a_committee_uploads_a_month_and_saves_it(page: Any, server: Server) -> None:
    log_in_as(page, server, "committee", FLAGSHIP)
    go_to(page, "readings", _msg("page.readings", "ko"))
    month = _this_month()
    rows = f"household,month,carrier,value,unit\nH-001,{month},electricity,301.5,kWh\nH-002,{month},gas,1200,MJ\n"
    _upload(page, "november.csv", rows.encode("utf-8-sig"))
    main = page.locator('[data-testid="stMain"]')
    assert _msg("readings.report_title", "ko", what="november.csv") in main.inner_text()
    screenshot(page, "committee-readings-report-ko")
    page.get_by_role("button", name=_msg("readings.save", "ko")).click()
    settle(page)
    assert_no_exception(page)
    saved = _msg("readings.saved", "ko", added=2, changed=0, unchanged=0, dropped=0)
    assert saved in main.inner_text()
    screenshot(page, "committee-readings-saved-ko")


@pytest.mark.browser
def test_a_bad_file_is_refused_with_the_row_report(page: Any, server: Server) -> None:
    log_in_as(page, server, "committee", FLAGSHIP)
    go_to(page, "readings", _msg("page.readings", "ko"))
    bad = "household,month,carrier,value,unit\nH-001,2025-13,electricity,10,kWh\nH-999,2025-01,electricity,-5,kWh\n"
    _upload(page, "bad.csv", bad.encode("cp949"))
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert _msg("report.fix_first", "ko", n=3) in text
    assert _msg("import.month_format", "ko", value="2025-13") in text
    assert _msg("import.household_unknown", "ko", value="H-999") in text
    assert page.get_by_role("button", name=_msg("readings.save", "ko")).count() == 0
    assert_no_exception(page)
    screenshot(page, "committee-readings-rejected-ko")
