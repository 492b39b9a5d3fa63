"""The app's sender: once a change that queued mail has committed, a thread of this process
delivers what is due, so the page that made the change does not wait for the mail server.

:func:`energy.mail.outbox.enqueue` marks its session; when that session commits,
:func:`kick` is called with the store's URL. One thread at a time per process: a kick while it
runs makes it go round once more (what the new commit queued is then due). Nothing happens
when no mail server is configured (``ENERGY_SMTP_URL``): the messages wait in the outbox.

The thread is not a daemon: a process that ends (the command line after a change, a server
that stops) first lets the run finish, rather than cutting a send between the mail server's
answer and its record (the one window that could send a message twice). Tests wait for it
with :func:`wait_for_idle`.

This module imports nothing heavy at the top: the command line imports it to wait for the
thread before it exits (``energy/cli.py``), and its ``--help`` must stay instant.
"""

from __future__ import annotations

import logging
import threading
import time

from energy.core.config import get_settings

log = logging.getLogger(__name__)

_lock = threading.Lock()
_wanted: dict[str, None] = {}  # store URLs with mail to send, in the order they were kicked
_thread: threading.Thread | None = None


def kick(url: str) -> None:
    """Deliver what is due in the store ``url`` soon, in this process's sender thread."""
    global _thread
    if get_settings().smtp is None:
        return
    with _lock:
        _wanted[url] = None
        if _thread is not None:
            return  # it takes this URL before it ends (it checks under the same lock)
        _thread = threading.Thread(target=_run, name="energy-mail-sender", daemon=False)
        _thread.start()


def _run() -> None:
    global _thread
    from energy.mail.delivery import MailOff, deliver_due

    while True:
        with _lock:
            if not _wanted:
                _thread = None
                return
            url = next(iter(_wanted))
            del _wanted[url]
        try:
            report = deliver_due(url=url)
        except MailOff:
            continue
        except Exception:  # the store unreachable, say: the next change or `mail send` retries
            log.exception("the mail sender failed; the messages stay in the outbox")
            continue
        if report.sent or report.failed:
            log.info(
                "mail: %d sent, %d failed, %d waiting", report.sent, report.failed, report.waiting
            )


def wait_for_idle(timeout_s: float = 120.0) -> bool:
    """Wait until this process's sender has nothing left to do; False if it still runs
    after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        with _lock:
            thread = _thread
        if thread is None:
            return True
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            return False
