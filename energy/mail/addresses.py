"""People's e-mail addresses: one form, checked once, stored trimmed and in lower case."""

from __future__ import annotations

import re

from energy.core.errors import InvalidInput

MAX_ADDRESS = 254  # RFC 5321's limit on a forward path
# One @, a local part without spaces or angle brackets, and a domain with a dot in it: what a
# person types by mistake is caught (a missing @, a space, "name@gmail"), and what a mail
# server may still refuse is its answer to give (recorded with the attempt).
ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")


def normalise_email(address: str | None) -> str | None:
    """``address`` as it is stored (trimmed, lower case), ``None`` for nothing typed; a
    malformed one is refused with a message in the person's language."""
    text = (address or "").strip()
    if not text:
        return None
    if len(text) > MAX_ADDRESS or not ADDRESS.match(text) or ".." in text:
        raise InvalidInput("error.email_format", field="email", address=text[:80])
    return text.lower()
