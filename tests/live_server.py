"""A real ``streamlit run app.py`` on a free loopback port over a given store, for the tests
and the benchmarks that need the server itself (websocket, proxy, backups while it runs).

The browser tests' own server (``tests.test_browser``) always builds a new demo store; this
one serves whatever store it is given, so several servers can share one PostgreSQL database.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_S = 90  # until /_stcore/health answers "ok" (the machine is shared; be patient)
STOP_S = 10


@dataclass
class LiveServer:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no server log)"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def health(url: str, timeout_s: float = 2.0) -> str | None:
    """The body of ``/_stcore/health`` (``"ok"`` when the server is ready), or None."""
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=timeout_s) as resp:
            return str(resp.read().decode().strip())
    except OSError:
        return None


PORT_TRIES = 3  # another process (a parallel test worker) may take the free port first


def start_app(
    store_url: str,
    log: Path,
    *,
    options: Sequence[str] = (),
    env: dict[str, str] | None = None,
    script: str = "app.py",
    poll_s: float = 0.25,
) -> LiveServer:
    """Start the app on ``store_url``; ``options`` are extra ``--section.option value`` flags;
    ``script`` another app of the repository's (the benchmarks' trivial app); ``poll_s`` how
    often to ask whether the server is up."""
    for attempt in range(1, PORT_TRIES + 1):
        try:
            return _start_on_a_free_port(store_url, log, options, env, script, poll_s)
        except PortTaken:
            if attempt == PORT_TRIES:
                raise
    raise AssertionError("unreachable")


class PortTaken(AssertionError):
    """The server could not listen: its free port was taken before it bound it."""


def _start_on_a_free_port(
    store_url: str,
    log: Path,
    options: Sequence[str],
    env: dict[str, str] | None,
    script: str,
    poll_s: float,
) -> LiveServer:
    port = free_port()
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("ENERGY_")}
    child_env.update(env or {})
    child_env["ENERGY_DATABASE_URL"] = store_url
    child_env["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "-m", "streamlit", "run", script]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", *options]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=child_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so stop_app can end streamlit and whatever it spawned
        )
    server = LiveServer(f"http://127.0.0.1:{port}", port, process, log)
    deadline = time.monotonic() + START_S
    while health(server.url) != "ok":
        if process.poll() is not None:
            tail = server.log_tail()
            error = PortTaken if f"Port {port} is not available" in tail else AssertionError
            raise error(
                f"streamlit exited with {process.returncode} before it was healthy:\n" + tail
            )
        if time.monotonic() > deadline:
            stop_app(server)
            raise AssertionError(f"streamlit not healthy after {START_S}s:\n" + server.log_tail())
        time.sleep(poll_s)
    return server


def stop_app(server: LiveServer) -> None:
    """Stop the process group this module started (never anything else)."""
    process = server.process
    for sig, wait_s in ((signal.SIGTERM, STOP_S), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def websocket_handshake(port: int, host: str, origin: str | None = None) -> int:
    """The HTTP status Streamlit answers a websocket upgrade with (101: accepted)."""
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: streamlit",
    ]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status_line = sock.makefile("rb").readline().decode()
    return int(status_line.split()[1])
