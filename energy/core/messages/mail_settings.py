"""Messages: people's mail settings — their address, language and the optional kinds of mail
on their account page, and the address on the users page."""

MESSAGES: dict[str, dict[str, str]] = {
    "field.email": {"ko": "전자우편", "en": "E-mail"},
    "users.email_help": {
        "ko": "심사 배정, 접수 확인, 결과 통지 같은 알림이 이 주소로 갑니다. 비워 두면 메일을 보내지 않습니다.",
        "en": "Assignments, receipts, decisions and other notices go to this address. Left empty, no mail is sent.",
    },
    "account.mail_title": {"ko": "메일과 언어", "en": "Mail and language"},
    "account.language": {
        "ko": "화면과 메일의 언어",
        "en": "Language of the screens and of your mail",
    },
    "account.language_help": {
        "ko": "왼쪽 메뉴의 언어 선택과 같습니다. 다음 로그인에도 기억되며, 보내 드리는 메일도 이 언어로 씁니다.",
        "en": "The same as the sidebar's switch. It is remembered for your next login, and your mail is written in it.",
    },
    "account.email": {"ko": "전자우편 주소", "en": "E-mail address"},
    "account.email_help": {
        "ko": "알림을 받을 주소입니다. 비워 두면 메일을 보내지 않습니다.",
        "en": "Where your notices go. Left empty, no mail is sent to you.",
    },
    "account.optional_title": {
        "ko": "**받을 알림** (끌 수 있는 알림)",
        "en": "**Notices you get** (these you may turn off)",
    },
    "account.always_sent": {
        "ko": "비밀번호 재설정, 심사 배정, 접수 확인, 결과 통지, 지원금 지급 알림은 꼭 필요한 메일이라 끌 수 없습니다.",
        "en": "Password resets, review assignments, receipts, decisions and grant payments are always sent: they cannot be turned off.",
    },
    "account.mail_save": {"ko": "메일 설정 저장", "en": "Save mail settings"},
    "account.mail_saved": {
        "ko": "메일 설정을 저장했습니다.",
        "en": "Your mail settings are saved.",
    },
    "account.mail_off": {
        "ko": "이 서버는 지금 메일을 보내지 않습니다(메일 서버가 설정되지 않음). 설정은 저장되며, 메일 서버가 설정되면 적용됩니다.",
        "en": "This server sends no mail at the moment (no mail server is set up). Your settings are kept and apply once one is.",
    },
    "mail_kind.readings_reminder": {
        "ko": "사용량이 빠진 달의 입력 알림 (마을 위원회)",
        "en": "Reminders of a month with missing readings (village committees)",
    },
    "mail_kind.training_session": {
        "ko": "교육 일정이 잡히거나 바뀌거나 취소될 때",
        "en": "Training sessions scheduled, moved or cancelled",
    },
    "mail_kind.digest": {
        "ko": "처리할 일을 모은 하루 요약 (담당자)",
        "en": "A daily digest of what waits for you (staff)",
    },
    # --- in the audit log ---
    "audit.field.users.email": {"ko": "전자우편", "en": "E-mail"},
    "audit.field.users.mail_muted": {"ko": "끈 알림", "en": "Notices turned off"},
    "error.mail_kind": {
        "ko": "'{kind}'{kind|은} 끌 수 있는 알림 종류가 아닙니다.",
        "en": "'{kind}' is not a kind of mail that can be turned off.",
    },
}
