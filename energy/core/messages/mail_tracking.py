"""Messages: the mail that keeps the programme going — a committee's reminder of a month's
missing readings, a participant's training session scheduled, moved or cancelled, and staff's
daily digest of what waits for them (``energy.mail.reminders``, ``energy.mail.training_notices``,
``energy.mail.digest``)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- a month's readings --------------------------------------------------------------------
    "reminder.subject": {
        "ko": "{month} 사용량 입력을 부탁드립니다",
        "en": "Please log the readings for {month}",
    },
    "reminder.body": {
        "ko": "{village}의 {month} 에너지 사용량이 아직 다 입력되지 않았습니다. 참여 가구 {households}곳 중 {reported}곳이 입력되어 {missing}곳이 남았습니다.",
        "en": "The energy readings of {village} for {month} are not all in yet: {reported} of the {households} households taking part have readings, {missing} still to go.",
    },
    "reminder.how": {
        "ko": "사용량 입력 화면에서 한 달 치를 모든 가구에 한 번에 입력하거나, 파일로 올릴 수 있습니다. 방금 입력하셨다면 이 메일은 무시하셔도 됩니다.",
        "en": "On the readings page you can type the month for every household at once, or upload a file. If you have just entered them, please ignore this message.",
    },
    "reminder.link": {"ko": "사용량 입력하기", "en": "Log the readings"},
    "error.remind_future_month": {
        "ko": "{month}{month|은} 아직 오지 않은 달입니다. 지난달이나 이번 달을 고르세요.",
        "en": "{month} has not come yet: choose last month or this month.",
    },
    "error.month_format": {
        "ko": "'{value}'{value|은} 달 형식이 아닙니다. 예: 2027-03",
        "en": "'{value}' is not a month. For example: 2027-03",
    },
    "error.date_format": {
        "ko": "'{value}'{value|은} 날짜 형식이 아닙니다. 예: 2027-03-05",
        "en": "'{value}' is not a date. For example: 2027-03-05",
    },
    # --- a training session --------------------------------------------------------------------
    "training_notice.subject_scheduled": {
        "ko": "교육 일정 안내: {title} ({when})",
        "en": "Training scheduled: {title} ({when})",
    },
    "training_notice.subject_scheduled_many": {
        "ko": "교육 일정 {n}건 안내",
        "en": "{n} training sessions scheduled",
    },
    "training_notice.subject_moved": {
        "ko": "교육 일정 변경: {title} ({when})",
        "en": "Training moved: {title} (now {when})",
    },
    "training_notice.subject_cancelled": {
        "ko": "교육 취소: {title} ({when})",
        "en": "Training cancelled: {title} ({when})",
    },
    "training_notice.intro_scheduled": {
        "ko": "{village}의 에너지자립마을 교육 일정이 잡혔습니다.",
        "en": "A training session has been scheduled for {village}.",
    },
    "training_notice.intro_scheduled_many": {
        "ko": "{village}의 에너지자립마을 교육 {n}건의 일정이 잡혔습니다.",
        "en": "{n} training sessions have been scheduled for {village}.",
    },
    "training_notice.intro_moved": {
        "ko": "{village}의 교육 일정이 바뀌었습니다. 전에 알려드린 {was} 대신 아래 일정으로 와 주세요.",
        "en": "A training session of {village} has moved: it is no longer on {was}, but as below.",
    },
    "training_notice.intro_cancelled": {
        "ko": "{village}의 아래 교육이 취소되었습니다. 새 일정이 잡히면 다시 알려드립니다.",
        "en": "The training session of {village} below has been cancelled. You will hear again when a new date is set.",
    },
    "training_notice.session": {"ko": "{title}: {when}, {place}", "en": "{title}: {when}, {place}"},
    "training_notice.when": {
        "ko": "{date} ({weekday}) {start}–{end}",
        "en": "{weekday} {date}, {start}–{end}",
    },
    "training_notice.ics": {
        "ko": "첨부한 일정 파일(.ics)을 열면 휴대전화나 컴퓨터의 달력에 이 일정이 들어갑니다(이미 있으면 바뀝니다).",
        "en": "Open the attached calendar file (.ics) to put this in the calendar of your phone or computer (or to update it there).",
    },
    "training_notice.why_participant": {
        "ko": "{village} 교육 명단에 이 주소가 등록되어 있어 보내드립니다. 더 받지 않으려면 마을 위원회에 명단에서 주소를 지워 달라고 하세요.",
        "en": "You receive this because this address is on the training list of {village}. To stop these messages, ask your village committee to take it off the list.",
    },
    "training_notice.link": {"ko": "교육 일정 보기", "en": "See the training calendar"},
    "training_notice.calendar_name": {"ko": "에너지자립마을 교육", "en": "Energy village training"},
    # --- staff's digest --------------------------------------------------------------------------
    "digest.subject": {"ko": "{date} 처리할 일 {n}건", "en": "{n} things waiting for you, {date}"},
    "digest.intro": {
        "ko": "오늘 담당자를 기다리는 일입니다. 급한 것부터 적었습니다.",
        "en": "Here is what waits for you today, the most urgent first.",
    },
    "digest.applications": {
        "ko": "심사 시작을 기다리는 신청서 {n}건: {items}",
        "en": "{n} submitted applications waiting to enter review: {items}",
    },
    "digest.unassigned": {
        "ko": "이번 심사 단계의 심사위원이 없는 신청서 {n}건: {items}",
        "en": "{n} applications in review with no reviewer for their stage: {items}",
    },
    "digest.reviews": {
        "ko": "아직 점수가 매겨지지 않은 심사 {n}건: {items}",
        "en": "{n} reviews not scored yet: {items}",
    },
    "digest.grants_to_pay": {
        "ko": "지급할 금액이 남은 보조금 {n}건: {items}",
        "en": "{n} grants with money still to pay: {items}",
    },
    "digest.reports_missing": {
        "ko": "지난해까지의 보조금 중 정산 보고가 없는 {n}건: {items}",
        "en": "{n} grants of past years with no spending report: {items}",
    },
    "digest.readings": {
        "ko": "{month} 사용량이 다 입력되지 않은 마을 {n}곳: {items}",
        "en": "{n} villages without all their readings for {month}: {items}",
    },
    "digest.attendance": {
        "ko": "최근 {days}일 동안 열렸지만 출석이 기록되지 않은 교육 {n}건: {items}",
        "en": "{n} training sessions of the last {days} days with no attendance recorded: {items}",
    },
    "digest.more": {"ko": "외 {n}건", "en": "and {n} more"},
    "digest.left": {"ko": "{code} (남은 금액 {amount})", "en": "{code} ({amount} left)"},
    "digest.missing_households": {
        "ko": "{name} ({missing}/{households}가구 미입력)",
        "en": "{name} ({missing} of {households} households missing)",
    },
    "digest.open": {"ko": "열기: {link}", "en": "Open: {link}"},
    "digest.link": {"ko": "앱 열기", "en": "Open the app"},
    # --- the audit log's names for the new columns ---------------------------------------------
    "audit.field.training_participants.email": {"ko": "전자우편", "en": "E-mail"},
    "audit.field.training_sessions.sequence": {
        "ko": "일정 변경 횟수",
        "en": "Times changed after announcement",
    },
    # --- the training list's address ---------------------------------------------------------
    "participants.email": {"ko": "전자우편 (선택)", "en": "E-mail (optional)"},
    "participants.email_help": {
        "ko": "교육 일정이 잡히거나 바뀌거나 취소되면 이 주소로 알림과 달력 파일을 보냅니다. 본인이 동의한 주소만 적으세요.",
        "en": "When a session is scheduled, moved or cancelled, a notice with a calendar file goes to this address. Only enter an address the person agreed to give.",
    },
    "participants.email_column": {"ko": "전자우편", "en": "E-mail"},
}
