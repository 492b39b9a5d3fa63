"""Messages: training self check-in — the trainer's QR board, a participant's check-in page,
their refusals and the audit log's words for them."""

MESSAGES: dict[str, dict[str, str]] = {
    "page.checkin": {"ko": "출석 체크인", "en": "Check in"},
    "page.checkin_board": {"ko": "출석 QR", "en": "Check-in QR"},
    "attendance_source.self": {"ko": "셀프 체크인", "en": "Self check-in"},
    "attendance_source.recorded": {"ko": "강사 기록", "en": "Recorded by the trainer"},
    "self_checkin_state.checked_in": {
        "ko": "명단에서 찾아 출석",
        "en": "Found on the list, present",
    },
    "self_checkin_state.waiting": {"ko": "강사 확인 대기", "en": "Waiting for the trainer"},
    "self_checkin_state.matched": {
        "ko": "강사가 명단의 사람으로 확인",
        "en": "Matched by the trainer",
    },
    "self_checkin_state.added": {
        "ko": "강사가 명단에 추가",
        "en": "Added to the list by the trainer",
    },
    "self_checkin_state.dismissed": {"ko": "강사가 무시", "en": "Set aside by the trainer"},
    # the participant's page
    "checkin.caption": {
        "ko": "교육장 화면의 QR 코드를 휴대전화로 찍거나, 강사가 알려 주는 6자리 코드를 입력하세요.",
        "en": "Scan the QR code on the trainer's screen with your phone, or type the 6-digit code the trainer reads out.",
    },
    "checkin.none_today": {
        "ko": "오늘은 우리 마을 교육이 없습니다. 교육 일정에서 다음 교육을 확인하세요.",
        "en": "Your village has no training session today. The training calendar shows the next one.",
    },
    "checkin.session_when": {
        "ko": "{start}–{end} · {venue}",
        "en": "{start}–{end} · {venue}",
    },
    "checkin.phase_before": {
        "ko": "체크인은 {time}에 열립니다(교육 시작 {minutes}분 전).",
        "en": "Check-in opens at {time} ({minutes} minutes before the session starts).",
    },
    "checkin.phase_not_opened": {
        "ko": "강사가 아직 셀프 체크인을 열지 않았습니다. 교육장 화면에 QR 코드가 나오면 다시 해 보세요.",
        "en": "The trainer has not opened self check-in yet. Try again once the QR code is on the screen.",
    },
    "checkin.code": {"ko": "체크인 코드 (숫자 6자리)", "en": "Check-in code (6 digits)"},
    "checkin.code_help": {
        "ko": "코드는 1분마다 바뀝니다. 방금 바뀌었어도 바로 전 코드는 1분 더 받습니다.",
        "en": "The code changes every minute; the one before still works for one more minute.",
    },
    "checkin.who": {"ko": "내 이름", "en": "Your name"},
    "checkin.who_placeholder": {
        "ko": "명단에서 이름을 고르세요",
        "en": "Choose your name from the list",
    },
    "checkin.who_help": {
        "ko": "우리 마을 교육 명단입니다. 이미 출석한 사람에게는 표시가 붙어 있습니다.",
        "en": "Your village's training list; people already checked in are marked.",
    },
    "checkin.already_here": {"ko": "{name} · 출석함", "en": "{name} · checked in"},
    "checkin.not_listed": {"ko": "명단에 내 이름이 없어요", "en": "My name is not on the list"},
    "checkin.new_name": {"ko": "이름 (명단에 추가됩니다)", "en": "Your name (added to the list)"},
    "checkin.submit": {"ko": "출석 체크인", "en": "Check me in"},
    "checkin.done_title": {"ko": "출석했습니다", "en": "You are checked in"},
    "checkin.done_body": {
        "ko": "{name} 님, {time}에 출석으로 기록되었습니다.",
        "en": "{name}, you were marked present at {time}.",
    },
    "checkin.already_title": {"ko": "이미 출석했습니다", "en": "Already checked in"},
    "checkin.already_body": {
        "ko": "{name} 님은 {time}에 이미 출석으로 기록되어 있습니다. 다시 할 필요가 없습니다.",
        "en": "{name} was already marked present at {time}; nothing more to do.",
    },
    "checkin.another": {"ko": "다른 사람도 체크인", "en": "Check in someone else"},
    # the participant's page without a login (the QR code's link)
    "checkin.public_caption": {
        "ko": "마을을 고르고 이름을 적은 뒤 체크인을 누르세요. 로그인은 필요 없습니다.",
        "en": "Choose your village, type your name and press check in. No login needed.",
    },
    "checkin.village": {"ko": "우리 마을", "en": "Your village"},
    "checkin.village_placeholder": {"ko": "마을을 고르세요", "en": "Choose your village"},
    "checkin.name": {"ko": "이름", "en": "Your name"},
    "checkin.name_help": {
        "ko": "교육 명단에 올린 이름 그대로 적어 주세요. 띄어쓰기와 대소문자는 상관없습니다.",
        "en": "As it is on your village's training list; spaces and capitals do not matter.",
    },
    "checkin.link_code": {
        "ko": "QR 코드의 체크인 코드가 들어가 있습니다. 1분이 지나 거절되면 화면의 새 코드를 적으세요.",
        "en": "The QR code's check-in code is filled in. If it is refused after a minute, type the new one on the screen.",
    },
    "checkin.received_title": {"ko": "접수되었습니다", "en": "Check-in received"},
    "checkin.received_body": {
        "ko": "{name} 님({village}), {time}에 체크인했습니다.",
        "en": "{name} ({village}), you checked in at {time}.",
    },
    "checkin.received_note": {
        "ko": "강사가 확인합니다. 교육장 화면의 도착 명단에 이름이 없으면 강사에게 말씀해 주세요.",
        "en": "The trainer confirms it. If your name does not appear among the arrivals on the screen, tell the trainer.",
    },
    "checkin.committee_login": {
        "ko": "마을 활동가는 로그인하면 우리 마을 명단에서 골라 체크인할 수 있습니다.",
        "en": "Village committees can log in to check people in from their village's list.",
    },
    "checkin.log_in": {"ko": "로그인", "en": "Log in"},
    # the trainer's board
    "checkin_board.caption": {
        "ko": "교육 중에 이 화면을 띄우면 참가자가 휴대전화로 QR 코드를 찍어 스스로 출석합니다. 코드는 1분마다 바뀌고, 교육이 끝나면 어떤 코드도 받지 않습니다.",
        "en": "Show this screen during the session: participants scan the QR code with their phones to mark themselves present. The code changes every minute, and no code works after the session.",
    },
    "checkin_board.none_today": {
        "ko": "오늘 진행할 교육이 없습니다. 체크인은 교육 당일에 열 수 있습니다.",
        "en": "You have no session today. Self check-in opens on the day of a session.",
    },
    "checkin_board.session": {"ko": "교육", "en": "Session"},
    "checkin_board.open": {"ko": "셀프 체크인 열기", "en": "Open self check-in"},
    "checkin_board.close": {"ko": "셀프 체크인 닫기", "en": "Close self check-in"},
    "checkin_board.opened": {"ko": "셀프 체크인을 열었습니다.", "en": "Self check-in is open."},
    "checkin_board.closed": {
        "ko": "셀프 체크인을 닫았습니다. 이제 어떤 코드도 받지 않습니다.",
        "en": "Self check-in is closed; no code works now.",
    },
    "checkin_board.not_opened": {
        "ko": "셀프 체크인이 닫혀 있습니다. 열면 QR 코드와 숫자 코드가 나타납니다.",
        "en": "Self check-in is closed. Open it to show the QR code and the number code.",
    },
    "checkin_board.before": {
        "ko": "체크인은 {time}에 열립니다(시작 {minutes}분 전). 그때 QR 코드가 이 자리에 나타납니다.",
        "en": "Check-in opens at {time} ({minutes} minutes before the start); the QR code appears here then.",
    },
    "checkin_board.ended": {
        "ko": "교육이 {time}에 끝나 체크인이 닫혔습니다. 출석 기록 화면에서 고칠 수 있습니다.",
        "en": "The session ended at {time}; check-in is closed. Corrections go on the attendance page.",
    },
    "checkin_board.cancelled": {
        "ko": "취소된 교육입니다. 체크인을 받지 않습니다.",
        "en": "This session is cancelled; it takes no check-ins.",
    },
    "checkin_board.scan": {
        "ko": "휴대전화로 QR 코드를 찍으세요",
        "en": "Scan the QR code with your phone",
    },
    "checkin_board.or_type": {
        "ko": "또는 {address} 에서 이 코드를 입력하세요",
        "en": "or open {address} and type this code",
    },
    "checkin_board.code_changes": {
        "ko": "코드는 1분마다 바뀝니다 (다음 변경 {time}).",
        "en": "The code changes every minute (next at {time}).",
    },
    "checkin_board.local_address": {
        "ko": "QR 코드의 주소({address})는 이 컴퓨터에서만 열립니다. 휴대전화가 열 수 있는 주소를 ENERGY_PUBLIC_URL로 설정하세요.",
        "en": "The QR code's address ({address}) only opens on this computer. Set ENERGY_PUBLIC_URL to an address phones can reach.",
    },
    "checkin_board.arrived": {"ko": "도착한 사람", "en": "Arrived"},
    "checkin_board.arrived_help": {
        "ko": "몇 초마다 새로 고칩니다. 잘못된 기록은 바로 고치세요: 강사가 고친 기록은 참가자가 다시 체크인해도 바뀌지 않습니다.",
        "en": "Refreshes every few seconds. Correct a wrong mark here: a participant's later check-in does not overwrite the trainer's.",
    },
    "checkin_board.waiting": {"ko": "아직 오지 않음 ({n}명)", "en": "Not here yet ({n})"},
    "checkin_board.nobody_yet": {
        "ko": "아직 아무도 체크인하지 않았습니다.",
        "en": "Nobody has checked in yet.",
    },
    "checkin_board.everyone_here": {"ko": "모두 도착했습니다.", "en": "Everyone is here."},
    "checkin_board.self_at": {"ko": "셀프 체크인 {time}", "en": "checked in {time}"},
    "checkin_board.recorded_at": {
        "ko": "{who} 기록 {time}",
        "en": "marked by {who} at {time}",
    },
    "checkin_board.was_self": {"ko": "(셀프 체크인 {time})", "en": "(checked in {time})"},
    "checkin_board.mark_absent": {"ko": "결석 처리", "en": "Mark absent"},
    "checkin_board.mark_present": {"ko": "출석 처리", "en": "Mark present"},
    "checkin_board.corrected": {
        "ko": "{name}: {status}{status|으로} 고쳤습니다.",
        "en": "{name}: corrected to {status}.",
    },
    "checkin_board.full_sheet": {
        "ko": "지각·사유 결석과 종이 서명부는 출석 기록 화면에서",
        "en": "Late, excused and the paper sheet: the attendance page",
    },
    "checkin_board.show": {"ko": "출석 QR 띄우기", "en": "Show the check-in QR"},
    "checkin_board.unmatched": {
        "ko": "확인이 필요한 체크인 ({n}건)",
        "en": "Check-ins to confirm ({n})",
    },
    "checkin_board.unmatched_help": {
        "ko": "로그인 없이 체크인했지만 명단에서 한 사람으로 찾지 못한 이름입니다. 누구인지 고르거나 명단에 추가하세요.",
        "en": "Names checked in without a login that matched no one person on the list: choose who it is, or add the name to the list.",
    },
    "checkin_board.reason_unknown": {"ko": "명단에 없는 이름", "en": "not on the list"},
    "checkin_board.reason_ambiguous": {
        "ko": "명단에 같은 이름이 여럿",
        "en": "more than one person of this name",
    },
    "checkin_board.reason_marked": {
        "ko": "결석·사유 결석으로 기록된 뒤 체크인",
        "en": "checked in after being marked absent or excused",
    },
    "checkin_board.unmatched_at": {
        "ko": "{village} · {time} 체크인 · {reason}",
        "en": "{village} · checked in {time} · {reason}",
    },
    "checkin_board.match_who": {"ko": "명단의 누구인가요?", "en": "Who on the list is it?"},
    "checkin_board.match_placeholder": {"ko": "명단에서 고르세요", "en": "Choose from the list"},
    "checkin_board.match": {"ko": "이 사람으로 출석", "en": "Mark this person present"},
    "checkin_board.add": {"ko": "명단에 추가하고 출석", "en": "Add to the list, mark present"},
    "checkin_board.dismiss": {"ko": "무시", "en": "Set aside"},
    "checkin_board.matched": {
        "ko": "{name} 님을 출석으로 기록했습니다.",
        "en": "{name} is marked present.",
    },
    "checkin_board.added": {
        "ko": "{name}{name|을} 명단에 추가하고 출석으로 기록했습니다.",
        "en": "{name} is on the list now and marked present.",
    },
    "checkin_board.dismissed": {
        "ko": "{name}의 체크인을 무시했습니다.",
        "en": "The check-in of {name} is set aside.",
    },
    # refusals
    "error.checkin_code_format": {
        "ko": "체크인 코드는 숫자 6자리입니다.",
        "en": "A check-in code is 6 digits.",
    },
    "field.checkin_code": {"ko": "체크인 코드", "en": "Check-in code"},
    "error.checkin_code_expired": {
        "ko": "지난 코드입니다. 코드는 1분마다 바뀝니다: 지금 화면의 코드를 입력하거나 QR 코드를 다시 찍으세요.",
        "en": "That code has expired: it changes every minute. Type the one on the screen now, or scan the QR code again.",
    },
    "error.checkin_wrong_code": {
        "ko": "코드가 맞지 않습니다. 화면의 코드를 다시 확인하세요(1분마다 바뀝니다).",
        "en": "That code is not right. Check the code on the screen (it changes every minute).",
    },
    "error.checkin_locked": {
        "ko": "틀린 코드가 너무 많습니다. {minutes}분 뒤에 다시 하거나 강사에게 출석 처리를 부탁하세요.",
        "en": "Too many wrong codes. Try again in {minutes} minutes, or ask the trainer to mark you present.",
    },
    "error.checkin_who": {
        "ko": "명단에서 이름을 고르거나, 명단에 없으면 이름을 적어 주세요.",
        "en": "Choose your name from the list, or type it if it is not there.",
    },
    "error.checkin_cancelled": {
        "ko": "취소된 교육이라 체크인할 수 없습니다.",
        "en": "This session was cancelled: there is nothing to check in to.",
    },
    "error.checkin_ended": {
        "ko": "교육이 {time}에 끝나 체크인이 닫혔습니다. 참석했다면 강사에게 알려 주세요.",
        "en": "The session ended at {time} and check-in is closed. If you were there, tell the trainer.",
    },
    "error.checkin_not_yet": {
        "ko": "아직 체크인할 수 없습니다. {time}부터 됩니다(교육 시작 {minutes}분 전).",
        "en": "Check-in is not open yet: it opens at {time} ({minutes} minutes before the start).",
    },
    "error.checkin_not_opened": {
        "ko": "강사가 아직 셀프 체크인을 열지 않았습니다.",
        "en": "The trainer has not opened self check-in for this session.",
    },
    "error.checkin_none_open": {
        "ko": "지금 체크인을 받는 우리 마을 교육이 없습니다.",
        "en": "No session of your village is taking check-ins now.",
    },
    "error.checkin_not_invited": {
        "ko": "우리 마을이 참여하는 교육이 아닙니다.",
        "en": "This session is not one your village attends.",
    },
    "error.checkin_marked_absent": {
        "ko": "강사가 {name} 님을 결석으로 기록했습니다. 강사에게 말씀해 주세요.",
        "en": "The trainer has marked {name} absent. Please speak to the trainer.",
    },
    "error.checkin_marked_excused": {
        "ko": "강사가 {name} 님을 사유 결석으로 기록했습니다. 강사에게 말씀해 주세요.",
        "en": "The trainer has marked {name} excused. Please speak to the trainer.",
    },
    "error.self_checkin_link": {
        "ko": "이 링크로는 체크인할 수 없습니다. 교육장 화면의 QR 코드를 다시 찍어 주세요.",
        "en": "This link does not open a check-in. Scan the QR code on the screen again.",
    },
    "error.self_checkin_wrong_code": {
        "ko": "코드가 맞지 않거나 지금은 체크인을 받지 않습니다. 화면의 코드를 다시 확인하세요(1분마다 바뀝니다).",
        "en": "That code is not right, or check-in is not open now. Check the code on the screen (it changes every minute).",
    },
    "error.self_checkin_name": {
        "ko": "이름을 적어 주세요.",
        "en": "Please type your name.",
    },
    "error.self_checkin_village": {
        "ko": "이 교육에 참여하는 마을 가운데에서 골라 주세요.",
        "en": "Choose one of the villages invited to this session.",
    },
    "error.self_checkin_phone_full": {
        "ko": "한 휴대전화로는 {n}명까지 체크인할 수 있습니다. 나머지 분은 강사에게 말씀해 주세요.",
        "en": "One phone checks in at most {n} people; the others please tell the trainer.",
    },
    "error.self_checkin_unknown": {
        "ko": "이 교육에 그런 체크인이 없습니다({id}).",
        "en": "This session has no such check-in ({id}).",
    },
    "error.self_checkin_resolution": {
        "ko": "체크인을 처리하는 방법이 아닙니다: {value}",
        "en": "Not a way to settle a check-in: {value}",
    },
    "error.self_checkin_resolved": {
        "ko": "{name}의 체크인은 이미 처리되었습니다.",
        "en": "The check-in of {name} has been dealt with already.",
    },
    # the audit log
    "action.self_checkin_refused": {
        "ko": "로그인 없는 체크인 거절",
        "en": "Check-in without a login refused",
    },
    "action.self_checkin_again": {
        "ko": "같은 이름의 체크인 반복",
        "en": "The same name checked in again",
    },
    "audit.action.checkin_refused": {"ko": "틀린 체크인 코드", "en": "Wrong check-in code"},
    "audit.action.checkin_locked": {
        "ko": "잠긴 휴대전화의 체크인 시도",
        "en": "Check-in tried while locked out",
    },
    "audit.action.checkin_lockout": {
        "ko": "체크인 잠금(틀린 코드가 많음)",
        "en": "Check-in locked (too many wrong codes)",
    },
    "audit.action.self_checkin_refused": {
        "ko": "로그인 없는 체크인 거절",
        "en": "Check-in without a login refused",
    },
    "audit.action.self_checkin_again": {
        "ko": "같은 이름의 체크인 반복",
        "en": "The same name checked in again",
    },
    "audit.noun.training_self_checkins": {"ko": "셀프 체크인", "en": "a self check-in"},
    "entity.training_self_checkins": {
        "ko": "로그인 없는 셀프 체크인",
        "en": "Self check-ins without a login",
    },
    "action.checkin_refused": {"ko": "틀린 체크인 코드", "en": "Wrong check-in code"},
    "action.checkin_locked": {
        "ko": "잠긴 휴대전화의 체크인 시도",
        "en": "Check-in tried while locked out",
    },
    "action.checkin_lockout": {
        "ko": "체크인 잠금(틀린 코드가 많음)",
        "en": "Check-in locked (too many wrong codes)",
    },
    "entity.training_sessions": {"ko": "교육", "en": "Training sessions"},
    "entity.training_attendance": {"ko": "교육 출석", "en": "Training attendance"},
}
