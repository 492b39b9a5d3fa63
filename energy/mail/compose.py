"""One message, written in its recipient's language: plain text and HTML from the same
paragraphs, a link to the page where the person acts, and why the person gets it.

Every kind of message is built by :func:`compose` from catalogue keys, so both languages are
checked like every other visible string, and the HTML is the plain text's paragraphs escaped
(no personal data slips in through markup). Links point to ``ENERGY_PUBLIC_URL`` (or, with
none set, to the local address a new install answers on).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from energy.core.config import get_settings
from energy.core.i18n import translate
from energy.core.vocabulary import OPTIONAL_MAIL_KINDS
from energy.mail.outbox import Attachment, Outgoing
from energy.store.models.accounts import User

LOCAL_URL = "http://localhost:8501"  # where `streamlit run app.py` answers on this machine


def public_base() -> str:
    """The address people's links start with."""
    return get_settings().public_url or LOCAL_URL


def page_link(page: str, **params: str | int) -> str:
    """The full address of a page of the app (``review``, ``account`` ...), with a query."""
    query = f"?{urlencode(params)}" if params else ""
    return f"{public_base()}/{page}{query}"


@dataclass(frozen=True)
class Recipient:
    """Where one message goes: an address, the language to write in, the account (if any)."""

    address: str
    language: str
    user_id: int | None = None
    name: str | None = None


def recipient_for(user: User | None, kind: str) -> Recipient | None:
    """Where ``kind`` of mail goes for ``user``: ``None`` when there is no one to write to
    (no account, no address, a disabled account) or the person turned this optional kind off."""
    if user is None or not user.email or not user.is_active:
        return None
    if kind in OPTIONAL_MAIL_KINDS and kind in (user.mail_muted or ()):
        return None
    return Recipient(user.email, user.language, user.id, user.display_name)


@dataclass(frozen=True)
class Paragraph:
    """A catalogue key and its parameters: one paragraph of the message."""

    key: str
    params: dict[str, object]

    def text(self, language: str) -> str:
        return translate(self.key, language, **self.params)


def para(key: str, **params: object) -> Paragraph:
    return Paragraph(key, params)


def compose(
    kind: str,
    to: Recipient,
    *,
    subject: Paragraph,
    body: Sequence[Paragraph],
    link: tuple[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
    dedupe_key: str | None = None,
) -> Outgoing:
    """The message of ``kind`` for ``to``: ``subject`` and ``body`` paragraphs in the
    recipient's language, then ``link`` (a catalogue key for its label, and the address), a
    greeting by name where known, and the footer saying why the person gets it (and, for an
    optional kind, where to turn it off)."""
    lang = to.language
    paragraphs = [p.text(lang) for p in body]
    greeting = translate("mail.greeting", lang, name=to.name) if to.name else None
    footer = [translate("mail.footer", lang)]
    if kind in OPTIONAL_MAIL_KINDS:
        footer.append(translate("mail.footer_optional", lang, link=page_link("account")))
    text_parts = [*([greeting] if greeting else []), *paragraphs]
    html_parts = [f"<p>{html.escape(p)}</p>" for p in text_parts]
    if link is not None:
        label, address = translate(link[0], lang), link[1]
        text_parts.append(f"{label}: {address}")
        html_parts.append(
            f'<p><a href="{html.escape(address, quote=True)}" '
            f'style="display:inline-block;padding:10px 18px;background:#1b6b46;color:#ffffff;'
            f'border-radius:6px;text-decoration:none">{html.escape(label)}</a></p>'
            f'<p style="color:#555555;font-size:13px">{html.escape(address)}</p>'
        )
    text = "\n\n".join([*text_parts, "--", *footer]) + "\n"
    body_html = (
        f'<!doctype html><html lang="{lang}"><body style="font-family:sans-serif;'
        f'line-height:1.6;color:#1f2933;max-width:640px">'
        + "".join(html_parts)
        + '<hr style="border:none;border-top:1px solid #dddddd">'
        + "".join(f'<p style="color:#6b7280;font-size:12px">{html.escape(f)}</p>' for f in footer)
        + "</body></html>"
    )
    return Outgoing(
        kind=kind,
        to_address=to.address,
        language=lang,
        subject=f"[{translate('mail.brand', lang)}] {subject.text(lang)}",
        text=text,
        html=body_html,
        user_id=to.user_id,
        attachments=tuple(attachments),
        dedupe_key=dedupe_key,
    )
