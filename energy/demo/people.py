"""The demo's people: where their mail goes (``example.org``, a domain kept for examples)."""

from __future__ import annotations

DEMO_MAIL_DOMAIN = "example.org"  # RFC 2606: never a real mailbox


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_MAIL_DOMAIN}"
