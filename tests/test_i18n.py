"""The translation catalogue and locale formatting."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from energy.core import i18n
from energy.core.catalogue import MESSAGES
from energy.core.vocabulary import HOUSING_TYPES, ROLES, STATUS_REASONS, VILLAGE_STATUSES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *ROOT.glob("app.py"),
    *(ROOT / "pages").glob("*.py"),
    *(ROOT / "ui").rglob("*.py"),
    *(ROOT / "energy").rglob("*.py"),
]
# A message key is the first argument of t(), translate(), an error class or a header helper.
KEY_PATTERN = re.compile(
    r"""(?:\bt|translate|Error|Denied|Input|Exists|Found|Behind|Ahead|empty_state|page_header)"""
    r"""\(\s*["']([a-z_]+\.[a-z0-9_]+)["']"""
)


def _fields(template: str) -> set[str]:
    """The values a template fills in; a particle mark ({name|을}) names one of them."""
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    # One test over the whole catalogue (it was one test per key); a failure names every key.
    problems: dict[str, str] = {}
    for key, entry in sorted(MESSAGES.items()):
        if not (entry.get("ko", "").strip() and entry.get("en", "").strip()):
            problems[key] = "not in both languages"
            continue
        try:
            ko, en = _fields(entry["ko"]), _fields(entry["en"])
        except ValueError as exc:  # a stray brace
            problems[key] = f"unreadable template: {exc}"
            continue
        if ko != en:
            problems[key] = f"fields differ: ko {sorted(ko)}, en {sorted(en)}"
    assert MESSAGES
    assert problems == {}


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in SOURCES:
        used.update(KEY_PATTERN.findall(path.read_text(encoding="utf-8")))
    # Keys built at run time from a vocabulary:
    used.update(f"role.{r}" for r in ROLES)
    used.update(f"status.{s}" for s in VILLAGE_STATUSES)
    used.update(f"reason.{r}" for r in STATUS_REASONS)
    used.update(f"housing.{h}" for h in HOUSING_TYPES)
    from ui.core.nav import PAGES

    used.update(spec.title_key for spec in PAGES)
    used.update(spec.section_key for spec in PAGES)
    missing = sorted(k for k in used if k not in MESSAGES)
    assert missing == []


def test_translate_fills_fields_and_falls_back_to_the_key() -> None:
    assert i18n.translate("villages.count", "en", n=3) == "3 villages"
    assert i18n.translate("villages.count", "ko", n=3) == "마을 3곳"
    assert i18n.translate("no.such.key", "ko") == "no.such.key"
    assert i18n.translate("villages.count", "fr", n=1) == "마을 1곳"  # unknown language → Korean


def test_money_numbers_and_dates_follow_the_language() -> None:
    assert i18n.format_krw(10_000_000, "ko") == "10,000,000원"
    assert i18n.format_krw(10_000_000, "en") == "KRW 10,000,000"
    assert i18n.format_number(1234567.891, "en", 1) == "1,234,567.9"
    assert i18n.format_number(None, "ko") == "–"
    # an amount in the words people check a figure by (the money field's echo)
    words = {n: (i18n.format_krw_words(n, "ko"), i18n.format_krw_words(n, "en"))
             for n in (1_000_000_000, 7_500_000, 1_234_567_890, 12_000, 0, 100_000_000_000)}  # fmt: skip
    assert words == {
        1_000_000_000: ("10억 원", "KRW 1 billion"),
        7_500_000: ("750만 원", "KRW 7.5 million"),
        1_234_567_890: ("12억 3,456만 7,890 원", "KRW 1.23 billion"),
        12_000: ("1만 2,000 원", "KRW 12,000"),
        0: ("0원", "KRW 0"),
        100_000_000_000: ("1,000억 원", "KRW 100 billion"),
    }
    # a reading as people write it: no ".0" on a whole number, one decimal otherwise
    assert [i18n.format_quantity(v, "ko") for v in (1280.0, 496, 31.25, 0.04, None)] == [
        "1,280", "496", "31.2", "0", "–",
    ]  # fmt: skip
    assert i18n.format_percent(0.072, "en") == "7.2%"
    day = dt.date(2026, 3, 5)
    assert i18n.format_date(day, "ko") == "2026년 3월 5일"
    assert i18n.format_date(day, "en") == "5 Mar 2026"
    assert i18n.format_month(day, "ko") == "2026년 3월"
    # UTC 15:30 is 00:30 the next day in Seoul.
    stamp = dt.datetime(2026, 3, 5, 15, 30, tzinfo=dt.UTC)
    assert i18n.format_datetime(stamp, "en") == "6 Mar 2026 00:30"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("동작구", ("는", "를", "로", "가")),  # no final consonant
        ("마을", ("은", "을", "로", "이")),  # final ㄹ: 로, not 으로
        ("성대골", ("은", "을", "로", "이")),
        ("공동체", ("는", "를", "로", "가")),
        ("H-007", ("은", "을", "로", "이")),  # 칠: ㄹ
        ("2", ("는", "를", "로", "가")),  # 이
        ("3", ("은", "을", "으로", "이")),  # 삼
        ("10", ("은", "을", "으로", "이")),  # 십
        ("100", ("은", "을", "으로", "이")),  # 백
        ("2025-13-01", ("은", "을", "로", "이")),  # 일
        ("admin", ("은", "을", "으로", "이")),  # 어드민
        ("user", ("는", "를", "로", "가")),  # 유저
        ("'곰'", ("은", "을", "으로", "이")),  # quotes are looked past
        ("", ("은(는)", "을(를)", "으로(로)", "이(가)")),  # no way to tell: both
    ],
)
def test_korean_particles_follow_the_word_before_them(word: str, expected: tuple[str, ...]) -> None:
    assert tuple(i18n.particle(word, form) for form in ("은", "을", "으로", "이")) == expected


def test_messages_choose_their_particles_and_no_workaround_is_left() -> None:
    translate = i18n.translate
    assert translate("calls.saved", "ko", call="2026년 공모") == "2026년 공모를 저장했습니다."
    assert translate("calls.saved", "ko", call="마을 공모") == "마을 공모를 저장했습니다."
    assert translate("error.unknown_role", "ko", role="admin").startswith("'admin'은 ")
    for key, entry in MESSAGES.items():
        for workaround in ("(은)는", "은(는)", "(을)를", "을(를)", "이(가)", "(이)가", "(으)로"):
            assert workaround not in entry["ko"], (key, workaround)
