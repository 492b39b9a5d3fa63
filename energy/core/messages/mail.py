"""Messages: e-mail — people's addresses, the outbox, the messages the app sends."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.email_format": {
        "ko": "'{address}'{address|은} 전자우편 주소 형식이 아닙니다. 예: hong@example.org",
        "en": "'{address}' is not an e-mail address. For example: hong@example.org",
    },
    "error.email_or_clear": {
        "ko": "전자우편 주소를 주거나 --clear를 쓰세요(둘 중 하나만).",
        "en": "Give an e-mail address or --clear (one of the two).",
    },
    "error.email_taken": {
        "ko": "이 전자우편 주소는 이미 다른 계정에 등록되어 있습니다.",
        "en": "This e-mail address already belongs to another account.",
    },
}
