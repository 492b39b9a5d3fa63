"""Messages: e-mail — people's addresses, the outbox, the messages the app sends."""

MESSAGES: dict[str, dict[str, str]] = {
    "mail.brand": {"ko": "서울 에너지자립마을", "en": "Seoul Energy Self-Reliant Villages"},
    "mail.greeting": {"ko": "{name} 님, 안녕하세요.", "en": "Dear {name},"},
    "mail.footer": {
        "ko": "서울시 에너지자립마을 시스템이 보낸 메일입니다. 이 메일에 답장하지 마시고, 궁금한 점은 담당 부서에 문의하세요.",
        "en": "Sent by the Seoul Energy Self-Reliant Villages system. Please do not reply to this message; ask the energy department if you have questions.",
    },
    "mail.footer_optional": {
        "ko": "이런 알림을 받고 싶지 않으면 내 계정에서 끌 수 있습니다: {link}",
        "en": "You can turn these notices off on your account page: {link}",
    },
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
