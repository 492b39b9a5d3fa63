"""A new install's first minute (issue 26): ``streamlit run app.py`` over an empty embedded
store, against the three-element ``benchmarks/trivial_app.py`` started the same way, in the
same run.

Timed from the moment the server process is started, as a first visitor's browser would see
it: the server answering its health check, then a session's first run (the browser's
``rerun_script`` message over the websocket, as in :mod:`benchmarks.concurrency`) until

* ``first_element_s``: the first element arrives (the trivial app: its title; the real app:
  the line saying what it prepares while the demo store is built);
* ``login_form_s``: the real app's login form is drawn (the demo store is ready);
* ``logged_in_s``: a demo login has gone through (the store answers a real login).

Goals: the real app's first element within ``FIRST_ELEMENT_GOAL`` times the trivial app's
first page, and a login possible within ``READY_GOAL_S`` seconds of the start. The runs
alternate (trivial, real) so that a busy moment of the machine falls on both; medians are
reported.

``python -m benchmarks --only first_start`` runs this step alone.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.concurrency import RERUN_TIMEOUT_S, SUCCESS, TRIVIAL_APP, Session

FIRST_ELEMENT_GOAL = 2.0
READY_GOAL_S = 15.0
RUNS = 3


async def _first_session(port: int, started: float, *, log_in: bool) -> dict[str, float]:
    """Seconds since ``started`` until the first element, the end of the first run with the
    login form (``log_in``: the real app), and a login gone through."""
    times: dict[str, float] = {}
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as socket:
        session = Session(socket)
        message = session.rerun_message()
        await socket.send(message.SerializeToString())
        drawn: list[Any] = []
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(socket.recv(), RERUN_TIMEOUT_S))
            kind = reply.WhichOneof("type")
            if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                times.setdefault("first_element_s", time.perf_counter() - started)
                element = reply.delta.new_element
                drawn.append(getattr(element, element.WhichOneof("type")))
            elif kind == "script_finished" and reply.script_finished == SUCCESS:
                break
        if not log_in:
            return times
        if not any(getattr(e, "id", "").endswith("login.username") for e in drawn):
            raise RuntimeError("the first run ended without the login form")
        times["login_form_s"] = time.perf_counter() - started
        await session.log_in("admin")
        times["logged_in_s"] = time.perf_counter() - started
    return times


def first_start_once(app: str, store: str | None = None) -> dict[str, float]:
    """One start of ``app`` (``trivial`` or ``energy``) and its first session; ``store``: an
    existing store instead of a new install's (the tests' way to check the client cheaply)."""
    from tests.live_server import start_app, stop_app

    real = app == "energy"
    with tempfile.TemporaryDirectory(prefix="energy-bench-first-") as workdir:
        store = store or f"sqlite:///{Path(workdir) / 'energy.db'}"  # new install: no store
        started = time.perf_counter()
        server = start_app(
            store,
            Path(workdir) / "streamlit.log",
            script="app.py" if real else TRIVIAL_APP,
            poll_s=0.02,
        )
        try:
            healthy = time.perf_counter() - started
            times = asyncio.run(_first_session(server.port, started, log_in=real))
        finally:
            stop_app(server)
    return {"healthy_s": healthy, **times}


def measure_first_start(runs: int = RUNS) -> dict[str, Any]:
    samples: dict[str, list[dict[str, float]]] = {"trivial": [], "energy": []}
    for _ in range(runs):
        for app in samples:
            samples[app].append(first_start_once(app))

    def median(app: str, key: str) -> float:
        return round(statistics.median(s[key] for s in samples[app]), 2)

    trivial_first = median("trivial", "first_element_s")
    ours_first = median("energy", "first_element_s")
    ratio = round(ours_first / trivial_first, 2)
    ready = median("energy", "logged_in_s")
    return {
        "runs": runs,
        "trivial_healthy_s": median("trivial", "healthy_s"),
        "trivial_first_element_s": trivial_first,
        "healthy_s": median("energy", "healthy_s"),
        "first_element_s": ours_first,
        "login_form_s": median("energy", "login_form_s"),
        "logged_in_s": ready,
        "first_element_vs_trivial": ratio,
        "first_element_met": ratio <= FIRST_ELEMENT_GOAL,
        "ready_met": ready <= READY_GOAL_S,
        "samples": samples,
    }
