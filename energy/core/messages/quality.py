"""Messages: data quality badges and the fixes they suggest."""

MESSAGES: dict[str, dict[str, str]] = {
    "badge.green": {"ko": "양호", "en": "Good"},
    "badge.amber": {"ko": "확인 필요", "en": "Check"},
    "badge.red": {"ko": "누락 많음", "en": "Many gaps"},
    "quality.stale": {
        "ko": "{household} 가구의 기록이 {days}일째 없습니다. 최근 고지서를 입력해 주세요.",
        "en": "Nothing from {household} for {days} days: enter its latest bills.",
    },
    "quality.missing": {
        "ko": "{household} 가구의 {month} {carrier} 기록이 없습니다.",
        "en": "{month} {carrier} missing for {household}.",
    },
    "quality.outlier": {
        "ko": "{household} 가구의 {month} {carrier} {value}{value|은} 평소(최대 약 {limit})보다 훨씬 큽니다. 자릿수를 확인하세요.",
        "en": "{household}'s {month} {carrier} of {value} is far above its usual (about {limit} at most): check the digits.",
    },
}
