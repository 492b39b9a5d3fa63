"""Every page for every role over a store whose every free-text field holds hostile markdown
and HTML (issue 22, item 3): none of it reaches the screen as a live link, image, heading or
tag. The words still appear, as text.

Which columns hold people's words is written out below, and every text column of the schema
must be listed on one side or the other: a new column is classified when it is added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from sqlalchemy import String, Text, cast, literal, update

import energy.store.models  # noqa: F401  (every table registered)
from energy.core.access import PAGE_CAPABILITY, can_open_page
from energy.store import cache, db
from energy.store.models.base import Base
from tests.conftest import built_once
from tests.test_apptest import ROLE_LOGINS, _actor, _app_as
from ui.core.nav import PAGES

# A heading if it starts a line, an image (a beacon fetched by whoever opens the page), a tag,
# and two bare addresses GitHub-flavoured markdown would turn into links.
HOSTILE = "# Hx ![b](//evil.test/b.png)<img src=x>http://evil.test www.evil.test"

# Columns a person types into (a screen, an import, the command line): poisoned below.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "calls": ("title",),
    "conversion_factors": ("basis", "source"),
    "tariffs": ("source",),
    "training_modules": ("title_ko", "title_en"),
    "venues": ("name", "address"),
    "villages": ("name", "name_en", "neighbourhood"),
    "organisations": (
        "name", "name_en", "report_no", "corporate_registration_no", "business_registration_no",
        "note",
    ),
    "reading_batches": ("filename",),
    "weather_batches": ("filename",),
    "townhall_stories": ("quote_ko", "quote_en", "attribution_ko", "attribution_en"),
    "training_participants": ("name",),
    "training_self_checkins": ("name",),
    "users": ("display_name",),
    "village_status_changes": ("note",),
    "call_applications": (
        "group_name", "village_name", "actions_other", "plan", "decision_note",
        "public_body_link",
    ),
    "formation_steps": ("responsible", "documents", "note"),
    "organisation_assets": ("name", "site"),
    "trainers": ("name",),
    "call_organisers": ("name", "contact"),
    "call_review_assignments": ("conflict_note",),
    "training_sessions": ("note",),
    "call_instalments": ("note",),
    "call_review_scores": ("comment",),
    "organisation_members": ("name",),
    "application_attachments": ("file_name",),
    "application_advice_requests": ("note",),
    "application_advice": ("body", "suggested_value"),
    "call_prescreens": ("note",),
    "district_visits": ("note",),
}  # fmt: skip
# Text columns whose values come from a closed set, a checked pattern, or the system itself.
CONSTRAINED: dict[str, tuple[str, ...]] = {
    "app_settings": ("value",),
    "audit_log": ("actor", "action", "entity", "entity_key"),
    "conversion_factors": ("key", "unit"),
    "districts": ("code", "name_ko", "name_en"),
    "tariffs": ("carrier", "unit", "summer_months"),
    "tariff_tiers": ("season",),
    "training_modules": ("code", "topic"),
    "villages": ("code", "housing_type", "status"),
    "households": ("code", "housing_type", "floor_area_band"),
    "organisations": ("legal_form",),
    "reading_batches": ("source", "created_by"),
    "training_participants": ("role", "household_code", "email"),
    "users": ("username", "role", "password_hash", "language", "email", "oidc_subject"),
    "village_status_changes": ("status", "reason_code", "recorded_by"),
    "call_applications": (
        "reference", "entered_by", "applicant_type", "housing_type", "strategy", "status",
        "stage", "decided_by",
    ),
    "formation_steps": ("step",),
    "generation_units": ("kind",),
    "organisation_assets": ("kind",),
    "readings": ("carrier",),
    "call_review_assignments": ("stage",),
    "training_sessions": ("status", "checkin_secret"),
    "call_review_scores": ("criterion",),
    "call_spending_lines": ("line", "filed_by"),
    "organisation_members": ("kind", "board_role"),
    "training_attendance": ("status", "recorded_by", "source"),
    # the folded name (of ``name``), the phone's digest, the closed states, the trainer
    "training_self_checkins": ("name_key", "client", "state", "resolved_by"),
    "weather_stations": ("name_ko", "name_en"),
    "weather_batches": ("source", "created_by"),
    "application_attachments": ("kind", "media_type", "sha256", "uploaded_by"),
    "application_advice_requests": ("asked_by", "closed_by"),
    "application_advice": ("section", "author_role", "suggested_field"),
    # mail is written by the system from the catalogue; addresses are checked (energy.mail)
    "mail_outbox": (
        "kind", "to_address", "language", "subject", "body_text", "body_html", "dedupe_key",
        "status",
    ),
    "mail_attachments": ("file_name", "media_type"),
    "mail_attempts": ("reply",),
    "password_resets": ("token_hash",),
    "call_prescreens": ("met_in_person", "lives_in_area", "verdict", "recorded_by"),
    "district_visits": ("kind",),
}  # fmt: skip

# What a page would show as live markup. Escaped text (``md``) has a backslash before each
# mark and a word joiner inside each address, so none of these match it.
LIVE = {
    "link or image": re.compile(r"(?<!\\)\[(?:[^\]\\\n]|\\.)*\]\([^)\n]*evil\.test"),
    "address": re.compile(r"(?i)(?:https?://|www\.)evil\.test"),
    "heading": re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+Hx"),
}
LIVE_HTML = re.compile(r"(?i)(?<!\\)<(?:img\b|a\s)")  # "\<" is a literal "<"
# Element types whose ``body`` Streamlit reads as markdown (a plain ``st.text`` or code body
# is shown as typed); every ``label`` and ``help`` is markdown too.
MARKDOWN_BODIES = {"Markdown", "Heading", "Alert", "Toast", "Metric"}
MARKDOWN_FIELDS = {"label", "help"}


def _text_columns() -> set[tuple[str, str]]:
    return {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text) and not column.primary_key
    }


def test_every_text_column_is_free_text_or_constrained() -> None:
    listed = [(t, c) for side in (FREE_TEXT, CONSTRAINED) for t, cs in side.items() for c in cs]
    assert len(listed) == len(set(listed)), "a column is listed twice"
    assert set(listed) == _text_columns()


def _poison(url: str) -> int:
    """Every free-text value becomes the hostile text (with its row's key, where names must
    differ), cut to the column's length; the number of values changed."""
    changed = 0
    with db.get_engine(url).begin() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name not in FREE_TEXT:
                continue
            (key,) = table.primary_key.columns
            for name in FREE_TEXT[table.name]:
                column = table.c[name]
                length = getattr(column.type, "length", None) or 1000
                text = literal(HOSTILE[: max(8, length - 12)]) + " " + cast(key, String)
                changed += conn.execute(update(table).values({name: text})).rowcount
    cache.clear()
    return changed


