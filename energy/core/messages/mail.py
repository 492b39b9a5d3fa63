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
    # --- the outbox page ---------------------------------------------------------------------
    "page.mail": {"ko": "메일 발송함", "en": "Outbox"},
    "mail.caption": {
        "ko": "시스템이 보내는 모든 메일은 먼저 이곳에 쌓였다가 메일 서버로 전달됩니다. 전달에 실패하면 1, 5, 15, 60, 240분 뒤에 다시 시도하고, 그래도 안 되면 '실패'로 남습니다.",
        "en": "Every message the system sends waits here first, then goes to the mail server. A failed attempt is tried again after 1, 5, 15, 60 and 240 minutes; after that the message is marked failed.",
    },
    "mail.off": {
        "ko": "메일 발송이 꺼져 있습니다: 서버 설정 ENERGY_SMTP_URL이 없습니다. 메일은 보내지지 않고 발송함에서 기다립니다(지금 {n}통). 운영 담당자가 설정하면 보내집니다.",
        "en": "Mail is off: the server setting ENERGY_SMTP_URL is not set. Nothing is sent; messages wait in the outbox ({n} now) until the operator sets it.",
    },
    "mail.on": {
        "ko": "메일 서버 {server}({security}), 보내는 주소 {sender}",
        "en": "Mail server {server} ({security}), sent from {sender}",
    },
    "mail.security.plain": {"ko": "암호화 없음", "en": "not encrypted"},
    "mail.security.starttls": {"ko": "STARTTLS 암호화", "en": "encrypted with STARTTLS"},
    "mail.security.ssl": {"ko": "TLS 암호화", "en": "encrypted with TLS"},
    "mail.count.queued": {"ko": "대기 중", "en": "Waiting"},
    "mail.count.sent": {"ko": "보냄", "en": "Sent"},
    "mail.count.failed": {"ko": "실패", "en": "Failed"},
    "mail.send_now": {"ko": "지금 보내기", "en": "Send now"},
    "mail.send_now_help": {
        "ko": "대기 중인 메일을 재시도 대기 시간과 관계없이 지금 보냅니다.",
        "en": "Send every waiting message now, without waiting out its retry time.",
    },
    "mail.retry_failed": {"ko": "실패한 메일 다시 보내기", "en": "Try the failed ones again"},
    "mail.retry_failed_help": {
        "ko": "실패한 메일을 한 번 더 보내 봅니다(비밀번호 재설정 메일은 제외: 받는 사람이 새로 요청합니다).",
        "en": "Give each failed message one more attempt (not password reset links: the person asks again).",
    },
    "mail.report": {
        "ko": "보냄 {sent}통, 실패 {failed}통, 대기 {waiting}통.",
        "en": "Sent {sent}, failed {failed}, waiting {waiting}.",
    },
    "mail.filter": {"ko": "상태", "en": "State"},
    "mail.filter.all": {"ko": "전체", "en": "All"},
    "mail.status.queued": {"ko": "대기 중", "en": "Waiting"},
    "mail.status.sent": {"ko": "보냄", "en": "Sent"},
    "mail.status.failed": {"ko": "실패", "en": "Failed"},
    "mail.col.created": {"ko": "만든 때", "en": "Queued"},
    "mail.col.to": {"ko": "받는 사람", "en": "To"},
    "mail.col.subject": {"ko": "제목", "en": "Subject"},
    "mail.col.kind": {"ko": "종류", "en": "Kind"},
    "mail.col.status": {"ko": "상태", "en": "State"},
    "mail.col.attempts": {"ko": "시도", "en": "Attempts"},
    "mail.col.when": {"ko": "보낸 때 / 다음 시도", "en": "Sent / next attempt"},
    "mail.col.reply": {"ko": "메일 서버의 마지막 응답", "en": "Mail server's last answer"},
    "mail.none": {"ko": "발송함에 메일이 없습니다.", "en": "No messages in the outbox."},
    "mail.shown": {
        "ko": "최근 {n}통을 보여 줍니다.",
        "en": "The latest {n} messages are shown.",
    },
    # Each kind's label on the outbox page ("mail.kind.<kind>"; tests/mail checks every kind).
    "mail.kind.password_reset": {"ko": "비밀번호 재설정", "en": "Password reset"},
    "mail.kind.assignment": {"ko": "심사 배정", "en": "Review assignment"},
    "mail.kind.receipt": {"ko": "신청 접수", "en": "Application received"},
    "mail.kind.decision": {"ko": "선정 결과", "en": "Decision"},
    "mail.kind.instalment": {"ko": "보조금 지급", "en": "Grant instalment"},
    "mail.kind.readings_reminder": {"ko": "사용량 입력 알림", "en": "Readings reminder"},
    "mail.kind.training_session": {"ko": "교육 일정 (계정)", "en": "Training session (account)"},
    "mail.kind.training_session_participant": {
        "ko": "교육 일정 (참여자)",
        "en": "Training session (participant)",
    },
    "mail.kind.digest": {"ko": "하루 요약", "en": "Daily digest"},
    "error.mail_off": {
        "ko": "메일 발송이 꺼져 있습니다(ENERGY_SMTP_URL이 설정되지 않음). 메일 {n}통이 발송함에서 기다립니다.",
        "en": "Mail is off (ENERGY_SMTP_URL is not set); messages waiting in the outbox: {n}.",
    },
    "error.mail_status": {
        "ko": "'{status}'{status|은} 메일 상태가 아닙니다(queued, sent, failed 중 하나).",
        "en": "'{status}' is not a state of a message (queued, sent or failed).",
    },
}
