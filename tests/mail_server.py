"""A real SMTP server on a free loopback port for the tests (aiosmtpd), keeping every message
it receives as an ``email.message.EmailMessage``.

    from tests.mail_server import smtp_server

    with smtp_server() as server:
        monkeypatch.setenv("ENERGY_SMTP_URL", server.url)
        ...  # a change that queues mail, then energy.mail.background.wait_for_idle()
        (message,) = server.wait_for(1)
        message["To"], message.get_body(("plain",)).get_content()
        [(a.get_filename(), a.get_content()) for a in message.iter_attachments()]

- ``server.messages``: what it received, in order (parsed with ``email.policy.default``);
  ``server.received`` adds each envelope (``mail_from``, ``rcpt_tos``) and the raw bytes.
- ``server.wait_for(n)``: the messages once there are at least ``n`` (for mail sent by another
  thread or process, such as the app's sender; fails after ``timeout_s``).
- ``server.stop()`` / ``server.start()``: down and up again **on the same port**, so the URL
  already given to the app stays right (an outage and its end).
- ``server.refuse(address, "550 5.1.1 no such mailbox")``: answer RCPT for that address so.
- ``smtp_server(tls="starttls" | "ssl", login=("user", "password"), certificate=...)``: STARTTLS
  or TLS from the start with a throwaway certificate (:func:`make_certificate`; the sender
  trusts it when ``SSL_CERT_FILE`` names it), and a login it requires. ``server.url`` is then
  ``smtp+starttls://user:password@localhost:PORT`` (or ``smtps://...``), percent-encoded.
- ``server.clear()`` forgets what was received.
"""

from __future__ import annotations

import datetime as dt
import email
import ssl
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from tests.live_server import free_port

HOST = "localhost"  # the name the throwaway certificate is made for (it also holds 127.0.0.1)
WAIT_S = 15.0


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    message: EmailMessage


class _Handler:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, _server: Any, _session: Session, envelope: Envelope, address: str, _options: Any
    ) -> str:
        refusal = self.server.refusals.get(address.lower())
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Session, envelope: Envelope) -> str:
        raw = cast(bytes, envelope.original_content or envelope.content)
        message = cast(EmailMessage, email.message_from_bytes(raw, policy=DEFAULT_POLICY))
        with self.server.arrived:
            self.server.received.append(
                Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), raw, message)
            )
            self.server.arrived.notify_all()
        return "250 2.0.0 Message accepted for delivery"


class _Controller(Controller):
    def factory(self) -> Any:
        # With TLS from the start aiosmtpd cannot tell that AUTH goes over TLS, and warns on
        # every connection; the whole connection is TLS.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
            return super().factory()


class MailServer:
    """An aiosmtpd server on ``127.0.0.1:port`` (see the module's docstring)."""

    def __init__(
        self,
        port: int,
        *,
        tls: str | None = None,
        login: tuple[str, str] | None = None,
        certificate: tuple[Path, Path] | None = None,
    ) -> None:
        if tls is not None and certificate is None:
            raise ValueError("TLS needs a certificate: make_certificate(directory)")
        self.port = port
        self.tls = tls
        self.login = login
        self.certificate = certificate
        self.received: list[Received] = []
        self.refusals: dict[str, str] = {}
        self.arrived = threading.Condition()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        """ENERGY_SMTP_URL for this server."""
        scheme = {None: "smtp", "starttls": "smtp+starttls", "ssl": "smtps"}[self.tls]
        credentials = ""
        if self.login is not None:
            user, password = (quote(part, safe="") for part in self.login)
            credentials = f"{user}:{password}@"
        return f"{scheme}://{credentials}{HOST}:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        with self.arrived:
            return [r.message for r in self.received]

    def _context(self) -> ssl.SSLContext:
        assert self.certificate is not None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert, key = self.certificate
        context.load_cert_chain(cert, key)
        return context

    def _authenticate(
        self, _server: Any, _session: Session, _envelope: Envelope, _mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and self.login is not None
            and (data.login.decode(), data.password.decode()) == self.login
        )
        # handled=False: aiosmtpd answers (535 on failure); True would leave the client waiting
        return AuthResult(success=ok, handled=False)

    def start(self) -> None:
        if self._controller is not None:
            return
        options: dict[str, Any] = {"enable_SMTPUTF8": True}
        if self.tls == "starttls":
            options.update(tls_context=self._context(), require_starttls=True)
        if self.login is not None:
            options.update(
                authenticator=self._authenticate,
                auth_required=True,
                # (with TLS from the start aiosmtpd does not see the TLS: the whole connection is)
                auth_require_tls=self.tls == "starttls",
            )
        controller = _Controller(
            _Handler(self),
            hostname="127.0.0.1",
            port=self.port,
            ssl_context=self._context() if self.tls == "ssl" else None,
            server_hostname=HOST,
            **options,
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        """Stop listening (a connection now is refused); :meth:`start` opens the same port."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def refuse(self, address: str, answer: str = "550 5.1.1 No such mailbox here") -> None:
        self.refusals[address.lower()] = answer

    def clear(self) -> None:
        with self.arrived:
            self.received.clear()

    def wait_for(self, count: int, timeout_s: float = WAIT_S) -> list[EmailMessage]:
        """The messages, once at least ``count`` have arrived."""
        deadline = time.monotonic() + timeout_s
        with self.arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"{len(self.received)} messages arrived within {timeout_s}s, "
                        f"expected {count}"
                    )
                self.arrived.wait(left)
            return [r.message for r in self.received]


@contextmanager
def smtp_server(
    *,
    tls: str | None = None,
    login: tuple[str, str] | None = None,
    certificate: tuple[Path, Path] | None = None,
) -> Iterator[MailServer]:
    """A :class:`MailServer` on a free port, started, and stopped after."""
    server = MailServer(free_port(), tls=tls, login=login, certificate=certificate)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for ``localhost`` and 127.0.0.1, valid for a day: its
    (certificate, key) files in ``directory``. Trust it with ``SSL_CERT_FILE``."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
