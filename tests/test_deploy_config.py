"""The hardening settings a city deploys with (`.streamlit/config.toml`, docs/deploy.md):
the file says them, every name in it is an option the installed Streamlit knows, and a
running server enforces the host and origin rules on its websocket."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit import config as st_config

from tests.live_server import LiveServer, start_app, stop_app, websocket_handshake

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
# The largest village's year of readings (5,000 households x 12 months x 5 carriers, about
# 50 bytes a row) must fit; a limit far above it only helps someone filling the server's memory.
YEAR_OF_A_LARGE_VILLAGE_MB = 5_000 * 12 * 5 * 50 / 1_000_000


def _settings() -> dict[str, dict[str, Any]]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def _option(name: str) -> Any:
    section, key = name.split(".")
    return _settings()[section][key]


def test_every_name_in_the_file_is_a_streamlit_option() -> None:
    """A misspelt option is silently ignored by Streamlit; here it fails."""
    known = set(st_config._config_options_template)
    names = {f"{section}.{key}" for section, keys in _settings().items() for key in keys}
    assert names - known == set()


def test_error_details_are_hidden_from_the_browser() -> None:
    assert _option("client.showErrorDetails") == "none"
    assert _option("client.showErrorLinks") is False


def test_uploads_are_limited_to_a_year_of_readings_with_room_to_spare() -> None:
    limit_mb = _option("server.maxUploadSize")
    assert YEAR_OF_A_LARGE_VILLAGE_MB <= limit_mb <= 4 * YEAR_OF_A_LARGE_VILLAGE_MB


def test_cross_site_requests_are_refused() -> None:
    assert _option("server.enableXsrfProtection") is True
    assert _option("server.enableCORS") is True
    assert _option("server.corsAllowedOrigins") == []


def test_only_named_hosts_are_served() -> None:
    hosts = _option("server.allowedHosts")
    assert hosts, "an empty list accepts any Host header"
    assert "*" not in hosts


def test_no_usage_statistics_and_no_reloading_in_production() -> None:
    assert _option("browser.gatherUsageStats") is False
    assert _option("server.fileWatcherType") == "none"
    assert _option("server.runOnSave") is False


def test_no_forced_full_garbage_collection_after_every_rerun() -> None:
    """Measured in benchmarks/README.md: it costs a busy server most of its reruns."""
    assert _option("runner.postScriptGC") is False


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("hardened")
    server = start_app(
        f"sqlite:///{workdir / 'energy.db'}",
        workdir / "streamlit.log",
        env={"ENERGY_NO_DEMO": "1"},
    )
    try:
        yield server
    finally:
        stop_app(server)


def test_the_server_opens_sessions_for_its_own_host(app_server: LiveServer) -> None:
    assert websocket_handshake(app_server.port, f"127.0.0.1:{app_server.port}") == 101
    same_origin = f"http://127.0.0.1:{app_server.port}"
    assert websocket_handshake(app_server.port, f"127.0.0.1:{app_server.port}", same_origin) == 101


def test_the_server_refuses_a_host_it_was_not_told_about(app_server: LiveServer) -> None:
    """DNS rebinding: a page on evil.example resolving its name to the server."""
    assert websocket_handshake(app_server.port, "evil.example") == 403


def test_the_server_refuses_another_sites_page(app_server: LiveServer) -> None:
    status = websocket_handshake(
        app_server.port, f"127.0.0.1:{app_server.port}", origin="https://evil.example"
    )
    assert status == 403


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("ENERGY_SESSION_IDLE_MINUTES", "0", "must be a positive number"),
        ("ENERGY_SESSION_IDLE_MINUTES", "soon", "must be a number"),
        ("ENERGY_SESSION_IDLE_MINUTES", "inf", "must be a positive number"),
        ("ENERGY_TRUSTED_PROXIES", "-1", "must not be negative"),
        ("ENERGY_SIGNUPS_PER_CLIENT_HOUR", "2.5", "must be a whole number"),
        ("ENERGY_PUBLIC_URL", "energy.seoul.example", "must be an http:// or https:// address"),
    ],
)
def test_a_bad_setting_is_named_with_what_it_must_be(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, message: str
) -> None:
    from energy.core.config import get_settings

    monkeypatch.setenv(name, raw)
    with pytest.raises(ValueError, match=f"{name} {message}, got"):
        get_settings()


def test_the_idle_time_may_be_a_fraction_of_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    from energy.core.config import get_settings

    monkeypatch.setenv("ENERGY_SESSION_IDLE_MINUTES", "0.25")
    assert get_settings().session_idle_minutes == 0.25
