"""Two app servers on one PostgreSQL database behind nginx on loopback, with the shipped proxy
configuration (``deploy/nginx.conf.template``): sessions and websockets pass through, a file
uploaded through the proxy is saved, and the reading is visible through each replica.

Without nginx on the PATH (``apt-get install nginx``) this skips; under ``CI=true`` it fails.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from energy.calc.metrics import add_months, first_of_month
from energy.core.i18n import SEOUL
from tests.conftest import require
from tests.live_server import (
    REPO,
    LiveServer,
    free_port,
    health,
    start_app,
    stop_app,
)
from tests.test_browser import (  # the browser fixture and the helpers that drive the app
    _key,
    _msg,
    _nav_link,
    assert_no_exception,
    browser,
    choose_files,
    logged_in,
    screenshot,
    settle,
    wait_for_title,
)

__all__ = ["browser"]  # fixture imported for pytest
pytestmark = pytest.mark.browser

TEMPLATE = REPO / "deploy" / "nginx.conf.template"
COOKIE_SECRET = "replicas-test-shared-secret-0123456789abcdef"
START_S = 30
FLAGSHIP_NAME = "성대골 마을"
NEW_HOUSEHOLD = "H-PROXY-1"


def nginx_config(template: str, *, listen: str, server_name: str, replicas: list[str]) -> str:
    """The shipped template with its placeholders filled in."""
    values = {
        "{{LISTEN}}": listen,
        "{{SERVER_NAME}}": server_name,
        "{{REPLICAS}}": "\n    ".join(
            f"server {r} max_fails=3 fail_timeout=10s;" for r in replicas
        ),
    }
    lines = []
    for line in template.splitlines():
        if not line.lstrip().startswith("#"):  # the comments name the placeholders
            for placeholder, value in values.items():
                line = line.replace(placeholder, value)
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass
class Proxy:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def _start_nginx(workdir: Path, replicas: list[LiveServer]) -> Proxy:
    port = free_port()
    site = nginx_config(
        TEMPLATE.read_text(encoding="utf-8"),
        listen=f"127.0.0.1:{port}",
        server_name="127.0.0.1",
        replicas=[f"127.0.0.1:{r.port}" for r in replicas],
    )
    (workdir / "energy.conf").write_text(site, encoding="utf-8")
    # A main configuration of its own (no system files touched): temp files and logs here.
    main = f"""
user root;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log info;
events {{ worker_connections 256; }}
http {{
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/energy.conf;
}}
"""
    (workdir / "nginx.conf").write_text(main, encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    check = subprocess.run(
        [nginx, "-t", "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    log = workdir / "nginx.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [nginx, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    proxy = Proxy(f"http://127.0.0.1:{port}", process, workdir / "error.log")
    deadline = time.monotonic() + START_S
    while health(proxy.url) != "ok":
        assert process.poll() is None, log.read_text(errors="replace")
        assert time.monotonic() < deadline, "nginx did not pass the health check through"
        time.sleep(0.2)
    return proxy


def _stop_nginx(proxy: Proxy) -> None:
    if proxy.process.poll() is None:
        os.killpg(proxy.process.pid, signal.SIGTERM)  # the group this test started
        try:
            proxy.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proxy.process.pid, signal.SIGKILL)
            proxy.process.wait(timeout=5)


def _nginx_missing() -> bool:
    return shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists()


@pytest.fixture
def replicas(demo_store: str, tmp_path: Path) -> Iterator[tuple[Proxy, list[LiveServer]]]:
    require(not _nginx_missing(), "nginx is not installed (apt-get install nginx)")
    servers: list[LiveServer] = []
    proxy = None
    try:
        for n in range(2):
            servers.append(
                start_app(
                    demo_store,
                    tmp_path / f"replica-{n}.log",
                    # Streamlit takes the secret from the environment or a file, never a flag.
                    env={"STREAMLIT_SERVER_COOKIE_SECRET": COOKIE_SECRET},
                )
            )
        nginx_dir = tmp_path / "nginx"
        nginx_dir.mkdir()
        proxy = _start_nginx(nginx_dir, servers)
        yield proxy, servers
    finally:
        if proxy is not None:
            _stop_nginx(proxy)
        for server in servers:
            stop_app(server)


def _households_shown(page: Any) -> str:
    """The committee home's "households" tile."""
    tile = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator(
            '[data-testid="stMetricLabel"]', has_text=_msg("committee.households", "ko")
        )
    )
    return str(tile.locator('[data-testid="stMetricValue"]').inner_text().strip())


def _last_month() -> str:
    return f"{add_months(first_of_month(dt.datetime.now(SEOUL).date()), -1):%Y-%m}"


@pytest.mark.own_database  # two servers and a proxy over one database of their own
@pytest.mark.parametrize("demo_store", ["postgresql"], indirect=True)
def test_two_replicas_behind_nginx_share_the_store_and_take_uploads(
    browser: Any, replicas: tuple[Proxy, list[LiveServer]]
) -> None:
    proxy, servers = replicas
    with logged_in(browser, proxy, "committee", FLAGSHIP_NAME, timeout_ms=30_000) as page:
        before = int(_households_shown(page))

        # Upload through the proxy: the file goes over HTTP to the replica holding the session.
        _nav_link(page, "readings").click()
        wait_for_title(page, _msg("page.readings", "ko"))
        page.get_by_role("tab", name=_msg("readings.tab_file", "ko")).click()
        rows = f"household,month,carrier,value,unit\n{NEW_HOUSEHOLD},{_last_month()},electricity,250,kWh\n"
        choose_files(
            page,
            page.locator('[data-testid="stFileUploader"]'),
            [{"name": "proxy.csv", "mimeType": "text/csv", "buffer": rows.encode("utf-8")}],
        )
        page.locator(_key("readings.register")).get_by_text(
            _msg("readings.register_households", "ko")
        ).click()
        settle(page)
        page.get_by_role("button", name=_msg("readings.check_file", "ko")).click()
        settle(page)
        page.get_by_role("button", name=_msg("readings.save", "ko")).click()
        settle(page)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert _msg("readings.saved", "ko", added=1, changed=0, unchanged=0, dropped=0) in main
        assert_no_exception(page)
        screenshot(page, "replicas-upload-through-proxy-ko")

    # Every replica, asked directly, shows the new household and its reading.
    for n, server in enumerate(servers):
        with logged_in(browser, server, "committee", FLAGSHIP_NAME, timeout_ms=30_000) as tab:
            assert int(_households_shown(tab)) == before + 1, f"replica {n} does not show it"
            assert_no_exception(tab)
            screenshot(tab, f"replicas-committee-home-replica{n}-ko")
    assert all(health(s.url) == "ok" for s in servers)