@pytest.fixture
def hostile_store(small_store: str, request: pytest.FixtureRequest) -> Iterator[str]:
    assert built_once(request, small_store, _poison) > 500
    cache.clear()
    yield small_store
    cache.clear()


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _markdown_texts(proto: Message) -> Iterator[tuple[str, str, bool]]:
    """(field, text, read as HTML) of every string of ``proto`` that Streamlit reads as
    markdown, searching nested messages."""
    kind = type(proto).__name__
    html = (kind == "Markdown" and getattr(proto, "allow_html", False)) or kind == "Html"
    for field, value in proto.ListFields():
        repeated = not isinstance(value, str | bytes | Message) and hasattr(value, "__len__")
        values = value if repeated else [value]
        for item in values:
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                yield from _markdown_texts(item)
            elif field.type == FieldDescriptor.TYPE_STRING and (
                field.name in MARKDOWN_FIELDS
                or (field.name == "body" and (kind in MARKDOWN_BODIES or kind == "Html"))
            ):
                yield f"{kind}.{field.name}", item, html


def live_markup(at: Any) -> list[str]:
    """What the page shows as a live link, image, heading or tag from the hostile text."""
    found = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        for where, text, html in _markdown_texts(proto):
            problems = [name for name, pattern in LIVE.items() if pattern.search(text)]
            if html and LIVE_HTML.search(text):
                problems.append("tag")
            found += [f"{name} in {where}: {text[:120]!r}" for name in problems]
    return found


def _shows_the_words(at: Any) -> bool:
    return any(
        "evil.test" in text.replace("\\", "").replace("\u2060", "")
        for node in _nodes(at._tree)
        if isinstance(getattr(node, "proto", None), Message)
        for _, text, _ in _markdown_texts(node.proto)
    )


def test_the_check_finds_live_markup() -> None:
    """The detector itself: raw hostile text is caught, the escaped form is not."""
    from ui.core.markup import md

    class _Node:
        def __init__(self, proto: Message) -> None:
            self.proto = proto
            self.children: dict[int, Any] = {}

    from streamlit.proto.Markdown_pb2 import Markdown

    class _At:
        def __init__(self, body: str, allow_html: bool = False) -> None:
            self._tree = _Node(Markdown(body=body, allow_html=allow_html))

    assert {p.split(" in ")[0] for p in live_markup(_At(HOSTILE, allow_html=True))} == {
        "link or image",
        "address",
        "heading",
        "tag",
    }
    assert live_markup(_At(md(HOSTILE), allow_html=True)) == []
    assert live_markup(_At("Village: " + md(HOSTILE))) == []


@pytest.mark.parametrize("role", list(ROLE_LOGINS))
def test_every_page_shows_hostile_words_as_text(hostile_store: str, role: str) -> None:
    login = ROLE_LOGINS[role]
    at = _app_as(hostile_store, login)
    actor = _actor(hostile_store, login)
    assert PAGE_CAPABILITY  # the rules are loaded
    problems: list[str] = []
    showing = 0
    for spec in PAGES:
        if not can_open_page(actor, spec.key):
            continue
        at.switch_page(spec.path).run()
        assert not at.exception, f"{role} on {spec.path}: {[e.message for e in at.exception]}"
        problems += [f"{spec.key}: {p}" for p in live_markup(at)]
        showing += _shows_the_words(at)
    assert not problems, "\n".join(problems)
    # The hostile words did reach this role's screens (the sidebar shows the display name).
    assert showing > 0
